"""Hotel stays: a person's nights at a hotel, room type and who shares the room.

Check-in and check-out are local dates in the hotel's zone; check-out is
exclusive, so a stay covers the nights check_in .. check_out - 1 day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session, joinedload

from .. import timeutil, vocab
from ..editing import check_editable
from ..errors import ValidationError
from ..events.groups import participation_of, person_label
from ..events.listing import get_event_model
from ..models import Event, Person, Stay
from ..programme.validate import validate_stay
from ..row_copies import copy_of, row_from
from .arrangements import find_in_event, of_event, one_person, participant, taking_part

EDITABLE = ("hotel", "hotel_local", "address_local", "zone", "check_in", "check_out", "room", "shares_with")


@dataclass(frozen=True)
class StayView:
    id: int
    person: str  # e-mail, else name
    name: str
    hotel: str
    zone: str
    check_in: date
    check_out: date  # exclusive
    room: str
    shares_with: str  # e-mail (or name) of the roommate, "" when none
    sequence: int
    hotel_local: str = ""  # the hotel's name in the local script
    address_local: str = ""  # its address in the local script, for a taxi driver

    @property
    def nights(self) -> tuple[date, ...]:
        """The local dates whose night is spent at the hotel."""
        return tuple(self.check_in + timedelta(days=n) for n in range((self.check_out - self.check_in).days))


def stay_view(stay: Stay) -> StayView:
    mate = person_label(stay.shares_with) if stay.shares_with is not None else ""
    return StayView(
        stay.id, person_label(stay.person), stay.person.display_name, stay.hotel, stay.zone, stay.check_in,
        stay.check_out, stay.room, mate, stay.sequence, stay.hotel_local, stay.address_local,
    )


def _validate(stay: Stay) -> None:
    problems = []
    if not stay.hotel.strip():
        problems.append("hotel: name the hotel.")
    try:
        timeutil.zone(stay.zone)
    except ValidationError as exc:
        problems.append(f"zone: {exc}")
    if stay.room not in vocab.ROOM_TYPES:
        problems.append(f"room: {stay.room!r} is not a room type (one of {', '.join(vocab.ROOM_TYPES)}).")
    if not isinstance(stay.check_in, date) or not isinstance(stay.check_out, date):
        problems.append("check_in/check_out: give both as dates.")
    elif stay.check_out <= stay.check_in:
        problems.append(
            f"check_out: {stay.check_out} is not after the check-in {stay.check_in} (a stay is at least one night)."
        )
    if stay.shares_with_id is not None and stay.shares_with_id == stay.person_id:
        problems.append("shares_with: a person cannot share a room with themselves.")
    if stay.shares_with_id is not None and stay.room == "single":
        problems.append("room: a single room cannot be shared; choose double or twin.")
    if problems:
        raise ValidationError(problems)


def _mate(session: Session, event: Event, email: str | None) -> Person | None:
    """The roommate, who must take part in the same event."""
    return participation_of(session, event, email).person if email else None


def add_stay(
    session: Session,
    event_code: str,
    email: str,
    *,
    hotel: str,
    zone: str,
    check_in: date,
    check_out: date,
    room: str = "single",
    shares_with: str | None = None,
    hotel_local: str = "",
    address_local: str = "",
) -> int:
    """Add a participant's stay (check_out exclusive); returns its id."""
    event = get_event_model(session, event_code)
    part = participation_of(session, event, email)
    mate = _mate(session, event, shares_with)
    stay = Stay(
        person_id=part.person_id, hotel=(hotel or "").strip(), zone=zone, check_in=check_in, check_out=check_out,
        room=room, shares_with_id=mate.id if mate else None, hotel_local=(hotel_local or "").strip(),
        address_local=(address_local or "").strip(),
    )
    _validate(stay)
    stay.person = part.person
    stay.shares_with = mate
    event.stays.append(stay)
    session.flush()
    return stay.id


def create_stay(session: Session, event_code: str, raw: dict[str, Any]) -> int:
    """Book a stay given in the programme file's shape (`check_in`, `shares_with`, ...); returns its id."""
    event = get_event_model(session, event_code)
    stay = Stay()
    _fill(session, event, stay, raw)
    event.stays.append(stay)
    session.flush()
    return stay.id


def stay_record(stay: StayView) -> dict[str, Any]:
    """A stored stay in the programme file's shape, with its id (people by e-mail)."""
    return {
        "id": stay.id, "person": stay.person, "hotel": stay.hotel, "hotel_local": stay.hotel_local,
        "address_local": stay.address_local, "zone": stay.zone,
        "check_in": stay.check_in.isoformat(), "check_out": stay.check_out.isoformat(), "room": stay.room,
        "shares_with": stay.shares_with or None, "sequence": stay.sequence,
    }


def edit_stay(session: Session, event_code: str, stay_id: int, changes: dict[str, Any]) -> StayView:
    """Change fields of a stay given in the programme file's shape (`shares_with` "" or None: no roommate)."""
    event = get_event_model(session, event_code)
    stay = _stay(session, event, stay_id)
    current = {k: v for k, v in stay_record(stay_view(stay)).items() if k not in ("id", "sequence")}
    _fill(session, event, stay, current | changes)
    session.flush()
    return stay_view(stay)


def _fill(session: Session, event: Event, stay: Stay, raw: dict[str, Any]) -> None:
    """Set a stay from the programme file's shape, checked by the file's rules and the stay's own."""
    plan = validate_stay(session, raw, event.zone)
    person = taking_part(session, event, int(plan.person), "person")
    mate = taking_part(session, event, int(plan.shares_with), "shares_with") if plan.shares_with is not None else None
    for name, value in plan.values.items():
        setattr(stay, name, value)
    stay.person_id, stay.shares_with_id = person.id, mate.id if mate else None
    _validate(stay)
    stay.person, stay.shares_with = person, mate


def stay_by_id(session: Session, event_code: str, stay_id: int) -> StayView:
    """One stay of the event, by id (NotFound for an id of another event)."""
    return stay_view(_stay(session, get_event_model(session, event_code), stay_id))


def _stay(session: Session, event: Event, stay_id: int) -> Stay:
    return find_in_event(session, event, Stay, stay_id, "stay")


def update_stay(session: Session, event_code: str, stay_id: int, **changes: object) -> StayView:
    """Edit a stay; the sequence rises when something the guest sees changed."""
    check_editable("a stay", changes, EDITABLE)
    event = get_event_model(session, event_code)
    stay = _stay(session, event, stay_id)
    for name in ("hotel", "hotel_local", "address_local", "zone", "check_in", "check_out", "room"):
        if name in changes:
            setattr(stay, name, changes[name].strip() if isinstance(changes[name], str) else changes[name])
    if "shares_with" in changes:
        mate = _mate(session, event, changes["shares_with"])  # type: ignore[arg-type]
        stay.shares_with_id = mate.id if mate else None
        stay.shares_with = mate
    _validate(stay)
    session.flush()
    return stay_view(stay)


@dataclass(frozen=True)
class RemovedStay:
    """Everything of a deleted stay, to book it again as it was, under the same calendar UID."""

    person_id: int
    hotel: str
    zone: str
    check_in: date
    check_out: date
    room: str
    shares_with_id: int | None
    uid: str
    sequence: int
    hotel_local: str = ""
    address_local: str = ""


def remove_stay(session: Session, event_code: str, stay_id: int) -> RemovedStay:
    """Delete a stay; returns what `restore_stay` needs to put it back."""
    event = get_event_model(session, event_code)
    stay = _stay(session, event, stay_id)
    removed = copy_of(stay, RemovedStay)
    event.stays.remove(stay)
    session.flush()
    return removed


def restore_stay(session: Session, event_code: str, removed: RemovedStay) -> int:
    """Book a removed stay again under its old calendar UID; returns its id."""
    event = get_event_model(session, event_code)
    person = participant(session, event, removed.person_id, "stay")
    mate = session.get(Person, removed.shares_with_id) if removed.shares_with_id is not None else None
    stay = row_from(Stay, removed)
    stay.shares_with_id = mate.id if mate else None  # a roommate erased since leaves the room unshared
    _validate(stay)
    stay.person, stay.shares_with = person, mate
    event.stays.append(stay)
    session.flush()
    return stay.id


def list_stays(session: Session, event_code: str, email: str | None = None) -> list[StayView]:
    """The event's stays (or one participant's), by check-in date."""
    event = get_event_model(session, event_code)
    stays = of_event(session, event, Stay, one_person(session, event, email), joinedload(Stay.person),
                     joinedload(Stay.shares_with))
    return [stay_view(s) for s in sorted(stays, key=lambda s: (s.check_in, s.hotel, s.id))]
