"""Visa tracking per participation: its states, the moves between them, their history, and the application deadline.

A participation's state is stored in `visa_status` (the programme file's field), with
`visa_needed` kept in step. Text written before these states existed (free text such as
"applied") reads as "needed" when a visa is needed, else as not recorded, so any such
participation can still move on. The deadline is the departure (the person's first leg of
the event, else its first day) minus the destination's processing time: the event's own
(`visa_days`, set where it is edited, kept in the programme file) or its country's default.
The override is per event rather than a setting because a consulate's time depends on
the destination and season, which the event fixes, and so the window, the command line
and every team member's checks agree on it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib import resources

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from .. import timeutil
from ..errors import ValidationError
from ..events.listing import get_event_model
from ..models import Event, Participation, TravelLeg, VisaChange

NEEDED, LETTER_SENT, APPOINTMENT, GRANTED, REFUSED, NOT_NEEDED = (
    "needed", "letter sent", "appointment", "granted", "refused", "not needed")
STATES = (NEEDED, LETTER_SENT, APPOINTMENT, GRANTED, REFUSED, NOT_NEEDED)
NOT_RECORDED = ""
# The one rule of which state may follow which; "" is a participation whose visa was never recorded.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    NOT_RECORDED: (NEEDED, NOT_NEEDED),
    NOT_NEEDED: (NEEDED,),
    NEEDED: (LETTER_SENT, NOT_NEEDED),
    LETTER_SENT: (APPOINTMENT, NOT_NEEDED),
    APPOINTMENT: (GRANTED, REFUSED),
    REFUSED: (NEEDED,),  # apply again
    GRANTED: (),
}
SETTLED = (GRANTED, NOT_NEEDED, NOT_RECORDED)  # no deadline to watch
NOTE_LENGTH = 300
DEADLINE_DAYS = 14  # a deadline this near (or passed) is warned about

# Days from starting an application (asking for the letter) to holding the visa, by destination country.
# Working defaults for planning, not consular facts: times change with season and nationality; check the
# consulate's own page. Schengen members share one: 15 days to decide plus the wait for an appointment.
SCHENGEN = ("AT", "BE", "CH", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IS", "IT", "LI", "LT",
            "LU", "LV", "MT", "NL", "NO", "PL", "PT", "SE", "SI", "SK")
PROCESSING_DAYS: dict[str, int] = {
    "JP": 14, "KR": 14, "CN": 28, "IN": 21, "TH": 14, "VN": 14, "SG": 7, "AU": 30, "NZ": 30, "ID": 14, "MY": 14,
    "PH": 14, "TW": 14, "US": 60, "CA": 30, "GB": 21, "IE": 30, "BR": 21, "MX": 21, "AR": 14, "CL": 14, "CO": 14,
    **{country: 30 for country in SCHENGEN},
}
DEFAULT_PROCESSING_DAYS = 30  # a destination not in the table


@dataclass(frozen=True)
class VisaMove:
    """A state change made, and what undoes it (the earlier state and the history entry written)."""

    event_code: str
    email: str
    from_state: str
    to_state: str
    before: tuple[bool, str]  # visa_needed, visa_status as they were
    change_id: int | None  # the history entry; None when the state was already `to_state`


@dataclass(frozen=True)
class VisaEntry:
    """One recorded state change."""

    at_utc: datetime
    by: str
    from_state: str
    to_state: str
    note: str


@dataclass(frozen=True)
class VisaView:
    """A participant's visa as the dialog and `visa --json` show it."""

    event_code: str
    email: str
    name: str
    state: str
    allowed: tuple[str, ...]
    destination: str  # ISO country, "" when the event's zone names none
    processing_days: int
    processing_default: bool  # the country's default, not the event's own
    departure: date
    deadline: date
    history: tuple[VisaEntry, ...]


def state_of(needed: bool, status: str) -> str:
    """The state a participation is in (free text from before the states reads as "needed" or not recorded)."""
    if status in STATES:
        return status
    return NEEDED if needed else NOT_RECORDED


def allowed_from(state: str) -> tuple[str, ...]:
    """The states that may follow `state`."""
    return TRANSITIONS.get(state, ())


def check_move(state: str, to: str) -> None:
    """Refuse an unknown state or a move the rule does not allow, naming the allowed ones."""
    if to not in STATES:
        raise ValidationError(f"{to!r} is not a visa state; use one of: {', '.join(STATES)}.")
    allowed = allowed_from(state)
    if to != state and to not in allowed:
        named = ", ".join(allowed) if allowed else "none (it is final)"
        raise ValidationError(f"The visa cannot go from {state or 'not recorded'} to {to}; allowed next: {named}.")


def tracked(part: Participation) -> bool:
    """Whether a participation's visa has a deadline to watch: needed and not yet granted."""
    return part.visa_needed and state_of(part.visa_needed, part.visa_status) not in SETTLED


@functools.cache
def _zone_countries() -> dict[str, str]:
    """IANA zone -> ISO country, from tzdata's zone.tab (a dependency, bundled with the zones)."""
    try:
        text = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError):
        return {}
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {row[2]: row[0] for row in rows if len(row) >= 3}


def destination(zone: str) -> str:
    """The country of the event's zone, "" when unknown (e.g. "UTC")."""
    return _zone_countries().get(zone, "")


def processing_days(country: str) -> int:
    """Days to allow for a visa to `country` (the defaults table)."""
    return PROCESSING_DAYS.get(country, DEFAULT_PROCESSING_DAYS)


def event_processing_days(event: Event) -> int:
    """The event's own processing time where it has one, else its country's default."""
    return event.visa_days or processing_days(destination(event.zone))


def departure(start: date, legs: list[TravelLeg]) -> date:
    """The day the person sets out: their first leg of the event (local to where it leaves), else the event's first day."""
    if not legs:
        return start
    first = min(legs, key=lambda leg: (leg.depart_utc, leg.id))
    return timeutil.to_local(first.depart_utc, first.from_zone).date()


def deadline(event: Event, legs: list[TravelLeg]) -> date:
    """The last day to start the visa application: departure minus the destination's processing time."""
    return departure(event.start_date, legs) - timedelta(days=event_processing_days(event))


def deadline_due(part: Participation, event: Event, legs: list[TravelLeg], today: date) -> date | None:
    """The application deadline of a visa still to be granted, when it is within `DEADLINE_DAYS` or passed and the
    person has not left yet; else None."""
    if not tracked(part) or departure(event.start_date, legs) < today:
        return None
    due = deadline(event, legs)
    return due if (due - today).days <= DEADLINE_DAYS else None


def deadline_message(name: str, state: str, event: Event, legs: list[TravelLeg], today: date) -> str:
    """What a near or passed deadline says: when, why that day, and where the application stands."""
    due, country = deadline(event, legs), destination(event.zone)
    when = f"passed on {due.isoformat()}" if due < today else f"is {due.isoformat()}"
    return (f"{name}'s visa application deadline {when} (departure {departure(event.start_date, legs).isoformat()}"
            f" minus {event_processing_days(event)} days for {country or 'the destination'}); the visa stands at"
            f" '{state}': move it on or note why it is late.")


def _resolve(session: Session, event: Event, email: str) -> Participation:
    """The event's participation of `email`."""
    # Imported only when one visa is read or moved: the logistics checks (the home page's among them) use this
    # module's rules and none of the registration rules, whose module builds its statements as it loads.
    from .participations import _resolve as participation

    return participation(session, event, email)


def visa_view(session: Session, event_code: str, email: str) -> VisaView:
    """A participant's visa: state, allowed moves, destination, deadline and history."""
    event = get_event_model(session, event_code)
    part = _resolve(session, event, email)
    legs = list(session.scalars(select(TravelLeg).where(
        TravelLeg.event_id == event.id, TravelLeg.person_id == part.person_id)))
    state = state_of(part.visa_needed, part.visa_status)
    country = destination(event.zone)
    history = session.scalars(select(VisaChange).where(VisaChange.participation_id == part.id)
                              .order_by(VisaChange.at_utc, VisaChange.id))
    return VisaView(
        event.code, part.person.email or "", part.person.display_name, state, allowed_from(state), country,
        event_processing_days(event), not event.visa_days, departure(event.start_date, legs), deadline(event, legs),
        tuple(VisaEntry(h.at_utc, h.by, h.from_state, h.to_state, h.note) for h in history))


def move(session: Session, event_code: str, email: str, to: str, *, note: str = "", by: str = "") -> VisaMove:
    """Move a participant's visa to state `to` as the rule allows, recording the date and note; the same state: nothing."""
    event = get_event_model(session, event_code)
    part = _resolve(session, event, email)
    state = state_of(part.visa_needed, part.visa_status)
    to = " ".join(to.split()).casefold().replace("_", " ")
    check_move(state, to)
    note = " ".join(note.split())
    if len(note) > NOTE_LENGTH:
        raise ValidationError(f"The note is {len(note)} characters long; at most {NOTE_LENGTH} are kept.")
    before = (part.visa_needed, part.visa_status)
    if to == state:
        return VisaMove(event.code, email, state, to, before, None)
    change = _record(session, part, state, to, note=note, by=by)
    return VisaMove(event.code, email, state, to, before, change.id)


def _record(session: Session, part: Participation, state: str, to: str, *, note: str, by: str) -> VisaChange:
    """Set the participation's state to `to` and write the history entry."""
    part.visa_needed, part.visa_status = to != NOT_NEEDED, to
    change = VisaChange(participation_id=part.id, at_utc=timeutil.utc_now(), by=by[:120], from_state=state,
                        to_state=to, note=note)
    session.add(change)
    session.flush()
    return change


def letter_issued(session: Session, part: Participation, number: str) -> bool:
    """A visa still at "needed" moves to "letter sent" when its letter is issued; True when it moved."""
    state = state_of(part.visa_needed, part.visa_status)
    if state != NEEDED:
        return False  # a later state (or a repeat letter) keeps what the user recorded
    _record(session, part, state, LETTER_SENT, note=f"letter {number} issued", by="letters")
    return True


def undo_move(session: Session, made: VisaMove) -> None:
    """Undo of `move`: the earlier state written back, its history entry taken out."""
    part = _resolve(session, get_event_model(session, made.event_code), made.email)
    if made.change_id is not None:
        session.execute(delete(VisaChange).where(VisaChange.id == made.change_id))
    part.visa_needed, part.visa_status = made.before
    session.flush()

