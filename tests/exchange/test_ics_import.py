"""Importing real clients' calendar files into an event's items with the right instants.

Expected instants are worked out by hand from each sample (its wall time, its
zone's offset on that date), not by the code under test.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from icalendar import Calendar

from iurc_desktop.app import events as app_events, imports as app_imports
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
    app_events.edit_event(visit_db, VISIT, {"end": "2024-04-26"})  # the sample's day: items stay within their event
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


def _calendar(*entries: str) -> bytes:
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n" + "".join(entries) + "END:VCALENDAR\r\n").encode()


def _entry(uid: str, start: str, title: str = "Talk") -> str:
    return f"BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:{title}\r\nDTSTART;TZID=Asia/Tokyo:{start}\r\nDURATION:PT1H\r\nEND:VEVENT\r\n"


def _items(db) -> int:  # type: ignore[no-untyped-def]
    with db.reading() as s:
        return s.query(Item).count()


def test_a_calendar_cut_short_is_refused_naming_what_never_ends(visit_db, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "truncated.ics"  # the try-out's file: no END lines at all
    path.write_bytes(b"BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:x1\nSUMMARY:Broken\nDTSTART;TZID=Europe/Brussels:2027032X\n")
    before = _items(visit_db)
    with pytest.raises(ValidationError, match=r"truncated.ics is cut short or damaged: it never ends the VEVENT begun on "
                                              r"line 3 \(no END:VEVENT\), nor the VCALENDAR begun on line 1"):
        app_imports.import_calendar(visit_db, VISIT, path)
    with pytest.raises(ValidationError, match="cut short"):
        app_imports.preview_calendar(visit_db, VISIT, path)
    path.write_bytes(_calendar(_entry("a", "20221123T100000")).replace(b"END:VEVENT\r\n", b""))
    with pytest.raises(ValidationError, match=r"line 9: END:VCALENDAR ends nothing begun inside the VEVENT begun on line 4"):
        app_imports.import_calendar(visit_db, VISIT, path)
    assert _items(visit_db) == before


def test_a_date_that_is_not_one_is_refused_naming_the_line_the_field_and_the_value(visit_db, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "typo.ics"
    path.write_bytes(_calendar(_entry("a", "20221123T100000", "Fine"), _entry("b", "2022112X", "Broken")))
    before = _items(visit_db)
    with pytest.raises(ValidationError, match=r"typo.ics, line 13: DTSTART '2022112X' of entry 2 \(Broken\) cannot be "
                                              r"read \(a date-time is written 20270327T093000.*nothing was imported"):
        app_imports.import_calendar(visit_db, VISIT, path)
    path.write_bytes(_calendar(_entry("a", "20221123T100000").replace("PT1H", "1 hour")))
    with pytest.raises(ValidationError, match=r"line 8: DURATION '1 hour' of entry 1 \(Talk\) cannot be read"):
        app_imports.import_calendar(visit_db, VISIT, path)
    assert _items(visit_db) == before


def test_a_calendar_without_entries_is_refused_rather_than_imported_as_nothing(visit_db, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "empty.ics"
    path.write_bytes(_calendar())
    with pytest.raises(ValidationError, match="empty.ics holds no calendar entry .VEVENT. with a start: there is nothing to import"):
        app_imports.import_calendar(visit_db, VISIT, path)
    path.write_bytes(_calendar("BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:Undated\r\nEND:VEVENT\r\n"))
    with pytest.raises(ValidationError, match=r"(?s)no calendar entry.*entry 1 \(Undated\): has no start; skipped"):
        app_imports.preview_calendar(visit_db, VISIT, path)


def test_entries_outside_the_events_dates_are_refused_by_name_as_add_item_refuses_one(visit_db, tmp_path: Path) -> None:  # noqa: F811
    from iurc_desktop.app import items as app_items

    before = _items(visit_db)
    with pytest.raises(ValidationError) as refused:
        app_imports.import_calendar(visit_db, VISIT, SAMPLES / "exchange2010_wEurope_vtimezone.ics")
    lines = refused.value.problems
    assert lines[0].startswith("Nothing was imported: 2 entries of the calendar fall outside the dates of r2r-japan-2022 "
                               "(2022-11-20 to 2022-11-26)")
    assert lines[1:] == [
        "  Reoccur (2020-04-26 14:00 Europe/Berlin): start: 2020-04-26 is before the event's first day (r2r-japan-2022 runs 2022-11-20 to 2022-11-26)",
        "  Reoccur (2020-04-28 14:00 Europe/Berlin): start: 2020-04-28 is before the event's first day (r2r-japan-2022 runs 2022-11-20 to 2022-11-26)",
    ]
    with pytest.raises(ValidationError) as added:  # the item dialog's and `add item`'s own words for the same item
        app_items.add_item(visit_db, VISIT, {"key": "reoccur", "title": "Reoccur", "kind": "other", "zone": "Europe/Berlin",
                                             "start": "2020-04-26T14:00", "end": "2020-04-26T15:00"})
    assert added.value.problems[0] == lines[1].split(": ", 1)[1]
    with pytest.raises(ValidationError, match="Nothing was imported: 2 entries"):  # the dry run says what the import will
        app_imports.preview_calendar(visit_db, VISIT, SAMPLES / "exchange2010_wEurope_vtimezone.ics", as_import=True)
    mixed = tmp_path / "mixed.ics"  # one within the visit, one a day after it: neither is imported
    mixed.write_bytes(_calendar(_entry("in", "20221123T100000", "Inside"), _entry("out", "20221127T100000", "Outside")))
    with pytest.raises(ValidationError, match=r"1 entry of the calendar falls outside(?s:.*)  Outside \(2022-11-27 10:00 "
                                              r"Asia/Tokyo\): start: 2022-11-27 is after the event's last day"):
        app_imports.import_calendar(visit_db, VISIT, mixed)
    assert _items(visit_db) == before


@pytest.mark.parametrize("name", sorted(p.name for p in SAMPLES.glob("*.ics")))
def test_a_byte_order_mark_does_not_make_a_whole_file_look_cut_short(name: str) -> None:
    data = (SAMPLES / name).read_bytes()
    assert read_entries(b"\xef\xbb\xbf" + data) == read_entries(data)
