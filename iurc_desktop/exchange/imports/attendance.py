"""Attendance reports (Teams, Zoom): who of the registered came, when, and for how long.

Each row is matched to a participant of the event by its e-mail, then by the
e-mail it registered with, then, for guests without one, by folded name among
the event's participants when exactly one has it. Registered or confirmed
participants matched to no attended row become no-shows. Rows that name no
participant are listed, not added: an attendance report is not a registration.
Rows of a device, a meeting room, a dial-in number or a role label that match
nobody by e-mail are skipped, with the reason.
A report none of whose rows names a participant is refused: it is another
event's report (or not a report), and taking it would mark everyone no-show.
A report whose times fall outside the event's dates is taken with a note.
Times in the report are read in the event's zone (the reports carry no zone).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...core import timeutil
from ...core.errors import TimeError, ValidationError
from ...core.models import Event, Participation, Person
from ...core.people.duplicates import name_keys
from ...core.people.listing import normalise_email
from ...core.registrations.attendance import Attendance
from ...core.vocab import CAN_ATTEND, EXPECTED
from .dates import parse_datetime_value, parse_minutes
from .plan import ImportPlan, ImportResult, NoShow, PlannedRow
from .rows import Record, check_email, not_a_person
from .values import clean_display_name, split_name, yes_no

BY = "attendance import"


@dataclass
class _Visit:
    part_id: int
    spans: list[tuple[datetime, datetime]] = field(default_factory=list)
    minutes: float = 0.0
    rows: list[int] = field(default_factory=list)


def _participants(session: Session, event: Event) -> list[tuple[Participation, Person]]:
    stmt = select(Participation, Person).join(Person, Participation.person_id == Person.id).where(Participation.event_id == event.id)
    return [(part, person) for part, person in session.execute(stmt)]


def plan_attendance(
    session: Session, event: Event, recs: list[Record], dayfirst: bool, file_name: str = "the report"
) -> tuple[list[PlannedRow], list[NoShow], list[str]]:
    """Each row's fate (attended, absent, not_registered, unmatched, skipped, rejected), who would be a no-show, and notes.

    Raises ValidationError when no row names a participant of the event.
    """
    people = _participants(session, event)
    by_email = {normalise_email(p.email): (part, p) for part, p in people if p.email}
    by_key: dict[str, list[tuple[Participation, Person]]] = defaultdict(list)
    for part, p in people:
        for key in name_keys(p.given_name, p.family_name, p.local_name):
            by_key[key].append((part, p))
    rows, came, days = [], set(), set()
    for rec in recs:
        v = rec.values
        raw_name = clean_display_name(str(v.get("full_name") or f"{v.get('given_name', '')} {v.get('family_name', '')}"))
        email, problem = check_email(v.get("email"))
        reg_email, _ = check_email(v.get("registration_email"))
        problems = [problem] if problem else []
        join, leave, minutes = _times(v, event.zone, dayfirst, problems)
        days.update(timeutil.to_local(t, event.zone).date() for t in (join, leave) if t is not None)
        present = yes_no(v["attended"]) if v.get("attended") is not None else True
        base = dict(name=raw_name, email=email or reg_email)
        if problems:
            rows.append(PlannedRow(rec.row, "rejected", problems=tuple(problems), **base))
            continue
        match = by_email.get(email) or by_email.get(reg_email)
        why_not = not_a_person(str(v.get("full_name") or "")) if match is None else ""
        if why_not:  # shown as the report writes it: "Brussels Room 3.14 (Teams Room)", not just its tag
            shown = " ".join(str(v.get("full_name") or raw_name).split())
            rows.append(PlannedRow(rec.row, "skipped", problems=(why_not,), **{**base, "name": shown}))
            continue
        if match is None and not email:
            given, family, local, _ = split_name(raw_name)
            found = {part.id: (part, p) for key in name_keys(given, family, local) for part, p in by_key.get(key, [])}
            match = next(iter(found.values())) if len(found) == 1 else None
            if match is None:
                why = f"{len(found)} participants are named {raw_name}" if found else f"no participant is named {raw_name}"
                rows.append(PlannedRow(rec.row, "unmatched", problems=(why,), **base))
                continue
        if match is None:
            rows.append(PlannedRow(rec.row, "not_registered", problems=(f"{email} is not a participant of {event.code}",), **base))
            continue
        part, person = match
        if not present:
            rows.append(PlannedRow(rec.row, "absent", person_id=person.id, participation_id=part.id, status=part.status, **base))
            continue
        if part.status not in CAN_ATTEND:
            rows.append(PlannedRow(rec.row, "rejected", problems=(f"{person.display_name} is {part.status}; cannot mark attended",),
                                   person_id=person.id, participation_id=part.id, **base))
            continue
        came.add(part.id)
        values = (("join", join), ("leave", leave), ("minutes", minutes))
        rows.append(PlannedRow(rec.row, "attended", person_id=person.id, participation_id=part.id, status="attended",
                               values=values, **{**base, "name": person.display_name or raw_name}))
    _refuse_if_nobody_matched(rows, event.code, file_name)
    no_show = [NoShow(part.id, p.display_name, p.email or "") for part, p in people if part.id not in came and part.status in EXPECTED]
    return rows, no_show, _date_notes(days, event)


def _refuse_if_nobody_matched(rows: list[PlannedRow], code: str, file_name: str) -> None:
    if any(r.participation_id is not None for r in rows):
        return
    raise ValidationError(
        f"{file_name}: none of its {len(rows)} rows matches a participant of {code} (by e-mail, registration e-mail "
        f"or name), so it would mark everyone registered no-show; nothing was changed. "
        f"Is it the report of another event, or the wrong file?"
    )


def _date_notes(days: set[date], event: Event) -> list[str]:
    """A note when the report's times fall outside the event's dates (a report of another session?)."""
    outside = sorted(d for d in days if not event.start_date <= d <= event.end_date)
    if not outside:
        return []
    span = event.start_date.isoformat() + ("" if event.end_date == event.start_date else f" to {event.end_date.isoformat()}")
    return [f"the report's times are on {', '.join(d.isoformat() for d in outside)}, outside {event.code}'s dates ({span}): "
            f"check that it is this event's report"]


def _times(v: dict, zone: str, dayfirst: bool, problems: list[str]) -> tuple[datetime | None, datetime | None, float | None]:  # type: ignore[type-arg]
    out: list[datetime | None] = []
    for name, label in (("join_time", "join time"), ("leave_time", "leave time")):
        try:
            value = parse_datetime_value(v.get(name), dayfirst)
            if value is not None and not isinstance(value, datetime):
                raise ValueError(f"{v.get(name)!r} has no time of day")
            out.append(_instant(value, zone) if value is not None else None)
        except (ValueError, TimeError) as exc:
            problems.append(f"{label}: {exc}")
            out.append(None)
    try:
        minutes = parse_minutes(v.get("duration"))
    except ValueError as exc:
        problems.append(f"duration: {exc}")
        minutes = None
    return out[0], out[1], minutes


def _instant(value: datetime, zone: str) -> datetime:
    """A report time as UTC: read in the event's zone unless the report stated its offset."""
    return value.astimezone(timeutil.UTC) if value.tzinfo is not None else timeutil.to_utc(value, zone)


def _union_minutes(spans: list[tuple[datetime, datetime]]) -> float:
    """Minutes covered by the spans, overlaps counted once (Zoom lists a re-join as a second row)."""
    total, end = 0.0, None
    for start, stop in sorted(spans):
        if end is None or start > end:
            total += (stop - start).total_seconds()
            end = stop
        elif stop > end:
            total += (stop - end).total_seconds()
            end = stop
    return total / 60


def attendances(plan: ImportPlan) -> list[Attendance]:
    """Each participant's presence from the plan's attended rows, a participant's several rows taken together."""
    visits: dict[int, _Visit] = {}
    for row in plan.rows:
        if row.fate != "attended" or row.participation_id is None:
            continue
        values = dict(row.values)
        visit = visits.setdefault(row.participation_id, _Visit(row.participation_id))
        visit.rows.append(row.row)
        if values.get("join") and values.get("leave"):
            visit.spans.append((values["join"], values["leave"]))
        visit.minutes += values.get("minutes") or 0
    return [_attendance(visit) for visit in visits.values()]


def _attendance(visit: _Visit) -> Attendance:
    single = len(visit.rows) == 1 and visit.minutes
    minutes = round(visit.minutes if single or not visit.spans else _union_minutes(visit.spans))
    if not visit.spans:
        return Attendance(visit.part_id, None, None, minutes)
    return Attendance(visit.part_id, min(s for s, _ in visit.spans), max(e for _, e in visit.spans), minutes)


def attendance_result(plan: ImportPlan, attended: int) -> ImportResult:
    """What an applied attendance plan did: who came, who did not, and the rows naming nobody or rejected."""
    unmatched = tuple(f"row {r.row}: {'; '.join(r.problems)}" for r in plan.rows if r.fate in ("unmatched", "not_registered"))
    return ImportResult(attended=attended, no_show=len(plan.no_show), unmatched=unmatched, skipped=tuple(plan.problems))
