"""The import wizard's work on the window's worker: read and plan a file, then apply the plan."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...app import imports
from ...app.changes import Outcome
from ...app.imports import ImportPlan, ImportResult, NewOrganisation
from ...core.progress import CancelToken, Progress

if TYPE_CHECKING:
    from ...app.database import Database

Job = Callable[[Progress, CancelToken], Any]
LAYOUTS = {  # as "looks like …" says them
    "eventbrite": "an Eventbrite attendee report", "teams_attendance": "a Microsoft Teams attendance report",
    "zoom_meeting_participants": "a Zoom meeting participants report",
    "zoom_webinar_attendees": "a Zoom webinar attendee report", "zoom_registration": "a Zoom registration report",
    "google_forms": "the responses of a Google form", "microsoft_forms": "the responses of a Microsoft form",
    "indico": "an Indico list of registrants", "pretix": "a pretix attendee list", "host_roster": "a host roster",
    "generic": "a table of people",
}


@dataclass(frozen=True)
class Planned:
    """A plan and, per column of the file, its first non-empty value (to help correct the mapping)."""

    plan: ImportPlan
    samples: dict[str, str]


def layout_label(layout: str) -> str:
    return LAYOUTS.get(layout, "a " + layout.replace("_", " ") + " file")


def plan_job(db: Database, event_code: str, path: Path, *, mapping: dict[str, str] | None, attendance: bool,
             sheet: str | None = None, include_hidden: bool = False) -> Job:
    """Read the file (a workbook's chosen or matching sheet) and say what would happen to each row; changes nothing."""

    def job(progress: Progress, token: CancelToken) -> Planned:
        progress(0, 0, f"Reading {path.name}…")
        plan = imports.plan_import(db, event_code, path, mapping=mapping, attendance=attendance, sheet=sheet,
                                   include_hidden=include_hidden)
        token.check()
        return Planned(plan, imports.column_samples(path, sheet=plan.source.sheet or None))

    return job


def apply_job(db: Database, plan: ImportPlan, *, skip_invalid: bool, organisations: tuple[NewOrganisation, ...]) -> Job:
    """Carry out the plan in one transaction; a Cancel before the commit rolls everything back."""

    def job(progress: Progress, token: CancelToken) -> Outcome[ImportResult]:
        return imports.apply_import(db, plan, skip_invalid=skip_invalid, organisations=organisations,
                                    progress=progress, cancel=token)

    return job


def result_lines(result: ImportResult) -> list[str]:
    """What an import did, one line per kind of change that happened."""
    counts = (
        (len(result.organisations_created), "new organisations"), (result.people_created, "new people"), (result.people_updated, "people updated"),
        (result.registrations_created, "registrations created"), (result.registrations_updated, "registrations updated"),
        (result.waitlisted, "put on the waitlist (event full)"), (result.attended, "marked attended"),
        (result.no_show, "marked no-show"),
    )
    lines = [f"{n} {what}" for n, what in counts if n]
    if result.skipped:
        lines.append(f"{len(result.skipped)} rows left out: " + "; ".join(result.skipped[:5]) + (" …" if len(result.skipped) > 5 else ""))
    if result.unmatched:
        lines.append(f"{len(result.unmatched)} rows matched nobody: " + "; ".join(result.unmatched[:5]))
    return lines or ["Nothing needed changing."]
