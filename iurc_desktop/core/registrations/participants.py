"""One participant as a record, in the programme file's shape: added, edited and removed, each undoable.

The window's Participants tab and `add|edit|remove participant` use these. Each
participant is checked by the programme file's own rules (`validate_participant`);
a status moves only as `set_status` allows it to, and its undo writes the earlier
statuses back as `undo.restore` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ..errors import Conflict, NotFound
from ..events.listing import get_event_model, open_event_model
from ..models import Group, Participation, Person, StatusChange, Stay, TravelLeg, VisaChange
from ..people.snapshots import Links, TableRows, counted, put_back, relink, take, unlink
from ..programme.validate import validate_participant
from ..row_copies import copy_of, row_from
from .participations import (
    Change, _group_id, _refuse_present, _renumber_waitlist, _resolve, _waitlist, register, set_status,
)
from .undo import StatusSnapshot, restore, snapshot

_MANAGED = ("person", "waitlist_position")  # who it is and the waitlist order are not edited as fields


@dataclass(frozen=True)
class ParticipantEdited:
    """A participant before and after an edit, in the programme file's shape (undo writes `before` back)."""

    before: dict[str, Any]
    after: dict[str, Any]
    changes: tuple[Change, ...]  # status changes made, promotions and waitlistings included
    statuses: tuple[StatusSnapshot, ...]  # the event's statuses before a status change, for its undo


@dataclass(frozen=True)
class Choice:
    """Something a form offers to pick: the value stored and the text shown."""

    value: str
    text: str


def people_choices(session: Session) -> tuple[Choice, ...]:
    """Everyone with an e-mail, as "Name (own script) <e-mail>", by name."""
    people = session.scalars(select(Person).where(Person.email.is_not(None), Person.email != ""))
    return tuple(sorted(
        (Choice(p.email or "", f"{p.display_name}{f' ({p.local_name})' if p.local_name else ''} <{p.email}>")
         for p in people), key=lambda c: c.text.casefold()))


def participant_fields(part: Participation) -> dict[str, Any]:
    """A participant in the programme file's shape, every field given, the person named by e-mail."""
    return {
        "person": part.person.email or part.person.key or "", "role": part.role, "status": part.status,
        "group": part.group.name if part.group else None, "waitlist_position": part.waitlist_position,
        "visa_needed": part.visa_needed, "visa_status": part.visa_status, "notes": part.notes,
    }


@dataclass(frozen=True)
class ParticipantForm:
    """What the participant dialogs show: the event's groups, the people to pick from, the participant as stored."""

    code: str
    groups: tuple[str, ...]
    people: tuple[Choice, ...]  # empty when editing: the person is not changed
    record: dict[str, Any] | None


def participant_form(session: Session, event_code: str, email: str | None = None) -> ParticipantForm:
    """The participant dialog's data: to add one (no e-mail), or participant `email` with their needs."""
    event = get_event_model(session, event_code)
    groups = tuple(g.name for g in event.groups)
    if email is None:
        present = set(session.scalars(select(Participation.person_id).where(Participation.event_id == event.id)))
        people = session.scalars(select(Person.email).where(Person.id.in_(present))) if present else []
        taken = {e for e in people if e}
        return ParticipantForm(event.code, groups, tuple(c for c in people_choices(session) if c.value not in taken), None)
    part = participation_of(session, event_code, email)
    record = {**participant_fields(part), "dietary": part.person.dietary, "accessibility": part.person.accessibility}
    return ParticipantForm(event.code, groups, (), record)


def participation_of(session: Session, event_code: str, email: str) -> Participation:
    """The participation of the person with this e-mail in the event; NotFound names both."""
    return _resolve(session, get_event_model(session, event_code), email)


def add_participant(session: Session, event_code: str, raw: dict[str, Any], *, by: str = "") -> dict[str, Any]:
    """Add a person (by e-mail) to an event, checked by the file's rules; confirming a full event waitlists them."""
    event = open_event_model(session, event_code)
    plan = validate_participant(session, raw, [g.name for g in event.groups])
    values = plan.values
    present = session.scalar(select(Participation.status).where(
        Participation.event_id == event.id, Participation.person_id == plan.person))
    if present is not None:
        raise Conflict(f"person: {raw['person']} is already a participant of {event_code} (status {present}).")
    register(session, event_code, int(plan.person), values["role"], values["status"], group=plan.group, by=by)
    part = participation_of(session, event_code, str(raw["person"]))
    part.visa_needed, part.visa_status, part.notes = values["visa_needed"], values["visa_status"], values["notes"]
    session.flush()
    return participant_fields(part)


def edit_participant(session: Session, event_code: str, email: str, changes: dict[str, Any], *,
                     by: str = "") -> ParticipantEdited:
    """Change a participant's role, group, status, visa or notes; a new status moves as `set_status` moves it."""
    event = get_event_model(session, event_code)
    part = _resolve(session, event, email)
    before = participant_fields(part)
    raw = {**before, **{k: v for k, v in changes.items() if k not in _MANAGED}}
    plan = validate_participant(session, raw, [g.name for g in event.groups])
    values = plan.values
    moved: list[Change] = []
    statuses: tuple[StatusSnapshot, ...] = ()
    if values["status"] != part.status:
        statuses = snapshot(session, event_code)
        moved = set_status(session, event_code, [part.id], values["status"], by=by)
    part.role = values["role"]
    group_id = _group_id(session, event, plan.group)
    part.group = session.get(Group, group_id) if group_id is not None else None
    part.visa_needed, part.visa_status, part.notes = values["visa_needed"], values["visa_status"], values["notes"]
    session.flush()
    return ParticipantEdited(before, participant_fields(part), tuple(moved), statuses)


def revert_participant_edit(session: Session, event_code: str, edited: ParticipantEdited, *, by: str = "") -> None:
    """Undo of `edit_participant`: the earlier statuses (as `restore` writes them back), then the other fields."""
    if edited.statuses:
        restore(session, event_code, edited.statuses, by=by)
    email = edited.before["person"]
    current = participation_of(session, event_code, email)
    edit_participant(session, event_code, email, {**edited.before, "status": current.status}, by=by)


@dataclass(frozen=True)
class RemovedParticipation:
    """Everything of a removed participation, its status history, travel and stays included, to put it back."""

    person_id: int
    role: str
    status: str
    group_id: int | None
    waitlist_position: int | None
    visa_needed: bool
    visa_status: str
    notes: str
    first_join_utc: datetime | None
    last_leave_utc: datetime | None
    attended_minutes: int | None
    history: tuple[tuple[datetime, str, str, str, str], ...]  # (at, by, from, to, reason)
    visa_history: tuple[tuple[datetime, str, str, str, str], ...]  # (at, by, from state, to state, note)
    legs: TableRows  # the person's travel legs of the event, same ids and calendar UIDs
    stays: TableRows  # the person's hotel stays of the event
    room_mates: Links  # other people's stays of the event that named them as room-mate

    def went(self) -> str:
        """What went with the participation: 'with 1 leg and 1 stay (1 room-mate link cleared)', or ''."""
        went = [counted(n, noun) for n, noun in ((len(self.legs), "leg"), (len(self.stays), "stay")) if n]
        cleared = f"({counted(len(self.room_mates), 'room-mate link')} cleared)" if self.room_mates else ""
        return " ".join(part for part in (f"with {' and '.join(went)}" if went else "", cleared) if part)


_KEPT_APART = ("history", "visa_history", "legs", "stays", "room_mates")  # not columns of a participation


def remove_participant(session: Session, event_code: str, email: str) -> RemovedParticipation:
    """Take a person out of an event with their travel and stays of it; returns what `restore_participant` needs.

    Their legs and stays go too (they could not be edited without the participation), and
    another's stay naming them as room-mate loses that link. A removal is not a cancellation:
    nobody is promoted from the waitlist for it.
    """
    event = get_event_model(session, event_code)
    part = _resolve(session, event, email)
    pid = part.person_id
    legs_of = (TravelLeg.event_id == event.id) & (TravelLeg.person_id == pid)
    stays_of = (Stay.event_id == event.id) & (Stay.person_id == pid)
    removed = copy_of(
        part, RemovedParticipation,
        history=tuple((c.at_utc, c.by, c.from_status, c.to_status, c.reason) for c in part.history),
        visa_history=tuple((c.at_utc, c.by, c.from_state, c.to_state, c.note) for c in part.visa_history),
        legs=take(session, TravelLeg.__table__, legs_of),
        stays=take(session, Stay.__table__, stays_of),
        room_mates=unlink(session, Stay.__table__.c.shares_with_id, pid, Stay.__table__.c.event_id == event.id),
    )
    session.execute(delete(TravelLeg).where(legs_of))
    session.execute(delete(Stay).where(stays_of))
    session.delete(part)
    session.flush()
    _renumber_waitlist(session, event.id)
    session.flush()
    session.expire_all()  # the event's legs and stays were deleted in SQL
    return removed


def restore_participant(session: Session, event_code: str, removed: RemovedParticipation) -> int:
    """Put a removed participation back, status and visa history, waitlist place, travel, stays and room-mate links included."""
    event = get_event_model(session, event_code)
    if session.get(Person, removed.person_id) is None:
        raise NotFound("The person of this participation has been erased since; it cannot come back.")
    _refuse_present(session, event, [removed.person_id])
    if removed.waitlist_position is not None:
        for other in _waitlist(session, event.id):
            if (other.waitlist_position or 0) >= removed.waitlist_position:
                other.waitlist_position = (other.waitlist_position or 0) + 1
    part = row_from(Participation, removed, leave=_KEPT_APART)
    if part.group_id is not None and session.get(Group, part.group_id) is None:
        part.group_id = None  # the group was removed since: no group rather than no undo
    part.event_id = event.id
    part.history = [StatusChange(at_utc=at, by=who, from_status=old, to_status=new, reason=why)
                    for at, who, old, new, why in removed.history]
    part.visa_history = [VisaChange(at_utc=at, by=who, from_state=old, to_state=new, note=note)
                         for at, who, old, new, note in removed.visa_history]
    session.add(part)
    session.flush()
    part_id = part.id
    put_back(session, (removed.legs, removed.stays))
    relink(session, removed.room_mates, removed.person_id)
    session.expire_all()
    return part_id
