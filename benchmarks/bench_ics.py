"""Invites and itinerary of a 300-item visit with 200 attendees, against raw icalendar.

The baseline builds the same VEVENTs (same properties, parameters and
attendees) with icalendar from plain in-memory lists and serialises them, with
no database and no VTIMEZONE; ours reads the database, works out each item's
attendees and adds the VTIMEZONEs. The two alternate run by run; goal: ratio of the
medians <= 1.3. Run:
    .venv/bin/python benchmarks/bench_ics.py
"""

from __future__ import annotations

import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

from icalendar import Calendar, Event as VEvent, vCalAddress

from iurc_desktop.core import timeutil
from iurc_desktop.core.db import open_database
from iurc_desktop.core.models import Event, Group, Item, Organisation, Participation, Person
from iurc_desktop.exchange.ics.export import invite_ics, itinerary_ics
from timing import alternated, seconds, verdict

CODE = "bench-visit"
ITEMS, PEOPLE, ROUNDS = 300, 200, 5
GOAL = 1.3
ZONES = ("Asia/Tokyo", "Europe/Brussels", "Asia/Seoul")


def build(session) -> None:  # type: ignore[no-untyped-def]
    org = Organisation(key="org", name="Region", kind="region", sector="government", country="ES", zone="Europe/Madrid")
    event = Event(code=CODE, kind="study_visit", title="Benchmark visit", zone="Asia/Tokyo", start_date=date(2026, 3, 1),
                  end_date=date(2026, 4, 30), organiser_name="IURC team", organiser_email="info@example.eu")
    groups = [Group(name="A"), Group(name="B")]
    event.groups = groups
    event.participations = [
        Participation(person=Person(given_name=f"名前{n}", family_name=f"Family{n}", email=f"p{n}@example.eu", organisation=org),
                      role="observer" if n % 10 == 0 else "delegate", status="confirmed", group=groups[n % 2])
        for n in range(PEOPLE)
    ]
    first = datetime(2026, 3, 1, 9)
    for n in range(ITEMS):
        zone = ZONES[n % 3]
        start = timeutil.to_utc(first + timedelta(days=n // 5, hours=2 * (n % 5)), zone)
        event.items.append(Item(key=f"item-{n}", title=f"Site visit {n} 視察", kind="site_visit", zone=zone, start_utc=start,
                                end_utc=start + timedelta(hours=2), place=f"Place {n}", notes="Bring passports.",
                                groups=[] if n % 3 == 0 else [groups[n % 2]]))
    session.add(event)


def plain_data(session) -> tuple[list[tuple], dict[str, list[tuple[str, str, str]]]]:  # type: ignore[type-arg]
    """What the baseline starts from: items and attendees as plain tuples already in memory."""
    event = session.query(Event).filter_by(code=CODE).one()
    people: dict[str, list[tuple[str, str, str]]] = {"": [], "A": [], "B": []}
    for part in event.participations:
        entry = (part.person.email, part.person.display_name, "OPT-PARTICIPANT" if part.role == "observer" else "REQ-PARTICIPANT")
        people[part.group.name].append(entry)
        people[""].append(entry)
    items = [(i.uid, i.sequence, i.title, timeutil.to_local(i.start_utc, i.zone), timeutil.to_local(i.end_utc, i.zone), i.place,
              i.notes, i.kind, i.groups[0].name if i.groups else "") for i in event.items]
    return items, people


def raw(items: list[tuple], people: dict[str, list[tuple[str, str, str]]], *, attendees: bool) -> bytes:  # type: ignore[type-arg]
    cal = Calendar()
    cal.add("prodid", "-//bench//EN")
    cal.add("version", "2.0")
    cal.add("method", "REQUEST" if attendees else "PUBLISH")
    stamp = timeutil.utc_now()
    organizer = vCalAddress.new("info@example.eu", cn="IURC team")
    for uid, seq, title, start, end, place, notes, kind, group in items:
        ev = VEvent()
        ev.add("uid", f"{uid}@iurc-desktop")
        ev.add("dtstamp", stamp)
        ev.add("sequence", seq)
        ev.add("summary", title)
        ev.add("dtstart", start)
        ev.add("dtend", end)
        ev.add("location", place)
        ev.add("description", (f"Groups: {group}" if group else "Everyone") + "\n" + notes)
        ev.add("categories", [kind])
        ev.add("organizer", organizer)
        if attendees:
            ev.add("status", "CONFIRMED")
            for email, name, role in people[group]:
                ev.add("attendee", vCalAddress.new(email, cn=name, role=role, partstat="NEEDS-ACTION", rsvp=True))
        cal.add_component(ev)
    return cal.to_ical()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(f"sqlite:///{Path(folder) / 'bench.db'}")
        with db.transaction() as session:
            build(session)
        with db.reading() as session:
            items, people = plain_data(session)

        def ours() -> None:
            with db.reading() as session:  # a fresh session each round: nothing cached in the ORM
                invite_ics(session, CODE)
                itinerary_ics(session, CODE)

        def baseline() -> None:
            raw(items, people, attendees=True)
            raw(items, people, attendees=False)

        ours()  # warm imports and the VTIMEZONE cache once, as a running app would have
        baseline()
        app_times, raw_times = alternated(ROUNDS, lambda: seconds(ours), lambda: seconds(baseline))
        with db.reading() as session:
            size = len(invite_ics(session, CODE))
        db.dispose()
    verdict(f"invites + itinerary, {ITEMS} items x {PEOPLE} attendees ({size / 1e6:.1f} MB invite file)",
            app_times, "raw icalendar", raw_times, GOAL)


if __name__ == "__main__":
    main()
