"""The fields a calendar entry shows, per row kind: changing one makes a re-sent invite an update.

Calendar clients take a re-sent entry as news only when its SEQUENCE rose (RFC
5546). A mapper hook below raises a row's `sequence` when one of these fields
changed, and only then, whatever the write path (edits, cancellations, calendar
imports, programme loads): no service raises it by hand. An event whose status
changes (cancelled) raises its travel legs' and hotel stays' sequences too: their
entries in published itineraries turn CANCELLED, and clients take that only as news.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from .models import Event, Item, Stay, TravelLeg

ITEM = ("title", "start_utc", "end_utc", "zone", "place", "status")
EVENT = ("title", "start_date", "end_date", "zone", "status")
LEG = ("kind", "carrier", "number", "from_place", "from_zone", "depart_utc", "to_place", "to_zone", "arrive_utc")
STAY = ("hotel", "address_local", "zone", "check_in", "check_out", "room", "shares_with_id")

BY_MODEL: dict[type[Any], tuple[str, ...]] = {Item: ITEM, Event: EVENT, TravelLeg: LEG, Stay: STAY}


# --- the one place a sequence rises -------------------------------------------------------------

_RAISED = "calendar_fields.raised"  # session.info: rows whose sequence rose in this transaction


def _raise_sequence(_mapper: object, _connection: object, target: Any) -> None:
    """Before an UPDATE: a shown field changed, so the row's calendar entry is an update (once per transaction).

    A write that sets `sequence` itself (a programme file carrying its own, a conflict resolved
    with "apply mine") is left as it is.
    """
    state = inspect(target)
    if state.attrs.sequence.history.has_changes():
        return
    if not any(state.attrs[name].history.has_changes() for name in BY_MODEL[type(target)]):
        return
    _raise_once(target, state.session)


def _raise_once(target: Any, session: Session | None) -> None:
    raised: set[tuple[type, int]] = session.info.setdefault(_RAISED, set()) if session is not None else set()
    key = (type(target), target.id)
    if key in raised:
        return
    raised.add(key)
    target.sequence = (target.sequence or 0) + 1


def _raise_with_event(session: Session, *_: object) -> None:
    """Before a flush: an event's status changed, so its travel legs and hotel stays are news too."""
    changed = [e for e in session.dirty if isinstance(e, Event) and inspect(e).attrs.status.history.has_changes()]
    with session.no_autoflush:
        for event_row in changed:
            for row in (*event_row.travel_legs, *event_row.stays):
                _raise_once(row, session)


def _forget_raised(session: Session, *_: object) -> None:
    session.info.pop(_RAISED, None)


for _model in BY_MODEL:
    event.listen(_model, "before_update", _raise_sequence)
event.listen(Session, "before_flush", _raise_with_event)
event.listen(Session, "after_commit", _forget_raised)
event.listen(Session, "after_soft_rollback", _forget_raised)
