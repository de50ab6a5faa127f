"""Taking status changes back: a snapshot of an event's statuses, and its restoration.

Undoing a bulk change cannot replay `TRANSITIONS` backwards (confirmed -> waitlisted
is not a move a person may make, and promotions moved others too). Undo instead
writes each participation's earlier status and waitlist place back, recording
each restoration in the history with the reason "undo", so nothing is hidden.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import timeutil
from ..events.listing import get_event_model
from ..models import Participation, StatusChange
from ..team.who import by_or_current
from .participations import Change, StatusSnapshot

__all__ = ["UNDO_REASON", "StatusSnapshot", "restore", "snapshot"]

UNDO_REASON = "undo"


def snapshot(session: Session, event_code: str) -> tuple[StatusSnapshot, ...]:
    """Every participation of the event with its status and waitlist place."""
    event = get_event_model(session, event_code)
    stmt = select(Participation.id, Participation.status, Participation.waitlist_position).where(
        Participation.event_id == event.id
    ).order_by(Participation.id)
    return tuple(StatusSnapshot(pid, status, pos) for pid, status, pos in session.execute(stmt))


def restore(
    session: Session, event_code: str, saved: Sequence[StatusSnapshot], *, by: str = "", reason: str = UNDO_REASON
) -> list[Change]:
    """Put the saved statuses and waitlist places back; participations added since are left alone."""
    event = get_event_model(session, event_code)
    wanted = {s.participation_id: s for s in saved}
    parts = session.scalars(
        select(Participation).where(Participation.event_id == event.id, Participation.id.in_(list(wanted)))
    ).all()
    changes: list[Change] = []
    for part in sorted(parts, key=lambda p: p.id):
        old = wanted[part.id]
        if part.status != old.status:
            session.add(StatusChange(
                participation_id=part.id, at_utc=timeutil.utc_now(), by=by_or_current(by),
                from_status=part.status, to_status=old.status, reason=reason,
            ))
            changes.append(Change(part.id, part.person_id, part.person.display_name, part.person.email or "",
                                  part.status, old.status, reason, old.waitlist_position))
            part.status = old.status
        part.waitlist_position = old.waitlist_position
    session.flush()
    return changes
