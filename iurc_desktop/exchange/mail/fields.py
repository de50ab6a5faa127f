"""The merge fields of one recipient's message: plain data (dicts, lists, text) built from the database.

Templates never see a database row, only what is built here. Times are written
on the recipient's clock (their organisation's zone, else the event's: the
choice `export mail` makes) with the event's clock beside them, and days in the
message's language. The fields:

- `person`: name (their order and script), given_name, family_name, local_name, email, organisation,
  organisation_local, zone, language; `role`, `status` and `group` of their participation ("" for none);
- `event`: code, title, kind, theme, zone, dates, start, end, url, join_link (a webinar's link), status;
- `items`: their items not cancelled, in time order, each with key, title, kind, place, host, date, time, when
  (their clock), event_date, event_time, event_when (the event's clock), same_clock, zone, join_link, changed
  (rescheduled since the last invite); `cancelled_items`: their cancelled ones, alike;
- `stays` (and `hotel`, the first): hotel, hotel_local, address_local, check_in, check_out, nights, room,
  shares_with; `travel`: their legs (label, kind, from, to, depart, arrive, each end on its own clock),
  `arrival` (the leg that brings them in) and `pickup` (the car or bus leg that meets it), or None;
- `organiser`: name, email; `zone` and `event_zone`: the two clocks;
- `document`: the letter or booklet a message carries (file, number, version), None for other messages.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ...core import local_times, timeutil
from ...core.events.todo import pickup_leg
from ...core.models import Event, Item, Participation, Person, Stay, TravelLeg
from ...core.travel.journeys import arrival_leg, event_zones
from ...core.travel.legs import leg_label
from ..ics.export import Organiser, person_name

Fields = dict[str, Any]

_FR_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_FR_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre")
_JA_DAYS = "月火水木金土日"
_KO_DAYS = "월화수목금토일"


def day(value: date, language: str) -> str:
    """A day as the language writes it: 'Tue 22 Nov 2022', '2022年11月22日（火）', '2022년 11월 22일 (화)',
    'mardi 22 novembre 2022'."""
    weekday = value.weekday()
    if language == "ja":
        return f"{value.year}年{value.month}月{value.day}日（{_JA_DAYS[weekday]}）"
    if language == "ko":
        return f"{value.year}년 {value.month}월 {value.day}일 ({_KO_DAYS[weekday]})"
    if language == "fr":
        return f"{_FR_DAYS[weekday]} {value.day} {_FR_MONTHS[value.month - 1]} {value.year}"
    return local_times.day(value)  # English, and any language added without its own way of writing days


def days(start: date, end: date, language: str) -> str:
    """An inclusive range of days in the language ('20–26 Nov 2022' in English)."""
    if language not in ("ja", "ko", "fr"):
        return local_times.date_range(start, end)
    dash = {"ja": "～", "ko": " ~ "}.get(language, " – ")
    return day(start, language) if start == end else f"{day(start, language)}{dash}{day(end, language)}"


def recipient_zone(event: Event, person: Person) -> str:
    """The clock a person reads their times on: their organisation's zone, else the event's (as `export mail`)."""
    return person.organisation.zone if person.organisation is not None else event.zone


def recipient_fields(event: Event, part: Participation, items: list[Item], organiser: Organiser, language: str,
                     document: Fields | None = None) -> Fields:
    """Every merge field of `part`'s message about `event`, whose `items` are the ones they attend, in `language`
    (with the `document` it carries, if any)."""
    person = part.person
    zone = recipient_zone(event, person)
    legs = [leg for leg in event.travel_legs if leg.person_id == person.id]
    arrival = arrival_leg(legs, event_zones(event.zone, event.items))
    pickup = pickup_leg(arrival, legs) if arrival is not None else None
    stays = [_stay(stay, language) for stay in event.stays if stay.person_id == person.id]
    return {
        "person": _person(person, zone, language),
        "role": part.role, "status": part.status, "group": part.group.name if part.group is not None else "",
        "event": _event(event, language),
        "items": [_item(i, event, zone, language) for i in items if i.status != "cancelled"],
        "cancelled_items": [_item(i, event, zone, language) for i in items if i.status == "cancelled"],
        "stays": stays, "hotel": stays[0] if stays else None,
        "travel": [_leg(leg, language) for leg in legs],
        "arrival": _leg(arrival, language) if arrival is not None else None,
        "pickup": _leg(pickup, language) if pickup is not None else None,
        "organiser": {"name": organiser.name, "email": organiser.email},
        "zone": zone, "event_zone": event.zone, "document": document,
    }


def _person(person: Person, zone: str, language: str) -> Fields:
    org = person.organisation
    return {
        "name": person_name(person), "given_name": person.given_name, "family_name": person.family_name,
        "local_name": person.local_name, "email": person.email or "",
        "organisation": org.name if org is not None else "", "organisation_local": org.local_name if org is not None else "",
        "zone": zone, "language": language,
    }


def _join_link(event: Event) -> str:
    return event.url if event.kind == "webinar" else ""


def _event(event: Event, language: str) -> Fields:
    return {
        "code": event.code, "title": event.title, "kind": event.kind, "theme": event.theme, "zone": event.zone,
        "dates": days(event.start_date, event.end_date, language), "start": day(event.start_date, language),
        "end": day(event.end_date, language), "url": event.url, "join_link": _join_link(event), "status": event.status,
    }


def _on_clock(item: Item, zone: str, language: str) -> tuple[str, str]:
    """(day, span with its zone's abbreviation) of the item on `zone`'s clock."""
    start, end = timeutil.to_local(item.start_utc, zone), timeutil.to_local(item.end_utc, zone)
    return day(start.date(), language), local_times.span_in_zone(start, end)


def _item(item: Item, event: Event, zone: str, language: str) -> Fields:
    mine, theirs = _on_clock(item, zone, language), _on_clock(item, event.zone, language)
    return {
        "key": item.key, "title": item.title, "kind": item.kind, "place": item.place,
        "host": item.host.name if item.host is not None else "",
        "date": mine[0], "time": mine[1], "when": " ".join(mine),
        "event_date": theirs[0], "event_time": theirs[1], "event_when": " ".join(theirs),
        "same_clock": mine == theirs, "zone": zone, "join_link": item.url or _join_link(event),
        "changed": item.sent_sequence is not None and item.sequence > item.sent_sequence,
    }


def _stay(stay: Stay, language: str) -> Fields:
    return {
        "hotel": stay.hotel, "hotel_local": stay.hotel_local, "address_local": stay.address_local,
        "check_in": day(stay.check_in, language), "check_out": day(stay.check_out, language),
        "nights": (stay.check_out - stay.check_in).days, "room": stay.room,
        "shares_with": person_name(stay.shares_with) if stay.shares_with is not None else "",
    }


def _moment(instant: datetime, zone: str, language: str) -> str:
    local = timeutil.to_local(instant, zone)
    return f"{day(local.date(), language)} {local_times.clock(local)} {local_times.abbreviation(local)}"


def _leg(leg: TravelLeg, language: str) -> Fields:
    return {
        "label": leg_label(leg.carrier, leg.number) or leg.kind, "kind": leg.kind, "booking_ref": leg.booking_ref,
        "from": leg.from_place, "to": leg.to_place,
        "depart": _moment(leg.depart_utc, leg.from_zone, language), "arrive": _moment(leg.arrive_utc, leg.to_zone, language),
    }

