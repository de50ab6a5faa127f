"""Registrations: who takes part in an event, in which role and status, and what they need.

Statuses move only along `TRANSITIONS`; every move is recorded as a `StatusChange`
(when, by whom, from, to, why). An event's `capacity` counts confirmed and attended
people: confirming beyond it puts the person on the waitlist instead, and a place
freed by a cancellation or a decline goes to the first person on the waitlist.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, bindparam, func, insert, select, update
from sqlalchemy.orm import Session, contains_eager, joinedload

from .. import timeutil
from ..errors import Conflict, NotFound, ValidationError
from ..events.listing import ParticipantView, get_event_model
from ..models import Event, Group, Organisation, Participation, Person, StatusChange
from ..names import display_name
from ..new_rows import insert_rows
from ..people.listing import find_person_by_email
from ..team.concurrency import EditConflict, RowRef, kind_of
from ..team.who import by_or_current
from ..vocab import FREES_PLACE, HOLDS_PLACE, PARTICIPATION_STATUSES, ROLES, ParticipationStatus

_S = ParticipationStatus
# Where each status may go next. Corrections (attended <-> no_show, re-inviting a decline) are allowed;
# what would rewrite history (attended -> invited) is not.
_MOVES = {
    _S.INVITED: (_S.REGISTERED, _S.CONFIRMED, _S.WAITLISTED, _S.DECLINED, _S.CANCELLED, _S.ATTENDED),
    _S.REGISTERED: (_S.CONFIRMED, _S.WAITLISTED, _S.DECLINED, _S.CANCELLED, _S.ATTENDED, _S.NO_SHOW),
    _S.CONFIRMED: (_S.CANCELLED, _S.DECLINED, _S.ATTENDED, _S.NO_SHOW),
    _S.WAITLISTED: (_S.CONFIRMED, _S.DECLINED, _S.CANCELLED, _S.ATTENDED),
    _S.DECLINED: (_S.INVITED, _S.REGISTERED, _S.CONFIRMED),
    _S.CANCELLED: (_S.INVITED, _S.REGISTERED, _S.CONFIRMED),
    _S.ATTENDED: (_S.NO_SHOW,),
    _S.NO_SHOW: (_S.ATTENDED,),
}
TRANSITIONS: dict[str, tuple[str, ...]] = {s.value: tuple(n.value for n in nexts) for s, nexts in _MOVES.items()}


@dataclass(frozen=True)
class Change:
    """One status change made by a call: `to_status` may differ from the status asked for."""

    participation_id: int
    person_id: int
    name: str
    email: str
    from_status: str
    to_status: str
    reason: str
    waitlist_position: int | None = None


@dataclass(frozen=True)
class StatusSnapshot:
    """A participation's status and waitlist place at one moment."""

    participation_id: int
    status: str
    waitlist_position: int | None


@dataclass(frozen=True)
class StatusMoves:
    """What `change_status` did, and what undoes it: every participation it moved, as it was before."""

    changes: tuple[Change, ...]
    before: tuple[StatusSnapshot, ...]


@dataclass(frozen=True)
class HistoryEntry:
    at_utc: datetime
    by: str
    from_status: str
    to_status: str
    reason: str


@dataclass(frozen=True)
class RegistrationRow(ParticipantView):
    """A participant as the participants page shows it, needs included."""

    waitlist_position: int | None
    visa_needed: bool
    visa_status: str
    dietary: str
    accessibility: str
    passport_expiry: date | None
    attended_minutes: int | None


def allowed_next(status: str) -> tuple[str, ...]:
    """The statuses a participation in `status` may move to."""
    return TRANSITIONS.get(status, ())


def _may_move(from_status: str, to_status: str) -> bool:
    """Whether `TRANSITIONS` allows the move (staying put always is)."""
    return to_status == from_status or to_status in allowed_next(from_status)


def check_transition(from_status: str, to_status: str, who: str = "") -> None:
    """Raise Conflict naming from, to and what is allowed, unless the move is in `TRANSITIONS`."""
    _check_status(to_status)
    if _may_move(from_status, to_status):
        return
    prefix = f"{who}: " if who else ""
    allowed = ", ".join(allowed_next(from_status)) or "nothing"
    raise Conflict(f"{prefix}cannot go from {from_status} to {to_status}; from {from_status} the allowed statuses are {allowed}.")


def _check_status(status: str) -> None:
    if status not in PARTICIPATION_STATUSES:
        raise ValidationError(f"{status!r} is not a participation status (expected one of {', '.join(PARTICIPATION_STATUSES)})")


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise ValidationError(f"{role!r} is not a role (expected one of {', '.join(ROLES)})")


def _record(session: Session, part: Participation, to_status: str, by: str, reason: str) -> None:
    session.add(StatusChange(
        participation_id=part.id, at_utc=timeutil.utc_now(), by=by_or_current(by), from_status=part.status,
        to_status=to_status, reason=reason,
    ))
    part.status = to_status


def _held_places(session: Session, event_id: int) -> int:
    session.flush()
    stmt = select(func.count()).select_from(Participation).where(
        Participation.event_id == event_id, Participation.status.in_(HOLDS_PLACE)
    )
    return session.scalar(stmt) or 0


def _waitlist(session: Session, event_id: int) -> list[Participation]:
    session.flush()
    stmt = (
        select(Participation)
        .options(joinedload(Participation.person))  # a promotion names the person
        .where(Participation.event_id == event_id, Participation.status == "waitlisted")
        .order_by(Participation.waitlist_position.is_(None), Participation.waitlist_position, Participation.id)
    )
    queue = list(session.scalars(stmt))
    _remember(session, queue)
    return queue


# session.info key: while `change_status` runs, each participation it may move as it was before.
_BEFORE = "iurc_status_before"


def _remember(session: Session, parts: Iterable[Participation]) -> None:
    """Note how these participations stand, the first time a status change sees them (for its undo)."""
    before = session.info.get(_BEFORE)
    if before is not None:
        for part in parts:  # the row is kept too: the identity map alone would let it go
            before.setdefault(part.id, (StatusSnapshot(part.id, part.status, part.waitlist_position), part))


def _renumber_waitlist(session: Session, event_id: int) -> None:
    for position, part in enumerate(_waitlist(session, event_id), start=1):
        part.waitlist_position = position


def _lock_event(session: Session, event: Event) -> None:
    """Hold the event row until the commit, so capacity counts and the places they give are one step.

    PostgreSQL: a second writer counting this event's places waits here until the first commits.
    SQLite ignores FOR UPDATE and serialises writers with BEGIN IMMEDIATE instead (db.transaction).
    """
    session.execute(select(Event.id).where(Event.id == event.id).with_for_update())


def _is_full(session: Session, event: Event) -> bool:
    """Whether the event's places are all held; the caller holds the event row (`_lock_event`)."""
    if event.capacity is None:
        return False
    return _held_places(session, event.id) >= event.capacity


def _change(part: Participation, from_status: str, reason: str) -> Change:
    person = part.person
    return Change(
        part.id, person.id, person.display_name, person.email or "", from_status, part.status, reason, part.waitlist_position,
    )


def _apply(session: Session, event: Event, part: Participation, status: str, by: str, reason: str) -> list[Change]:
    """Move one participation (already checked), waitlisting and promoting as capacity says."""
    before = part.status
    if status == "confirmed" and before not in HOLDS_PLACE and _is_full(session, event):
        status, reason = "waitlisted", f"event full (capacity {event.capacity})" + (f"; {reason}" if reason else "")
        if before == "waitlisted":
            return []
    if status == before:
        return []
    if status == "waitlisted":
        queue = _waitlist(session, event.id)
        part.waitlist_position = max((p.waitlist_position or 0 for p in queue), default=0) + 1
    elif before == "waitlisted":
        part.waitlist_position = None
    _record(session, part, status, by, reason)
    changes = [_change(part, before, reason)]
    if before == "waitlisted":
        _renumber_waitlist(session, event.id)
    if before in HOLDS_PLACE and status in FREES_PLACE:
        changes += _promote(session, event, by)
    return changes


def _promote(session: Session, event: Event, by: str) -> list[Change]:
    """Give freed places to the waitlist in order; the caller holds the event row."""
    if event.capacity is None:
        return []
    free = event.capacity - _held_places(session, event.id)
    if free <= 0:
        return []
    queue = _waitlist(session, event.id)
    reason = "promoted from the waitlist: a place was freed"
    changes: list[Change] = []
    for first in queue[:free]:
        first.waitlist_position = None
        _record(session, first, "confirmed", by, reason)
        changes.append(_change(first, "waitlisted", reason))
    for position, part in enumerate(queue[free:], start=1):
        part.waitlist_position = position
    return changes


def _resolve(session: Session, event: Event, who: int | str) -> Participation:
    """A participation of the event by participation id or by the person's e-mail."""
    if isinstance(who, int):
        part = session.get(Participation, who)
        if part is None or part.event_id != event.id:
            raise NotFound(f"Participation {who} is not part of the event {event.code}.")
        return part
    person = find_person_by_email(session, who)
    part = None
    if person is not None:
        part = session.scalar(select(Participation).where(Participation.event_id == event.id, Participation.person_id == person.id))
    if part is None:
        raise NotFound(f"{who.strip()} is not a participant of the event {event.code}.")
    return part


def set_status(
    session: Session, event_code: str, emails_or_ids: Iterable[int | str], status: str, *, by: str = "", reason: str = ""
) -> list[Change]:
    """Move each participant (participation id or e-mail) to `status`, all or none.

    Every participant is checked before anything changes; forbidden moves are listed
    together. The result lists every change made, promotions and waitlistings included.
    """
    return list(change_status(session, event_code, emails_or_ids, status, by=by, reason=reason).changes)


def change_status(
    session: Session, event_code: str, emails_or_ids: Iterable[int | str], status: str, *, by: str = "", reason: str = ""
) -> StatusMoves:
    """`set_status`, also returning how every participation it moved stood before (what undoes it)."""
    _check_status(status)
    who = list(emails_or_ids)
    quick = _plain_moves(session, event_code, who, status, by, reason)
    if quick is not None:
        return quick
    session.info[_BEFORE] = {}
    try:
        event, parts = _targets(session, event_code, who, status)
        changes: list[Change] = []
        for part in parts:
            changes += _apply(session, event, part, status, by, reason)
        session.flush()
        before = session.info[_BEFORE]
    finally:
        session.info.pop(_BEFORE, None)
    moved = [was for was, part in before.values() if (part.status, part.waitlist_position) != (was.status, was.waitlist_position)]
    return StatusMoves(tuple(changes), tuple(sorted(moved, key=lambda was: was.participation_id)))


# Moves under the capacity and waitlist rule: they count places or queue, so they hold the event row first.
_CAPACITY_RULE = frozenset({"confirmed", "waitlisted", *FREES_PLACE})

_PARTS, _EVENTS, _PEOPLE = Participation.__table__, Event.__table__, Person.__table__
# A plain move reads and writes rows, not objects: the ORM's loading and flush would cost more than the statements.
_PLAIN_ROWS = (
    select(_PARTS.c.id, _PARTS.c.status, _PARTS.c.version, _PARTS.c.waitlist_position,
           _PEOPLE.c.id.label("person_id"), _PEOPLE.c.given_name, _PEOPLE.c.family_name, _PEOPLE.c.name_order, _PEOPLE.c.email)
    .select_from(_PARTS.join(_EVENTS, _EVENTS.c.id == _PARTS.c.event_id).join(_PEOPLE, _PEOPLE.c.id == _PARTS.c.person_id))
    .where(_EVENTS.c.code == bindparam("code"), _PARTS.c.id.in_(bindparam("ids", expanding=True)))
    .order_by(_PARTS.c.id)
    .with_for_update(of=_PARTS)
)
# The versioned UPDATE, as the ORM writes it: refused (no row) when someone else saved the row first.
_PLAIN_MOVE = (
    update(_PARTS)
    .where(_PARTS.c.id == bindparam("pid"), _PARTS.c.version == bindparam("was"))
    .values(status=bindparam("to"), version=bindparam("next"))
)
_HISTORY = StatusChange.__table__
_ENTRY = {"at_utc": "at_utc", "by": "by", "from_status": "from_status", "to_status": "to", "reason": "reason"}
_RECORD = insert(_HISTORY).values(participation_id=bindparam("pid"), **{col: bindparam(key) for col, key in _ENTRY.items()})
# PostgreSQL runs the UPDATE inside the history INSERT (a WITH): one round trip fewer while the row is locked, and
# a history row only for a row the UPDATE moved. SQLite has no UPDATE in a WITH: there the two are sent one by one.
_MOVED = _PLAIN_MOVE.returning(_PARTS.c.id).cte("moved")
_MOVE_AND_RECORD = (
    insert(_HISTORY)
    .from_select(["participation_id", *_ENTRY],
                 select(_MOVED.c.id, *(bindparam(key, type_=_HISTORY.c[col].type) for col, key in _ENTRY.items())))
    .execution_options(preserve_rowcount=True)  # how many it recorded is how many the UPDATE moved
)


def _plain_moves(session: Session, event_code: str, who: list[int | str], status: str, by: str, reason: str) -> StatusMoves | None:
    """A move outside the capacity and waitlist rule as rows: one read, one write (two on SQLite); None when the full rule must decide.

    The full path (`_targets`, `_apply`) also takes every participant named by e-mail, elsewhere,
    on the waitlist or asked a forbidden move, and says what is wrong in its own words.
    """
    if status in _CAPACITY_RULE or not who or not all(isinstance(w, int) for w in who):
        return None
    session.flush()  # this unit's pending edits first: the rows are read and versioned as they stand
    rows = {row.id: row for row in session.execute(_PLAIN_ROWS, {"code": event_code, "ids": who})}
    named = list(dict.fromkeys(who))
    if len(rows) != len(named) or any(r.status == "waitlisted" or not _may_move(r.status, status) for r in rows.values()):
        return None
    moving = [rows[pid] for pid in named if rows[pid].status != status]
    if moving:
        _write_plain_moves(session, moving, status, by, reason)
    changes = tuple(
        Change(r.id, r.person_id, display_name(r.given_name, r.family_name, r.name_order), r.email or "", r.status, status, reason,
               r.waitlist_position)
        for r in moving
    )
    before = tuple(StatusSnapshot(r.id, r.status, r.waitlist_position) for r in sorted(moving, key=lambda r: r.id))
    return StatusMoves(changes, before)


def _write_plain_moves(session: Session, moving: list[Row[Any]], status: str, by: str, reason: str) -> None:
    """The versioned UPDATEs and the history rows of a plain move; objects of this unit holding the rows reload them."""
    now, who = timeutil.utc_now(), by_or_current(by)
    moves = [{"pid": r.id, "was": r.version, "next": r.version + 1, "to": status, "from_status": r.status,
              "at_utc": now, "by": who, "reason": reason} for r in moving]
    params = moves if len(moves) > 1 else moves[0]  # one row: no executemany to set up
    if session.get_bind().dialect.name == "postgresql":
        written = session.execute(_MOVE_AND_RECORD, params).rowcount  # type: ignore[attr-defined]
    else:
        written = session.execute(_PLAIN_MOVE, params).rowcount  # type: ignore[attr-defined]
        if written == len(moving):
            session.execute(_RECORD, params)
    if written != len(moving):
        raise _moved_meanwhile(session, moving, status)
    for row in moving:
        held = session.identity_map.get(session.identity_key(Participation, row.id))
        if held is not None:
            session.expire(held, ["status", "version"])


def _moved_meanwhile(session: Session, moving: list[Row[Any]], status: str) -> EditConflict:
    """The conflict of a plain move one of whose rows someone else saved (or deleted) since it was read."""
    stmt = select(_PARTS.c.id, _PARTS.c.status, _PARTS.c.version).where(_PARTS.c.id.in_([m.id for m in moving]))
    now = {r.id: r for r in session.execute(stmt)}
    mine = next(m for m in moving if m.id not in now or now[m.id].version != m.version)
    theirs = now.get(mine.id)
    return EditConflict(
        RowRef(kind_of(Participation), mine.id, f"participation #{mine.id}"), {"status": status},
        {"status": theirs.status} if theirs else {}, my_version=mine.version, their_version=theirs.version if theirs else None,
    )


def _targets(session: Session, event_code: str, who: list[int | str], status: str) -> tuple[Event, list[Participation]]:
    """The event and the named participations, each checked for the move; Conflict lists every problem.

    The participations are read with their people (and the event) in one statement, locked in id
    order on PostgreSQL so the move is checked against the status it replaces. When the move falls
    under the capacity rule the event row is locked first, the order every such writer takes.
    """
    event = _event(session, event_code, lock=True) if status in _CAPACITY_RULE else None
    ids = [w for w in who if isinstance(w, int)]
    found = {p.id: p for p in _participations(session, event_code, ids)} if ids else {}
    if event is None:
        event = next(iter(found.values())).event if found else _event(session, event_code, lock=False)
    parts: list[Participation] = []
    problems: list[str] = []
    for w in who:
        try:
            part = found.get(w) if isinstance(w, int) else _resolve(session, event, w)
            if part is None:
                raise NotFound(f"Participation {w} is not part of the event {event.code}.")
            check_transition(part.status, status, part.person.display_name or (part.person.email or ""))
        except (NotFound, Conflict) as exc:
            problems.append(str(exc))
            continue
        if part not in parts:
            parts.append(part)
    if problems:
        raise Conflict("\n".join(problems))
    _remember(session, parts)
    return event, parts


def _event(session: Session, code: str, *, lock: bool) -> Event:
    stmt = select(Event).where(Event.code == code)
    found = session.scalar(stmt.with_for_update() if lock else stmt)
    return found if found is not None else get_event_model(session, code)  # which raises NotFound naming the known codes


# Built once: a status change is frequent, and composing this statement costs more than running it.
_TARGETS = (
    select(Participation)
    .join(Participation.event).join(Participation.person)
    .options(  # only what a move reads of them: a status change stays one narrow statement
        contains_eager(Participation.event).load_only(Event.code, Event.capacity),
        contains_eager(Participation.person).load_only(Person.given_name, Person.family_name, Person.name_order, Person.email),
    )
    .where(Event.code == bindparam("code"), Participation.id.in_(bindparam("ids", expanding=True)))
    .order_by(Participation.id)
    .with_for_update(of=Participation)
    .execution_options(populate_existing=True)  # what was read earlier in this unit may be out of date
)


def _participations(session: Session, event_code: str, ids: list[int]) -> list[Participation]:
    """The event's participations among `ids` with their people and event, locked (PostgreSQL) in id order."""
    return list(session.scalars(_TARGETS, {"code": event_code, "ids": ids}))


@dataclass(frozen=True)
class NewRegistration:
    """A person to add to an event: the status asked for (a full event may waitlist them instead)."""

    person_id: int
    role: str = "delegate"
    status: str = "registered"
    group: str | None = None
    visa_needed: bool = False
    notes: str = ""


@dataclass(frozen=True)
class Registered:
    """What `register_many` made: one participation per entry, in order, with the status each got."""

    participation_ids: tuple[int, ...]
    statuses: tuple[str, ...]
    waitlist_positions: tuple[int | None, ...]

    @property
    def waitlisted(self) -> int:
        return sum(1 for s in self.statuses if s == "waitlisted")


def register_many(
    session: Session, event_code: str, entries: Sequence[NewRegistration], *, by: str = "", reason: str = ""
) -> Registered:
    """Add people to an event in bulk under the event-row lock; the capacity rule decides who waits.

    Confirming beyond the capacity puts the person on the waitlist (after those already on it);
    every participation gets its first history entry. The people must not be in the event yet.
    """
    event = get_event_model(session, event_code)
    if not entries:
        return Registered((), (), ())
    for entry in entries:
        _check_role(entry.role)
        _check_status(entry.status)
    _refuse_present(session, event, [e.person_id for e in entries])
    groups = {g.name: g.id for g in event.groups}
    _lock_event(session, event)
    places = None if event.capacity is None else max(0, event.capacity - _held_places(session, event.id))
    position = session.scalar(select(func.max(Participation.waitlist_position)).where(Participation.event_id == event.id)) or 0
    full = f"event full (capacity {event.capacity})" + (f"; {reason}" if reason else "")
    rows, reasons = [], []
    for entry in entries:
        status, why, wait = entry.status, reason, None
        if status in HOLDS_PLACE and places is not None:
            if places > 0:
                places -= 1
            elif status == "confirmed":
                status, why = "waitlisted", full
        if status == "waitlisted":
            position += 1
            wait = position
        rows.append({"event_id": event.id, "person_id": entry.person_id, "role": entry.role, "status": status,
                     "group_id": _group_of(event, groups, entry.group), "waitlist_position": wait,
                     "visa_needed": entry.visa_needed, "visa_status": "", "notes": entry.notes})
        reasons.append(why)
    ids = tuple(insert_rows(session, Participation, rows))
    now, who = timeutil.utc_now(), by_or_current(by)
    session.execute(insert(StatusChange.__table__), [  # Core: the ORM bulk insert walks every row again
        {"participation_id": pid, "at_utc": now, "by": who, "from_status": "", "to_status": row["status"], "reason": why}
        for pid, row, why in zip(ids, rows, reasons)
    ])
    return Registered(ids, tuple(r["status"] for r in rows), tuple(r["waitlist_position"] for r in rows))


def _refuse_present(session: Session, event: Event, person_ids: list[int]) -> None:
    """Raise Conflict naming whoever is in the event already or named twice."""
    unique = sorted(set(person_ids))
    clash = {p for p in unique if person_ids.count(p) > 1} if len(unique) != len(person_ids) else set()
    for start in range(0, len(unique), 500):  # stay under SQLite's bound-parameter limit
        chunk = unique[start:start + 500]
        clash.update(session.scalars(select(Participation.person_id).where(
            Participation.event_id == event.id, Participation.person_id.in_(chunk))))
    if clash:
        people = [session.get(Person, pid) for pid in sorted(clash)[:10]]
        names = ", ".join(p.display_name or p.email or str(p.id) for p in people if p is not None)
        raise Conflict(f"Already a participant of {event.code} (or named twice): {names}.")


def _group_of(event: Event, groups: dict[str, int], name: str | None) -> int | None:
    if not name:
        return None
    if name not in groups:
        raise ValidationError(f"group: {name!r} is not a group of {event.code} (its groups: {', '.join(groups) or 'none'})")
    return groups[name]


def register(
    session: Session,
    event_code: str,
    person_id: int,
    role: str = "delegate",
    status: str = "registered",
    *,
    group: str | None = None,
    by: str = "",
    reason: str = "",
) -> Change:
    """Add a person to an event; confirming a full event waitlists them instead."""
    _check_role(role)
    _check_status(status)
    event = get_event_model(session, event_code)
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"There is no person with id {person_id}.")
    existing = session.scalar(select(Participation).where(Participation.event_id == event.id, Participation.person_id == person_id))
    if existing is not None:
        raise Conflict(f"{person.display_name or person.email} is already a participant of {event.code} (status {existing.status}).")
    made = register_many(session, event_code, [NewRegistration(person_id, role, status, group)], by=by, reason=reason)
    part = session.get(Participation, made.participation_ids[0])
    assert part is not None
    why = session.scalar(select(StatusChange.reason).where(StatusChange.participation_id == part.id))
    return _change(part, "", why or "")


def _group_id(session: Session, event: Event, group: str | None) -> int | None:
    if not group:
        return None
    found = session.scalar(select(Group.id).where(Group.event_id == event.id, Group.name == group))
    if found is None:
        names = ", ".join(g.name for g in event.groups) or "none"
        raise ValidationError(f"group: {group!r} is not a group of {event.code} (its groups: {names})")
    return found


def history(session: Session, participation_id: int) -> list[HistoryEntry]:
    """Every recorded status change of a participation, oldest first."""
    if session.get(Participation, participation_id) is None:
        raise NotFound(f"There is no participation with id {participation_id}.")
    stmt = select(StatusChange).where(StatusChange.participation_id == participation_id).order_by(StatusChange.at_utc, StatusChange.id)
    return [HistoryEntry(c.at_utc, c.by, c.from_status, c.to_status, c.reason) for c in session.scalars(stmt)]


def waitlist(session: Session, event_code: str) -> list[int]:
    """Participation ids on the event's waitlist, first in line first."""
    event = get_event_model(session, event_code)
    return [p.id for p in _waitlist(session, event.id)]


def reorder_waitlist(session: Session, event_code: str, participation_ids: Sequence[int]) -> list[int]:
    """Put the waitlist in the given order; the ids must be exactly those waitlisted."""
    event = get_event_model(session, event_code)
    queue = {p.id: p for p in _waitlist(session, event.id)}
    if sorted(participation_ids) != sorted(queue):
        raise ValidationError(
            f"The new waitlist order must name each waitlisted participation once: expected {sorted(queue)}, got {list(participation_ids)}."
        )
    for position, pid in enumerate(participation_ids, start=1):
        queue[pid].waitlist_position = position
    session.flush()
    return list(participation_ids)


def set_role(session: Session, participation_id: int, role: str) -> None:
    _check_role(role)
    _participation(session, participation_id).role = role


def set_group(session: Session, participation_id: int, group: str | None) -> None:
    """Put a participant in one of the event's groups (None or '': no group)."""
    part = _participation(session, participation_id)
    part.group_id = _group_id(session, part.event, group)


def set_visa(session: Session, participation_id: int, *, needed: bool | None = None, status: str | None = None) -> None:
    """Record whether this trip needs a visa and where the application stands."""
    part = _participation(session, participation_id)
    if needed is not None:
        part.visa_needed = needed
    if status is not None:
        part.visa_status = status.strip()[:30]


_UNSET = object()


def set_needs(
    session: Session,
    person_id: int,
    *,
    dietary: str | None = None,
    accessibility: str | None = None,
    passport_expiry: date | None | object = _UNSET,
) -> None:
    """Update a person's needs; arguments left out stay as they are (passport_expiry=None clears it)."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"There is no person with id {person_id}.")
    if dietary is not None:
        person.dietary = dietary.strip()
    if accessibility is not None:
        person.accessibility = accessibility.strip()
    if passport_expiry is not _UNSET:
        if passport_expiry is not None and not isinstance(passport_expiry, date):
            raise ValidationError(f"passport_expiry: {passport_expiry!r} is not a date")
        person.passport_expiry = passport_expiry  # type: ignore[assignment]
    session.flush()


def _participation(session: Session, participation_id: int) -> Participation:
    part = session.get(Participation, participation_id)
    if part is None:
        raise NotFound(f"There is no participation with id {participation_id}.")
    return part


def list_registrations(
    session: Session,
    event_code: str,
    *,
    status: str | None = None,
    role: str | None = None,
    group: str | None = None,
    country: str | None = None,
) -> list[RegistrationRow]:
    """The event's participants with needs, filtered in SQL; waitlisted in waitlist order last."""
    event = get_event_model(session, event_code)
    stmt = (
        select(Participation, Person, Group.name, Organisation.name, Organisation.country)
        .join(Person, Participation.person_id == Person.id)
        .outerjoin(Group, Participation.group_id == Group.id)
        .outerjoin(Organisation, Person.organisation_id == Organisation.id)
        .where(Participation.event_id == event.id)
    )
    if status:
        stmt = stmt.where(Participation.status == status)
    if role:
        stmt = stmt.where(Participation.role == role)
    if group:
        stmt = stmt.where(Group.name == group)
    if country:
        stmt = stmt.where(Organisation.country == country.upper())
    stmt = stmt.order_by(
        Participation.waitlist_position.is_not(None), Participation.waitlist_position,
        Person.family_name, Person.given_name, Person.id,
    )
    return [
        RegistrationRow(
            part.id, person.id, person.display_name, person.local_name, person.email or "", org or "", ctry or "",
            part.role, part.status, grp or "", part.waitlist_position, part.visa_needed, part.visa_status,
            person.dietary, person.accessibility, person.passport_expiry, part.attended_minutes,
        )
        for part, person, grp, org, ctry in session.execute(stmt).all()
    ]
