"""Travel legs: one person's flight, train, bus or car ride from one zone to another.

Departure is a local time in the origin's zone, arrival in the destination's, so
an overnight flight may arrive "the next day" or "earlier by the clock" than it
left; only an arrival before the departure in true time is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session, joinedload

from .. import timeutil, vocab
from ..editing import check_editable
from ..errors import TimeError, ValidationError
from ..events.groups import participation_of, person_label
from ..events.listing import get_event_model
from ..models import Event, TravelLeg
from ..programme.validate import validate_leg
from ..row_copies import copy_of, row_from
from .airports import airport
from .arrangements import find_in_event, of_event, one_person, participant, taking_part

EDITABLE = (
    "kind", "carrier", "number", "booking_ref", "from_place", "from_zone", "depart_local", "depart_offset",
    "to_place", "to_zone", "arrive_local", "arrive_offset",
)
# Changes to these make a re-sent calendar entry an update.


@dataclass(frozen=True)
class LegView:
    id: int
    person: str  # e-mail, else name
    name: str
    kind: str
    carrier: str
    number: str
    booking_ref: str
    from_place: str
    from_zone: str
    depart: datetime  # aware, in from_zone
    to_place: str
    to_zone: str
    arrive: datetime  # aware, in to_zone
    sequence: int

    @property
    def duration(self) -> timedelta:
        return self.arrive - self.depart


def leg_label(carrier: str, number: str) -> str:
    """'AF AF276' reads as 'AF276': the carrier only where the number does not already carry it."""
    if number and carrier and number.upper().startswith(carrier.upper()):
        return number
    return " ".join(x for x in (carrier, number) if x)


def leg_view(leg: TravelLeg) -> LegView:
    return LegView(
        leg.id, person_label(leg.person), leg.person.display_name, leg.kind, leg.carrier, leg.number, leg.booking_ref,
        leg.from_place, leg.from_zone, timeutil.to_local(leg.depart_utc, leg.from_zone),
        leg.to_place, leg.to_zone, timeutil.to_local(leg.arrive_utc, leg.to_zone), leg.sequence,
    )


def _instant(label: str, local: object, zone: str, offset: timedelta | None) -> datetime:
    if not isinstance(local, datetime) or local.tzinfo is not None:
        raise TypeError(f"{label} must be a naive local datetime")
    try:
        return timeutil.to_utc(local, zone, offset=offset)
    except TimeError as exc:
        raise TimeError(f"{label}: {exc}") from None


def _validate(leg: TravelLeg) -> None:
    problems = []
    if leg.kind not in vocab.TRAVEL_KINDS:
        problems.append(f"kind: {leg.kind!r} is not a kind of travel (one of {', '.join(vocab.TRAVEL_KINDS)}).")
    if not leg.from_place.strip():
        problems.append("from: say where the leg departs (e.g. CDG or Nagoya Station).")
    if not leg.to_place.strip():
        problems.append("to: say where the leg arrives (e.g. HND).")
    if problems:
        raise ValidationError(problems)
    if leg.arrive_utc <= leg.depart_utc:
        dep = timeutil.to_local(leg.depart_utc, leg.from_zone)
        arr = timeutil.to_local(leg.arrive_utc, leg.to_zone)
        raise ValidationError(
            f"arrive: {arr:%Y-%m-%d %H:%M} {arr.tzname()} in {leg.to_zone} is not after the departure"
            f" {dep:%Y-%m-%d %H:%M} {dep.tzname()} in {leg.from_zone} (that is {arr.astimezone(dep.tzinfo):%Y-%m-%d %H:%M}"
            f" in {leg.from_zone}); check the dates and the zones."
        )


def add_leg(
    session: Session,
    event_code: str,
    email: str,
    *,
    kind: str = "flight",
    from_place: str,
    from_zone: str,
    depart_local: datetime,
    to_place: str,
    to_zone: str,
    arrive_local: datetime,
    carrier: str = "",
    number: str = "",
    booking_ref: str = "",
    depart_offset: timedelta | None = None,
    arrive_offset: timedelta | None = None,
) -> int:
    """Add a travel leg for a participant of the event; returns its id."""
    event = get_event_model(session, event_code)
    part = participation_of(session, event, email)
    leg = TravelLeg(
        person_id=part.person_id, kind=kind, carrier=carrier.strip(), number=number.strip(),
        booking_ref=booking_ref.strip(), from_place=from_place.strip(), from_zone=from_zone,
        depart_utc=_instant("depart", depart_local, from_zone, depart_offset), to_place=to_place.strip(),
        to_zone=to_zone, arrive_utc=_instant("arrive", arrive_local, to_zone, arrive_offset),
    )
    leg.person = part.person
    _validate(leg)
    event.travel_legs.append(leg)
    session.flush()
    return leg.id


def with_zones(raw: dict[str, Any]) -> dict[str, Any]:
    """The leg with the zone of each end that is an airport's IATA code, where none is given; else a problem."""
    out, problems = dict(raw), []
    for end in ("from", "to"):
        place = out.get(end)
        found = airport(place) if isinstance(place, str) else None
        if found is not None:
            out[end] = found.code
            out[f"{end}_zone"] = out.get(f"{end}_zone") or found.zone
        elif isinstance(place, str) and place.strip() and not out.get(f"{end}_zone"):
            problems.append(
                f"{end}_zone: {place.strip()!r} is not an airport code in the airport table;"
                f" give the zone of the place (e.g. Asia/Tokyo)."
            )
    if problems:
        raise ValidationError(problems)
    return out


def create_leg(session: Session, event_code: str, raw: dict[str, Any]) -> int:
    """Book a leg given in the programme file's shape (`from`, `depart`, ...) for a participant; returns its id."""
    event = get_event_model(session, event_code)
    plan = validate_leg(session, with_zones(raw))
    leg = TravelLeg(**plan.values)
    leg.person = taking_part(session, event, int(plan.person), "person")
    _validate(leg)
    event.travel_legs.append(leg)
    session.flush()
    return leg.id


def leg_record(leg: LegView) -> dict[str, Any]:
    """A stored leg in the programme file's shape, with its id (the person by e-mail)."""
    return {
        "id": leg.id, "person": leg.person, "kind": leg.kind, "carrier": leg.carrier, "number": leg.number,
        "booking_ref": leg.booking_ref, "from": leg.from_place, "from_zone": leg.from_zone,
        "depart": timeutil.format_local(leg.depart, leg.from_zone), "to": leg.to_place, "to_zone": leg.to_zone,
        "arrive": timeutil.format_local(leg.arrive, leg.to_zone), "sequence": leg.sequence,
    }


def edit_leg(session: Session, event_code: str, leg_id: int, changes: dict[str, Any]) -> LegView:
    """Change fields of a leg given in the programme file's shape; a new airport brings its zone unless one is given."""
    event = get_event_model(session, event_code)
    leg = _leg(session, event, leg_id)
    raw = {k: v for k, v in leg_record(leg_view(leg)).items() if k not in ("id", "sequence")} | changes
    for end in ("from", "to"):
        if end in changes and f"{end}_zone" not in changes and airport(str(changes[end])) is not None:
            raw.pop(f"{end}_zone")  # the new airport's own zone, not the old place's
    plan = validate_leg(session, with_zones(raw))
    for name, value in plan.values.items():
        setattr(leg, name, value)
    leg.person = taking_part(session, event, int(plan.person), "person")
    _validate(leg)
    session.flush()
    return leg_view(leg)


def leg_by_id(session: Session, event_code: str, leg_id: int) -> LegView:
    """One leg of the event, by id (NotFound for an id of another event)."""
    return leg_view(_leg(session, get_event_model(session, event_code), leg_id))


def _leg(session: Session, event: Event, leg_id: int) -> TravelLeg:
    return find_in_event(session, event, TravelLeg, leg_id, "travel leg")


def update_leg(session: Session, event_code: str, leg_id: int, **changes: object) -> LegView:
    """Edit a leg; local times stay in their (possibly new) zones; the sequence rises when it changed."""
    check_editable("a travel leg", changes, EDITABLE)
    event = get_event_model(session, event_code)
    leg = _leg(session, event, leg_id)
    for name in ("kind", "carrier", "number", "booking_ref", "from_place", "to_place"):
        if name in changes:
            setattr(leg, name, str(changes[name] or "").strip())
    for end, zone_attr, utc_attr in (("depart", "from_zone", "depart_utc"), ("arrive", "to_zone", "arrive_utc")):
        new_zone = str(changes.get(zone_attr, getattr(leg, zone_attr)))
        if f"{end}_local" in changes or f"{end}_offset" in changes or new_zone != getattr(leg, zone_attr):
            old_local = timeutil.to_local(getattr(leg, utc_attr), getattr(leg, zone_attr)).replace(tzinfo=None)
            local = changes.get(f"{end}_local") or old_local
            setattr(leg, utc_attr, _instant(end, local, new_zone, changes.get(f"{end}_offset")))  # type: ignore[arg-type]
            setattr(leg, zone_attr, new_zone)
    _validate(leg)
    session.flush()
    return leg_view(leg)


@dataclass(frozen=True)
class RemovedLeg:
    """Everything of a deleted leg, to book it again as it was: same instants, zones and calendar UID."""

    person_id: int
    kind: str
    carrier: str
    number: str
    booking_ref: str
    from_place: str
    from_zone: str
    depart_utc: datetime
    to_place: str
    to_zone: str
    arrive_utc: datetime
    uid: str
    sequence: int


def remove_leg(session: Session, event_code: str, leg_id: int) -> RemovedLeg:
    """Delete a travel leg; returns what `restore_leg` needs to put it back."""
    event = get_event_model(session, event_code)
    leg = _leg(session, event, leg_id)
    removed = copy_of(leg, RemovedLeg)
    event.travel_legs.remove(leg)
    session.flush()
    return removed


def restore_leg(session: Session, event_code: str, removed: RemovedLeg) -> int:
    """Book a removed leg again under its old calendar UID (calendars update it, not add a second); returns its id."""
    event = get_event_model(session, event_code)
    person = participant(session, event, removed.person_id, "travel leg")
    leg = row_from(TravelLeg, removed)
    leg.person = person
    _validate(leg)
    event.travel_legs.append(leg)
    session.flush()
    return leg.id


def list_legs(session: Session, event_code: str, email: str | None = None) -> list[LegView]:
    """The event's legs (or one participant's), in order of true departure."""
    event = get_event_model(session, event_code)
    legs = of_event(session, event, TravelLeg, one_person(session, event, email), joinedload(TravelLeg.person))
    return [leg_view(leg) for leg in sorted(legs, key=lambda leg: (leg.depart_utc, leg.id))]
