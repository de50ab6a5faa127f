"""Duplicating an event keeps local times and zones, shifts instants, and gives new UIDs."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from iurc_desktop.core import timeutil
from iurc_desktop.core.errors import Conflict, ValidationError
from iurc_desktop.core.events.listing import get_event_model
from iurc_desktop.core.events.templates import duplicate_event
from iurc_desktop.core.models import Group

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


def test_shift_into_a_dst_gap_warns(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = event(s, "night-2026", start=date(2026, 3, 22))
        item(s, ev, "late", datetime(2026, 3, 22, 2, 30), datetime(2026, 3, 22, 3, 30))
        result = duplicate_event(s, "night-2026", new_code="night-2026-b", new_start=date(2026, 3, 29))
        assert any("does not exist in Europe/Brussels" in w for w in result.warnings)


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
