"""What `show --group/--person` and `check` print: itineraries day by day, and logistics problems."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .output import format_table, iso
from ..core import local_times
from .show import beside, viewer_times

if TYPE_CHECKING:  # only for hints: either service may be missing from an installation
    from ..core.events.checks import Problem
    from ..core.travel.itineraries import Entry, Itinerary


def entry_json(entry: Entry, viewer_zone: str | None) -> dict[str, object]:
    """One entry: local start and end (ISO 8601 with offsets) with their zone names; the viewer's beside."""
    data: dict[str, object] = {
        "kind": entry.kind,
        "key": entry.key,
        "title": entry.title,
        "start": iso(entry.start),
        "start_zone": entry.start_zone,
        "end": iso(entry.end),
        "end_zone": entry.end_zone,
        "place": entry.place,
        "people": list(entry.people),
        "groups": list(entry.groups),
        "status": entry.status,
        "detail": entry.detail,
    }
    if viewer_zone:
        # always present with --zone, even where the clocks agree, so readers need no fallback
        data.update(viewer_times(entry.start, entry.end, viewer_zone))
    return data


def itinerary_json(itinerary: Itinerary) -> dict[str, object]:
    """The itinerary day by day, days headed by each entry's own local date."""
    return {
        "event": itinerary.event_code,
        "title": itinerary.event_title,
        "event_zone": itinerary.event_zone,
        "subject_kind": itinerary.subject_kind,
        itinerary.subject_kind: itinerary.subject,
        "name": itinerary.subject_name,
        "people": list(itinerary.people),
        "viewer_zone": itinerary.viewer_zone,
        "days": [
            {"date": day.date.isoformat(), "entries": [entry_json(e, itinerary.viewer_zone) for e in day.entries]}
            for day in itinerary.days
        ],
    }


def _when(entry: Entry) -> str:
    """'09:30–12:00 JST', or for a leg between zones '23:25 CET → 19:05 JST +1d'."""
    if entry.start_zone == entry.end_zone:
        return local_times.span_in_zone(entry.start, entry.end)
    return local_times.leg_times(entry.start, entry.end)


def _entry_cells(entry: Entry, viewer_zone: str | None) -> list[str]:
    title = entry.title + (" (cancelled)" if entry.status == "cancelled" else "")
    cells = [_when(entry)] + ([beside(entry.start, entry.end, viewer_zone)] if viewer_zone else [])
    groups = ", ".join(entry.groups) if entry.groups else ""
    return cells + [entry.kind, groups, entry.place, title]


def itinerary_text(itinerary: Itinerary) -> str:
    zone = itinerary.viewer_zone
    lines = [
        f"{itinerary.event_code}  {itinerary.event_title}",
        f"Itinerary of {itinerary.subject_name}" + (f" ({', '.join(itinerary.people)})" if itinerary.people else ""),
        f"Local times in each entry's zone; {zone} beside." if zone else "Local times in each entry's zone.",
    ]
    if not itinerary.entries:
        return "\n".join(lines + ["", "Nothing planned yet."]) + "\n"
    for day in itinerary.days:
        lines += ["", f"{day.date:%A %Y-%m-%d}"]
        headers = ["TIME"] + ([zone] if zone else []) + ["KIND", "GROUPS", "PLACE", "WHAT"]
        table = format_table(headers, [_entry_cells(e, zone) for e in day.entries])
        lines += ["  " + line for line in table.rstrip("\n").splitlines()]
    return "\n".join(lines) + "\n"


def problem_json(problem: Problem) -> dict[str, object]:
    return {
        "kind": problem.kind,
        "severity": problem.severity,
        "message": problem.message,
        "people": list(problem.people),
        "items": list(problem.items),
    }


def problems_json(problems: Sequence[Problem]) -> list[dict[str, object]]:
    return [problem_json(p) for p in problems]


def problems_text(code: str, problems: Sequence[Problem]) -> str:
    if not problems:
        return f"{code}: no logistics problems found.\n"
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    lines = [f"{code}: {errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"]
    for p in problems:
        lines.append(f"{p.severity.upper():8} {p.kind:16} {p.message}")
        if p.people:
            lines.append(f"{'':25} people: {', '.join(p.people)}")
        if p.items:
            lines.append(f"{'':25} items: {', '.join(p.items)}")
    return "\n".join(lines) + "\n"
