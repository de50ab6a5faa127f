"""Importing real clients' calendar files into an event's items with the right instants.

Expected instants are worked out by hand from each sample (its wall time, its
zone's offset on that date), not by the code under test.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from icalendar import Calendar

from iurc_desktop.app import imports as app_imports
from iurc_desktop.core.errors import ValidationError
from iurc_desktop.core.models import Item
from iurc_desktop.exchange.ics import export as ics_export
from iurc_desktop.exchange.ics.reading import read_entries, read_ics_file
from iurc_desktop.exchange.ics.zone_names import WINDOWS_ZONES, iana_zone

from .test_ics_data import VISIT, WEBINAR, visit_db  # noqa: F401

UTC = timezone.utc
SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples" / "ics"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def spans(path: Path, zone: str = "Europe/Brussels") -> list[tuple[str, datetime, datetime, str]]:
    return [(e.title, e.start.astimezone(UTC), e.end.astimezone(UTC), e.zone) for e in read_ics_file(path, default_zone=zone)]


def test_outlook_windows_zone_without_vtimezone() -> None:
    """14:00 'W. Europe Standard Time' on 26 April 2024 is CEST (UTC+2): 12:00 UTC."""
    assert spans(SAMPLES / "outlook365_wEurope_no_vtimezone.ics") == [("Uffe", utc(2024, 4, 26, 12), utc(2024, 4, 26, 13), "Europe/Berlin")]


def test_exchange_quoted_pacific_standard_time() -> None:
    """12:00 Pacific on 24 February 2017 is PST (UTC-8): 20:00 UTC."""
    assert spans(SAMPLES / "exchange2010_request_pacific.ics") == [("Test 4", utc(2017, 2, 24, 20), utc(2017, 2, 24, 20, 30), "America/Los_Angeles")]


def test_exchange_new_zealand_standard_time_with_recurrence() -> None:
    """NZDT (UTC+13) from 28 Sep 2025 to 5 Apr 2026, NZST (UTC+12) after; the weekly Mon/Wed 15:00 runs to 1 June 2026."""
    got = spans(SAMPLES / "exchange2010_nz_standard_time.ics")
    assert got[0] == ("9am local Wednesday event", utc(2025, 10, 7, 20), utc(2025, 10, 7, 20, 30), "Pacific/Auckland")
    assert got[1] == ("10am local time Saturday event", utc(2025, 10, 10, 21), utc(2025, 10, 10, 21, 30), "Pacific/Auckland")
    weekly = got[2:]
    assert len(weekly) == 26 + 25  # Mondays 8 Dec..1 Jun, Wednesdays 10 Dec..27 May
    assert weekly[0][1] == utc(2025, 12, 8, 2)  # 15:00 NZDT
    assert weekly[-1][1] == utc(2026, 6, 1, 3)  # 15:00 NZST, the UNTIL instant itself
    assert utc(2026, 4, 1, 2) in {w[1] for w in weekly}  # Wed 1 April, still NZDT
    assert utc(2026, 4, 6, 3) in {w[1] for w in weekly}  # Mon 6 April, NZST


def test_exchange_with_windows_vtimezone_and_iana_tzid_daily_rule_with_exdate() -> None:
    """Daily 14:00 Berlin (CEST) from 26 April until 29 April 00:00, 27th excluded: the 26th and 28th at 12:00 UTC."""
    assert [s[1] for s in spans(SAMPLES / "exchange2010_wEurope_vtimezone.ics")] == [utc(2020, 4, 26, 12), utc(2020, 4, 28, 12)]


def test_google_utc_times_are_shown_in_the_events_zone() -> None:
    got = spans(SAMPLES / "google_calendar_berlin.ics", zone="Asia/Tokyo")
    assert got == [("event with alarms", utc(2024, 10, 4, 18, 15), utc(2024, 10, 4, 19), "Asia/Tokyo")]


def test_apple_request_with_iana_tzid_and_no_vtimezone() -> None:
    """10:00 Toronto on 7 January 2014 is EST (UTC-5): 15:00 UTC."""
    assert spans(SAMPLES / "apple_ical_macosx_request.ics") == [("Just testing!", utc(2014, 1, 7, 15), utc(2014, 1, 7, 16), "America/Toronto")]


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.ics")))
def test_lf_and_crlf_files_read_the_same(name: str) -> None:
    data = (SAMPLES / name).read_bytes().replace(b"\r\n", b"\n")
    assert read_entries(data) == read_entries(data.replace(b"\n", b"\r\n"))


def test_custom_tzid_is_read_through_the_files_own_vtimezone() -> None:
    """A TZID no table knows, defined only by its VTIMEZONE (UTC+5:30 fixed): 10:00 there is 04:30 UTC."""
    data = b"""BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VTIMEZONE\r\nTZID:Custom Zone\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:c1\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Talk\r\nDTSTART;TZID=Custom Zone:20260310T100000\r\nDURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"""
    (entry,) = read_entries(data, default_zone="Asia/Tokyo")
    assert entry.start.astimezone(UTC) == utc(2026, 3, 10, 4, 30)
    assert entry.end - entry.start == timedelta(hours=1)
    assert entry.zone == "Asia/Tokyo"


def test_unknown_tzid_without_vtimezone_is_refused_not_guessed() -> None:
    data = b"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nBEGIN:VEVENT\nUID:u\nDTSTAMP:20260101T000000Z\nSUMMARY:Talk\nDTSTART;TZID=Mars Standard Time:20260310T100000\nEND:VEVENT\nEND:VCALENDAR\n"
    with pytest.raises(ValidationError, match="'Mars Standard Time' is not known"):
        read_entries(data)


def test_windows_and_outlook_display_names_map_to_iana() -> None:
    assert iana_zone("New Zealand Standard Time") == "Pacific/Auckland"
    assert iana_zone("Tokyo Standard Time") == "Asia/Tokyo"
    assert iana_zone("Korea Standard Time") == "Asia/Seoul"
    assert iana_zone("AUS Eastern Standard Time") == "Australia/Sydney"
    assert iana_zone("Romance Standard Time") == "Europe/Paris"
    assert iana_zone("Central Europe Standard Time") == "Europe/Budapest"
    assert iana_zone("GMT Standard Time") == "Europe/London"
    assert iana_zone('"Pacific Standard Time"') == "America/Los_Angeles"
    assert iana_zone("(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna") == "Europe/Amsterdam"
    assert iana_zone("Nowhere Standard Time") is None
    assert all(iana_zone(iana) == iana for iana in WINDOWS_ZONES.values())  # every target is a real zone


def test_not_a_calendar_is_a_validation_error(tmp_path: Path) -> None:
    bad = tmp_path / "notes.ics"
    bad.write_text("hello", encoding="utf-8")
    with pytest.raises(ValidationError, match="not an iCalendar"):
        read_ics_file(bad)
    with pytest.raises(ValidationError, match="cannot be read"):
        read_ics_file(tmp_path / "missing.ics")


def test_import_adds_items_with_the_right_instants_and_zones(visit_db) -> None:  # noqa: F811
    result = app_imports.import_calendar(visit_db, VISIT, SAMPLES / "outlook365_wEurope_no_vtimezone.ics").value
    assert (result.created, result.updated, result.unchanged) == (1, 0, 0)
    with visit_db.reading() as s:
        item = s.query(Item).filter_by(key=result.keys[0]).one()
        assert (item.title, item.start_utc, item.end_utc, item.zone, item.status) == ("Uffe", utc(2024, 4, 26, 12), utc(2024, 4, 26, 13), "Europe/Berlin", "scheduled")


def _one_event(start: str, place: str = "Room 1", status: str = "CONFIRMED") -> bytes:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:fixed-uid-1\r\nDTSTAMP:20260101T000000Z\r\n"
        f"SUMMARY:Talk\r\nLOCATION:{place}\r\nSTATUS:{status}\r\nDTSTART;TZID=Tokyo Standard Time:{start}\r\nDURATION:PT1H\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def test_reimport_updates_the_same_item_and_raises_sequence_only_when_changed(visit_db, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "talk.ics"
    path.write_bytes(_one_event("20221123T100000"))
    key = app_imports.import_calendar(visit_db, VISIT, path).value.keys[0]
    with visit_db.reading() as s:
        first = ics_export.invite_ics(s, VISIT, item_key=key)
    again = app_imports.import_calendar(visit_db, VISIT, path).value
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    with visit_db.reading() as s:
        same = ics_export.invite_ics(s, VISIT, item_key=key)
    path.write_bytes(_one_event("20221123T110000"))
    moved = app_imports.import_calendar(visit_db, VISIT, path).value
    assert (moved.created, moved.updated) == (0, 1)
    with visit_db.reading() as s:
        later = ics_export.invite_ics(s, VISIT, item_key=key)
        assert s.query(Item).filter_by(key=key).one().start_utc == utc(2022, 11, 23, 2)
    seq = [int(Calendar.from_ical(d).walk("VEVENT")[0]["SEQUENCE"]) for d in (first, same, later)]
    assert seq == [0, 0, 1]
    uids = {str(Calendar.from_ical(d).walk("VEVENT")[0]["UID"]) for d in (first, same, later)}
    assert len(uids) == 1


def test_cancelled_entry_cancels_the_imported_item(visit_db, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "talk.ics"
    path.write_bytes(_one_event("20221123T100000"))
    key = app_imports.import_calendar(visit_db, VISIT, path).value.keys[0]
    path.write_bytes(_one_event("20221123T100000", status="CANCELLED"))
    assert app_imports.import_calendar(visit_db, VISIT, path).value.cancelled == 1
    with visit_db.reading() as s:
        item = s.query(Item).filter_by(key=key).one()
        assert (item.status, item.sequence) == ("cancelled", 1)


def test_a_bad_file_changes_nothing(visit_db, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "bad.ics"
    path.write_bytes(_one_event("20221123T100000").replace(b"END:VCALENDAR", b"BEGIN:VEVENT\r\nUID:x\r\nSUMMARY:Bad\r\nDTSTART;TZID=Mars:20221123T100000\r\nEND:VEVENT\r\nEND:VCALENDAR"))
    with visit_db.reading() as s:
        before = s.query(Item).count()
    with pytest.raises(ValidationError):
        app_imports.import_calendar(visit_db, VISIT, path)
    with visit_db.reading() as s:
        assert s.query(Item).count() == before


def test_our_own_invites_import_back_with_the_same_instants(visit_db, tmp_path: Path) -> None:  # noqa: F811
    with visit_db.reading() as s:
        data = ics_export.invite_ics(s, WEBINAR)
        originals = sorted((i.title, i.start_utc, i.end_utc, i.zone) for i in s.query(Item).filter(Item.key.like("part-%")))
    got = sorted((e.title, e.start.astimezone(UTC), e.end.astimezone(UTC), e.zone) for e in read_entries(data))
    assert got == originals
