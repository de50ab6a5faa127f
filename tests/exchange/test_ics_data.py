"""A small study visit and a webinar built directly with the models, shared by the .ics tests."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from iurc_desktop.core import timeutil
from iurc_desktop.core.db import Database
from iurc_desktop.core.models import Event, Group, Item, ItemPerson, Organisation, Participation, Person, Stay, TravelLeg

VISIT = "r2r-japan-2022"
WEBINAR = "cities-webinar-2026"


def _at(text: str, zone: str) -> datetime:
    return timeutil.to_utc(datetime.fromisoformat(text), zone)


def build_visit(session) -> None:  # type: ignore[no-untyped-def]
    """Paris→Tokyo delegation in two groups, with a Japanese host, a Korean observer and a declined delegate."""
    basque = Organisation(key="basque", name="Basque Country", kind="region", sector="government", country="ES", zone="Europe/Madrid")
    aichi = Organisation(key="aichi", name="Aichi Prefecture", local_name="愛知県", kind="prefecture", sector="government", country="JP", zone="Asia/Tokyo")
    seoul = Organisation(key="seoul", name="Seoul", local_name="서울특별시", kind="city", sector="government", country="KR", zone="Asia/Seoul")
    iurc = Organisation(key="iurc", name="IURC", kind="eu_institution", sector="government", country="BE", zone="Europe/Brussels")
    ane = Person(key="ane", given_name="Ane", family_name="Etxeberria", email="ane@example.eus", organisation=basque)
    jon = Person(key="jon", given_name="Jon", family_name="Aguirre", email="jon@example.eus", organisation=basque)
    taro = Person(key="taro", given_name="太郎", family_name="山田", name_order="family_first", email="taro@example.jp", organisation=aichi)
    minjun = Person(key="minjun", given_name="민준", family_name="김", name_order="family_first", email="minjun@example.kr", organisation=seoul)
    quote = Person(key="quote", given_name='Ann "Nan"', family_name="O'Neil", email="nan@example.ie", organisation=basque)
    lead = Person(key="lead", given_name="Lea", family_name="Dubois", email="lea@example.eu", organisation=iurc)
    gone = Person(key="gone", given_name="Declined", family_name="Person", email="declined@example.eu", organisation=basque)
    event = Event(
        code=VISIT, kind="study_visit", title="EU-Japan Region-to-Region study visit", zone="Asia/Tokyo",
        start_date=date(2022, 11, 20), end_date=date(2022, 11, 26), organiser_name='IURC "AA" team', organiser_email="info-aa@example.eu",
    )
    group_a, group_b = Group(name="A"), Group(name="B")
    event.groups = [group_a, group_b]
    event.participations = [
        Participation(person=ane, role="delegate", status="confirmed", group=group_a),
        Participation(person=jon, role="delegate", status="registered", group=group_b),
        Participation(person=minjun, role="observer", status="confirmed", group=group_b),
        Participation(person=quote, role="delegate", status="invited", group=group_a),
        Participation(person=lead, role="organiser", status="confirmed"),
        Participation(person=gone, role="delegate", status="declined", group=group_a),
    ]
    event.items = [
        Item(key="opening", title="Opening at Tokyo Metropolitan Government 東京都庁", kind="meeting", zone="Asia/Tokyo",
             start_utc=_at("2022-11-21T09:00", "Asia/Tokyo"), end_utc=_at("2022-11-21T11:00", "Asia/Tokyo"), place="東京都庁, Shinjuku"),
        Item(key="aichi-visit", title="Aichi Science & Technology Foundation", kind="site_visit", zone="Asia/Tokyo",
             start_utc=_at("2022-11-22T09:30", "Asia/Tokyo"), end_utc=_at("2022-11-22T12:00", "Asia/Tokyo"), place="Nagoya", host=aichi,
             groups=[group_a], notes="Bring passports; shoes off in the lab.", assigned=[ItemPerson(person=taro, role="host")]),
        Item(key="osaka-visit", title="Osaka Innovation Hub", kind="site_visit", zone="Asia/Tokyo",
             start_utc=_at("2022-11-22T10:00", "Asia/Tokyo"), end_utc=_at("2022-11-22T12:30", "Asia/Tokyo"), place="Osaka", groups=[group_b]),
        Item(key="debrief", title="Online debrief with Brussels", kind="session", zone="Europe/Brussels",
             start_utc=_at("2022-11-25T09:00", "Europe/Brussels"), end_utc=_at("2022-11-25T10:00", "Europe/Brussels"),
             url="https://meet.example.eu/debrief"),
    ]
    event.travel_legs = [
        TravelLeg(person=ane, kind="flight", carrier="AF", number="AF276", booking_ref="XK7Q2P", from_place="CDG", from_zone="Europe/Paris",
                  depart_utc=_at("2022-11-19T23:25", "Europe/Paris"), to_place="HND", to_zone="Asia/Tokyo", arrive_utc=_at("2022-11-20T19:05", "Asia/Tokyo")),
        TravelLeg(person=ane, kind="flight", carrier="AF", number="AF275", from_place="HND", from_zone="Asia/Tokyo",
                  depart_utc=_at("2022-11-26T22:00", "Asia/Tokyo"), to_place="CDG", to_zone="Europe/Paris", arrive_utc=_at("2022-11-27T05:10", "Europe/Paris")),
    ]
    event.stays = [
        Stay(person=ane, hotel="Hotel Nagoya Castle", zone="Asia/Tokyo", check_in=date(2022, 11, 20), check_out=date(2022, 11, 23), room="single"),
        Stay(person=minjun, hotel="Hotel Osaka Bay", zone="Asia/Tokyo", check_in=date(2022, 11, 21), check_out=date(2022, 11, 24), room="twin", shares_with=jon),
        Stay(person=jon, hotel="Hotel Osaka Bay", zone="Asia/Tokyo", check_in=date(2022, 11, 21), check_out=date(2022, 11, 24), room="twin", shares_with=minjun),
    ]
    session.add_all([event, taro])


def build_webinar(session) -> None:  # type: ignore[no-untyped-def]
    """A webinar across a DST change in Brussels (29 March 2026) and Auckland (5 April 2026)."""
    event = Event(code=WEBINAR, kind="webinar", title="Smart cities webinar series", zone="Europe/Brussels",
                  start_date=date(2026, 3, 26), end_date=date(2026, 4, 9), organiser_name="IURC team", organiser_email="info@example.eu",
                  url="https://meet.example.eu/smart")
    event.items = [
        Item(key=f"part-{n}", title=f"Smart cities, part {n}", kind="session", zone="Europe/Brussels",
             start_utc=_at(f"2026-{d}T10:00", "Europe/Brussels"), end_utc=_at(f"2026-{d}T11:30", "Europe/Brussels"))
        for n, d in enumerate(("03-26", "04-02", "04-09"), start=1)
    ]
    akl = Organisation(key="akl", name="Auckland Council", kind="city", sector="government", country="NZ", zone="Pacific/Auckland")
    event.participations = [Participation(person=Person(given_name="Aroha", family_name="Ngata", email="aroha@example.nz", organisation=akl), status="registered")]
    session.add(event)


@pytest.fixture
def visit_db(db: Database) -> Database:
    with db.transaction() as session:
        build_visit(session)
        build_webinar(session)
    return db


def unfold(data: bytes) -> list[str]:
    """Content lines with folding undone."""
    return re.sub(r"\r\n[ \t]", "", data.decode("utf-8")).split("\r\n")
