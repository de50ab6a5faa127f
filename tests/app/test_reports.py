"""The programme's figures and the world clock through the app: plain data read in one transaction."""

from __future__ import annotations

from iurc_desktop.app import reports, worldclock

CODE = "r2r-japan-2022"


def test_programme_summary_holds_the_targets_clusters_and_how_many_pairings(demo_db) -> None:  # type: ignore[no-untyped-def]
    summary = reports.programme_summary(demo_db)
    report = reports.programme_report(demo_db)
    assert summary.targets == report.targets and summary.clusters
    assert summary.pairings == len(reports.pairings(demo_db)) > 0
    assert reports.engaged_places(demo_db) == report.engaged


def test_world_clock_shows_the_first_session_in_every_participant_zone(demo_db) -> None:  # type: ignore[no-untyped-def]
    clock = worldclock.world_clock(demo_db, CODE)
    assert clock.event_zone == "Asia/Tokyo" and len(clock.zones) > 1
    zones = {z.zone: z.people for z in clock.zones}
    slots = worldclock.find_slots(clock.start.date(), clock.start.date(), clock.end - clock.start, zones,
                                  event_zone=clock.event_zone, weekdays_only=False, limit=3)
    assert len(slots) == 3
