"""What each reminder rule queued or missed (`reminders_sent`), written in the transaction that queued it.

The table's unique (rule, person, item) key makes a second run, or a run in
another window at the same moment, find a reminder done: it is queued once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import ReminderRule, ReminderSent

# One reminder as recorded: rule, person, item (None: the event's start), due instant, outbox message (None: missed).
Entry = tuple[int, int, "int | None", datetime, "int | None"]


def record(session: Session, entries: Iterable[Entry]) -> None:
    """Record reminders as queued (with their message) or missed (message None)."""
    session.add_all(ReminderSent(rule_id=rule, person_id=person, item_id=item, due_utc=due, outbox_id=message)
                    for rule, person, item, due, message in entries)
    session.flush()


def sent_by(session: Session, rule_id: int) -> list[tuple[int, int | None, datetime, int | None]]:
    """What a rule queued or missed: (person, item, due, message) each, for the undo of its removal."""
    return [tuple(row) for row in session.execute(  # type: ignore[misc]
        select(ReminderSent.person_id, ReminderSent.item_id, ReminderSent.due_utc, ReminderSent.outbox_id)
        .where(ReminderSent.rule_id == rule_id).order_by(ReminderSent.id))]


def put_back(session: Session, event_id: int, rule_id: int, columns: dict[str, object], enabled: bool,
             sent: list[tuple[int, int | None, datetime, int | None]]) -> ReminderRule:
    """A removed rule back under its id, with what it had queued (so none of it is queued again)."""
    one = ReminderRule(id=rule_id, event_id=event_id, enabled=enabled, **columns)
    session.add(one)
    session.flush()
    record(session, ((rule_id, person, item, due, message) for person, item, due, message in sent))
    return one
