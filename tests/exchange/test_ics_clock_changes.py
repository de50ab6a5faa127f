"""Calendar files whose times fall on a daylight-saving change: UTC instants read as they are, local times in a gap
or fold read as RFC 5545 says and reported, the import refused unless the earlier or later reading is chosen.

Expected instants are worked out by hand: Brussels changes from CET (UTC+1) to CEST (UTC+2) at 01:00 UTC on
29 March 2026 (02:00 -> 03:00 on the clock) and back at 01:00 UTC on 25 October 2026 (03:00 -> 02:00).
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from iurc_desktop.app import imports as app_imports
from iurc_desktop.core.clock_changes import ClockChangeRefused
from iurc_desktop.core.db import Database
from iurc_desktop.core.models import Item
from iurc_desktop.exchange.ics.reading import read_entries
from tests.core import factories as f

UTC = timezone.utc
EVENT = "autumn-2026"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def calendar(*events: tuple[str, str, str]) -> bytes:
    """A calendar of one-line VEVENTs: (uid, DTSTART property, DTEND property)."""
    body = "".join(
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Call {uid}\r\n{start}\r\n{end}\r\nEND:VEVENT\r\n"
        for uid, start, end in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//clock changes//EN\r\n{body}END:VCALENDAR\r\n".encode()


IN_FOLD = ("fold", "DTSTART;TZID=Europe/Brussels:20261025T023000", "DTEND;TZID=Europe/Brussels:20261025T033000")
IN_GAP = ("gap", "DTSTART;TZID=Europe/Brussels:20260329T023000", "DTEND;TZID=Europe/Brussels:20260329T033000")
PLAIN = ("plain", "DTSTART;TZID=Europe/Brussels:20261026T100000", "DTEND;TZID=Europe/Brussels:20261026T110000")
FOLD, GAP = calendar(IN_FOLD), calendar(IN_GAP)
# both occurrences of 02:30 on 25 October, written as UTC instants (how the repeated hour is exported)
REPEATED_HOUR_UTC = calendar(("first", "DTSTART:20261025T003000Z", "DTEND:20261025T013000Z"),
                             ("second", "DTSTART:20261025T013000Z", "DTEND:20261025T023000Z"))


def spans(data: bytes, dst: str | None = None) -> list[tuple[datetime, datetime]]:
    return [(e.start.astimezone(UTC), e.end.astimezone(UTC)) for e in read_entries(data, default_zone="Europe/Brussels", dst=dst)]


def test_utc_instants_in_the_repeated_hour_are_read_as_the_same_instants() -> None:
    entries = read_entries(REPEATED_HOUR_UTC, default_zone="Europe/Brussels")
    assert spans(REPEATED_HOUR_UTC) == [(utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 1, 30)),
                                        (utc(2026, 10, 25, 1, 30), utc(2026, 10, 25, 2, 30))]
    assert [e.clock for e in entries] == [(), ()]  # an instant is never ambiguous
    assert [f"{e.start:%H:%M %Z}" for e in entries] == ["02:30 CEST", "02:30 CET"]


def test_a_local_time_in_the_fold_is_read_as_its_first_occurrence_and_reported_ambiguous() -> None:
    [entry] = read_entries(FOLD, default_zone="Europe/Brussels")
    # RFC 5545: the first 02:30 (CEST); the hour kept, not stretched to the second 03:30
    assert (entry.start.astimezone(UTC), entry.end.astimezone(UTC)) == (utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 1, 30))
    [time] = entry.clock
    assert time.text() == ("calendar file, entry 1 (Call fold), start: 02:30 on Sun 25 Oct 2026 happens twice in"
                           " Europe/Brussels (the clocks go back): choose 02:30 CEST (00:30 UTC), the earlier, or"
                           " 02:30 CET (01:30 UTC), the later")


def test_a_local_time_in_the_gap_keeps_its_length_instead_of_becoming_zero_length() -> None:
    [entry] = read_entries(GAP, default_zone="Europe/Brussels")
    # RFC 5545 reads 02:30 with the offset before the change (03:30 CEST); 03:30 is the end too: the hour is kept
    assert (entry.start.astimezone(UTC), entry.end.astimezone(UTC)) == (utc(2026, 3, 29, 1, 30), utc(2026, 3, 29, 2, 30))
    assert "does not exist in Europe/Brussels (the clocks go forward): choose 01:30 CET (00:30 UTC), the earlier, or" \
           " 03:30 CEST (01:30 UTC), the later" in entry.clock[0].text()


@pytest.mark.parametrize(("data", "dst", "span"), [
    (FOLD, "earlier", (utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 1, 30))),
    (FOLD, "later", (utc(2026, 10, 25, 1, 30), utc(2026, 10, 25, 2, 30))),
    (GAP, "earlier", (utc(2026, 3, 29, 0, 30), utc(2026, 3, 29, 1, 30))),
    (GAP, "later", (utc(2026, 3, 29, 1, 30), utc(2026, 3, 29, 2, 30))),
])
def test_a_chosen_reading_places_the_entry_at_its_own_length(data: bytes, dst: str, span: tuple[datetime, datetime]) -> None:
    [entry] = read_entries(data, default_zone="Europe/Brussels", dst=dst)
    assert spans(data, dst) == [span] and entry.clock == ()
    assert f"the {dst} reading: now" in entry.moved and "1 h as before" in entry.moved


def test_a_weekly_occurrence_on_the_change_is_reported_too() -> None:
    weekly = calendar(("weekly", "DTSTART;TZID=Europe/Brussels:20261018T023000\r\nRRULE:FREQ=WEEKLY;COUNT=3",
                       "DTEND;TZID=Europe/Brussels:20261018T033000"))
    entries = read_entries(weekly, default_zone="Europe/Brussels")
    assert [bool(e.clock) for e in entries] == [False, True, False]  # 18 Oct, 25 Oct (the fold), 1 Nov
    assert "02:30 on Sun 25 Oct 2026 happens twice" in entries[1].clock[0].text()
    later = read_entries(weekly, default_zone="Europe/Brussels", dst="later")
    assert (later[1].start.astimezone(UTC), later[1].end.astimezone(UTC)) == (utc(2026, 10, 25, 1, 30), utc(2026, 10, 25, 2, 30))


# --- the import: refused whole, or each entry at its chosen reading ---------------------------------


@pytest.fixture
def autumn_db(db: Database) -> Database:
    with db.transaction() as s:
        f.event(s, EVENT, kind="webinar", start=date(2026, 3, 1), end=date(2026, 11, 30))
    return db


def _items(db: Database) -> list[tuple[str, datetime, datetime]]:
    with db.reading() as s:
        return sorted((i.title, i.start_utc.astimezone(UTC), i.end_utc.astimezone(UTC)) for i in s.query(Item))


@pytest.mark.parametrize("entry", [IN_FOLD, IN_GAP], ids=["fold", "gap"])
def test_the_import_refuses_a_time_in_a_gap_or_fold_and_changes_nothing(autumn_db: Database, tmp_path: Path, entry) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "call.ics"
    path.write_bytes(calendar(PLAIN, entry))
    preview = app_imports.preview_calendar(autumn_db, EVENT, path)
    assert preview.created == 2
    [note] = preview.notes
    if entry is IN_FOLD:
        assert note == ("ambiguous time: call.ics, entry 2 (Call fold), start: 02:30 on Sun 25 Oct 2026 happens twice in"
                        " Europe/Brussels (the clocks go back): choose 02:30 CEST (00:30 UTC), the earlier, or 02:30 CET"
                        " (01:30 UTC), the later; read as RFC 5545 says, 02:30 CEST (00:30 UTC)")
    else:
        assert note.startswith("skipped time: call.ics, entry 2 (Call gap), start: 02:30 on Sun 29 Mar 2026 does not exist")
        assert note.endswith("; read as RFC 5545 says, 03:30 CEST (01:30 UTC)")
    with pytest.raises(ClockChangeRefused) as refused:
        app_imports.import_calendar(autumn_db, EVENT, path)
    assert str(refused.value).startswith("Nothing was changed: 1 time falls on a daylight-saving change.")
    assert "the earlier, or" in str(refused.value)
    assert _items(autumn_db) == []


def test_the_import_with_a_reading_puts_every_entry_at_its_length_in_one_go(autumn_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "both.ics"
    path.write_bytes(calendar(IN_FOLD, IN_GAP, PLAIN))
    imported = app_imports.import_calendar(autumn_db, EVENT, path, dst="later").value
    assert imported.created == 3 and len([n for n in imported.notes if "the later reading" in n]) == 2
    assert _items(autumn_db) == [("Call fold", utc(2026, 10, 25, 1, 30), utc(2026, 10, 25, 2, 30)),
                                 ("Call gap", utc(2026, 3, 29, 1, 30), utc(2026, 3, 29, 2, 30)),
                                 ("Call plain", utc(2026, 10, 26, 9), utc(2026, 10, 26, 10))]


def test_the_import_of_utc_instants_in_the_repeated_hour_needs_no_choice(autumn_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "repeated.ics"
    path.write_bytes(REPEATED_HOUR_UTC)
    imported = app_imports.import_calendar(autumn_db, EVENT, path).value
    assert imported.created == 2 and imported.notes == ()
    assert _items(autumn_db) == [("Call first", utc(2026, 10, 25, 0, 30), utc(2026, 10, 25, 1, 30)),
                                 ("Call second", utc(2026, 10, 25, 1, 30), utc(2026, 10, 25, 2, 30))]


# --- our own files: the repeated hour written in UTC with its zone beside it ------------------------


def test_our_own_files_import_back_with_the_repeated_hour_at_the_same_instants_and_zones(db: Database, tmp_path: Path) -> None:
    from iurc_desktop.exchange.ics import export as ics

    from .test_ics_edges import CODE, FOLDS, build_edges

    with db.transaction() as s:
        build_edges(s)
    with db.reading() as s:
        path = tmp_path / "itinerary.ics"
        path.write_bytes(ics.itinerary_ics(s, CODE))
        folds = {key for key, _ in FOLDS}
        stored = sorted((i.title, i.start_utc.astimezone(UTC), i.end_utc.astimezone(UTC), i.zone)
                        for i in s.query(Item) if i.key in folds)
    imported = app_imports.import_calendar(db, CODE, path).value  # no reading to choose: every time is an instant
    assert imported.notes == ()
    with db.reading() as s:
        again = sorted((i.title, i.start_utc.astimezone(UTC), i.end_utc.astimezone(UTC), i.zone)
                       for i in s.query(Item) if i.key.startswith("ics-") and i.title in {t for t, *_ in stored})
    assert len(stored) == 5 and again == stored  # Brussels, Auckland, Lord Howe and Santiago folds, each in its own zone
