"""Importing what staff receive: people and registrations, attendance reports, and calendar items (.ics).

A table import is planned first (read, mapped, every row validated against the
database, nothing changed) and then applied in one transaction, all or nothing
(or the valid rows only, when asked): exchange reads the file and says what to
write, core writes it. `import_file` does both in one transaction,
for the command line; the window plans, shows the preview, then applies.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..core.errors import IurcError
from ..core.events import items
from ..core.people import listing as people
from ..core.progress import CancelToken, Progress, no_progress
from ..core.registrations import attendance, participations as registrations
from ..exchange.ics.reading import ImportedItems, plan_ics
from ..exchange.imports import people as exchange_imports
from ..exchange.imports import attendance as imports_attendance, layouts as imports_layouts
from ..exchange.imports.plan import ImportPlan, ImportResult, NoShow, PlannedRow
from .changes import Topic
from .unit_of_work import UnitOfWork, reads, writes

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

__all__ = [
    "ImportPlan", "ImportRefused", "ImportResult", "ImportedItems", "NoShow", "PlannedRow",
    "apply_import", "column_samples", "import_calendar", "import_file", "plan_import", "preview_calendar",
]


class ImportRefused(IurcError):
    """The file has rows that cannot be imported and the valid ones alone were not asked for; nothing changed."""

    def __init__(self, plan: ImportPlan) -> None:
        lines = [f"{plan.path.name} was not imported: {len(plan.rejected)} of {len(plan.rows)} rows cannot be read; "
                 "the database is unchanged. Fix these rows, or import the others with --skip-invalid:"]
        super().__init__("\n".join(lines + plan.problems))
        self.plan = plan


def column_samples(path: Path) -> dict[str, str]:
    """The first value under each header of the file's people tables (to help correct the mapping)."""
    out: dict[str, str] = {}
    for table in imports_layouts.people_tables(exchange_imports.read_sheet(Path(path))):
        for i, header in enumerate(table.header):
            if header and header not in out:
                value = next((cells[i] for _, cells in table.rows if i < len(cells) and cells[i] not in (None, "")), None)
                if value is not None:
                    out[header] = str(value)
    return out


@reads
def plan_import(
    uow: UnitOfWork, code: str, path: Path, *, mapping: dict[str, str] | None = None, attendance: bool = False
) -> ImportPlan:
    """Read and validate the file against the database: what would happen to each row. Changes nothing."""
    return exchange_imports.plan_import(uow.session, code, Path(path), mapping=mapping, attendance=attendance)


@writes(Topic.PEOPLE, Topic.PARTICIPANTS)
def apply_import(
    uow: UnitOfWork, plan: ImportPlan, *, skip_invalid: bool = False,
    progress: Progress = no_progress, cancel: CancelToken | None = None,
) -> ImportResult:
    """Carry out a plan in one transaction: every row, or with `skip_invalid` the valid ones."""
    result = _carry_out(uow.session, plan, skip_invalid, progress, cancel or CancelToken())
    uow.check(cancel)
    return result


@writes(Topic.PEOPLE, Topic.PARTICIPANTS)
def import_file(
    uow: UnitOfWork, code: str, path: Path, *, attendance: bool = False, skip_invalid: bool = False,
    progress: Progress = no_progress, cancel: CancelToken | None = None,
) -> tuple[ImportPlan, ImportResult]:
    """Plan and apply in one transaction; rows that cannot be read refuse it all unless `skip_invalid`."""
    plan = exchange_imports.plan_import(uow.session, code, Path(path), attendance=attendance)
    if plan.rejected and not skip_invalid:
        raise ImportRefused(plan)
    result = _carry_out(uow.session, plan, skip_invalid, progress, cancel or CancelToken())
    uow.check(cancel)
    return plan, result


def _carry_out(session: Session, plan: ImportPlan, skip_invalid: bool, progress: Progress, cancel: CancelToken) -> ImportResult:
    """Write what the plan says through core: attendance, or people and their registrations."""
    exchange_imports.check_applicable(plan, skip_invalid)
    by, reason = exchange_imports.recorded_as(plan)
    if plan.attendance:
        came = imports_attendance.attendances(plan)
        missed = [n.participation_id for n in plan.no_show]
        attendance.record_attendance(session, plan.event_code, came, missed, by=by, reason=reason, progress=progress, cancel=cancel)
        return imports_attendance.attendance_result(plan, len(came))
    changes = exchange_imports.people_changes(session, plan)
    progress(0, changes.rows, "Importing people")
    cancel.check()
    created = dict(zip(changes.new_rows, people.add_people(session, changes.new_people)))
    updated = people.fill_blanks(session, changes.filled)
    progress(changes.rows // 2, changes.rows, "Registering")
    made = registrations.register_many(session, plan.event_code, exchange_imports.registrations(changes.joining, created),
                                       by=by, reason=reason)
    for row in changes.moving:
        registrations.set_status(session, plan.event_code, [row.participation_id], row.status, by=by, reason=reason)
    cancel.check()
    progress(changes.rows, changes.rows, "Done")
    skipped = tuple(plan.problems) if skip_invalid else ()
    return ImportResult(len(created), updated, len(made.participation_ids), len(changes.moving), made.waitlisted, skipped=skipped)


@reads
def preview_calendar(uow: UnitOfWork, code: str, path: Path) -> ImportedItems:
    """What importing the .ics file into the event's items would do; changes nothing."""
    return plan_ics(uow.session, code, Path(path)).outcome


@writes(Topic.ITEMS)
def import_calendar(uow: UnitOfWork, code: str, path: Path, *, cancel: CancelToken | None = None) -> ImportedItems:
    """Add or update the event's items from a calendar file, all or nothing."""
    plan = plan_ics(uow.session, code, Path(path))
    items.put_calendar_items(uow.session, code, plan.entries)
    uow.check(cancel)
    return plan.outcome
