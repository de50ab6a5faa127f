"""Small builders of domain rows for core tests that should not depend on the demo."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from iurc_desktop.core import timeutil
from iurc_desktop.core.models import Event, Item, Organisation, Participation, Person


def org(session: Session, key: str, *, country: str = "BE", zone: str = "Europe/Brussels", kind: str = "city", sector: str = "government", name: str | None = None, local_name: str = "") -> Organisation:
    o = Organisation(key=key, name=name or key.title(), local_name=local_name, kind=kind, sector=sector, country=country, zone=zone)
    session.add(o)
    session.flush()
    return o


def person(session: Session, given: str, family: str, *, email: str | None = None, organisation: Organisation | None = None, local_name: str = "") -> Person:
    p = Person(given_name=given, family_name=family, email=email or f"{given.lower()}.{family.lower()}@example.eu",
               organisation=organisation, local_name=local_name)
    session.add(p)
    session.flush()
    return p


def event(session: Session, code: str, *, kind: str = "study_visit", zone: str = "Europe/Brussels", start: date = date(2026, 3, 23), end: date | None = None, capacity: int | None = None) -> Event:
    e = Event(code=code, kind=kind, title=code.replace("-", " ").title(), zone=zone, start_date=start, end_date=end or start, capacity=capacity)
    session.add(e)
    session.flush()
    return e


def item(session: Session, ev: Event, key: str, start: datetime, end: datetime, *, zone: str | None = None, place: str = "", kind: str = "session") -> Item:
    z = zone or ev.zone
    it = Item(event=ev, key=key, title=key.title(), kind=kind, start_utc=timeutil.to_utc(start, z), end_utc=timeutil.to_utc(end, z), zone=z, place=place)
    session.add(it)
    session.flush()
    return it


def participate(session: Session, ev: Event, p: Person, *, status: str = "confirmed", role: str = "delegate") -> Participation:
    part = Participation(event=ev, person=p, status=status, role=role)
    session.add(part)
    session.flush()
    return part
