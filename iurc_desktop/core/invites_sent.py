"""Which invite version was sent: the record behind the "invite changed since it was sent" to-do."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from .errors import NotFound
from .events import get_event_model
from .models import Event, Item


def mark_sent(
    session: Session, event_code: str, item_keys: Iterable[str] | None = None, *, with_cancelled: bool = False
) -> tuple[str, ...]:
    """Record that the current version of these items (default: every scheduled one) went out; return their keys.

    Call it in the transaction that writes the invite or cancellation, so the record
    and the file go together. Cancelled items count when named, or all of them with
`with_cancelled` (a whole event's cancellation): their CANCEL was sent.
    """
    event = get_event_model(session, event_code)
    items = {item.key: item for item in session.scalars(select(Item).where(Item.event_id == event.id))}
    if item_keys is None:
        chosen = [item for item in items.values() if with_cancelled or item.status != "cancelled"]
    else:
        keys = list(dict.fromkeys(item_keys))
        missing = [k for k in keys if k not in items]
        if missing:
            raise NotFound(f"The event {event.code} has no item {', '.join(missing)}.")
        chosen = [items[k] for k in keys]
    for item in chosen:
        item.sent_sequence = item.sequence
    session.flush()
    return tuple(sorted(item.key for item in chosen))


@dataclass(frozen=True)
class InviteState:
    """An event's calendar state: its status and version, and each item's status, version and version sent."""

    event_id: int
    event: tuple[str, int]
    items: tuple[tuple[int, str, int, int | None], ...]  # (id, status, sequence, sent_sequence)


def invite_state(session: Session, event_code: str) -> InviteState:
    """The calendar state of the event now, to put back with `restore_invite_state`."""
    event = get_event_model(session, event_code)
    rows = session.execute(
        select(Item.id, Item.status, Item.sequence, Item.sent_sequence).where(Item.event_id == event.id)
    ).all()
    return InviteState(event.id, (event.status, event.sequence), tuple(tuple(r) for r in rows))  # type: ignore[misc]


def restore_invite_state(session: Session, state: InviteState) -> None:
    """Put back what `invite_state` saw: a cancellation or a sent record whose file never reached its place."""
    event = session.get(Event, state.event_id)
    if event is None:
        return
    event.status, event.sequence = state.event
    for item_id, status, sequence, sent in state.items:
        item = session.get(Item, item_id)
        if item is not None:
            item.status, item.sequence, item.sent_sequence = status, sequence, sent
    session.flush()
