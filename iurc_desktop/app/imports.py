"""Importing what staff receive: people and registrations, attendance reports, and calendar items (.ics).

A table import is planned first (read, mapped, every row validated against the
database, nothing changed) and then applied in one transaction, all or nothing
(or the valid rows only, when asked): exchange reads the file and says what to
write, core writes it. `import_file` does both in one transaction,
for the command line; the window plans, shows the preview, then applies.
Organisations the file names that are not stored are created in the same
transaction when asked, by the programme file's rules; an applied import
returns how to take it back (`undo_import`). A workbook is read on the sheet
given, else on the one whose header names people (`SheetChoiceNeeded` when that
does not tell); its hidden rows are left out unless included; a plan that takes
no row is refused rather than done.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from ..core import imports as taking_back
from ..core.errors import IurcError, ValidationError
from ..core.events import items
from ..core.imports import ImportUndo
from ..core.people import listing as people
from ..core.progress import CancelToken, Progress, no_progress
from ..core.registrations import attendance, participations as registrations
from ..core.registrations import undo as statuses
from ..exchange.ics.reading import ImportedItems, plan_ics, refuse_clock_changes
from ..exchange.imports import people as exchange_imports
from ..exchange.imports import attendance as imports_attendance, layouts as imports_layouts
from ..exchange.imports import organisations as imports_organisations
from ..exchange.imports import rows as imports_rows
from ..exchange.imports.organisations import for_country, zones_of_country
from ..exchange.imports.plan import ImportPlan, ImportResult, NewOrganisation, NoShow, PlannedRow, check_rows
from ..exchange.imports.tabular import SheetChoice, SheetChoiceNeeded
from .changes import Topic
from .unit_of_work import UnitOfWork, reads, writes

__all__ = [
    "ImportPlan", "ImportRefused", "ImportResult", "ImportUndo", "ImportedItems", "NewOrganisation", "NoShow", "PlannedRow",
    "SheetChoiceNeeded",
    "apply_import", "check_organisations", "column_samples", "for_country", "import_calendar", "import_file",
    "plan_import", "preview_calendar", "undo_import", "zones_of_country",
]


class ImportRefused(IurcError):
    """The file has rows that cannot be imported and the valid ones alone were not asked for; nothing changed."""

    def __init__(self, plan: ImportPlan) -> None:
        lines = [f"{plan.path.name} was not imported: {len(plan.rejected)} of {len(plan.rows)} rows cannot be read; "
                 "the database is unchanged. Fix these rows, or import the others with --skip-invalid:"]
        super().__init__("\n".join(lines + plan.problems))
        self.plan = plan


def column_samples(path: Path, *, sheet: str | None = None) -> dict[str, str]:
    """The first value under each header of the file's people tables (to help correct the mapping)."""
    out: dict[str, str] = {}
    for table in imports_layouts.people_tables(exchange_imports.read_sheet(Path(path), SheetChoice(sheet))):
        for i, header in enumerate(imports_rows.column_names(table)):
            if header and header not in out:
                value = next((cells[i] for _, cells in table.rows if i < len(cells) and cells[i] not in (None, "")), None)
                if value is not None:
                    out[header] = str(value)
    return out


@reads
def plan_import(
    uow: UnitOfWork, code: str, path: Path, *, mapping: dict[str, str] | None = None, attendance: bool = False,
    sheet: str | None = None, include_hidden: bool = False,
) -> ImportPlan:
    """Read and validate the file against the database: what would happen to each row. Changes nothing.

    Refused when no row is read at all; a plan whose rows are all hidden is shown, to be included or not.
    """
    plan = exchange_imports.plan_import(uow.session, code, Path(path), mapping=mapping, attendance=attendance,
                                        choice=SheetChoice(sheet, include_hidden))
    check_rows(plan, taking=False)
    return plan


@reads
def check_organisations(uow: UnitOfWork, organisations: Sequence[NewOrganisation]) -> list[str]:
    """What is wrong with the organisations ticked for creation, as lines "name: field: message"; changes nothing."""
    return imports_organisations.problems(uow.session, [o for o in organisations if o.create])


@writes(Topic.PEOPLE, Topic.PARTICIPANTS)
def apply_import(
    uow: UnitOfWork, plan: ImportPlan, *, skip_invalid: bool = False, organisations: Sequence[NewOrganisation] = (),
    progress: Progress = no_progress, cancel: CancelToken | None = None,
) -> ImportResult:
    """Carry out a plan in one transaction: every row, or with `skip_invalid` the valid ones.

    The `organisations` ticked for creation are created first and their people linked to them; the names of the
    others go to the people's notes. The result's `undo` takes it all back (`undo_import`).
    """
    result = _carry_out(uow, plan, skip_invalid, organisations, progress, cancel or CancelToken())
    uow.check(cancel)
    return result


@writes(Topic.PEOPLE, Topic.PARTICIPANTS)
def import_file(
    uow: UnitOfWork, code: str, path: Path, *, attendance: bool = False, skip_invalid: bool = False,
    create_organisations: bool = False, mapping: dict[str, str] | None = None, sheet: str | None = None,
    include_hidden: bool = False, progress: Progress = no_progress, cancel: CancelToken | None = None,
) -> tuple[ImportPlan, ImportResult]:
    """Plan and apply in one transaction; rows that cannot be read refuse it all unless `skip_invalid`.

    With `create_organisations` the organisations the file names that are not stored are created, and the import is
    refused when the country or zone of one of them cannot be told. A file with no row to take is refused.
    """
    plan = exchange_imports.plan_import(uow.session, code, Path(path), mapping=mapping, attendance=attendance,
                                        choice=SheetChoice(sheet, include_hidden))
    if plan.rejected and not skip_invalid:
        raise ImportRefused(plan)
    organisations = _told(plan.organisations) if create_organisations else ()
    result = _carry_out(uow, plan, skip_invalid, organisations, progress, cancel or CancelToken())
    uow.check(cancel)
    return plan, result


@writes(Topic.PEOPLE, Topic.PARTICIPANTS, Topic.ORGANISATIONS)
def undo_import(uow: UnitOfWork, undo: ImportUndo) -> None:
    """Take an import back: remove the organisations, people and registrations it created, put back what it changed."""
    taking_back.take_back(uow.session, undo)


def _told(organisations: Sequence[NewOrganisation]) -> tuple[NewOrganisation, ...]:
    """The organisations, refused when one lacks what the file cannot tell (its country or zone)."""
    untold = [f"{o.name} (row{'s' if len(o.rows) > 1 else ''} {', '.join(map(str, o.rows))}): no {' or '.join(o.missing())}"
              for o in organisations if o.missing()]
    if untold:
        raise ValidationError(
            ["Nothing was imported: these organisations cannot be created, the file does not tell their country or zone. "
             "Add them first (add organisation), or import without --create-organisations to keep their names in the "
             "people's notes:"] + [f"  {line}" for line in untold])
    return tuple(organisations)


def _create_organisations(uow: UnitOfWork, organisations: Sequence[NewOrganisation]) -> dict[str, int]:
    """Create the ticked organisations by the programme file's rules; their ids by key."""
    chosen = [o for o in organisations if o.create]
    if not chosen:
        return {}
    refused = imports_organisations.problems(uow.session, chosen)
    if refused:
        raise ValidationError(refused)
    uow.changed.add(Topic.ORGANISATIONS)
    return taking_back.create_organisations(uow.session, [o.entry() for o in chosen])


def _carry_out(uow: UnitOfWork, plan: ImportPlan, skip_invalid: bool, organisations: Sequence[NewOrganisation],
               progress: Progress, cancel: CancelToken) -> ImportResult:
    """Write what the plan says through core: attendance, or organisations, people and their registrations."""
    session = uow.session
    check_rows(plan)
    exchange_imports.check_applicable(plan, skip_invalid)
    by, reason = exchange_imports.recorded_as(plan)
    before = statuses.snapshot(session, plan.event_code)
    if plan.attendance:
        came = imports_attendance.attendances(plan)
        missed = [n.participation_id for n in plan.no_show]
        times = taking_back.attendance_before(session, [c.participation_id for c in came])
        attendance.record_attendance(session, plan.event_code, came, missed, by=by, reason=reason, progress=progress, cancel=cancel)
        undo = ImportUndo(plan.event_code, statuses=before, attendance=times)
        return replace(imports_attendance.attendance_result(plan, len(came)), undo=undo)
    made_orgs = _create_organisations(uow, organisations)
    changes = exchange_imports.people_changes(session, plan)
    progress(0, changes.rows, "Importing people")
    cancel.check()
    blanks = taking_back.blanks_before(session, changes.filled)
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
    undo = ImportUndo(plan.event_code, tuple(made_orgs.values()), tuple(created.values()), made.participation_ids, blanks, before)
    return ImportResult(len(created), updated, len(made.participation_ids), len(changes.moving), made.waitlisted,
                        skipped=skipped, organisations_created=tuple(made_orgs), undo=undo)


@reads
def preview_calendar(uow: UnitOfWork, code: str, path: Path, *, dst: str | None = None,
                     as_import: bool = False) -> ImportedItems:
    """What importing the .ics file into the event's items would do; changes nothing.

    Times on a daylight-saving change are named in the notes (read as RFC 5545 says, or by the `dst` reading);
    `as_import` refuses them, and entries outside the event's dates, as the import itself would (a dry run that says
    what the import will say).
    """
    plan = plan_ics(uow.session, code, Path(path), dst=dst)
    if as_import:
        refuse_clock_changes(plan)
        items.check_calendar_items(uow.session, code, plan.entries)
    return plan.outcome


@writes(Topic.ITEMS)
def import_calendar(uow: UnitOfWork, code: str, path: Path, *, dst: str | None = None,
                    cancel: CancelToken | None = None) -> ImportedItems:
    """Add or update the event's items from a calendar file, all or nothing.

    A wall time the clocks skip or repeat refuses it all (ClockChangeRefused, naming both readings) unless `dst`
    ('earlier' or 'later') picks one: those entries then take that reading and keep their length, each in the notes.
    Entries outside the event's dates refuse it all too, each named, as `add item` refuses one.
    """
    plan = plan_ics(uow.session, code, Path(path), dst=dst)
    refuse_clock_changes(plan)
    items.put_calendar_items(uow.session, code, plan.entries)
    uow.check(cancel)
    return plan.outcome
