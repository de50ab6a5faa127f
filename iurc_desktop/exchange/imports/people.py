"""Importing people and registrations (or attendance) from the files staff receive.

`plan_import` reads the file, guesses the layout and the column mapping (which
the user may correct and pass back), validates every row and says what would
happen to each: a new person, a matched person, an updated registration, a
duplicate of an earlier row, or rejected with reasons and its row number, and
which organisations the rows name that are not stored yet (`organisations`).
Rows that are no one (a device, a meeting room, a role label) are skipped with
the reason. A row with bytes that are not UTF-8 or an arrival far from the event's
dates carries a warning and is still imported; a meeting tool's attendance report
read as registrations says so on the rows whose status cannot move. Arrival and
departure dates (a host roster's) go to the notes of the
registration the row makes: a travel leg needs places and times a roster does
not give, and the model has no date-only arrival.
`people_changes` turns a plan into the plain rows the application writes with
`core.people.listing` and `core.registrations.participations` (attendance: `attendances`, written by
`core.registrations.attendance`); this module only reads the database. Cell text is stored as written:
a value that a spreadsheet would take as a formula stays plain text here, and
exports neutralise it. Rows are read in `rows`, the plan's shapes live
in `plan`, attendance reports go through `attendance`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from functools import cache
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...core.errors import IurcError, ValidationError
from ...core.events.listing import get_event_model
from ...core.models import Event, Participation, Person
from ...core.people.duplicates import name_keys
from ...core.people.erasure import not_erased
from ...core.registrations import participations as reg
from ...core.textfold import fold
from . import hidden_rows, layouts
from .attendance import BY as ATTENDANCE_BY
from .attendance import plan_attendance
from .cell_text import stripped_records
from .dates import day_first
from .mapping import check_mapping, is_known_header, named_fields
from .organisations import known_organisations, new_organisations
from .plan import ImportPlan, PeopleChanges, PlannedRow
from .rows import PersonFields, Record, check_arrival, records, read_person
from .tabular import Sheet, SheetChoice, read_tables

IMPORTED_BY = "import"
NOT_UTF8 = "row has bytes that are not UTF-8: check the name"
# Said on a row whose status cannot move: a meeting tool's report read as registrations says "registered" for all.
ATTENDANCE_HINT = "this looks like an attendance report: tick 'attendance report' (on the command line: --attendance)"


# ---- reading -------------------------------------------------------------------------------

def read_sheet(path: Path, choice: SheetChoice = SheetChoice()) -> Sheet:
    """The file's tables (of a workbook's chosen or matching sheet), headers found by the known column names of every language."""
    return read_tables(Path(path), is_known_header, min_known=2, choice=choice)


# The columns whose slashed dates together tell whether the file puts the day first.
_DATED = ("registered_at", "join_time", "leave_time", "passport_expiry", "arrival", "departure")


def _dayfirst(sheet: Sheet, layout: str, recs: Sequence[Record]) -> bool:
    values = [r.values.get(f) for r in recs for f in _DATED]
    return day_first(values, layouts.prefers_day_first(sheet, layout))


# ---- planning ------------------------------------------------------------------------------

def plan_import(
    session: Session, event_code: str, path: Path, *, mapping: dict[str, str] | None = None, attendance: bool = False,
    choice: SheetChoice = SheetChoice(),
) -> ImportPlan:
    """Read and validate the file against the database; change nothing."""
    event = get_event_model(session, event_code)
    mapping = named_fields(mapping) if mapping else None
    sheet = read_sheet(Path(path), choice)
    layout = layouts.detect_layout(sheet)
    recs, header, used = records(sheet, mapping)
    _check_columns(mapping or {}, used, Path(path).name)  # a column that is not there is the first thing to say
    problems = check_mapping(mapping or {})
    if problems:
        raise ValidationError(problems)
    recs, stripped = stripped_records(recs, used)
    recs, hidden = hidden_rows.set_aside(sheet, recs)
    dayfirst = _dayfirst(sheet, layout, recs)
    if attendance:
        rows, no_show, notes = plan_attendance(session, event, recs, dayfirst, Path(path).name)
        rows = _warn_not_utf8(rows, sheet.source.not_utf8)
        return ImportPlan(event.code, Path(path), layout, sheet.encoding, sheet.delimiter, True, header, used,
                          hidden_rows.with_left_out(rows, hidden, dayfirst), tuple(no_show),
                          sheet.source.notes() + stripped + tuple(notes), source=sheet.source)
    groups = {g.name for g in event.groups}
    people = [read_person(r, dayfirst, groups, event.start_date) for r in recs]
    for person in people:
        check_arrival(person, event.start_date, event.end_date)
    hint = (ATTENDANCE_HINT,) if layout in layouts.ATTENDANCE else ()
    rows = _warn_not_utf8(_fates(session, event, people, hint), sheet.source.not_utf8)
    return ImportPlan(event.code, Path(path), layout, sheet.encoding, sheet.delimiter, False, header, used,
                      hidden_rows.with_left_out(rows, hidden, dayfirst),
                      notes=sheet.source.notes() + stripped + tuple(_travel_not_written(rows)) + _hinted(rows),
                      organisations=new_organisations(session, rows, sheet.source.not_utf8), source=sheet.source)


def _hinted(rows: Sequence[PlannedRow]) -> tuple[str, ...]:
    """The attendance hint once above the rows too: in the preview a row's reasons are cut short."""
    hinted = [r.row for r in rows if ATTENDANCE_HINT in r.problems]
    if not hinted:
        return ()
    return (f"row{'s' if len(hinted) > 1 else ''} {', '.join(map(str, hinted))} cannot move back to registered; "
            f"{ATTENDANCE_HINT}",)


def _warn_not_utf8(rows: list[PlannedRow], numbers: Sequence[int]) -> list[PlannedRow]:
    """The rows read with bytes that are not UTF-8 carry a warning: their "?" stands for a letter that was lost."""
    marked = set(numbers)
    return [replace(r, problems=(*r.problems, NOT_UTF8)) if r.row in marked else r for r in rows]


def _check_columns(mapping: dict[str, str], columns: dict[str, str], name: str) -> None:
    """Refuse a mapping naming a column the file does not have (a typo would otherwise be ignored)."""
    unknown = [h for h in mapping if h not in columns]
    if unknown:
        raise ValidationError(f"{name} has no column {', '.join(map(repr, unknown))}; its columns: "
                              f"{', '.join(map(repr, columns))}")


def _fates(session: Session, event: Event, people: list[PersonFields], hint: tuple[str, ...] = ()) -> list[PlannedRow]:
    """Each person's fate; `hint` is added to the rows a status change refuses."""
    by_email = _people_by_email(session, [p.email for p in people if p.email])
    names = cache(lambda: _name_index(session))  # built only if a row has no e-mail
    parts = {pid: (part_id, status) for pid, part_id, status in session.execute(
        select(Participation.person_id, Participation.id, Participation.status).where(Participation.event_id == event.id)
    )}
    first_by_email: dict[str, int] = {}
    first_by_name: dict[str, int] = {}
    rows = []
    for p in people:
        values = tuple(sorted(p.values.items()))
        base = dict(name=p.name, email=p.email, status=p.status, role=p.role, values=values)
        if p.not_a_person:
            rows.append(PlannedRow(p.row, "skipped", problems=(p.not_a_person,),
                                   **{**base, "name": p.shown, "status": "", "role": ""}))
            continue
        if p.problems:
            rows.append(PlannedRow(p.row, "rejected", problems=tuple(p.problems + p.warnings), **base))
            continue
        earlier = first_by_email.get(p.email) if p.email else first_by_name.get(p.key)
        if earlier is not None:
            row = PlannedRow(p.row, "duplicate", duplicate_of=earlier, **base)
        else:
            if p.email:
                first_by_email[p.email] = p.row
            else:
                first_by_name[p.key] = p.row
            row = _fate(p, base, by_email, parts, _name_match(names, p), hint)
        rows.append(replace(row, problems=(*row.problems, *p.warnings)) if p.warnings else row)
    return rows


def _fate(p: PersonFields, base: dict, by_email: dict[str, int], parts: dict[int, tuple[int, str]], by_name: list[int],  # type: ignore[type-arg]
          hint: tuple[str, ...]) -> PlannedRow:
    person_id = by_email.get(p.email) if p.email else None
    if person_id is None and not p.email:
        if len(by_name) > 1:
            return PlannedRow(p.row, "rejected", problems=(f"several people are named {p.name}; add the e-mail to say which",), **base)
        person_id = by_name[0] if by_name else None
    if person_id is None:
        return PlannedRow(p.row, "new", **base)
    if person_id not in parts:
        return PlannedRow(p.row, "matched", person_id=person_id, **base)
    part_id, current = parts[person_id]
    if current == p.status:
        return PlannedRow(p.row, "unchanged", person_id=person_id, participation_id=part_id, **base)
    try:
        reg.check_transition(current, p.status)
    except IurcError as exc:  # a Conflict naming from/to and what is allowed
        return PlannedRow(p.row, "rejected", problems=(str(exc), *hint), person_id=person_id, participation_id=part_id, **base)
    return PlannedRow(p.row, "update", person_id=person_id, participation_id=part_id, **base)


def _people_by_email(session: Session, emails: list[str]) -> dict[str, int]:
    """The stored people whose e-mail, trimmed and in lower case, is one of these (normalised) e-mails."""
    unique = sorted(set(emails))
    if not unique:
        return {}
    found: list[tuple[str, int]] = []
    for start in range(0, len(unique), 500):  # stay under SQLite's bound-parameter limit
        # e-mails are stored normalised: these are found through the unique index on e-mail, not by a scan per chunk
        found += [(email, pid) for email, pid in session.execute(
            select(Person.email, Person.id).where(Person.email.in_(unique[start:start + 500])))]
    # and in one scan, any stored otherwise (written by hand, or before e-mails were normalised)
    wanted, stored_as = set(unique), func.lower(func.trim(Person.email))
    found += [(email, pid) for email, pid in session.execute(select(stored_as, Person.id).where(Person.email != stored_as))
              if email in wanted]
    return dict(sorted(found, key=lambda pair: pair[1]))  # two stored alike: the later person, as the scan in id order gave


def _name_index(session: Session) -> dict[str, list[int]]:
    """Ids of the database's people under each folded form of their names, read once per plan."""
    index: dict[str, list[int]] = defaultdict(list)
    stmt = select(Person.id, Person.given_name, Person.family_name, Person.local_name).where(not_erased()).order_by(Person.id)
    for pid, given, family, local in session.execute(stmt):
        for key in name_keys(given, family, local):
            index[key].append(pid)
    return index


def _name_match(names: Callable[[], dict[str, list[int]]], p: PersonFields) -> list[int]:
    """People of the database whose folded name is this row's; only asked for rows without e-mail."""
    if p.email or not p.key:
        return []
    wanted = name_keys(str(p.values.get("given_name", "")), str(p.values.get("family_name", "")), str(p.values.get("local_name", "")))
    index = names()
    return sorted({pid for key in wanted for pid in index.get(key, ())})


# ---- what applying writes ---------------------------------------------------------------------

def check_applicable(plan: ImportPlan, skip_invalid: bool) -> None:
    """Refuse a plan with rejected rows unless the valid rows alone were asked for."""
    if plan.rejected and not skip_invalid:
        raise ValidationError(
            [f"{plan.path.name}: {len(plan.rejected)} rows cannot be imported; nothing was changed"] + plan.problems
        )


def recorded_as(plan: ImportPlan) -> tuple[str, str]:
    """Who moved the registrations and why, as their history records it."""
    if plan.attendance:
        return ATTENDANCE_BY, f"attendance report {plan.path.name}"
    return IMPORTED_BY, f"imported from {plan.path.name}"


def people_changes(session: Session, plan: ImportPlan) -> PeopleChanges:
    """The people a people plan creates and completes and the registrations it makes and moves; reads only."""
    rows = [r for r in plan.taken if r.fate not in ("rejected", "skipped")]
    merged = _merge_duplicates(rows)
    orgs = known_organisations(session) if any(r.fate in ("new", "matched", "update", "unchanged") for r in rows) else {}
    new = [merged[r.row] for r in rows if r.fate == "new"]
    # notes are written for new people only: a matched person's notes are theirs
    filled = [(r.person_id, {k: v for k, v in _person_values(merged[r.row], orgs).items() if k != "notes"})
              for r in rows if r.fate in ("matched", "update", "unchanged") and r.person_id is not None]
    return PeopleChanges(
        rows=len(rows),
        new_rows=tuple(r.row for r in new),
        new_people=tuple({**_person_values(r, orgs), "email": r.email or None} for r in new),
        filled=tuple(filled),
        joining=tuple(merged[r.row] for r in rows if r.fate in ("new", "matched")),
        moving=tuple(r for r in rows if r.fate == "update" and r.participation_id is not None),
    )


def _merge_duplicates(rows: list[PlannedRow]) -> dict[int, PlannedRow]:
    """Each kept row with the blanks filled from its later duplicates (a duplicate pair becomes one person)."""
    merged = {r.row: r for r in rows if r.fate != "duplicate"}
    for r in rows:
        if r.fate == "duplicate" and r.duplicate_of in merged:
            first = merged[r.duplicate_of]
            have = dict(first.values)
            for key, value in r.values:
                if value not in (None, "") and have.get(key) in (None, ""):
                    have[key] = value
            merged[first.row] = PlannedRow(**{**first.__dict__, "values": tuple(sorted(have.items()))})
    return merged


_PERSON_FIELDS = ("given_name", "family_name", "local_name", "name_order", "phone", "job_title", "gender", "nationality",
                  "dietary", "accessibility", "passport_expiry", "preferred_language")


def _person_values(row: PlannedRow, orgs: dict[str, int]) -> dict[str, object]:
    v = dict(row.values)
    out: dict[str, object] = {k: v[k] for k in _PERSON_FIELDS if k in v and v[k] not in (None, "")}
    org_text = str(v.get("organisation", "") or "")
    org_id = orgs.get(fold(org_text)) if org_text else None
    if org_id:
        out["organisation_id"] = org_id
    notes = [str(v["notes"])] if v.get("notes") else []
    if org_text and not org_id:
        notes.append(f"Organisation: {org_text}")  # not stored, nor created by this import: kept for whoever creates it
    if v.get("country"):
        notes.append(f"Country: {v['country']}")
    if notes:
        out["notes"] = "\n".join(notes)
    return out


def registrations(rows: Sequence[PlannedRow], ids: Mapping[int, int]) -> list[reg.NewRegistration]:
    """The registrations the plan's new and matched rows ask for, in file order; `ids` gives the new rows' people."""
    out = []
    for r in rows:
        values = dict(r.values)
        person_id = r.person_id or ids[r.row]
        out.append(reg.NewRegistration(person_id, r.role or "delegate", r.status, str(values.get("group") or "") or None,
                                       bool(values.get("visa_needed")), travel_note(values)))
    return out


def travel_note(values: Mapping[str, object]) -> str:
    """The arrival and departure a row gives, as the registration's notes say them ("Arrival 2026-04-03")."""
    return "\n".join(f"{label} {_when(values[key])}" for key, label in (("arrival", "Arrival"), ("departure", "Departure"))
                     if values.get(key))


def _when(value: object) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat() if isinstance(value, date) else str(value)


def _travel_not_written(rows: Sequence[PlannedRow]) -> list[str]:
    """A note naming the rows whose arrival or departure is not written: their registration already exists."""
    kept = [r.row for r in rows if r.fate in ("update", "unchanged") and travel_note(dict(r.values))]
    if not kept:
        return []
    return [f"row{'s' if len(kept) > 1 else ''} {', '.join(map(str, kept))}: already registered, so the arrival and "
            "departure dates are not written; enter them in the registration's notes"]
