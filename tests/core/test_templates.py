"""Duplicating an event keeps local times and zones, shifts instants, and gives new UIDs."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from iurc_desktop.core import timeutil
from iurc_desktop.core.errors import Conflict, ValidationError
from iurc_desktop.core.events.listing import get_event_model
from iurc_desktop.core.events.templates import duplicate_event
from iurc_desktop.core.models import Event, Group

from .factories import event, item, org, participate, person


def _visit(session):  # type: ignore[no-untyped-def]
    ev = event(session, "visit-2026", zone="Europe/Brussels", start=date(2026, 3, 23), end=date(2026, 3, 27))
    ev.groups = [Group(name="A"), Group(name="B")]
    session.flush()
    opening = item(session, ev, "opening", datetime(2026, 3, 23, 9, 0), datetime(2026, 3, 23, 10, 0))
    opening.groups = [ev.groups[0]]
    item(session, ev, "tokyo-call", datetime(2026, 3, 24, 17, 0), datetime(2026, 3, 24, 18, 0), zone="Asia/Tokyo")
    participate(session, ev, person(session, "Ane", "Etxeberria", organisation=org(session, "basque", country="ES", zone="Europe/Madrid")))
    return ev


def test_duplicate_across_dst_keeps_local_times_and_shifts_instants(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        _visit(s)
        result = duplicate_event(s, "visit-2026", new_code="visit-2026-b", new_start=date(2026, 3, 30))
        old, new = get_event_model(s, "visit-2026"), get_event_model(s, "visit-2026-b")
        old_items = {i.key: i for i in old.items}
        for it in new.items:
            before = timeutil.to_local(old_items[it.key].start_utc, it.zone)
            after = timeutil.to_local(it.start_utc, it.zone)
            assert after.replace(tzinfo=None) == before.replace(tzinfo=None) + (date(2026, 3, 30) - date(2026, 3, 23))
            assert it.uid != old_items[it.key].uid and it.sequence == 0
        # Brussels moved from CET to CEST between the two weeks: same 09:00 local, one hour earlier in UTC.
        opening = next(i for i in new.items if i.key == "opening")
        assert opening.start_utc.isoformat() == "2026-03-30T07:00:00+00:00"
        assert [g.name for g in opening.groups] == ["A"]
        assert new.uid != old.uid and new.end_date == date(2026, 4, 3)
        assert result.participants == 0 and result.warnings == ()


def _night(session, start: date, hours: tuple[int, int] = (2, 3)):  # type: ignore[no-untyped-def]
    """An event with a one-hour item at 02:30 (or `hours`) Brussels time on `start`, and an ordinary one at 10:00."""
    ev = event(session, "night-2026", start=start)
    item(session, ev, "late", datetime.combine(start, datetime.min.time()).replace(hour=hours[0], minute=30),
         datetime.combine(start, datetime.min.time()).replace(hour=hours[1], minute=30))
    item(session, ev, "talk", datetime.combine(start, datetime.min.time()).replace(hour=10),
         datetime.combine(start, datetime.min.time()).replace(hour=11))
    return ev


def _span(session, code: str, key: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    it = next(i for i in get_event_model(session, code).items if i.key == key)
    return it.start_utc.isoformat(), it.end_utc.isoformat()


@pytest.mark.parametrize(("new_start", "said"), [
    (date(2026, 3, 29), "02:30 on Sun 29 Mar 2026 does not exist in Europe/Brussels (the clocks go forward): choose"
                        " 01:30 CET (00:30 UTC), the earlier, or 03:30 CEST (01:30 UTC), the later"),
    (date(2026, 10, 25), "02:30 on Sun 25 Oct 2026 happens twice in Europe/Brussels (the clocks go back): choose"
                         " 02:30 CEST (00:30 UTC), the earlier, or 02:30 CET (01:30 UTC), the later"),
])
def test_a_time_in_a_gap_or_fold_is_refused_naming_both_readings(db, new_start: date, said: str) -> None:  # type: ignore[no-untyped-def]
    from iurc_desktop.core.clock_changes import ClockChangeRefused

    with db.transaction() as s:
        _night(s, date(2026, 3, 22))
    with pytest.raises(ClockChangeRefused) as refused, db.transaction() as s:
        duplicate_event(s, "night-2026", new_code="night-2026-b", new_start=new_start)
    assert f"Late (late), start: {said}" in str(refused.value)
    assert [(t.key, t.ends_at) for t in refused.value.found] == [("late", None)]
    with db.reading() as s:
        assert [e.code for e in s.query(Event)] == ["night-2026"]
    with pytest.raises(ValidationError, match="'both' is not a reading"), db.transaction() as s:
        duplicate_event(s, "night-2026", new_code="night-2026-b", new_start=new_start, dst="both")


@pytest.mark.parametrize(("new_start", "dst", "span"), [
    # 02:30-03:30 onto 29 March used to become 03:30-03:30; each reading keeps the hour
    (date(2026, 3, 29), "earlier", ("2026-03-29T00:30:00+00:00", "2026-03-29T01:30:00+00:00")),
    (date(2026, 3, 29), "later", ("2026-03-29T01:30:00+00:00", "2026-03-29T02:30:00+00:00")),
    # onto 25 October it used to become two hours
    (date(2026, 10, 25), "earlier", ("2026-10-25T00:30:00+00:00", "2026-10-25T01:30:00+00:00")),
    (date(2026, 10, 25), "later", ("2026-10-25T01:30:00+00:00", "2026-10-25T02:30:00+00:00")),
])
def test_going_on_takes_the_chosen_reading_keeps_the_length_and_reports_the_item(db, new_start, dst, span) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        _night(s, date(2026, 3, 22))
        result = duplicate_event(s, "night-2026", new_code="night-2026-b", new_start=new_start, dst=dst)
        assert _span(s, "night-2026-b", "late") == span
        assert _span(s, "night-2026-b", "talk")[0].endswith("T08:00:00+00:00" if new_start.month == 3 else "T09:00:00+00:00")  # 10:00 as before
    [note] = result.warnings
    assert note.startswith(f"Late (late), start: 02:30 on {'Sun 29 Mar' if new_start.month == 3 else 'Sun 25 Oct'} 2026")
    assert f"the {dst} reading: now " in note and "1 h as before" in note


def test_an_end_in_the_fold_follows_at_the_item_length(db) -> None:  # type: ignore[no-untyped-def]
    """01:30-02:30 onto 25 October: the end could be read an hour apart; either choice keeps the one hour."""
    from iurc_desktop.core.clock_changes import ClockChangeRefused

    with db.transaction() as s:
        _night(s, date(2026, 3, 22), hours=(1, 2))
    with pytest.raises(ClockChangeRefused) as refused, db.transaction() as s:
        duplicate_event(s, "night-2026", new_code="night-2026-b", new_start=date(2026, 10, 25))
    assert "Late (late), end: 02:30 on Sun 25 Oct 2026 happens twice in Europe/Brussels; going on, it ends at its own length," \
           " 02:30 CEST (00:30 UTC)" in str(refused.value)
    with db.transaction() as s:
        duplicate_event(s, "night-2026", new_code="night-2026-b", new_start=date(2026, 10, 25), dst="later")
        assert _span(s, "night-2026-b", "late") == ("2026-10-24T23:30:00+00:00", "2026-10-25T00:30:00+00:00")


def test_participants_are_optional_and_come_back_invited(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        _visit(s)
        result = duplicate_event(s, "visit-2026", new_code="visit-2027", new_start=date(2027, 3, 22), with_participants=True)
        new = get_event_model(s, "visit-2027")
        assert result.participants == 1 and [p.status for p in new.participations] == ["invited"]


def test_existing_or_bad_code_is_refused(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        _visit(s)
        with pytest.raises(Conflict):
            duplicate_event(s, "visit-2026", new_code="visit-2026", new_start=date(2027, 1, 1))
        with pytest.raises(ValidationError):
            duplicate_event(s, "visit-2026", new_code="Bad Code!", new_start=date(2027, 1, 1))
