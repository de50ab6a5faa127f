"""World clock and slot finder for webinars across Brussels, Tokyo, Sydney and Auckland."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta

import pytest

from iurc_desktop.core import timeutil
from iurc_desktop.core.errors import ValidationError
from iurc_desktop.core.events import items
from iurc_desktop.core.events.worldclock import clock_for, find_slots, minutes_outside, world_clock

from ..conftest import SAMPLES
from . import factories as f

ZONES = ("Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland")


def _csv_rows() -> list[dict[str, str]]:
    with open(SAMPLES / "dst_crossing_examples.csv", encoding="utf-8") as handle:
        return [row for row in csv.DictReader(line for line in handle if not line.startswith("#"))]


@pytest.fixture
def webinar(db):  # type: ignore[no-untyped-def]
    """A Brussels webinar with participants in Brussels, Tokyo (2), Sydney and Auckland, and one who declined."""
    with db.transaction() as s:
        ev = f.event(s, "web", kind="webinar", zone="Europe/Brussels", start=date(2026, 3, 26), end=date(2026, 4, 9))
        for n, zone in enumerate(("Europe/Brussels", "Asia/Tokyo", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland")):
            org = f.org(s, f"org{n}", zone=zone)
            f.participate(s, ev, f.person(s, f"P{n}", "X", organisation=org))
        f.participate(s, ev, f.person(s, "No", "Way", organisation=f.org(s, "bkk", zone="Asia/Bangkok")), status="declined")
        for day in (date(2026, 3, 26), date(2026, 4, 2), date(2026, 4, 9)):
            items.create_item(s, "web", key=f"s-{day:%m%d}", title="Session", kind="session", zone="Europe/Brussels",
                              start_local=datetime.combine(day, datetime.min.time()).replace(hour=10),
                              end_local=datetime.combine(day, datetime.min.time()).replace(hour=11))
    return db


@pytest.mark.parametrize("row", _csv_rows()[:3], ids=lambda r: r["brussels_local"][:10])
def test_world_clock_matches_the_dst_crossing_sample(webinar, row) -> None:
    """Brussels 10:00 on 26 March, 2 and 9 April 2026: Tokyo/Sydney/Auckland as in dst_crossing_examples.csv."""
    key = "s-" + row["brussels_local"][5:7] + row["brussels_local"][8:10]
    with webinar.reading() as s:
        clock = world_clock(s, "web", key)
    shown = {z.zone: z.start.strftime("%a %H:%M %Z") for z in clock.zones}
    for zone in ZONES:
        assert shown[zone] == row[zone]
    assert clock.start.strftime("%Y-%m-%d %a %H:%M %Z") == row["brussels_local"]
    assert clock.start.astimezone(timeutil.UTC).strftime("%Y-%m-%dT%H:%MZ") == row["utc"]


def test_pure_clock_matches_every_zone_of_the_sample() -> None:
    for row in _csv_rows():
        start = datetime.fromisoformat(row["utc"].replace("Z", "+00:00"))
        zones = [z for z in row if "/" in z]
        got = {z.zone: z.start.strftime("%a %H:%M %Z") for z in clock_for(start, start + timedelta(hours=1), zones)}
        assert got == {z: row[z] for z in zones}


def test_world_clock_counts_people_per_zone_and_flags_out_of_hours(webinar) -> None:
    with webinar.reading() as s:
        clock = world_clock(s, "web")  # the first item: 26 March
    by_zone = {z.zone: z for z in clock.zones}
    assert "Asia/Bangkok" not in by_zone  # declined
    assert by_zone["Asia/Tokyo"].people == 2 and len(by_zone["Asia/Tokyo"].names) == 2
    assert [z.zone for z in clock.zones] == ["Europe/Brussels", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland"]
    assert not by_zone["Asia/Tokyo"].outside_hours  # 18:00-19:00
    assert by_zone["Pacific/Auckland"].outside_hours and by_zone["Pacific/Auckland"].minutes_outside == 180  # 22:00-23:00


def test_working_hours_are_configurable(webinar) -> None:
    with webinar.reading() as s:
        clock = world_clock(s, "web", working_hours=(8, 23))
    assert not any(z.outside_hours for z in clock.zones)


def test_different_local_date_is_flagged() -> None:
    start = timeutil.to_utc(datetime(2026, 4, 9, 16, 0), "Europe/Brussels")
    times = {z.zone: z for z in clock_for(start, start + timedelta(hours=1), ["Europe/Brussels", "Pacific/Auckland", "America/Los_Angeles"])}
    assert times["Pacific/Auckland"].day_shift == 1 and times["Pacific/Auckland"].different_date
    assert times["America/Los_Angeles"].day_shift == 0 and not times["Europe/Brussels"].different_date


def test_dst_changes_within_a_week_are_named_with_the_new_gap(webinar) -> None:
    with webinar.reading() as s:
        april2 = world_clock(s, "web", "s-0402")
        april9 = world_clock(s, "web", "s-0409")
    notes = {n.zone: n for n in april2.dst_notes}
    assert set(notes) == {"Europe/Brussels", "Australia/Sydney", "Pacific/Auckland"}
    sydney = notes["Australia/Sydney"]
    assert sydney.at.isoformat() == "2026-04-05T02:00:00+10:00"
    assert (sydney.to_event_before, sydney.to_event_after) == (timedelta(hours=9), timedelta(hours=8))
    assert "Australia/Sydney clocks go back on 2026-04-05 at 03:00 to 02:00" in sydney.message
    assert "8 h ahead of Europe/Brussels instead of 9 h" in sydney.message
    assert "Europe/Brussels" not in {n.zone for n in april9.dst_notes}  # 29 March is 11 days before


def test_no_dst_note_far_from_any_change() -> None:
    from iurc_desktop.core.events.worldclock import dst_notes

    assert dst_notes(datetime(2026, 6, 18, 8, tzinfo=timeutil.UTC), ZONES, "Europe/Brussels") == []


def test_minutes_outside_measures_distance_to_the_nearest_window() -> None:
    tz = timeutil.zone("Asia/Tokyo")
    assert minutes_outside(datetime(2026, 1, 5, 8, tzinfo=tz), datetime(2026, 1, 5, 20, tzinfo=tz), (8, 20)) == 0
    assert minutes_outside(datetime(2026, 1, 5, 21, tzinfo=tz), datetime(2026, 1, 5, 22, tzinfo=tz), (8, 20)) == 120
    assert minutes_outside(datetime(2026, 1, 5, 6, 30, tzinfo=tz), datetime(2026, 1, 5, 7, 30, tzinfo=tz), (8, 20)) == 90
    assert minutes_outside(datetime(2026, 1, 5, 23, tzinfo=tz), datetime(2026, 1, 6, 1, tzinfo=tz), (8, 20)) == 300


def test_slot_finder_keeps_brussels_tokyo_auckland_within_8_to_22() -> None:
    zones = {"Europe/Brussels": 6, "Asia/Tokyo": 4, "Pacific/Auckland": 2}
    slots = find_slots(date(2026, 1, 12), date(2026, 1, 16), timedelta(hours=1), zones, working_hours=(8, 22),
                       event_zone="Europe/Brussels")
    best = slots[0]
    assert best.inside == best.total == 12 and best.minutes_outside == 0
    for zt in best.zones:
        assert 8 * 60 <= zt.start.hour * 60 + zt.start.minute and zt.end.hour * 60 + zt.end.minute <= 22 * 60
    assert best.start.isoformat() == "2026-01-12T08:00:00+01:00"  # earliest of the equally good
    assert slots[-1].inside < best.inside  # ranking is not a flat list


def test_slot_finder_with_no_perfect_slot_ranks_by_people_then_distance() -> None:
    zones = {"Europe/Brussels": 6, "Asia/Tokyo": 4, "Pacific/Auckland": 2}
    slots = find_slots(date(2026, 1, 12), date(2026, 1, 12), timedelta(hours=1), zones, event_zone="Europe/Brussels")
    assert slots[0].inside == 10 and slots[0].start.strftime("%H:%M") == "08:00"  # Auckland 20:00-21:00 is 60 min out
    keys = [(-s.inside, s.minutes_outside) for s in slots]
    assert keys == sorted(keys)


def test_slot_finder_skips_weekends_and_counts_true_time_on_dst_days() -> None:
    slots = find_slots(date(2026, 3, 28), date(2026, 3, 29), timedelta(hours=1), {"Europe/Brussels": 1},
                       event_zone="Europe/Brussels", weekdays_only=False, step=timedelta(hours=1))
    assert len(slots) == 24 + 23  # Sunday 29 March has 23 hours in Brussels
    assert find_slots(date(2026, 3, 28), date(2026, 3, 29), timedelta(hours=1), {"Europe/Brussels": 1}) == []


def test_slot_finder_refuses_nonsense_input() -> None:
    with pytest.raises(ValidationError, match="working hours"):
        find_slots(date(2026, 1, 12), date(2026, 1, 12), timedelta(hours=1), {"Asia/Tokyo": 1}, working_hours=(20, 8))
    with pytest.raises(ValidationError, match="before it starts"):
        find_slots(date(2026, 1, 12), date(2026, 1, 11), timedelta(hours=1), {"Asia/Tokyo": 1})
