"""Attendance: who of an event's participants came, when and for how long, and who did not come."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from ..models import Participation
from ..progress import CancelToken, Progress
from ..vocab import ParticipationStatus
from . import participations as reg


@dataclass(frozen=True)
class Attendance:
    """One participant's presence: first join and last leave (UTC, when known) and the minutes present."""

    participation_id: int
    first_join_utc: datetime | None
    last_leave_utc: datetime | None
    minutes: int


def record_attendance(
    session: Session, event_code: str, came: Sequence[Attendance], missed: Sequence[int], *,
    by: str, reason: str, progress: Progress, cancel: CancelToken,
) -> None:
    """Mark those who came attended (with their times) and the `missed` participations no_show, recording each move."""
    total = len(came) + len(missed)
    for done, visit in enumerate(came):
        cancel.check()
        part = session.get(Participation, visit.participation_id)
        if part is None:
            continue
        if visit.first_join_utc is not None:
            part.first_join_utc, part.last_leave_utc = visit.first_join_utc, visit.last_leave_utc
        part.attended_minutes = visit.minutes
        if part.status != ParticipationStatus.ATTENDED:
            reg.set_status(session, event_code, [part.id], ParticipationStatus.ATTENDED.value, by=by, reason=reason)
        progress(done + 1, total, "Marking attendance")
    if missed:
        reg.set_status(session, event_code, list(missed), ParticipationStatus.NO_SHOW.value, by=by, reason=reason)
    progress(total, total, "Done")
