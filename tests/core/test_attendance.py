"""Attendance: those who came are marked attended with their times, the missed no_show, each move recorded."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from iurc_desktop.core.errors import Cancelled
from iurc_desktop.core.models import Participation, StatusChange
from iurc_desktop.core.progress import CancelToken, no_progress
from iurc_desktop.core.registrations.attendance import Attendance, record_attendance

from . import factories as f

UTC = timezone.utc


@pytest.fixture
def webinar(db):  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = f.event(s, "web", kind="webinar")
        came = f.participate(s, ev, f.person(s, "Ane", "Etxeberria", email="ane@example.eus"))
        missed = f.participate(s, ev, f.person(s, "Jan", "Janssens", email="jan@example.be"), status="registered")
        s.flush()
        ids = came.id, missed.id
    return db, ids


def test_those_who_came_get_their_times_and_the_missed_become_no_shows(webinar) -> None:  # type: ignore[no-untyped-def]
    db, (came, missed) = webinar
    join, leave = datetime(2026, 3, 23, 9, tzinfo=UTC), datetime(2026, 3, 23, 10, 30, tzinfo=UTC)
    with db.transaction() as s:
        record_attendance(s, "web", [Attendance(came, join, leave, 85)], [missed], by="test", reason="report.csv",
                          progress=no_progress, cancel=CancelToken())
    with db.reading() as s:
        parts = {p.id: p for p in s.query(Participation)}
        assert (parts[came].status, parts[came].first_join_utc, parts[came].last_leave_utc, parts[came].attended_minutes) == (
            "attended", join, leave, 85)
        assert parts[missed].status == "no_show"
        assert {(c.participation_id, c.to_status, c.reason) for c in s.query(StatusChange)} >= {
            (came, "attended", "report.csv"), (missed, "no_show", "report.csv")}


def test_a_cancel_stops_before_anything_is_marked(webinar) -> None:  # type: ignore[no-untyped-def]
    db, (came, missed) = webinar
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled), db.transaction() as s:
        record_attendance(s, "web", [Attendance(came, None, None, 10)], [missed], by="test", reason="r",
                          progress=no_progress, cancel=token)
    with db.reading() as s:
        assert {p.status for p in s.query(Participation)} == {"confirmed", "registered"}
