"""The demo programme: where it is found, that it loads cleanly and idempotently, and what it shows."""

from __future__ import annotations

import csv
import json
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from iurc_desktop.core.db import Database
from iurc_desktop.core.events.checks import check_event
from iurc_desktop.core.events.listing import get_event, list_events
from iurc_desktop.core.events.todo import todo
from iurc_desktop.core.events.worldclock import world_clock
from iurc_desktop.core.models import Cluster, Event, Organisation, Pairing, Person
from iurc_desktop.core.programme import demo
from iurc_desktop.core.programme.demo import demo_path, load_demo
from iurc_desktop.core.programme.file import dump_programme_text
from iurc_desktop.core.programme.validate import validate

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
TOKYO = ZoneInfo("Asia/Tokyo")
WEBINAR_2027, KOREA_2027 = "cluster-mobility-webinar-2027", "r2r-korea-2027"
DEMO_CODES = {
    "r2r-japan-2022", "ruggedised-japan-2021", "cluster-energy-webinar-2026", "networking-seoul-2026", WEBINAR_2027, KOREA_2027,
}
TODAY = date(2026, 11, 24)  # the day the upcoming demo events were planned around


def demo_data() -> dict:
    return json.loads(demo_path().read_text(encoding="utf-8"))


def test_demo_path_finds_the_file_in_the_source_checkout() -> None:
    path = demo_path()
    assert path.is_file() and path.name == "demo_programme.json" and path.parent.name == "resources"


def test_demo_path_prefers_a_pyinstaller_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "resources").mkdir()
    shutil.copy(demo_path(), tmp_path / "resources" / demo.DEMO_FILE)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert demo_path() == tmp_path / "resources" / demo.DEMO_FILE


def test_demo_file_validates_without_a_single_problem(db: Database) -> None:
    with db.reading() as session:
        plan = validate(session, demo_data())
    assert {e.code for e in plan.events} == DEMO_CODES


def test_loading_the_demo_twice_gives_the_same_data(db: Database) -> None:
    with db.transaction() as session:
        first = load_demo(session)
    with db.reading() as session:
        text = dump_programme_text(session)
        rows = list_events(session)
    with db.transaction() as session:
        second = load_demo(session)
    with db.reading() as session:
        assert dump_programme_text(session) == text
        assert list_events(session) == rows
        assert session.scalar(select(func.count()).select_from(Person)) == first.people
    assert first == second
    assert set(first.event_codes) == DEMO_CODES


def test_demo_dump_is_identical_to_a_dump_of_the_demo_loaded_elsewhere(demo_db: Database, tmp_path: Path) -> None:
    from iurc_desktop.core.db import open_database

    with demo_db.reading() as session:
        text = dump_programme_text(session)
    other = open_database(f"sqlite:///{tmp_path / 'again.db'}")
    with other.transaction() as session:
        load_demo(session)
    with other.reading() as session:
        assert dump_programme_text(session) == text  # fixed uids make the demo the same everywhere
    other.dispose()


def test_study_visit_has_two_groups_a_rich_itinerary_and_a_delegation(demo_db: Database) -> None:
    with demo_db.reading() as session:
        detail = get_event(session, "r2r-japan-2022")
    assert detail.row.kind == "study_visit" and detail.row.zone == "Asia/Tokyo"
    assert (detail.row.start, detail.row.end) == (date(2022, 11, 20), date(2022, 11, 26))
    assert detail.group_names == ("A", "B")
    assert 20 <= len(detail.items) <= 30
    groups = {i.key: i.groups for i in detail.items}
    assert groups["aichi-visit"] == ("A",) and groups["oita-meeting"] == ("B",) and groups["final-meeting"] == ()
    final = next(i for i in detail.items if i.key == "final-meeting")
    assert "Keihanna" in final.title and final.start.hour == 13
    delegates = [p for p in detail.participants if p.role == "delegate" and p.status == "confirmed"]
    assert 12 <= len(delegates) <= 18
    casa_asia = {p.group for p in detail.participants if p.organisation == "Casa Asia"}
    assert casa_asia == {"A", "B"}


def test_demo_organisations_use_the_zones_of_the_programme_places(demo_db: Database) -> None:
    with (SAMPLES / "places.csv").open(encoding="utf-8") as handle:
        zones = {row["name"]: row["iana_zone"] for row in csv.DictReader(handle)}
    with demo_db.reading() as session:
        orgs = {o.key: (o.place, o.country, o.zone) for o in session.scalars(select(Organisation))}
    checked = 0
    for key, (place, _country, zone) in orgs.items():
        if place in zones:
            assert zone == zones[place], key
            checked += 1
    assert checked >= 20
    assert orgs["glasgow"][1:] == ("GB", "Europe/London")


def test_demo_has_clusters_with_members_and_pairings(demo_db: Database) -> None:
    with demo_db.reading() as session:
        clusters = {c.key: sorted(m.key for m in c.members) for c in session.scalars(select(Cluster))}
        pairings = {p.key: (p.eu_organisation.key, p.partner_organisation.key, p.fund_application)
                    for p in session.scalars(select(Pairing))}
        webinar = session.scalar(select(Event).where(Event.code == "cluster-energy-webinar-2026"))
        assert webinar.kind == "webinar" and webinar.cluster.key == "energy-transition"
    assert {"essen", "grenoble-alpes", "koriyama", "toyota-city"} <= set(clusters["energy-transition"])
    assert pairings["dublin-seoul"][:2] == ("dublin", "seoul")
    assert pairings["essen-koriyama"] == ("essen", "koriyama", "awarded")


def test_webinar_spans_brussels_tokyo_seoul_sydney_and_auckland(demo_db: Database) -> None:
    with demo_db.reading() as session:
        event = session.scalar(select(Event).where(Event.code == "cluster-energy-webinar-2026"))
        zones = {p.person.organisation.zone for p in event.participations}
        first = min(i.start_utc for i in event.items)
    assert {"Europe/Brussels", "Asia/Tokyo", "Asia/Seoul", "Australia/Sydney", "Pacific/Auckland"} <= zones
    assert first.isoformat() == "2026-04-09T08:00:00+00:00"  # 10:00 CEST, the week after Auckland left DST


def test_demo_people_are_invented_with_example_addresses_and_names_in_their_scripts(demo_db: Database) -> None:
    with demo_db.reading() as session:
        people = [(p.notes, p.email, p.local_name, p.name_order) for p in session.scalars(select(Person))]
    assert all(notes == "Fictitious demo person." for notes, *_ in people)
    assert all(email.split("@")[1].startswith("example.") for _, email, *_ in people)
    local = {p[2] for p in people}
    assert "김민준" in local and "高橋 結衣" in local
    assert any(order == "family_first" for *_, order in people)
    with demo_db.reading() as session:
        orgs = {o.key: o.local_name for o in session.scalars(select(Organisation))}
    assert orgs["aichi"] == "愛知県" and orgs["hamamatsu"] == "浜松市" and orgs["kamakura"] == "鎌倉市"


def _study_visit(session):  # type: ignore[no-untyped-def]
    return session.scalar(select(Event).where(Event.code == "r2r-japan-2022"))


def _attended(event: Event, person: Person):  # type: ignore[no-untyped-def]
    part = next(p for p in event.participations if p.person_id == person.id)
    return [i for i in event.items if not i.groups or part.group in i.groups or any(a.person_id == person.id for a in i.assigned)]


def test_study_visit_planning_has_exactly_the_intended_handful_of_flaws(demo_db: Database) -> None:
    """Thomas arrives late, Núria leaves early, Marco lacks a night, Ane's passport runs out, Pau's arrival is not
    booked yet: no one else."""
    late, early, no_night, passport, unbooked = set(), set(), set(), set(), set()
    with demo_db.reading() as session:
        event = _study_visit(session)
        for part in event.participations:
            if part.status != "confirmed":
                continue
            person = part.person
            legs = [t for t in event.travel_legs if t.person_id == person.id]
            items = _attended(event, person)
            inbound = [t for t in legs if t.to_zone == "Asia/Tokyo" and t.from_zone != "Asia/Tokyo"]
            outbound = [t for t in legs if t.from_zone == "Asia/Tokyo" and t.to_zone != "Asia/Tokyo"]
            if not inbound or not outbound:  # interpreters live in Japan
                if part.role == "delegate":
                    unbooked.add(person.key)
                continue
            arrival = max(t.arrive_utc for t in inbound)
            departure = min(t.depart_utc for t in outbound)
            if arrival > min(i.start_utc for i in items):
                late.add(person.key)
            if departure < max(i.end_utc for i in items):
                early.add(person.key)
            nights = set()
            for stay in event.stays:
                if stay.person_id == person.id:
                    nights |= {stay.check_in + timedelta(days=n) for n in range((stay.check_out - stay.check_in).days)}
            day = arrival.astimezone(TOKYO).date()
            last = departure.astimezone(TOKYO).date()
            while day < last:
                if day not in nights:
                    no_night.add(person.key)
                day += timedelta(days=1)
            if person.passport_expiry and person.passport_expiry < event.end_date + timedelta(days=182):
                passport.add(person.key)
    assert (late, early, no_night, passport, unbooked) == ({"thomas"}, {"nuria"}, {"marco"}, {"ane"}, {"pau"})


def test_some_study_visit_flights_arrive_the_next_day(demo_db: Database) -> None:
    with demo_db.reading() as session:
        legs = _study_visit(session).travel_legs
        overnight = {
            t.number for t in legs
            if t.arrive_utc.astimezone(ZoneInfo(t.to_zone)).date() > t.depart_utc.astimezone(ZoneInfo(t.from_zone)).date()
        }
        shared = [s.room for s in _study_visit(session).stays if s.shares_with_id]
    assert len(overnight) >= 5 and {"AF276", "LH716"} <= overnight
    assert len(shared) >= 4 and set(shared) == {"twin"}


def test_upcoming_demo_events_give_the_home_page_one_of_each_kind_of_to_do(demo_db: Database) -> None:
    with demo_db.reading() as session:
        entries = todo(session, today=TODAY)
    found = {(e.rule, e.event_code, e.key) for e in entries}
    assert found == {
        ("missing_details", KOREA_2027, "nina.horvat@example.si"),  # no dietary recorded
        ("no_pickup", KOREA_2027, "nina.horvat@example.si"),  # in group B, on group A's flight: the minibus is A's
        ("passport_expiring", KOREA_2027, "marta.puig@example.cat"),
        ("waitlist_promotable", WEBINAR_2027, "grace.taylor@example.com.au"),
    }
    assert len(entries) <= 15


def test_the_korea_study_visit_checks_show_only_the_passport_to_renew_and_its_saturday(demo_db: Database) -> None:
    with demo_db.reading() as session:
        problems = check_event(session, KOREA_2027)
    assert [(p.kind, p.severity, p.people) for p in problems] == [
        ("passport_expiry", "warning", ("marta.puig@example.cat",)),
        ("weekend", "warning", ()),  # the Fukuoka day, Saturday 15 May, is meant: the check names it all the same
    ]
    assert "16 Nov 2027" in problems[0].message  # six months after landing in Barcelona on 16 May


def test_korea_study_visit_splits_into_groups_across_korean_cities_and_ends_in_fukuoka(demo_db: Database) -> None:
    with demo_db.reading() as session:
        detail = get_event(session, KOREA_2027)
        event = session.scalar(select(Event).where(Event.code == KOREA_2027))
        hosts = {o.key: o.local_name for o in session.scalars(select(Organisation)) if o.country == "KR"}
        koreans = {p.local_name: p.name_order for p in session.scalars(select(Person)) if p.nationality == "KR"}
        statuses = {p.person.key: (p.status, p.group.name if p.group else None) for p in event.participations}
    assert detail.row.kind == "study_visit" and detail.row.zone == "Asia/Seoul" and detail.group_names == ("A", "B")
    assert (detail.row.start, detail.row.end) == (date(2027, 5, 10), date(2027, 5, 15))
    by_key = {i.key: i for i in detail.items}
    assert by_key["kaist-visit"].groups == ("A",) and by_key["gwangju-ai"].groups == ("B",)
    assert by_key["joint-meeting"].groups == () and by_key["fukuoka-meeting"].zone == "Asia/Tokyo"
    assert {i.zone for i in detail.items} == {"Asia/Seoul", "Asia/Tokyo"}
    assert hosts["busan"] == "부산광역시" and hosts["daejeon"] == "대전광역시" and hosts["gwangju"] == "광주광역시"
    assert koreans["강민서"] == "family_first" and koreans["박지훈"] == "family_first"
    assert statuses["jordi"] == ("invited", None)
    groups = {g for status, g in statuses.values() if status == "confirmed"}
    assert groups == {"A", "B"}


def test_mobility_webinar_falls_in_the_week_before_europe_changes_its_clocks(demo_db: Database) -> None:
    with demo_db.reading() as session:
        event = session.scalar(select(Event).where(Event.code == WEBINAR_2027))
        zones = {p.person.organisation.zone for p in event.participations}
        first = min(i.start_utc for i in event.items)
        statuses = sorted(p.status for p in event.participations)
        confirmed = statuses.count("confirmed")
        capacity = event.capacity
        clock = {z.zone: z.start.strftime("%H:%M %Z") for z in world_clock(session, WEBINAR_2027).zones}
    assert {"Europe/Brussels", "Asia/Tokyo", "Asia/Seoul", "Australia/Sydney", "Pacific/Auckland",
            "Asia/Kuala_Lumpur", "Asia/Kolkata"} <= zones
    assert first.isoformat() == "2027-03-25T09:00:00+00:00"  # 10:00 CET, three days before CEST
    assert {"invited", "registered", "declined", "waitlisted"} <= set(statuses)
    assert capacity == confirmed + 1 and statuses.count("waitlisted") == 1
    assert clock["Australia/Sydney"] == "20:00 AEDT" and clock["Pacific/Auckland"] == "22:00 NZDT"
    assert clock["Asia/Kolkata"] == "14:30 IST"


def test_the_events_command_lists_the_upcoming_demo_events(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from iurc_desktop import cli

    url = f"sqlite:///{tmp_path / 'demo.db'}"
    assert cli.main(["--db", url, "demo"]) == 0
    capsys.readouterr()
    assert cli.main(["--db", url, "events", "--json"]) == 0
    rows = {row["code"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows[KOREA_2027]["start"] == "2027-05-10" and rows[KOREA_2027]["zone"] == "Asia/Seoul"
    assert rows[WEBINAR_2027]["kind"] == "webinar" and rows[WEBINAR_2027]["start"] == "2027-03-25"
    assert cli.main(["--db", url, "events"]) == 0
    text = capsys.readouterr().out
    assert KOREA_2027 in text and WEBINAR_2027 in text
