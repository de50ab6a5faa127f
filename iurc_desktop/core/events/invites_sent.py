"""Which invite version was sent: the record behind the "invite changed since it was sent" to-do."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import NotFound
from ..models import Item
from .listing import get_event_model


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
