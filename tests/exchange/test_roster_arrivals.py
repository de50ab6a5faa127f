"""The arrivals roster lists each traveller's leg into the event's zones from outside, nothing else."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

from iurc_desktop.core import timeutil
from iurc_desktop.core.db import Database
from iurc_desktop.core.models import Event, Item, Participation, Person, TravelLeg
from iurc_desktop.core.travel.journeys import arrival_leg, crosses, departure_leg, event_zones
from iurc_desktop.exchange.rosters.rosters import write_roster

TOKYO = "Asia/Tokyo"
JAPAN = "r2r-japan-2022"


def _leg(ev: Event, who: Person, kind: str, number: str, frm: str, frm_zone: str, dep: datetime, to: str, to_zone: str, arr: datetime) -> TravelLeg:
    return TravelLeg(event=ev, person=who, kind=kind, carrier="", number=number, from_place=frm, from_zone=frm_zone,
                     depart_utc=timeutil.to_utc(dep, frm_zone), to_place=to, to_zone=to_zone, arrive_utc=timeutil.to_utc(arr, to_zone))


def _visit(db: Database) -> None:
    with db.transaction() as s:
        ev = Event(code="sv", kind="study_visit", title="Visit", zone=TOKYO, start_date=date(2022, 11, 20), end_date=date(2022, 11, 26))
        s.add(Item(event=ev, key="seoul-day", title="Seoul day", kind="site_visit", zone="Asia/Seoul", place="Seoul",
                   start_utc=timeutil.to_utc(datetime(2022, 11, 23, 10), "Asia/Seoul"),
                   end_utc=timeutil.to_utc(datetime(2022, 11, 23, 16), "Asia/Seoul")))
        ane = Person(given_name="Ane", family_name="Etxeberria", email="ane@example.eus")
        yui = Person(given_name="Yui", family_name="Interpreter", email="yui@example.jp")
        jan = Person(given_name="Jan", family_name="Janssens", email="jan@example.be")
        s.add_all([Participation(event=ev, person=p, status="confirmed", role=r) for p, r in ((ane, "delegate"), (yui, "interpreter"), (jan, "delegate"))])
        s.add_all([
            # Ane: Paris → Helsinki → Tokyo (one arrival, not the stopover), on to Seoul and back, home at the end
            _leg(ev, ane, "flight", "AY872", "CDG", "Europe/Paris", datetime(2022, 11, 19, 9), "HEL", "Europe/Helsinki", datetime(2022, 11, 19, 13)),
            _leg(ev, ane, "flight", "AY73", "HEL", "Europe/Helsinki", datetime(2022, 11, 19, 17), "HND", TOKYO, datetime(2022, 11, 20, 9)),
            _leg(ev, ane, "flight", "KE2102", "HND", TOKYO, datetime(2022, 11, 23, 7), "GMP", "Asia/Seoul", datetime(2022, 11, 23, 9)),
            _leg(ev, ane, "flight", "KE2101", "GMP", "Asia/Seoul", datetime(2022, 11, 23, 18), "HND", TOKYO, datetime(2022, 11, 23, 20)),
            _leg(ev, ane, "flight", "AF293", "HND", TOKYO, datetime(2022, 11, 26, 22), "CDG", "Europe/Paris", datetime(2022, 11, 27, 5)),
            # Yui lives in Japan: her train to the visit and back home are travel within its zones
            _leg(ev, yui, "train", "Nozomi 1", "Tokyo", TOKYO, datetime(2022, 11, 20, 6), "Kyoto", TOKYO, datetime(2022, 11, 20, 8, 15)),
            _leg(ev, yui, "train", "Nozomi 248", "Kyoto", TOKYO, datetime(2022, 11, 26, 17), "Tokyo", TOKYO, datetime(2022, 11, 26, 19, 15)),
            # Jan flies in from Brussels
            _leg(ev, jan, "flight", "LH716", "BRU", "Europe/Brussels", datetime(2022, 11, 19, 12), "HND", TOKYO, datetime(2022, 11, 20, 8, 10)),
        ])


def _arrivals(db: Database, tmp_path: Path, code: str = "sv") -> list[tuple[str, str, str]]:
    path = tmp_path / "arrivals.csv"
    with db.reading() as s:
        write_roster(s, code, "arrivals", path, columns=["arrival", "name", "flight"])
    return [tuple(r) for r in csv.reader(path.read_text(encoding="utf-8-sig").splitlines())][1:]


def test_only_the_leg_into_the_event_zones_from_outside_is_an_arrival(db: Database, tmp_path: Path) -> None:
    _visit(db)
    assert _arrivals(db, tmp_path) == [("2022-11-20 08:10", "Jan Janssens", "LH716"), ("2022-11-20 09:00", "Ane Etxeberria", "AY73")]


def test_the_demo_visit_has_no_interpreter_train_home_among_its_arrivals(demo_db: Database, tmp_path: Path) -> None:
    rows = _arrivals(demo_db, tmp_path, JAPAN)
    with demo_db.reading() as s:
        legs = s.query(TravelLeg).join(Event).filter(Event.code == JAPAN).all()
        trains = {(leg.person.display_name, leg.number) for leg in legs if leg.from_zone == leg.to_zone == TOKYO}
        flown_in = {leg.person.display_name for leg in legs if leg.from_zone != TOKYO and leg.to_zone == TOKYO}
    assert ("Takahashi Yui", "Nozomi 212") in trains  # the interpreters' train home from Kyoto on the last day
    assert not {(r[1], r[2]) for r in rows} & trains
    assert sorted(r[1] for r in rows) == sorted(flown_in)


def test_arrival_and_departure_legs_of_a_journey(db: Database) -> None:
    _visit(db)
    with db.reading() as s:
        def legs_of(email: str) -> list[TravelLeg]:
            return s.query(TravelLeg).join(Person).filter(Person.email == email).all()

        legs, zones = legs_of("ane@example.eus"), {TOKYO, "Asia/Seoul"}
        assert arrival_leg(legs, zones).number == "AY73"  # type: ignore[union-attr]
        assert departure_leg(legs, zones).number == "AF293"  # type: ignore[union-attr]
        assert arrival_leg(legs_of("yui@example.jp"), zones) is None


def test_a_cancelled_item_abroad_does_not_move_the_arrival(db: Database, tmp_path: Path) -> None:
    _visit(db)
    with db.transaction() as s:
        ev = s.query(Event).filter(Event.code == "sv").one()
        s.query(Item).filter(Item.key == "seoul-day").one().status = "cancelled"
        kim = Person(given_name="Min", family_name="Kim", email="min@example.kr")
        s.add(Participation(event=ev, person=kim, status="confirmed", role="delegate"))
        s.add_all([
            _leg(ev, kim, "flight", "OZ502", "CDG", "Europe/Paris", datetime(2022, 11, 18, 21), "ICN", "Asia/Seoul", datetime(2022, 11, 19, 16)),
            _leg(ev, kim, "flight", "OZ102", "ICN", "Asia/Seoul", datetime(2022, 11, 20, 9), "NRT", TOKYO, datetime(2022, 11, 20, 11, 30)),
        ])
    rows = _arrivals(db, tmp_path)
    assert ("2022-11-20 11:30", "Min Kim", "OZ102") in rows  # Seoul is no place of the visit once its day is cancelled
    assert not [r for r in rows if r[2] == "OZ502"]
    with db.reading() as s:
        ev = s.query(Event).filter(Event.code == "sv").one()
        assert event_zones(ev.zone, ev.items) == {TOKYO}


def test_a_leg_crosses_the_event_zones_when_it_enters_or_leaves_them(db: Database) -> None:
    _visit(db)
    zones = {TOKYO, "Asia/Seoul"}
    with db.reading() as s:
        crossing = {leg.number: crosses(leg, zones) for leg in s.query(TravelLeg)}
    assert crossing == {"AY872": False, "AY73": True, "KE2102": False, "KE2101": False, "AF293": True,
                        "Nozomi 1": False, "Nozomi 248": False, "LH716": True}
