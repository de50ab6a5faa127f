"""Itinerary booklets: day by day in local time with home time beside it, "+1" overnight, hosts, contacts, a version."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from sqlalchemy import func, select

from iurc_desktop.app import booklets, calendars, programme
from iurc_desktop.core.db import Database
from iurc_desktop.core.errors import Cancelled, NotFound, ValidationError
from iurc_desktop.core.progress import CancelToken
from iurc_desktop.core.models import BookletPrint, Event, Group, Item, Person
from iurc_desktop.exchange.documents.booklets import (BookletData, BookletDay, BookletEntry, day_mark, entry_marks,
                                                       span)
from tests.pdf_checks import notdef_glyphs, pdf_text, unembedded_fonts

VISIT = "r2r-japan-2022"
NOW = datetime(2022, 11, 1, 8, 0, tzinfo=timezone.utc)


def save(db: Database, path: Path, **who: object) -> Path:
    """Save a booklet of the visit; its file."""
    return booklets.write_booklet(db, VISIT, path, **who).value.path


def words(path: Path) -> str:
    """The PDF's text with line breaks as spaces (a table cell wraps anywhere)."""
    return " ".join(pdf_text(path.read_bytes()).split())


def test_a_persons_booklet_reads_local_time_with_home_time_and_plus_one(demo_db: Database, tmp_path: Path) -> None:
    path = save(demo_db, tmp_path / "ane.pdf", email="ane.etxeberria@example.eus", now=NOW)
    pdf = path.read_bytes()
    assert unembedded_fonts(pdf) == [] and notdef_glyphs(pdf) == 0
    text = words(path)
    assert "Itinerary: Ane ETXEBERRIA" in text
    assert "23:25 CET → 19:05 +1 JST" in text  # the overnight flight to Tokyo lands the next day
    assert "09:30–10:30 JST home 01:30–02:30 CET Welcome and programme briefing" in text
    assert "Monday 21 November 2022" in text and text.index("Saturday 19 November") < text.index("Monday 21 November")
    assert "Version 2022-11-01 08:00 UTC" in text


def test_each_visit_names_its_host_in_both_scripts_and_the_contact(demo_db: Database, tmp_path: Path) -> None:
    path = save(demo_db, tmp_path / "a.pdf", group="A", now=NOW)
    text = words(path)
    assert "Host: Aichi Prefecture · 愛知県, Nagoya" in text
    assert "Contact: Suzuki Misaki, 鈴木 美咲" in text
    assert "Hotel Nagoya Castle (2 nights)" in text and "Check-in 15:00" in text


def test_the_host_contacts_e_mail_and_phone_are_printed_only_with_consent(demo_db: Database, tmp_path: Path) -> None:
    with demo_db.transaction() as session:
        session.scalar(select(Person).where(Person.email == "m.suzuki@example.aichi.jp")).phone = "+81 52 961 2111"
    private = ("m.suzuki@example.aichi.jp", "+81 52 961 2111")
    text = words(save(demo_db, tmp_path / "default.pdf", group="A", now=NOW))
    assert "Contact: Suzuki Misaki, 鈴木 美咲" in text and not any(p in text for p in private)
    everyone = booklets.write_booklets(demo_db, VISIT, tmp_path / "all", now=NOW).value
    assert all(not any(p in words(b.path) for p in private) for b in everyone.booklets)
    text = words(save(demo_db, tmp_path / "consented.pdf", group="A", with_contacts=True, now=NOW))
    assert "Contact: Suzuki Misaki, 鈴木 美咲, m.suzuki@example.aichi.jp, +81 52 961 2111" in text
    everyone = booklets.write_booklets(demo_db, VISIT, tmp_path / "all-consented", with_contacts=True, now=NOW).value
    assert any("m.suzuki@example.aichi.jp" in words(b.path) for b in everyone.booklets)


def test_a_group_booklet_holds_its_members_latin_then_own_script(demo_db: Database, tmp_path: Path) -> None:
    text = words(save(demo_db, tmp_path / "b.pdf", group="B", now=NOW))
    assert "Itinerary: Group B" in text and text.index("SATO Haruto") < text.index("佐藤 陽斗")
    assert "Aichi Prefecture: hydrogen" not in text  # group A's visit
    assert "Osaka Prefecture" in text


def test_the_version_digest_follows_the_content(demo_db: Database, tmp_path: Path) -> None:
    first = words(save(demo_db, tmp_path / "1.pdf", group="A", now=NOW))
    again = words(save(demo_db, tmp_path / "2.pdf", group="A", now=NOW))
    other = words(save(demo_db, tmp_path / "3.pdf", group="B", now=NOW))
    digest = first.split("content ")[1].split()[0]
    assert f"content {digest}" in again and f"content {digest}" not in other


def test_times_across_midnight_and_zones() -> None:
    tokyo, paris = ZoneInfo("Asia/Tokyo"), ZoneInfo("Europe/Paris")
    depart = datetime(2022, 11, 19, 23, 25, tzinfo=paris)
    arrive = datetime(2022, 11, 20, 19, 5, tzinfo=tokyo)
    assert span(depart, arrive, date(2022, 11, 19)) == "23:25 CET → 19:05 +1 JST"
    assert day_mark(datetime(2022, 11, 20, 23, 40, tzinfo=paris), date(2022, 11, 21)) == " −1"


def test_refusals_say_why(demo_db: Database, tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="no group 'Z'"):
        save(demo_db, tmp_path / "z.pdf", group="Z")
    with pytest.raises(ValidationError, match="Give a group or a person"):
        save(demo_db, tmp_path / "x.pdf")
    assert list(tmp_path.glob("*.pdf")) == []


def test_subjects_are_the_groups_then_the_people_taking_part(demo_db: Database) -> None:
    subjects = booklets.booklet_subjects(demo_db, VISIT)
    assert subjects[:2] == [("Group A", "group:A"), ("Group B", "group:B")]
    assert ("Sato Haruto (佐藤 陽斗)", "person:haruto.sato@example.jp") in subjects
    assert booklets.preview_booklet(demo_db, VISIT, group="A").startswith(b"\x89PNG")


def test_the_next_version_marks_what_changed_since_the_last_one_saved(demo_db: Database, tmp_path: Path) -> None:
    first = booklets.write_booklet(demo_db, VISIT, tmp_path / "1.pdf", group="A", now=NOW).value
    assert first.since == "" and "CHANGED" not in words(first.path)  # a first version marks nothing
    with demo_db.transaction() as session:
        item = session.scalar(select(Item).where(Item.title.like("Aichi Prefecture: hydrogen%")))
        item.place = "Toyota City Hall"
    booklets.preview_booklet(demo_db, VISIT, group="A")  # a preview is not a version
    later = datetime(2022, 11, 2, 9, 0, tzinfo=timezone.utc)
    second = booklets.write_booklet(demo_db, VISIT, tmp_path / "2.pdf", group="A", now=later).value
    text = words(second.path)
    assert second.changed == 1 and text.count("CHANGED") == 2  # the line saying what marks mean, and one mark
    assert "since Version 2022-11-01 08:00 UTC" in text
    assert text.index("CHANGED", text.index("Nagoya")) < text.index("Toyota City Hall")
    third = booklets.write_booklet(demo_db, VISIT, tmp_path / "3.pdf", group="A", now=later).value
    assert third.changed == 0 and "Nothing changed since Version 2022-11-02 09:00 UTC" in words(third.path)
    other = booklets.write_booklet(demo_db, VISIT, tmp_path / "b.pdf", group="B", now=later).value
    assert other.since == ""  # each group has its own versions


def test_a_persons_booklet_log_goes_with_the_person_and_keeps_no_entry_text(demo_db: Database, tmp_path: Path) -> None:
    email = "ane.etxeberria@example.eus"
    booklets.write_booklet(demo_db, VISIT, tmp_path / "ane.pdf", email=email, now=NOW)
    with demo_db.transaction() as session:
        marks = session.scalar(select(BookletPrint.marks))
        assert "Welcome" not in marks and "Nagoya" not in marks  # digests only
        session.delete(session.scalar(select(Person).where(Person.email == email)))
    with demo_db.reading() as session:
        assert session.scalar(select(func.count()).select_from(BookletPrint)) == 0


def test_every_booklet_at_once_is_one_action_and_a_cancel_leaves_none(demo_db: Database, tmp_path: Path) -> None:
    token = CancelToken()

    def stop_after_two(done: int, total: int, message: str = "") -> None:
        if done == 2:
            token.cancel()

    with pytest.raises(Cancelled):
        booklets.write_booklets(demo_db, VISIT, tmp_path / "x", progress=stop_after_two, cancel=token)
    assert list((tmp_path / "x").glob("*.pdf")) == []
    with demo_db.reading() as session:
        assert session.scalar(select(func.count()).select_from(BookletPrint)) == 0
    saved = booklets.write_booklets(demo_db, VISIT, tmp_path / "y", now=NOW).value
    subjects = booklets.booklet_subjects(demo_db, VISIT)
    assert len(saved.booklets) == len(subjects) and saved.changed == 0
    assert "Itinerary: Group A" in words(saved.booklets[0].path)
    with demo_db.reading() as session:
        assert session.scalar(select(func.count()).select_from(BookletPrint)) == len(subjects)


def test_hotels_read_in_the_local_script_for_a_taxi_driver_and_their_calendar_place(demo_db: Database,
                                                                                  tmp_path: Path) -> None:
    text = words(save(demo_db, tmp_path / "a.pdf", group="A", now=NOW))
    nagoya = text.index("Hotel Nagoya Castle (2 nights) ホテルナゴヤキャッスル 愛知県名古屋市西区樋の口町")
    assert text.index("3-19", nagoya) < text.index("single", nagoya)  # the address wraps where the cell ends
    dumped = json.loads(programme.dump_programme(demo_db, [VISIT]))
    (stay, *_) = [s for e in dumped["events"] for s in e["stays"] if s["hotel"] == "Hotel Nagoya Castle"]
    assert (stay["hotel_local"], stay["address_local"]) == ("ホテルナゴヤキャッスル", "愛知県名古屋市西区樋の口町3-19")
    calendars.write_itinerary(demo_db, VISIT, tmp_path / "a.ics", group="A")
    (hotel,) = [e for e in icalendar.Calendar.from_ical((tmp_path / "a.ics").read_bytes()).walk("VEVENT")
                if e["SUMMARY"] == "Hotel: Hotel Nagoya Castle"]
    assert hotel["LOCATION"] == "Hotel Nagoya Castle, 愛知県名古屋市西区樋の口町3-19"


def test_a_groups_home_zones_are_each_of_theirs_whatever_the_order_of_its_people() -> None:
    from iurc_desktop.core.events.visits import home_zones
    from iurc_desktop.core.models import Organisation

    paris, madrid = (Person(organisation=Organisation(zone=zone)) for zone in ("Europe/Paris", "Europe/Madrid"))
    both = ("Europe/Madrid", "Europe/Paris")
    assert home_zones([paris, madrid]) == home_zones([madrid, paris]) == both  # a tie is broken by nobody
    assert home_zones([paris, madrid, Person(organisation=Organisation(zone="Europe/Paris"))]) == both
    assert home_zones([Person()]) == ()


def test_a_group_booklet_says_whom_a_members_own_flight_and_hotel_is_for(demo_db: Database, tmp_path: Path) -> None:
    text = words(save(demo_db, tmp_path / "a.pdf", group="A", now=NOW))
    assert "not everyone shares say whom they are for" in text
    assert "Flight FRA → HND (LH716) For Luka KRANJC, Maja NOVAK FRA → HND" in text
    assert "Flight BCN → IST (TK1854) For Laia FERRER BCN → IST" in text
    assert "Hotel Grand Arc Hanzomon (1 night) For everyone but TAKAHASHI Yui" in text  # the fewer are named
    assert "Welcome and programme briefing MLIT" in text  # the group's own items name nobody
    own = words(save(demo_db, tmp_path / "ane.pdf", email="ane.etxeberria@example.eus", now=NOW))
    assert " For " not in own and "whom they are for" not in own


def test_a_group_living_in_two_zones_gets_both_home_times_not_one_members(demo_db: Database, tmp_path: Path) -> None:
    with demo_db.transaction() as session:
        luka, laia = (session.scalar(select(Person).where(Person.email == email))
                      for email in ("luka.kranjc@example.si", "laia.ferrer@example.es"))
        luka.organisation.zone = "Europe/Dublin"
        event = session.scalar(select(Event).where(Event.code == VISIT))
        pair = Group(event=event, name="Pair")
        session.add(pair)
        session.flush()
        for part in event.participations:
            if part.person in (luka, laia):
                part.group_id = pair.id
    text = words(save(demo_db, tmp_path / "pair.pdf", group="Pair", now=NOW))
    assert "at home (Europe/Dublin, Europe/Madrid) beside them" in text  # a tie of one each: both, in no one's favour
    assert "09:30–10:30 JST home 00:30–01:30 GMT home 01:30–02:30 CET Welcome" in text
    assert "Flight BCN → IST (TK1854) For Laia FERRER" in text and "(LH716) For Luka KRANJC" in text
    with demo_db.transaction() as session:
        session.scalar(select(Person).where(Person.email == "laia.ferrer@example.es")).organisation = None
    text = words(save(demo_db, tmp_path / "pair.pdf", group="Pair", now=NOW))
    assert "at home (Europe/Dublin; not known for Laia FERRER) beside them" in text  # Luka's is not hers


def test_an_entry_printed_before_booklets_said_whom_it_is_for_keeps_its_digest(demo_db: Database,
                                                                                tmp_path: Path) -> None:
    """A personal booklet reads as it did: its content digest is the one it had, so its next print marks nothing."""
    text = words(save(demo_db, tmp_path / "ane.pdf", email="ane.etxeberria@example.eus", now=NOW))
    assert "content 0d407852" in text
    entry = BookletEntry("09:30–10:30 JST", "", "Welcome")
    assert entry_marks(BookletData("", "", "", [], "", "", [BookletDay("", [entry])]))[""] == "ad23dc37001100ae"
