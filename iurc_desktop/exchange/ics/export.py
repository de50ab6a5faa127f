"""Calendar files for an event: invites, cancellations, itineraries and the programme feed.

Identity: each item's UID is `<Item.uid>@iurc-desktop` (travel legs and stays
have their own uid columns), so a re-sent file updates the entry it sent before.
SEQUENCE is the stored one; a CANCEL is built from the stored state: an item
cancelled with `core.events.items.cancel_item` already went one version up, and the
preview of a still-scheduled item's cancellation shows it one higher. This module
only builds files; it changes nothing stored.

Outlook updates an entry in place only from a METHOD:REQUEST file holding one
UID; a file with several VEVENTs opens as a new calendar there. `invite_ics`
without an item is therefore right for Google and Apple Calendar, and
`invite_ics_per_item` is the Outlook-safe form (one file per item).

Times are local with the zone's TZID and VTIMEZONE, except a time in the hour a
DST change repeats, which is written in UTC (the rule is at `_add_time`). Every
entry names the ORGANIZER, published ones too (RFC 5546); an invitation names at
least one ATTENDEE or is refused. A cancelled item, and the travel and hotel
nights of a cancelled event, stay in itineraries and the feed as STATUS:CANCELLED
with their raised SEQUENCE, so a subscribed client removes its copy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from icalendar import Calendar, Event as VEvent, vCalAddress
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from iurc_desktop.core import timeutil
from iurc_desktop.core.choices import listed
from iurc_desktop.core.errors import Conflict, NotFound, ValidationError
from iurc_desktop.core.events.listing import get_event_model
from iurc_desktop.core.models import Event, Item, ItemPerson, Participation, Person, Stay, TravelLeg
from iurc_desktop.core.people.listing import normalise_email
from iurc_desktop.core.vocab import GETS_INVITES

from .timezones import is_utc, vtimezones, widen

PRODID = "-//IURC//IURC Desktop//EN"
UID_DOMAIN = "iurc-desktop"
ROLE_PARAM = {"organiser": "CHAIR", "observer": "OPT-PARTICIPANT"}
ZONE_PARAM = "X-IURC-ZONE"  # the zone of a time written in UTC because it falls in a repeated hour


@dataclass(frozen=True)
class Organiser:
    """Who invites come from when the event names no organiser of its own (the user's settings in the window)."""

    name: str = ""
    email: str = ""


NO_ORGANISER = Organiser()


@dataclass(frozen=True)
class Attendee:
    """One person an item's invite goes to."""

    email: str
    name: str
    role: str  # iCalendar ROLE
    zone: str  # the person's organisation's zone, "" if unknown


def item_uid(item: Item) -> str:
    return f"{item.uid}@{UID_DOMAIN}"


def clean_cn(text: str) -> str:
    """A CN value other parsers read as written: no double quotes (RFC 6868 ^' is not decoded widely), no controls."""
    return " ".join("".join(ch for ch in text.replace('"', "") if ch >= " ").split())


def address(email: str, name: str, **params: object) -> vCalAddress:
    return vCalAddress.new(email, cn=clean_cn(name) or None, **params)  # type: ignore[arg-type]


def load_event(session: Session, event_code: str) -> Event:
    """The event with everything the calendar files need, loaded in a few queries."""
    event = get_event_model(session, event_code)
    return session.scalars(
        select(Event).where(Event.id == event.id).options(
            selectinload(Event.items).selectinload(Item.groups),
            selectinload(Event.items).selectinload(Item.host),
            selectinload(Event.items).selectinload(Item.assigned).selectinload(ItemPerson.person).selectinload(Person.organisation),
            selectinload(Event.participations).selectinload(Participation.person).selectinload(Person.organisation),
            selectinload(Event.participations).selectinload(Participation.group),
            selectinload(Event.groups),
            selectinload(Event.travel_legs).selectinload(TravelLeg.person),
            selectinload(Event.stays).selectinload(Stay.person),
            selectinload(Event.stays).selectinload(Stay.shares_with),
        )
    ).one()


def find_item(event: Event, item_key: str) -> Item:
    for item in event.items:
        if item.key == item_key:
            return item
    known = listed(i.key for i in event.items)
    raise NotFound(f"The event {event.code} has no item {item_key!r}." + (f" Its items: {known}." if event.items else " It has no items yet."))


def person_name(person: Person) -> str:
    return person.display_name or person.local_name or person.email or ""


def _person_zone(person: Person) -> str:
    return person.organisation.zone if person.organisation is not None else ""


class Recipients:
    """Who each item's invite goes to: active participants of its groups (all if none), plus people assigned to it."""

    def __init__(self, event: Event) -> None:
        self.everyone: list[tuple[str, Attendee]] = []  # (group name, attendee)
        for part in sorted(event.participations, key=lambda p: (p.person.family_name, p.person.given_name, p.person.id)):
            person = part.person
            if part.status not in GETS_INVITES or not person.email:
                continue
            role = ROLE_PARAM.get(part.role, "REQ-PARTICIPANT")
            group = part.group.name if part.group is not None else ""
            self.everyone.append((group, Attendee(person.email, person_name(person), role, _person_zone(person))))
        self._all = [a for _, a in self.everyone]

    def for_item(self, item: Item) -> list[Attendee]:
        groups = {g.name for g in item.groups}
        chosen = self._all if not groups else [a for g, a in self.everyone if g in groups]
        seen = {a.email for a in chosen}
        extra = [
            Attendee(ip.person.email, person_name(ip.person), "CHAIR" if ip.role in ("organiser", "host") else "REQ-PARTICIPANT", _person_zone(ip.person))
            for ip in sorted(item.assigned, key=lambda ip: ip.person_id)
            if ip.person.email and ip.person.email not in seen
        ]
        return chosen + extra if extra else chosen


class OneRecipient(Recipients):
    """The invitations as one person receives them: their own attendee line only.

    A message to one participant carries no other participant's name or address (what its reader needs).
    """

    def __init__(self, recipients: Recipients, email: str) -> None:  # noqa: D107 - a filtered view, not a new reading
        self.everyone = [(group, a) for group, a in recipients.everyone if a.email == email]
        self._all = [a for _, a in self.everyone]
        self._email = email

    def for_item(self, item: Item) -> list[Attendee]:
        return [a for a in super().for_item(item) if a.email == self._email]


def _calendar(method: str, name: str = "") -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    return cal


def _finish(cal: Calendar, spans: dict[str, tuple[int, int]], entries: Iterable[VEvent]) -> bytes:
    for tz in vtimezones(spans):
        cal.add_component(tz)
    for entry in entries:
        cal.add_component(entry)
    return cal.to_ical()


def in_repeated_hour(instant: datetime, zone_name: str) -> bool:
    """Whether the instant's local time in the zone is one a DST change repeats (it names two instants)."""
    return timeutil.is_ambiguous(timeutil.to_local(instant, zone_name).replace(tzinfo=None), zone_name)


def _add_time(entry: VEvent, name: str, instant: datetime, zone_name: str, spans: dict[str, tuple[int, int]]) -> None:
    """DTSTART or DTEND: local time with the zone's TZID; UTC for UTC zones and for a time in a repeated hour.

    The rule for the repeated hour: a local time there (02:30 on 25 October in Brussels) names
    two instants. RFC 5545 reads it as the first, but libical, khal and calcurse take the second,
    so only the UTC form (`...Z`) is read alike by every client. Such a time is written in UTC,
    for both occurrences, and keeps its zone for display in an X-IURC-ZONE parameter.
    """
    if is_utc(zone_name):
        entry.add(name, instant.astimezone(timeutil.UTC))
    elif in_repeated_hour(instant, zone_name):
        entry.add(name, instant.astimezone(timeutil.UTC), parameters={ZONE_PARAM: zone_name})
    else:
        widen(spans, zone_name, instant, instant.astimezone(timeutil.zone(zone_name)))
        entry.add(name, timeutil.to_local(instant, zone_name))


def _description(item: Item) -> str:
    lines = []
    if item.host is not None:
        host = item.host.name + (f" ({item.host.local_name})" if item.host.local_name else "")
        lines.append(f"Host: {host}")
    groups = ", ".join(g.name for g in item.groups)
    lines.append(f"Groups: {groups}" if groups else "Everyone")
    if item.notes.strip():
        lines.append(item.notes.strip())
    return "\n".join(lines)


def item_vevent(item: Item, event: Event, spans: dict[str, tuple[int, int]], stamp: datetime, *, sequence: int | None = None) -> VEvent:
    """The VEVENT of one item (no ORGANIZER/ATTENDEE: the caller adds what its METHOD needs)."""
    entry = VEvent()
    entry.add("uid", item_uid(item))
    entry.add("dtstamp", stamp)
    entry.add("sequence", item.sequence if sequence is None else sequence)
    entry.add("summary", item.title)
    _add_time(entry, "dtstart", item.start_utc, item.zone, spans)
    _add_time(entry, "dtend", item.end_utc, item.zone, spans)
    url = item.url or (event.url if event.kind == "webinar" else "")
    location = item.place or url
    if location:
        entry.add("location", location)
    entry.add("description", _description(item))
    if url:
        entry.add("url", url)
    entry.add("categories", [item.kind])
    return entry


def organiser_of(event: Event, default: Organiser = NO_ORGANISER) -> Organiser:
    """The event's own organiser, else `default`; no e-mail when neither has one."""
    if event.organiser_email:
        return Organiser(event.organiser_name or "", event.organiser_email)
    return default


SET_ORGANISER = ("Set the organiser's e-mail first (the event's, or in Settings for every event without one;"
                 " on the command line --organiser-email).")


def _organizer(event: Event, default: Organiser = NO_ORGANISER) -> vCalAddress:
    """The ORGANIZER every entry carries: RFC 5546 requires it in REQUEST, CANCEL and PUBLISH alike."""
    organiser = organiser_of(event, default)
    if not organiser.email:
        raise ValidationError(
            f"The event {event.code} has no organiser e-mail, which calendar files need (calendar programs"
            f" send replies there and take updates from it). {SET_ORGANISER}"
        )
    return address(organiser.email, organiser.name or organiser.email)


def _status(entry: VEvent, cancelled: bool) -> VEvent:
    """STATUS: a cancelled entry stays in the file as CANCELLED (its SEQUENCE raised), so clients remove their copy."""
    entry.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return entry


def _with_organizer(entry: VEvent, organizer: vCalAddress) -> VEvent:
    entry.add("organizer", organizer)
    return entry


def _attendee_addresses(*, rsvp: bool) -> Callable[[Attendee], vCalAddress]:
    """Each attendee's ATTENDEE value, made once per file: an invite names the same people on every item."""

    @cache
    def of(person: Attendee) -> vCalAddress:
        return address(person.email, person.name, role=person.role, partstat="NEEDS-ACTION", rsvp=rsvp or None)

    return of


def _with_people(entry: VEvent, organizer: vCalAddress, attendees: list[Attendee],
                 attendee_of: Callable[[Attendee], vCalAddress]) -> VEvent:
    _with_organizer(entry, organizer)
    for person in attendees:
        entry.add("attendee", attendee_of(person))
    return entry


def _chosen_items(event: Event, item_key: str | None) -> list[Item]:
    return [find_item(event, item_key)] if item_key is not None else sorted(event.items, key=lambda i: (i.start_utc, i.key))


def _invited(items: list[Item], recipients: Recipients) -> dict[int, list[Attendee]]:
    """Each item's attendees; an item nobody is invited to is refused: a REQUEST without ATTENDEE invites no one."""
    people = {item.id: recipients.for_item(item) for item in items}
    empty = [item for item in items if not people[item.id]]
    if empty:
        names = listed(f"{item.title} ({item.key})" for item in empty)
        raise ValidationError(
            f"Nobody is invited to {names}: an invitation needs at least one person to go to (a participant who is"
            " invited, registered, confirmed or attended, in the item's groups, or someone assigned to the item)."
            " Add participants first, or invite the other items one by one."
        )
    return people


def invite_calendar(event: Event, items: list[Item], recipients: Recipients, stamp: datetime,
                    organiser: Organiser = NO_ORGANISER) -> bytes:
    """METHOD:REQUEST for `items` of a loaded event; `organiser` when the event has none of its own."""
    organizer = _organizer(event, organiser)
    people = _invited(items, recipients)
    attendee_of = _attendee_addresses(rsvp=True)
    spans: dict[str, tuple[int, int]] = {}
    entries = []
    for item in items:
        entry = _status(item_vevent(item, event, spans, stamp), cancelled=False)
        entries.append(_with_people(entry, organizer, people[item.id], attendee_of))
    return _finish(_calendar("REQUEST"), spans, entries)


def cancel_calendar(event: Event, items: list[Item], recipients: Recipients, stamp: datetime,
                    organiser: Organiser = NO_ORGANISER) -> bytes:
    """METHOD:CANCEL for `items`: same UIDs, SEQUENCE above the last one sent, STATUS:CANCELLED, no alarms."""
    organizer = _organizer(event, organiser)
    attendee_of = _attendee_addresses(rsvp=False)
    spans: dict[str, tuple[int, int]] = {}
    entries = []
    for item in items:
        sequence = item.sequence if item.status == "cancelled" else item.sequence + 1  # stored cancellations already rose
        entry = _status(item_vevent(item, event, spans, stamp, sequence=sequence), cancelled=True)
        entries.append(_with_people(entry, organizer, recipients.for_item(item), attendee_of))
    return _finish(_calendar("CANCEL"), spans, entries)


def _scheduled(items: list[Item], item_key: str | None) -> list[Item]:
    if item_key is not None and items and items[0].status == "cancelled":
        raise Conflict(f"The item {item_key} is cancelled: send its cancellation rather than an invite.")
    return [i for i in items if i.status != "cancelled"]


def invite_ics(session: Session, event_code: str, *, item_key: str | None = None,
               organiser: Organiser = NO_ORGANISER) -> bytes:
    """METHOD:REQUEST with one VEVENT per scheduled item (or just `item_key`), ORGANIZER and ATTENDEEs."""
    event = load_event(session, event_code)
    items = _scheduled(_chosen_items(event, item_key), item_key)
    if not items:
        raise ValidationError(f"The event {event_code} has no scheduled items to invite people to.")
    return invite_calendar(event, items, Recipients(event), timeutil.utc_now(), organiser)


def invite_ics_per_item(session: Session, event_code: str, *, organiser: Organiser = NO_ORGANISER) -> list[tuple[str, bytes]]:
    """One REQUEST file per scheduled item, named `<event>-<item>.ics`: the form Outlook updates in place."""
    event = load_event(session, event_code)
    recipients, stamp = Recipients(event), timeutil.utc_now()
    return [
        (f"{event.code}-{item.key}.ics", invite_calendar(event, [item], recipients, stamp, organiser))
        for item in _scheduled(_chosen_items(event, None), None)
    ]


def cancel_ics(session: Session, event_code: str, *, item_key: str | None = None,
               organiser: Organiser = NO_ORGANISER) -> bytes:
    """METHOD:CANCEL for one item or every item of the event, from the stored state; changes nothing stored."""
    event = load_event(session, event_code)
    items = _chosen_items(event, item_key)
    if not items:
        raise ValidationError(f"The event {event_code} has no items to cancel.")
    return cancel_calendar(event, items, Recipients(event), timeutil.utc_now(), organiser)


def _stay_vevent(stay: Stay, stamp: datetime, *, people: int = 1, personal: bool) -> VEvent:
    entry = VEvent()
    entry.add("uid", f"{stay.uid}@{UID_DOMAIN}")
    entry.add("dtstamp", stamp)
    entry.add("sequence", stay.sequence)
    entry.add("summary", f"Hotel: {stay.hotel}")
    entry.add("dtstart", stay.check_in)  # all-day, VALUE=DATE; DTEND is exclusive: the check-out day
    entry.add("dtend", stay.check_out)
    entry.add("location", ", ".join(part for part in (stay.hotel, stay.address_local) if part))
    entry.add("transp", "TRANSPARENT")
    nights = (stay.check_out - stay.check_in).days
    lines = [f"{nights} night{'s' if nights != 1 else ''}, check-in {stay.check_in:%a %d %b}, check-out {stay.check_out:%a %d %b %Y}"]
    if personal:
        lines.append(f"Room: {stay.room}" + (f", shared with {person_name(stay.shares_with)}" if stay.shares_with is not None else ""))
    elif people > 1:
        lines.append(f"{people} people of the group stay here")
    entry.add("description", "\n".join(lines))
    return entry


def _leg_title(leg: TravelLeg) -> str:
    label = {"flight": "Flight", "train": "Train", "bus": "Bus", "car": "Car"}.get(leg.kind, leg.kind.title())
    number = " ".join(x for x in (leg.number or leg.carrier,) if x)
    return f"{label} {number} {leg.from_place} → {leg.to_place}".replace("  ", " ")


def _leg_vevent(leg: TravelLeg, spans: dict[str, tuple[int, int]], stamp: datetime, *, people: int = 1, personal: bool) -> VEvent:
    entry = VEvent()
    entry.add("uid", f"{leg.uid}@{UID_DOMAIN}")
    entry.add("dtstamp", stamp)
    entry.add("sequence", leg.sequence)
    entry.add("summary", _leg_title(leg))
    _add_time(entry, "dtstart", leg.depart_utc, leg.from_zone, spans)  # departure in its own zone
    _add_time(entry, "dtend", leg.arrive_utc, leg.to_zone, spans)  # arrival in the arrival zone
    entry.add("location", leg.from_place)
    depart = timeutil.to_local(leg.depart_utc, leg.from_zone)
    arrive = timeutil.to_local(leg.arrive_utc, leg.to_zone)
    lines = [
        f"Departs {leg.from_place} {depart:%a %d %b %H:%M} ({leg.from_zone})",
        f"Arrives {leg.to_place} {arrive:%a %d %b %H:%M} ({leg.to_zone})",
    ]
    if leg.carrier:
        lines.append(f"Carrier: {leg.carrier}")
    if personal and leg.booking_ref:
        lines.append(f"Booking reference: {leg.booking_ref}")
    if people > 1:
        lines.append(f"{people} people of the group travel on it")
    entry.add("description", "\n".join(lines))
    return entry


def _group_items(event: Event, group: str | None) -> list[Item]:
    """The items a group follows (all for None), cancelled ones too: a published copy must learn of the cancellation."""
    if group is None:
        return list(event.items)
    return [i for i in event.items if not i.groups or group in {g.name for g in i.groups}]


def _dedupe(rows: list, key) -> list[tuple[object, int]]:  # type: ignore[no-untyped-def,type-arg]
    """Rows shared by several people (same flight, same hotel nights) once, with how many share them."""
    found: dict[object, list] = {}  # type: ignore[type-arg]
    for row in sorted(rows, key=lambda r: r.id):
        found.setdefault(key(row), []).append(row)
    return [(same[0], len(same)) for same in found.values()]


def itinerary_calendar(event: Event, *, group: str | None = None, email: str | None = None, stamp: datetime | None = None,
                       organiser: Organiser = NO_ORGANISER) -> bytes:
    """METHOD:PUBLISH of a loaded event's itinerary: the whole event, one group's, or one person's.

    Every entry carries the ORGANIZER; cancelled items, and the travel and hotel nights of a
    cancelled event, stay in it as STATUS:CANCELLED.
    """
    stamp = stamp or timeutil.utc_now()
    spans: dict[str, tuple[int, int]] = {}
    organizer = _organizer(event, organiser)
    name = event.title
    legs: list[tuple[TravelLeg, int]] = []
    stays: list[tuple[Stay, int]] = []
    if email is not None:
        part = _participation(event, email)
        person = part.person
        group_name = part.group.name if part.group is not None else None
        assigned = {i.id for i in event.items for ip in i.assigned if ip.person_id == person.id}
        items = [i for i in event.items if i.id in assigned or not i.groups or group_name in {g.name for g in i.groups}]
        legs = [(leg, 1) for leg in event.travel_legs if leg.person_id == person.id]
        stays = [(stay, 1) for stay in event.stays if stay.person_id == person.id]
        name = f"{event.title} — {person_name(person)}"
    elif group is not None:
        if group not in {g.name for g in event.groups}:
            known = ", ".join(g.name for g in event.groups)
            raise NotFound(f"The event {event.code} has no group {group!r}." + (f" Its groups: {known}." if known else " It has no groups."))
        items = _group_items(event, group)
        members = {p.person_id for p in event.participations if p.group is not None and p.group.name == group and p.status in GETS_INVITES}
        legs = _dedupe([leg for leg in event.travel_legs if leg.person_id in members], lambda l: (l.kind, l.carrier, l.number, l.from_place, l.depart_utc, l.to_place, l.arrive_utc))  # type: ignore[misc]
        stays = _dedupe([s for s in event.stays if s.person_id in members], lambda s: (s.hotel, s.check_in, s.check_out))  # type: ignore[misc]
        name = f"{event.title} — group {group}"
    else:
        items = _group_items(event, None)
    cal = _calendar("PUBLISH", name)
    cal.add("x-wr-timezone", event.zone)
    personal = email is not None
    called_off = event.status == "cancelled"
    entries = [
        _status(item_vevent(item, event, spans, stamp), item.status == "cancelled")
        for item in sorted(items, key=lambda i: (i.start_utc, i.key))
    ]
    entries += [_status(_leg_vevent(leg, spans, stamp, people=n, personal=personal), called_off) for leg, n in legs]  # type: ignore[arg-type]
    entries += [_status(_stay_vevent(stay, stamp, people=n, personal=personal), called_off) for stay, n in stays]  # type: ignore[arg-type]
    return _finish(cal, spans, [_with_organizer(entry, organizer) for entry in entries])


def _participation(event: Event, email: str) -> Participation:
    wanted = normalise_email(email)
    for part in event.participations:
        if normalise_email(part.person.email or "") == wanted:
            return part
    raise NotFound(f"{email} does not take part in the event {event.code}.")


def itinerary_ics(session: Session, event_code: str, *, group: str | None = None, email: str | None = None,
                  organiser: Organiser = NO_ORGANISER) -> bytes:
    """METHOD:PUBLISH of a group's or a person's itinerary (or the whole event): items, travel, hotel nights."""
    if group is not None and email is not None:
        raise ValidationError("Choose a group or a person for an itinerary, not both.")
    return itinerary_calendar(load_event(session, event_code), group=group, email=email, organiser=organiser)


def _event_vevent(event: Event, stamp: datetime) -> VEvent:
    entry = VEvent()
    entry.add("uid", f"{event.uid}@{UID_DOMAIN}")
    entry.add("dtstamp", stamp)
    entry.add("sequence", event.sequence)
    entry.add("summary", event.title)
    entry.add("dtstart", event.start_date)
    entry.add("dtend", event.end_date + timedelta(days=1))  # exclusive end of an all-day span
    entry.add("transp", "TRANSPARENT")
    if event.url:
        entry.add("url", event.url)
    entry.add("description", "\n".join(x for x in (f"{event.kind.replace('_', ' ')}, {event.code}", event.theme, event.description) if x))
    return entry


def _feed_organizers(events: list[Event], default: Organiser) -> dict[int, vCalAddress]:
    """Each event's ORGANIZER for the feed; events without one anywhere are refused together, by code."""
    missing = [event.code for event in events if not organiser_of(event, default).email]
    if missing:
        raise ValidationError(f"The feed's entries need an organiser e-mail, which these events have none of: {listed(missing)}. {SET_ORGANISER}")
    return {event.id: _organizer(event, default) for event in events}


def feed_ics(session: Session, *, organiser: Organiser = NO_ORGANISER) -> bytes:
    """Every event as one published calendar: its items (cancelled ones as CANCELLED), or an all-day entry when it has none."""
    events = list(session.scalars(
        select(Event).order_by(Event.start_date, Event.code).options(
            selectinload(Event.items).selectinload(Item.groups),
            selectinload(Event.items).selectinload(Item.host),
        )
    ).all())
    organizers = _feed_organizers(events, organiser)
    stamp = timeutil.utc_now()
    spans: dict[str, tuple[int, int]] = {}
    entries = []
    for event in events:
        if not event.items:
            entries.append(_with_organizer(_status(_event_vevent(event, stamp), event.status == "cancelled"), organizers[event.id]))
        for item in sorted(event.items, key=lambda i: (i.start_utc, i.key)):
            entry = _status(item_vevent(item, event, spans, stamp), item.status == "cancelled")
            entry["summary"] = f"{item.title} ({event.title})"
            entries.append(_with_organizer(entry, organizers[event.id]))
    return _finish(_calendar("PUBLISH", "IURC programme"), spans, entries)
