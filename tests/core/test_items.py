"""Items: created, edited, moved and cancelled in local times of their own zone."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from iurc_desktop.core import timeutil
from iurc_desktop.core.errors import Conflict, NotFound, TimeError, ValidationError
from iurc_desktop.core.events import items
from iurc_desktop.core.events.groups import create_group
from iurc_desktop.core.events.listing import get_event
from iurc_desktop.core.models import Item

from . import factories as f


@pytest.fixture
def visit(db):  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = f.event(s, "visit", zone="Asia/Tokyo", start=date(2026, 10, 20), end=date(2026, 10, 26))
        f.org(s, "aichi", country="JP", zone="Asia/Tokyo")
        f.participate(s, ev, f.person(s, "Ane", "Etxeberria", email="ane@example.eus"))
        create_group(s, "visit", "A")
    return db


def _create(s, key="talk", start=datetime(2026, 10, 22, 9, 30), end=datetime(2026, 10, 22, 12, 0), zone="Asia/Tokyo", **kw):  # type: ignore[no-untyped-def]
    return items.create_item(s, "visit", key=key, title="Aichi visit", kind="site_visit", start_local=start, end_local=end, zone=zone, **kw)


def test_create_item_stores_utc_and_shows_local_time_in_its_zone(visit) -> None:
    with visit.transaction() as s:
        _create(s, place="Nagoya", host_key="aichi", groups=["A"], people=[("ane@example.eus", "interpreter")])
    with visit.reading() as s:
        view = get_event(s, "visit").items[0]
        stored = s.query(Item).one()
        assert stored.start_utc.isoformat() == "2026-10-22T00:30:00+00:00"
        assert [(a.person.email, a.role) for a in stored.assigned] == [("ane@example.eus", "interpreter")]
    assert view.start.isoformat() == "2026-10-22T09:30:00+09:00" and view.groups == ("A",) and view.host == "Aichi"


def test_create_refuses_time_in_brussels_gap_naming_the_jump(visit) -> None:
    with visit.transaction() as s, pytest.raises(TimeError) as info:
        _create(s, start=datetime(2026, 3, 29, 2, 30), end=datetime(2026, 3, 29, 4, 0), zone="Europe/Brussels")
    assert "start:" in str(info.value) and "does not exist in Europe/Brussels" in str(info.value)
    assert "from 03:00" in str(info.value)


def test_create_refuses_ambiguous_sydney_time_unless_offset_picks_one(visit) -> None:
    with visit.transaction() as s, pytest.raises(TimeError, match="happens twice in Australia/Sydney.*AEDT.*AEST"):
        _create(s, start=datetime(2026, 4, 5, 2, 30), end=datetime(2026, 4, 5, 4, 0), zone="Australia/Sydney")
    with visit.transaction() as s:
        _create(s, start=datetime(2026, 4, 5, 2, 30), end=datetime(2026, 4, 5, 4, 0), zone="Australia/Sydney", offset=timedelta(hours=10))
    with visit.reading() as s:
        assert s.query(Item).one().start_utc.isoformat() == "2026-04-04T16:30:00+00:00"


def test_create_refuses_auckland_gap_and_end_before_start(visit) -> None:
    with visit.transaction() as s, pytest.raises(TimeError, match="end: 2026-09-27 02:30 does not exist in Pacific/Auckland"):
        _create(s, start=datetime(2026, 9, 27, 1, 0), end=datetime(2026, 9, 27, 2, 30), zone="Pacific/Auckland")
    with visit.transaction() as s, pytest.raises(ValidationError, match="not after the start"):
        _create(s, end=datetime(2026, 10, 22, 9, 0))


def test_create_refuses_duplicate_key_unknown_group_host_and_kind(visit) -> None:
    with visit.transaction() as s:
        _create(s)
    with visit.transaction() as s, pytest.raises(Conflict, match="already has an item 'talk'"):
        _create(s)
    with visit.transaction() as s, pytest.raises(NotFound, match="no group 'Z'.*A"):
        _create(s, key="x", groups=["Z"])
    with visit.transaction() as s, pytest.raises(NotFound, match="no organisation with the key 'nope'"):
        _create(s, key="x", host_key="nope")
    with visit.transaction() as s, pytest.raises(ValidationError, match="not an item kind"):
        items.create_item(s, "visit", key="y", title="t", kind="party", start_local=datetime(2026, 10, 22, 9), end_local=datetime(2026, 10, 22, 10), zone="Asia/Tokyo")


def test_update_raises_sequence_only_when_something_seen_changes(visit) -> None:
    with visit.transaction() as s:
        _create(s)
    with visit.transaction() as s:
        same = items.update_item(s, "visit", "talk", title="Aichi visit", start_local=datetime(2026, 10, 22, 9, 30))
        assert same.sequence == 0 and same.changed == ()
        notes = items.update_item(s, "visit", "talk", notes="bring shoes")
        assert notes.sequence == 0 and notes.changed == ("notes",)
        moved = items.update_item(s, "visit", "talk", place="Toyota", end_local=datetime(2026, 10, 22, 13, 0))
        assert moved.sequence == 1 and set(moved.changed) == {"end_utc", "place"}
        assert moved.end.isoformat() == "2026-10-22T13:00:00+09:00"


def test_update_rejects_unknown_fields(visit) -> None:
    with visit.transaction() as s:
        _create(s)
    with visit.transaction() as s, pytest.raises(ValidationError, match="Cannot change colour"):
        items.update_item(s, "visit", "talk", colour="red")


def test_move_keeps_true_duration_across_the_brussels_fold(visit) -> None:
    with visit.transaction() as s:
        _create(s, start=datetime(2026, 10, 24, 23, 0), end=datetime(2026, 10, 25, 1, 0), zone="Europe/Brussels")
    with visit.transaction() as s:
        change = items.move_item(s, "visit", "talk", start_local=datetime(2026, 10, 25, 1, 0))
    # 01:00 CEST plus two hours is 02:00 CET: the clocks went back in between.
    assert change.end.isoformat() == "2026-10-25T02:00:00+01:00" and change.sequence == 1


def test_move_into_a_gap_is_refused(visit) -> None:
    with visit.transaction() as s:
        _create(s, start=datetime(2026, 3, 28, 10, 0), end=datetime(2026, 3, 28, 11, 0), zone="Europe/Brussels")
    with visit.transaction() as s, pytest.raises(TimeError, match="start: 2026-03-29 02:15 does not exist"):
        items.move_item(s, "visit", "talk", start_local=datetime(2026, 3, 29, 2, 15))


def test_cancel_sets_status_and_raises_sequence_once(visit) -> None:
    with visit.transaction() as s:
        _create(s)
    with visit.transaction() as s:
        change = items.cancel_item(s, "visit", "talk")
    assert change.status == "cancelled" and change.sequence == 1
    with visit.transaction() as s, pytest.raises(Conflict, match="already cancelled"):
        items.cancel_item(s, "visit", "talk")


def test_unknown_item_names_the_known_ones(visit) -> None:
    with visit.transaction() as s:
        _create(s)
    with visit.transaction() as s, pytest.raises(NotFound, match="no item 'nope'.*talk"):
        items.update_item(s, "visit", "nope", title="x")


def _sample_dst_lines() -> list[tuple[str, str, datetime, int, str]]:
    """(gap|fold, zone, local time, fold, UTC) from the comment lines of dst_crossing_examples.csv."""
    from ..conftest import SAMPLES

    zones = {"Brussels": "Europe/Brussels", "Sydney": "Australia/Sydney", "Auckland": "Pacific/Auckland"}
    out = []
    for line in (SAMPLES / "dst_crossing_examples.csv").read_text(encoding="utf-8").splitlines():
        if line.startswith("# gap") or line.startswith("# fold"):
            _, kind, city, local, fold, _, utc, _ = line.split()
            out.append((kind, zones[city], datetime.fromisoformat(local), int(fold[-1]), utc))
    return out


@pytest.mark.parametrize("kind,zone,local,fold,utc", _sample_dst_lines())
def test_sample_gaps_are_refused_and_folds_need_an_offset(visit, kind, zone, local, fold, utc) -> None:
    """Every gap and fold of the samples (Brussels, Sydney, Auckland) is refused; a fold's offset picks its UTC."""
    with visit.transaction() as s, pytest.raises(TimeError, match="does not exist" if kind == "gap" else "happens twice"):
        _create(s, start=local, end=local + timedelta(hours=3), zone=zone)
    if kind == "fold":
        offset = local.replace(tzinfo=timeutil.zone(zone), fold=fold).utcoffset()
        with visit.transaction() as s:
            _create(s, key=f"k{fold}", start=local, end=local + timedelta(hours=3), zone=zone, offset=offset)
        with visit.reading() as s:
            stored = s.query(Item).filter_by(key=f"k{fold}").one().start_utc
            assert stored.strftime("%Y-%m-%dT%H:%MZ") == utc


def test_an_unknown_item_key_lists_every_item_of_the_event(db) -> None:  # type: ignore[no-untyped-def]
    from datetime import date, datetime

    from iurc_desktop.core.errors import NotFound
    from iurc_desktop.core.events.items import get_item_model

    from .factories import event, item

    with db.transaction() as s:
        ev = event(s, "long-visit", start=date(2027, 5, 10))
        for n in range(15):
            item(s, ev, f"item-{n:02d}", datetime(2027, 5, 10, 9, 0), datetime(2027, 5, 10, 10, 0))
        with pytest.raises(NotFound) as caught:
            get_item_model(s, ev, "nope")
        assert "item-14" in str(caught.value) and "more" not in str(caught.value)
