"""Items of an event: create, edit, move and cancel, in local times of their own zone.

Local times that do not exist or are ambiguous in the item's zone are refused by
`timeutil.to_utc` with the valid choices; an `offset` picks one reading of a fold.
The calendar `sequence` rises whenever something an invitee sees changes.
The window and the command line create and edit items in the programme file's
shape (`add_item`, `edit_item`), checked by the file's own rules for one item
and kept within the event's dates; items imported from a calendar are kept within them by the same rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import calendar_fields, timeutil, vocab
from ..choices import listed
from ..editing import check_editable
from ..errors import Conflict, NotFound, TimeError, ValidationError
from ..models import Event, Item, ItemPerson, Organisation, Person
from ..row_copies import copy_of, row_from
from ..people.listing import person_by_email
from ..programme.dump import item_entry
from ..programme.validate import validate_item
from ..registrations.participants import Choice, people_choices
from .groups import group_by_name
from .listing import get_event_model, open_event_model

# Changes to these fields make a re-sent invitation an update (RFC 5546 SEQUENCE).
SEQUENCED = calendar_fields.ITEM
EDITABLE = (
    "title", "kind", "start_local", "end_local", "zone", "place", "host_key", "groups", "people",
    "offset", "end_offset", "url", "notes",
)


@dataclass(frozen=True)
class ItemChange:
    id: int
    key: str
    sequence: int
    status: str
    changed: tuple[str, ...]  # names of the fields whose value changed
    start: datetime  # aware, in `zone`
    end: datetime
    zone: str


def get_item_model(session: Session, event: Event, key: str) -> Item:
    item = session.scalar(select(Item).where(Item.event_id == event.id, Item.key == key))
    if item is None:
        known = listed((i.key for i in event.items), none="none yet")
        raise NotFound(f"{event.code} has no item {key!r} (its items: {known}).")
    return item


def _instants(
    start_local: datetime, end_local: datetime, zone: str, offset: timedelta | None, end_offset: timedelta | None
) -> tuple[datetime, datetime]:
    """Both ends as UTC instants, naming which end is the bad one."""
    problems: list[str] = []
    values: list[datetime] = []
    for label, local, off in (("start", start_local, offset), ("end", end_local, end_offset)):
        if not isinstance(local, datetime) or local.tzinfo is not None:
            raise TypeError(f"{label} must be a naive local datetime in the item's zone")
        try:
            values.append(timeutil.to_utc(local, zone, offset=off))
        except TimeError as exc:
            problems.append(f"{label}: {exc}")
    if problems:
        raise TimeError(problems)
    start, end = values
    if end <= start:
        raise ValidationError(
            f"end: {end_local:%Y-%m-%d %H:%M} is not after the start {start_local:%Y-%m-%d %H:%M} ({zone})."
        )
    return start, end


def _check_kind(kind: str) -> None:
    if kind not in vocab.ITEM_KINDS:
        raise ValidationError(f"kind: {kind!r} is not an item kind (one of {', '.join(vocab.ITEM_KINDS)}).")


def _host(session: Session, host_key: str | None) -> Organisation | None:
    if not host_key:
        return None
    host = session.scalar(select(Organisation).where(Organisation.key == host_key))
    if host is None:
        raise NotFound(f"host: there is no organisation with the key {host_key!r}.")
    return host


def _people(session: Session, people: Iterable[str | tuple[str, str]]) -> list[ItemPerson]:
    """Individually assigned people, given as e-mails or (e-mail, role) pairs."""
    out: list[ItemPerson] = []
    seen: set[int] = set()
    for entry in people:
        email, role = (entry, "speaker") if isinstance(entry, str) else entry
        if role not in vocab.ROLES:
            raise ValidationError(f"people: {role!r} is not a role (one of {', '.join(vocab.ROLES)}).")
        person = person_by_email(session, email)
        if person.id not in seen:
            seen.add(person.id)
            out.append(ItemPerson(person_id=person.id, role=role))
    return out


def _change(item: Item, changed: Iterable[str]) -> ItemChange:
    return ItemChange(
        item.id, item.key, item.sequence, item.status, tuple(changed),
        timeutil.to_local(item.start_utc, item.zone), timeutil.to_local(item.end_utc, item.zone), item.zone,
    )


def create_item(
    session: Session,
    event_code: str,
    *,
    key: str,
    title: str,
    kind: str,
    start_local: datetime,
    end_local: datetime,
    zone: str,
    place: str = "",
    host_key: str | None = None,
    groups: Iterable[str] = (),
    people: Iterable[str | tuple[str, str]] = (),
    offset: timedelta | None = None,
    end_offset: timedelta | None = None,
) -> int:
    """Add an item at local times in `zone`; returns its id. No groups named: everyone attends."""
    event = get_event_model(session, event_code)
    key = (key or "").strip()
    if not key:
        raise ValidationError("key: an item needs a short key (e.g. aichi-visit).")
    if any(i.key == key for i in event.items):
        raise Conflict(f"{event_code} already has an item {key!r}; choose another key or edit that item.")
    if not (title or "").strip():
        raise ValidationError("title: an item needs a title.")
    _check_kind(kind)
    start, end = _instants(start_local, end_local, zone, offset, end_offset)
    item = Item(
        key=key, title=title.strip(), kind=kind, start_utc=start, end_utc=end, zone=zone, place=place.strip(),
        host=_host(session, host_key), groups=[group_by_name(session, event, g) for g in groups],
        assigned=_people(session, people),
    )
    event.items.append(item)
    session.flush()
    return item.id


def update_item(session: Session, event_code: str, key: str, **changes: object) -> ItemChange:
    """Edit an item; the sequence rises once when its title, time, zone, place or status changed."""
    check_editable("an item", changes, EDITABLE)
    event = get_event_model(session, event_code)
    item = get_item_model(session, event, key)
    before = {name: getattr(item, name) for name in SEQUENCED}
    before_other = (item.kind, item.host_id, [g.id for g in item.groups], sorted((a.person_id, a.role) for a in item.assigned), item.url, item.notes)
    _apply(session, event, item, changes)
    session.flush()
    changed = [name for name in SEQUENCED if getattr(item, name) != before[name]]
    after_other = (item.kind, item.host_id, [g.id for g in item.groups], sorted((a.person_id, a.role) for a in item.assigned), item.url, item.notes)
    names = ("kind", "host", "groups", "people", "url", "notes")
    changed += [n for n, old, new in zip(names, before_other, after_other) if old != new]
    session.flush()
    return _change(item, changed)


def _apply(session: Session, event: Event, item: Item, changes: dict[str, object]) -> None:
    if "title" in changes:
        title = str(changes["title"] or "").strip()
        if not title:
            raise ValidationError("title: an item needs a title.")
        item.title = title
    if "kind" in changes:
        _check_kind(str(changes["kind"]))
        item.kind = str(changes["kind"])
    if {"start_local", "end_local", "zone", "offset", "end_offset"} & set(changes):
        zone = str(changes.get("zone", item.zone))
        # A new zone keeps the wall-clock times: the times were meant in that zone.
        start_local = changes.get("start_local") or timeutil.to_local(item.start_utc, item.zone).replace(tzinfo=None)
        end_local = changes.get("end_local") or timeutil.to_local(item.end_utc, item.zone).replace(tzinfo=None)
        offset = changes.get("offset", _kept_offset(item.start_utc, item.zone, zone, "start_local" in changes))
        end_offset = changes.get("end_offset", _kept_offset(item.end_utc, item.zone, zone, "end_local" in changes))
        item.start_utc, item.end_utc = _instants(start_local, end_local, zone, offset, end_offset)  # type: ignore[arg-type]
        item.zone = zone
    if "place" in changes:
        item.place = str(changes["place"] or "").strip()
    if "host_key" in changes:
        item.host = _host(session, changes["host_key"])  # type: ignore[arg-type]
    if "groups" in changes:
        item.groups = [group_by_name(session, event, g) for g in changes["groups"]]  # type: ignore[union-attr]
    if "people" in changes:
        item.assigned.clear()
        session.flush()
        item.assigned.extend(_people(session, changes["people"]))  # type: ignore[arg-type]
    for name in ("url", "notes"):
        if name in changes:
            setattr(item, name, str(changes[name] or ""))


# --- items as the programme file writes them: the window's and the command line's create and edit --------

# Fields that are the calendar's own bookkeeping: kept by an edit, never taken from it.
_KEPT = ("key", "uid", "sequence")


@dataclass(frozen=True)
class ItemEdited:
    """An item before and after an edit, each in the programme file's shape (undo writes `before` back)."""

    before: dict[str, Any]
    after: dict[str, Any]
    change: ItemChange


# The fields the file leaves out when empty, given so that writing them back empties them.
_EMPTY = {"place": "", "host": None, "groups": [], "people": [], "url": "", "notes": "", "status": "scheduled"}


def item_fields(item: Item) -> dict[str, Any]:
    """An item in the programme file's shape with every field given, its people named by e-mail."""
    names = {a.person_id: a.person.email or a.person.key or "" for a in item.assigned}
    entry = item_entry(item, names)
    return {**entry, **{name: value for name, value in _EMPTY.items() if name not in entry}}


@dataclass(frozen=True)
class ItemForm:
    """What the item dialog shows: the event's zone, dates and groups, hosts and people to pick, the item as stored."""

    code: str
    zone: str
    first_day: date
    last_day: date
    groups: tuple[str, ...]
    hosts: tuple[Choice, ...]  # organisation keys
    people: tuple[Choice, ...]  # e-mails
    record: dict[str, Any] | None  # None: a new item


def item_form(session: Session, event_code: str, key: str | None = None) -> ItemForm:
    """The item dialog's data, for a new item (no key) or item `key`."""
    event = get_event_model(session, event_code)
    orgs = session.scalars(select(Organisation).order_by(Organisation.name))
    hosts = tuple(Choice(o.key, f"{o.name}{f' ({o.local_name})' if o.local_name else ''} · {o.key}") for o in orgs)
    record = item_fields(get_item_model(session, event, key)) if key else None
    return ItemForm(event.code, event.zone, event.start_date, event.end_date, tuple(g.name for g in event.groups),
                    hosts, people_choices(session), record)


def item_record(session: Session, event_code: str, key: str) -> dict[str, Any]:
    """Item `key` of the event in the programme file's shape."""
    return item_fields(get_item_model(session, get_event_model(session, event_code), key))


def add_item(session: Session, event_code: str, raw: dict[str, Any]) -> dict[str, Any]:
    """Add an item given as the programme file gives one, checked by the file's rules and kept within the event."""
    event = open_event_model(session, event_code)
    plan = validate_item(session, raw, event.zone, [g.name for g in event.groups])
    if any(i.key == plan.key for i in event.items):
        raise Conflict(f"key: {event_code} already has an item {plan.key!r}; choose another key or edit that item.")
    _within_event(event, plan.values)
    item = Item(key=plan.key, **plan.values)
    if plan.uid:
        item.uid = plan.uid
    event.items.append(item)
    _link(session, event, item, plan.host, plan.groups, plan.people)
    session.flush()
    return item_fields(item)


def edit_item(session: Session, event_code: str, key: str, changes: dict[str, Any]) -> ItemEdited:
    """Change fields of an item (programme file names and formats); the whole item is checked as the file would be.

    A new zone without new times keeps the wall-clock times: they were meant in that zone.
    """
    event = get_event_model(session, event_code)
    item = get_item_model(session, event, key)
    before = item_fields(item)
    raw = {**before, **{k: v for k, v in changes.items() if k not in _KEPT}}
    plan = validate_item(session, raw, event.zone, [g.name for g in event.groups])
    _within_event(event, plan.values)
    old = _state(item)
    for name, value in plan.values.items():
        setattr(item, name, value)
    _link(session, event, item, plan.host, plan.groups, plan.people)
    session.flush()
    new = _state(item)
    changed = tuple(name for name in old if old[name] != new[name])
    return ItemEdited(before, item_fields(item), _change(item, changed))


def _within_event(event: Event, values: dict[str, Any]) -> None:
    """Refuse an item that starts or ends, on its own clock, outside the event's dates."""
    problems = outside_event(event, values)
    if problems:
        raise ValidationError(problems)


def outside_event(event: Event, values: dict[str, Any]) -> list[str]:
    """Where an item (its stored values) starts or ends, on its own clock, outside the event's dates; [] if within.

    This also bounds its length: no item is longer than the event it belongs to.
    """
    first, last = event.start_date, event.end_date
    problems = []
    for name in ("start", "end"):
        local = timeutil.to_local(values[f"{name}_utc"], values["zone"])
        day = local.date()
        if name == "end" and local.time() == time(0) and day == last + timedelta(days=1):
            day = last  # ending at midnight after the last day is still within it
        if not first <= day <= last:
            side = "before the event's first day" if day < first else "after the event's last day"
            problems.append(f"{name}: {day} is {side} ({event.code} runs {_span(first, last)})")
    return problems


def _span(first: date, last: date) -> str:
    return f"{first}" if first == last else f"{first} to {last}"


def _link(session: Session, event: Event, item: Item, host: str | None, groups: list[str],
          people: list[tuple[Any, str]]) -> None:
    """Set an item's host, groups and assigned people from a checked plan (people as stored ids)."""
    item.host = _host(session, host)
    item.groups = [group_by_name(session, event, g) for g in groups]
    if {a.person_id for a in item.assigned} != {p for p, _ in people}:
        item.assigned.clear()
        session.flush()  # the old links go before new ones for the same people are made
    roles = dict(people)
    kept = {a.person_id for a in item.assigned}
    for link in item.assigned:
        link.role = roles[link.person_id]
    item.assigned.extend(ItemPerson(person_id=p, role=r) for p, r in people if p not in kept)


def _state(item: Item) -> dict[str, object]:
    """What an edit may change, by field name, to tell which changed."""
    return {**{name: getattr(item, name) for name in SEQUENCED}, "kind": item.kind, "host": item.host_id,
            "groups": sorted(g.id for g in item.groups), "people": sorted((a.person_id, a.role) for a in item.assigned),
            "url": item.url, "notes": item.notes}


def _kept_offset(instant: datetime, old_zone: str, new_zone: str, replaced: bool) -> timedelta | None:
    """The offset that keeps an unchanged end of an item on the same reading of a fold."""
    if replaced or new_zone != old_zone:
        return None
    local = timeutil.to_local(instant, old_zone)
    return local.utcoffset() if timeutil.is_ambiguous(local.replace(tzinfo=None), old_zone) else None


def move_item(
    session: Session,
    event_code: str,
    key: str,
    *,
    start_local: datetime,
    zone: str | None = None,
    offset: timedelta | None = None,
) -> ItemChange:
    """Move an item to a new local start (optionally in another zone), keeping its true duration."""
    event = get_event_model(session, event_code)
    item = get_item_model(session, event, key)
    zone = zone or item.zone
    duration = item.end_utc - item.start_utc
    try:
        start = timeutil.to_utc(start_local, zone, offset=offset)
    except TimeError as exc:
        raise TimeError(f"start: {exc}") from None
    end_local = timeutil.to_local(start + duration, zone)
    end_offset = end_local.utcoffset() if timeutil.is_ambiguous(end_local.replace(tzinfo=None), zone) else None
    return update_item(
        session, event_code, key, start_local=start_local, end_local=end_local.replace(tzinfo=None), zone=zone,
        offset=offset, end_offset=end_offset,
    )


def cancel_item(session: Session, event_code: str, key: str) -> ItemChange:
    """Mark an item cancelled (its invitations become cancellations); cancelling twice is a Conflict."""
    event = get_event_model(session, event_code)
    item = get_item_model(session, event, key)
    if item.status == "cancelled":
        raise Conflict(f"{key!r} of {event_code} is already cancelled.")
    _cancel(item)
    session.flush()
    return _change(item, ("status",))


def cancel_event(session: Session, event_code: str) -> tuple[ItemChange, ...]:
    """Cancel the whole event and each of its items not yet cancelled; cancelling twice is a Conflict."""
    event = get_event_model(session, event_code)
    if event.status == "cancelled":
        raise Conflict(f"The event {event_code} is already cancelled.")
    scheduled = [item for item in event.items if item.status != "cancelled"]
    for item in scheduled:
        _cancel(item)
    event.status = "cancelled"
    session.flush()
    return tuple(_change(item, ("status",)) for item in scheduled)


def _cancel(item: Item) -> None:
    """Cancelled: the status change raises the SEQUENCE (calendar_fields), so a calendar takes the CANCEL as news."""
    item.status = "cancelled"


@dataclass(frozen=True)
class RemovedItem:
    """Everything of a deleted item, to put it back as it was, under the same calendar UID."""

    key: str
    title: str
    kind: str
    start_utc: datetime
    end_utc: datetime
    zone: str
    place: str
    host_id: int | None
    url: str
    notes: str
    status: str
    uid: str
    sequence: int
    sent_sequence: int | None
    group_ids: tuple[int, ...]
    assigned: tuple[tuple[int, str], ...]  # (person id, role)


_LINKS = ("group_ids", "assigned")  # kept as ids, linked again on restore


def delete_item(session: Session, event_code: str, key: str) -> RemovedItem:
    """Remove an item altogether (cancel it instead if invitations were sent); returns what `restore_item` needs."""
    event = get_event_model(session, event_code)
    item = get_item_model(session, event, key)
    removed = copy_of(item, RemovedItem, group_ids=tuple(g.id for g in item.groups),
                      assigned=tuple((a.person_id, a.role) for a in item.assigned))
    event.items.remove(item)
    session.flush()
    return removed


def restore_item(session: Session, event_code: str, removed: RemovedItem) -> int:
    """Put a deleted item back with its calendar UID and sequence (calendars update it, not add a second); returns its id.

    Groups, people and the host deleted since are left out rather than refusing the undo.
    """
    event = get_event_model(session, event_code)
    if any(i.key == removed.key for i in event.items):
        raise Conflict(f"{event_code} has an item {removed.key!r} again; rename or remove it to put the old one back.")
    item = row_from(Item, removed, leave=_LINKS)
    item.groups = [g for g in event.groups if g.id in removed.group_ids]
    wanted = [person_id for person_id, _ in removed.assigned]
    people = set(session.scalars(select(Person.id).where(Person.id.in_(wanted)))) if wanted else set()
    item.assigned = [ItemPerson(person_id=p, role=role) for p, role in removed.assigned if p in people]
    if item.host_id is not None and session.get(Organisation, item.host_id) is None:
        item.host_id = None
    event.items.append(item)
    session.flush()
    return item.id


@dataclass(frozen=True)
class CalendarItem:
    """An item as a calendar file gives it, under the key it is found again by on the next import."""

    key: str
    title: str
    start: datetime  # aware
    end: datetime  # aware
    zone: str
    place: str
    url: str
    notes: str
    cancelled: bool

    def columns(self) -> dict[str, object]:
        """The item's stored values (cut to the columns' widths), scheduled."""
        return {"title": self.title[:300], "start_utc": self.start.astimezone(timeutil.UTC), "end_utc": self.end.astimezone(timeutil.UTC),
                "zone": self.zone, "place": self.place[:200], "url": self.url[:500], "notes": self.notes, "status": "scheduled"}


# What a calendar shows of an item: a change to one of these is an update, not a repeat.
_SHOWN = ("title", "start_utc", "end_utc", "zone", "place", "status")


def shown(values: Item | dict[str, object]) -> dict[str, object]:
    """What a calendar shows of an item (or of an item's stored values)."""
    if isinstance(values, dict):
        return {name: values[name] for name in _SHOWN}
    return {name: getattr(values, name) for name in _SHOWN}


def check_calendar_items(session: Session, event_code: str, entries: Iterable[CalendarItem]) -> None:
    """Refuse calendar entries that start or end outside the event's dates (the rule of `add_item`), naming each."""
    _refuse_outside(get_event_model(session, event_code), entries)


def _refuse_outside(event: Event, entries: Iterable[CalendarItem]) -> None:
    """Refuse the entries (cancelled ones aside: they move nothing) that `outside_event` finds outside the event."""
    found = [(entry, outside_event(event, entry.columns())) for entry in entries if not entry.cancelled]
    lines = [f"  {entry.title} ({entry.start:%Y-%m-%d %H:%M} {entry.zone}): {problems[0]}"
             for entry, problems in found if problems]
    if lines:
        count = "1 entry of the calendar falls" if len(lines) == 1 else f"{len(lines)} entries of the calendar fall"
        raise ValidationError(
            [f"Nothing was imported: {count} outside the dates of {event.code} "
             f"({_span(event.start_date, event.end_date)}); an item must start and end within them, as in the item "
             "dialog. Import the file into the event it belongs to, or change the event's dates first:"] + lines)


def put_calendar_items(session: Session, event_code: str, entries: Iterable[CalendarItem]) -> None:
    """Create or update the event's items from calendar entries, in order; a cancelled entry cancels its item if there is one.

    Entries outside the event's dates refuse them all (`check_calendar_items`).
    """
    event = get_event_model(session, event_code)
    entries = tuple(entries)
    _refuse_outside(event, entries)
    existing = {item.key: item for item in event.items}
    for entry in entries:
        item = existing.get(entry.key)
        if entry.cancelled:
            if item is not None and item.status != "cancelled":
                _cancel(item)
            continue
        columns = entry.columns()
        if item is None:
            item = Item(key=entry.key, kind="other", title="", start_utc=columns["start_utc"], end_utc=columns["end_utc"], zone=entry.zone)
            event.items.append(item)
            existing[entry.key] = item
        for name, value in columns.items():
            setattr(item, name, value)
    session.flush()
