"""The log of itinerary booklets saved: per group or person, a digest of each entry, to mark what changed since."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..models import BookletPrint, Event, OutboxMessage

PERSON = "person"
NOT_RECEIVED = ("cancelled", "failed")  # outbox states of a mailed booklet its reader never got


def _subject(group: str | None) -> str:
    return f"group:{group.strip().casefold()}" if group is not None else PERSON


def last_print(session: Session, event: Event, group: str | None,
               person_id: int | None) -> tuple[str, dict[str, str]] | None:
    """The version and entry digests of the booklet last saved or mailed for this group or person (None: never);
    one mailed in a message cancelled or refused never reached its reader and does not count."""
    stmt = (select(BookletPrint.version, BookletPrint.marks)
            .outerjoin(OutboxMessage, OutboxMessage.id == BookletPrint.outbox_id)
            .where(BookletPrint.event_id == event.id, BookletPrint.subject == _subject(group),
                   or_(OutboxMessage.id.is_(None), OutboxMessage.state.not_in(NOT_RECEIVED)))
            .order_by(BookletPrint.printed_at_utc.desc(), BookletPrint.id.desc()).limit(1))
    if group is None:
        stmt = stmt.where(BookletPrint.person_id == person_id)
    row = session.execute(stmt).first()
    return None if row is None else (row.version, json.loads(row.marks))


def log_print(session: Session, event: Event, group: str | None, person_id: int | None, version: str,
              marks: dict[str, str], at: datetime) -> BookletPrint:
    """Record a booklet saved or mailed, with its entries' digests; written with the transaction."""
    logged = BookletPrint(event_id=event.id, subject=_subject(group), person_id=None if group else person_id,
                          printed_at_utc=at, version=version, marks=json.dumps(marks, sort_keys=True))
    session.add(logged)
    return logged
