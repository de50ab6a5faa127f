"""Programme file: write checked plans into the caller's session, a whole `Plan` (`write`) or batch by batch (`Writer`).

Organisations, people, clusters and pairings are merged by key (people also by
e-mail): fields the file leaves out keep their stored values. An event's own
content (groups, items, participants, travel, stays) is taken whole from the
file, matched to what is stored so ids and calendar uids survive a replace.

New rows (the bulk of a season's file) go in as batched bulk inserts, never as
one ORM object per row, so a load's time and memory grow with the file and its
statements with the number of batches; a load hands them over section by
section as it reads the file (`Writer`). Stored rows the file updates, and events
it replaces, go through the ORM: its hooks raise versions and calendar
SEQUENCEs on change (a new row needs neither) and refresh search text.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from itertools import islice
from operator import itemgetter
from typing import Any, TypeVar

from sqlalchemy import Table, insert, select, text
from sqlalchemy.orm import Session, selectinload

from ..errors import Conflict
from ..models import (
    Cluster,
    Event,
    Group,
    Item,
    ItemPerson,
    Organisation,
    Pairing,
    Participation,
    Person,
    Stay,
    TravelLeg,
    item_groups,
    new_uid,
)
from ..people.listing import NAME_KEYS_TRIGGER, fill_name_keys
from ..progress import CancelToken, Progress, no_progress
from ..search_text import SOURCES, with_search_text
from .schema import (
    MISSING,
    ClusterPlan,
    EventPlan,
    ItemPlan,
    OrganisationPlan,
    PairingPlan,
    PersonPlan,
    PersonRef,
    Plan,
)

T = TypeVar("T")

BATCH = 5000  # rows per bulk statement: few statements, bounded memory
_IN_BATCH = 500  # ids per IN (...) list, under every backend's bound-parameter limit


def conflict(codes: Iterable[str]) -> Conflict:
    """The refusal of a load (not asked to replace) whose file has events the database already has."""
    existing = sorted(codes)
    names = ", ".join(existing)
    return Conflict(
        f"The database already has the event{'s' if len(existing) > 1 else ''} {names}. "
        "Nothing was loaded; load with --replace to update in place."
    )


def event_rows(plan: EventPlan) -> int:
    """The rows an event of the file becomes: itself and its items, participants, travel and stays."""
    return 1 + len(plan.items) + len(plan.participants) + len(plan.legs) + len(plan.stays)


def write(session: Session, plan: Plan, *, progress: Progress = no_progress, cancel: CancelToken | None = None) -> None:
    """Apply the plan; events that exist are updated in place (the caller checked `refuse_existing`)."""
    total = len(plan.organisations) + len(plan.people) + sum(event_rows(e) for e in plan.events)
    done = 0

    def step(rows: int, message: str) -> None:
        nonlocal done
        done += rows
        progress(done, total, message)
        if cancel is not None:
            cancel.check()

    writer = Writer(session, step)
    writer.organisations(plan.organisations)
    writer.people(plan.people)
    writer.clusters(plan.clusters)
    writer.pairings(plan.pairings)
    writer.events(plan.events)
    writer.finish()


class Writer:
    """Writes checked plans section by section, in as many calls as the caller likes, keeping the ids they share.

    Sections go in the file's order (organisations, people, clusters, pairings, events): each
    refers to ids of those before it. `step(rows, message)` is told of each batch written.
    """

    def __init__(self, session: Session, step: Callable[[int, str], None]) -> None:
        self.session, self.step = session, step
        self._org_ids: dict[str, int] | None = None
        self._cluster_ids: dict[str, int] | None = None
        self._person_ids: dict[str, int] = {}
        self._people_inserted = False
        self._stored_events: dict[str, int] | None = None
        self._indexes = _SearchIndexes(session)

    def finish(self) -> None:
        """Complete what the batches left open (the search indexes); call once after the last section."""
        self._indexes.finish()

    def insert(self, target: Any, rows: Iterable[dict[str, Any]], message: str = "") -> None:
        """Bulk-insert the rows in batches; with a `message`, each batch is a step (which may cancel).

        Every row is given every column (the model's defaults filling what it lacks) and goes to the
        table's own INSERT, so a batch is one executemany: the ORM's bulk path would split it wherever
        rows leave different columns NULL.
        """
        table = target if isinstance(target, Table) else target.__table__
        blank = _blank(table)
        statement = _Insert(self.session, table)
        for batch in _batches(rows):
            batch = [{**blank, **row} for row in batch]
            if target in SOURCES:
                batch = with_search_text(target, batch)
            self._indexes.adding(table.name, len(batch))
            statement.run(batch)
            if message:
                self.step(len(batch), message)

    @property
    def org_ids(self) -> dict[str, int]:
        """Every organisation's id by key."""
        if self._org_ids is None:
            self._org_ids = dict(self.session.execute(select(Organisation.key, Organisation.id)).all())  # type: ignore[arg-type]
        return self._org_ids

    @property
    def cluster_ids(self) -> dict[str, int]:
        """Every cluster's id by key."""
        if self._cluster_ids is None:
            self._cluster_ids = dict(self.session.execute(select(Cluster.key, Cluster.id)).all())  # type: ignore[arg-type]
        return self._cluster_ids

    def person(self, ref: PersonRef) -> int:
        """The id of a person the file names (by its key) or the database holds (by id)."""
        if isinstance(ref, int):
            return ref
        if self._people_inserted:
            self._person_ids.update(self.session.execute(  # type: ignore[arg-type]
                select(Person.key, Person.id).where(Person.key.is_not(None))).all())
            self._people_inserted = False
        return self._person_ids[ref]  # validation resolved every reference

    def stored_event(self, code: str) -> int | None:
        """The id of the event `code` as the database held it before this load wrote any event."""
        if self._stored_events is None:
            self._stored_events = dict(self.session.execute(select(Event.code, Event.id)).all())  # type: ignore[arg-type]
        return self._stored_events.get(code)

    def organisations(self, plans: list[OrganisationPlan]) -> None:
        """Update stored organisations, insert new ones."""
        session = self.session
        stored = _ids_by(session, Organisation.key, Organisation.id, [o.key for o in plans])
        updates = {stored[o.key]: o for o in plans if o.key in stored}
        for chunk in _batches(updates, _IN_BATCH):
            for org in session.scalars(select(Organisation).where(Organisation.id.in_(chunk))):
                _apply(org, updates[org.id].values)
        session.flush()
        new = ({"key": o.key, "local_name": "", "place": "", "notes": "", **o.values}
               for o in plans if o.key not in stored)
        self.insert(Organisation, new, "Writing organisations")
        self.step(len(updates), "Writing organisations")
        self._org_ids = None

    def people(self, plans: list[PersonPlan]) -> None:
        """Update stored people (key and given fields), insert new ones."""
        session = self.session

        def organisation(entry: Any) -> dict[str, Any]:
            if entry.organisation is MISSING:
                return {}
            return {"organisation_id": self.org_ids[entry.organisation] if entry.organisation else None}

        updates = {p.db_id: p for p in plans if p.db_id is not None}
        for chunk in _batches(updates, _IN_BATCH):
            for person in session.scalars(select(Person).where(Person.id.in_(chunk))):
                entry = updates[person.id]
                _set(person, "key", entry.key)
                _apply(person, {**entry.values, **organisation(entry)})
            session.flush()
            self.step(len(chunk), "Writing people")
        self._person_ids.update({p.key: p.db_id for p in updates.values()})  # type: ignore[misc]
        new = [{"key": p.key, **p.values, **organisation(p)} for p in plans if p.db_id is None]
        self.insert(Person, new, "Writing people")
        self._people_inserted = self._people_inserted or bool(new)

    def clusters(self, plans: list[ClusterPlan]) -> None:
        """Update stored clusters, add new ones, with their members."""
        session = self.session
        keys = [c.key for c in plans]
        clusters = {c.key: c for c in session.scalars(select(Cluster).where(Cluster.key.in_(keys)))} if keys else {}
        member_ids = {self.org_ids[k] for c in plans for k in (c.members or [])}
        members = {o.key: o for chunk in _batches(member_ids, _IN_BATCH)
                   for o in session.scalars(select(Organisation).where(Organisation.id.in_(chunk)))}
        for entry in plans:
            cluster = clusters.get(entry.key)
            if cluster is None:
                cluster = clusters[entry.key] = Cluster(key=entry.key, theme="", description="")
                session.add(cluster)
            _apply(cluster, entry.values)
            if entry.members is not None:
                _set(cluster, "members", [members[k] for k in entry.members])
        session.flush()
        self._cluster_ids = None

    def pairings(self, plans: list[PairingPlan]) -> None:
        """Update stored pairings, add new ones."""
        session = self.session
        keys = [p.key for p in plans]
        pairings = {p.key: p for p in session.scalars(select(Pairing).where(Pairing.key.in_(keys)))} if keys else {}
        for entry in plans:
            pairing = pairings.get(entry.key)
            if pairing is None:
                pairing = Pairing(key=entry.key, theme="", status="active", fund_application="", notes="")
                session.add(pairing)
            _apply(pairing, entry.values)
            _set(pairing, "eu_organisation_id", self.org_ids[entry.eu])
            _set(pairing, "partner_organisation_id", self.org_ids[entry.partner])
        session.flush()

    def events(self, plans: list[EventPlan]) -> None:
        """Replace the stored events in place (the caller decided it may), insert the new ones."""
        session, new = self.session, []
        with session.no_autoflush:  # new rows are half-linked while an event is rebuilt
            for plan in plans:
                stored = self.stored_event(plan.code)
                if stored is None:
                    new.append(plan)
                    continue
                _replace_event(session, _stored_event(session, stored), plan, self)
                session.flush()
                self.step(event_rows(plan), f"Replaced {plan.code}")
        _insert_events(session, new, self)


class _Insert:
    """One table's INSERT of many rows; on SQLite handed to the driver's executemany as tuples.

    SQLAlchemy turns each row's dict into the driver's parameters one by one, a third of the time
    a season's rows take to write; on SQLite the same conversions (each column type's bind
    processor: a few date-times and booleans) are applied here to the columns that have one.
    """

    def __init__(self, session: Session, table: Table) -> None:
        self.session, self.table = session, table
        self.dialect = session.get_bind().dialect
        self.direct = self.dialect.paramstyle == "qmark"

    def run(self, rows: list[dict[str, Any]]) -> None:
        """Insert the rows, which all have the first one's columns."""
        if not self.direct:
            self.session.execute(insert(self.table), rows)
            return
        columns = list(rows[0])
        quote = self.dialect.identifier_preparer.quote
        sql = (f"INSERT INTO {quote(self.table.name)} ({', '.join(quote(self.table.columns[c].name) for c in columns)})"
               f" VALUES ({', '.join('?' * len(columns))})")
        processors = [self.table.columns[c].type.bind_processor(self.dialect) for c in columns]
        convert = [(i, process) for i, process in enumerate(processors) if process is not None]
        values = [tuple(row[c] for c in columns) for row in rows] if len(columns) == 1 else list(map(itemgetter(*columns), rows))
        if convert:
            values = [_converted(row, convert) for row in values]
        self.session.connection().exec_driver_sql(sql, values)


def _converted(values: tuple[Any, ...], convert: list[tuple[int, Any]]) -> tuple[Any, ...]:
    """The values with each converting column's processor applied."""
    out = list(values)
    for i, process in convert:
        out[i] = process(out[i])
    return tuple(out)


class _SearchIndexes:
    """SQLite's trigram tables of a load's new rows: kept by their insert triggers, or rebuilt once after a bulk.

    Each searchable table has an FTS5 table `<table>_search` that a trigger fills row by row
    (search_index.py); for a season's people that is most of the time their insert takes, and FTS5
    builds a whole table's index several times faster. So once a load has inserted more rows into a
    table than a fifth of what it held (and a batch at least), the trigger is dropped for the rest of
    the load and put back at its end, after the index is rebuilt. All of it is in the load's
    transaction, which holds the write lock: a refused load leaves trigger and index as they were,
    and no other writer inserts meanwhile. People's name keys (migration 0018) go the same way: their
    trigger is dropped with the people's and the keys filled once at the end.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.active = session.get_bind().dialect.name == "sqlite"
        self.triggers: dict[str, str | None] = {}  # table: its insert trigger's SQL (None: no index)
        self.budget: dict[str, int] = {}  # table: rows still inserted through the trigger
        self.dropped: list[str] = []
        self.name_keys: str | None = None  # the name keys' insert trigger's SQL, while it is dropped

    def adding(self, table: str, rows: int) -> None:
        """`rows` new rows are about to go into `table`."""
        if not self.active or table in self.dropped:
            return
        if table not in self.triggers:
            self.triggers[table] = self._trigger(f"{table}_search_insert")
            if self.triggers[table] is not None:
                held = self.session.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()
                self.budget[table] = max(BATCH, held // 5)
        if self.triggers[table] is None:
            return
        self.budget[table] -= rows
        if self.budget[table] < 0:
            self.session.connection().exec_driver_sql(f'DROP TRIGGER "{table}_search_insert"')
            self.dropped.append(table)
            if table == "people":
                self.name_keys = self._trigger(NAME_KEYS_TRIGGER)
                if self.name_keys is not None:
                    self.session.connection().exec_driver_sql(f'DROP TRIGGER "{NAME_KEYS_TRIGGER}"')

    def finish(self) -> None:
        """Rebuild the indexes whose triggers were dropped, and put the triggers back."""
        for table in self.dropped:
            connection = self.session.connection()
            connection.exec_driver_sql(f"INSERT INTO \"{table}_search\"(\"{table}_search\") VALUES ('rebuild')")
            connection.exec_driver_sql(self.triggers[table])  # type: ignore[arg-type]
        self.dropped = []
        if self.name_keys is not None:
            fill_name_keys(self.session)
            self.session.connection().exec_driver_sql(self.name_keys)
            self.name_keys = None

    def _trigger(self, name: str) -> str | None:
        """The SQL of the trigger `name`, or None when there is none."""
        return self.session.execute(
            text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :name"), {"name": name}).scalar()


# --- helpers --------------------------------------------------------------------------------------

def _batches(rows: Iterable[T], size: int = BATCH) -> Iterator[list[T]]:
    it = iter(rows)
    while batch := list(islice(it, size)):
        yield batch


def _ids_by(session: Session, key: Any, id_column: Any, wanted: Iterable[Hashable]) -> dict[Any, int]:
    """Stored ids by `key` for the wanted keys, asked in bounded IN lists."""
    out: dict[Any, int] = {}
    for chunk in _batches(sorted(set(wanted)), _IN_BATCH):  # type: ignore[type-var]
        out.update(session.execute(select(key, id_column).where(key.in_(chunk))).all())
    return out


def _blank(table: Table) -> dict[str, Any]:
    """Each column a new row gets when the file leaves it out (the model's scalar defaults, else NULL)."""
    blank = {}
    for column in table.columns:
        if not column.primary_key:
            default = column.default
            blank[column.key] = default.arg if default is not None and default.is_scalar else None
    return blank


def _apply(obj: Any, values: dict[str, Any]) -> None:
    for name, value in values.items():
        _set(obj, name, value)


def _set(obj: Any, name: str, value: Any) -> None:
    """Set an attribute (or a collection) only when it differs, so an unchanged row stays out of the flush."""
    if getattr(obj, name) != value:
        setattr(obj, name, value)


# --- new events: bulk inserts ---------------------------------------------------------------------

def _insert_events(session: Session, plans: list[EventPlan], writer: Writer) -> None:
    """Insert new events with their groups, items, participants, travel and stays, table by table."""
    if not plans:
        return
    org_ids, cluster_ids, person, put = writer.org_ids, writer.cluster_ids, writer.person, writer.insert
    put(Event, ({
        "code": p.code, "uid": p.uid or new_uid(), "sequence": p.sequence or 0, **p.values,
        "cluster_id": cluster_ids[p.cluster] if p.cluster else None,
        "host_id": org_ids[p.host] if p.host else None,
    } for p in plans), "Writing events")
    event_ids = _ids_by(session, Event.code, Event.id, [p.code for p in plans])
    events = [(event_ids[p.code], p) for p in plans]

    put(Group, ({"event_id": eid, "name": name} for eid, p in events for name in p.groups))
    groups = _by_event(session, Group.name, Group.id, Group.event_id, event_ids.values())

    put(Item, ({
        "event_id": eid, "key": i.key, "uid": i.uid or new_uid(), "sequence": i.sequence or 0, **i.values,
        "host_id": org_ids[i.host] if i.host else None,
    } for eid, p in events for i in p.items), "Writing items")
    items = _by_event(session, Item.key, Item.id, Item.event_id, event_ids.values())
    put(item_groups, ({"item_id": items[eid, i.key], "group_id": groups[eid, name]}
                                   for eid, p in events for i in p.items for name in i.groups))
    put(ItemPerson, ({"item_id": items[eid, i.key], "person_id": person(ref), "role": role}
                                  for eid, p in events for i in p.items for ref, role in i.people))

    put(Participation, ({
        "event_id": eid, "person_id": person(e.person), **e.values,
        "group_id": groups[eid, e.group] if e.group else None,
    } for eid, p in events for e in p.participants), "Writing participants")
    put(TravelLeg, ({
        "event_id": eid, "person_id": person(e.person), "uid": e.uid or new_uid(), "sequence": e.sequence or 0,
        **e.values,
    } for eid, p in events for e in p.legs), "Writing travel")
    put(Stay, ({
        "event_id": eid, "person_id": person(e.person), "uid": e.uid or new_uid(), "sequence": e.sequence or 0,
        **e.values, "shares_with_id": person(e.shares_with) if e.shares_with is not None else None,
    } for eid, p in events for e in p.stays), "Writing stays")


def _by_event(session: Session, key: Any, id_column: Any, event_column: Any,
              event_ids: Iterable[int]) -> dict[tuple[int, Any], int]:
    """Ids of the new events' rows by (event id, name or key)."""
    out: dict[tuple[int, Any], int] = {}
    for chunk in _batches(event_ids, _IN_BATCH):
        rows = session.execute(select(event_column, key, id_column).where(event_column.in_(chunk)))
        out.update(((event_id, name), row_id) for event_id, name, row_id in rows)
    return out


# --- stored events: replaced in place through the ORM ---------------------------------------------

def _stored_event(session: Session, event_id: int) -> Event:
    """The event with everything a replace matches against, loaded in a few statements whatever its size."""
    items = selectinload(Event.items)
    return session.scalars(select(Event).where(Event.id == event_id).options(
        selectinload(Event.groups), items.selectinload(Item.assigned), items.selectinload(Item.groups),
        selectinload(Event.participations), selectinload(Event.travel_legs), selectinload(Event.stays),
    )).one()


def _take_sequence(obj: Any, given: int | None) -> None:
    """A higher sequence the file carries wins; otherwise the calendar-fields hook raises it when a shown field changes."""
    if given is not None and given > (obj.sequence or 0):
        obj.sequence = given


def _replace_event(session: Session, event: Event, plan: EventPlan, writer: Writer) -> None:
    """Update a stored event to the file's, matching its stored rows so their ids and uids survive."""
    org_ids, cluster_ids, person = writer.org_ids, writer.cluster_ids, writer.person
    _take_sequence(event, plan.sequence)
    _apply(event, plan.values)
    _set(event, "cluster", session.get_one(Cluster, cluster_ids[plan.cluster]) if plan.cluster else None)
    _set(event, "host", session.get_one(Organisation, org_ids[plan.host]) if plan.host else None)

    stored_groups = {g.name: g for g in event.groups}
    groups = {name: stored_groups.get(name) or Group(name=name) for name in plan.groups}
    _set(event, "groups", list(groups.values()))

    stored_items = {i.key: i for i in event.items}
    _set(event, "items", [_write_item(session, stored_items.get(entry.key), entry, org_ids, groups, person)
                           for entry in plan.items])

    stored_parts = {p.person_id: p for p in event.participations if p.person_id is not None}
    parts = []
    for entry in plan.participants:
        who = person(entry.person)
        part = stored_parts.pop(who, None) or Participation(person_id=who)
        _apply(part, entry.values)
        _set(part, "group", groups[entry.group] if entry.group else None)
        parts.append(part)
    _set(event, "participations", parts)

    legs = _Matcher(event.travel_legs, lambda leg: (leg.person_id, leg.kind, leg.number, leg.from_place, leg.to_place))
    new_legs = []
    for entry in plan.legs:
        who = person(entry.person)
        values = dict(entry.values)
        leg = legs.take(entry.uid, (who, values["kind"], values["number"], values["from_place"], values["to_place"]))
        new_legs.append(_versioned(leg, TravelLeg, values, entry.uid, entry.sequence, person_id=who))
    _set(event, "travel_legs", new_legs)

    stays = _Matcher(event.stays, lambda stay: (stay.person_id, stay.hotel))
    new_stays = []
    for entry in plan.stays:
        who = person(entry.person)
        values = dict(entry.values, shares_with_id=person(entry.shares_with) if entry.shares_with is not None else None)
        stay = stays.take(entry.uid, (who, values["hotel"]))
        new_stays.append(_versioned(stay, Stay, values, entry.uid, entry.sequence, person_id=who))
    _set(event, "stays", new_stays)


def _versioned(obj: Any, model: type[T], values: dict[str, Any], uid: str | None,
               sequence: int | None, **extra: Any) -> T:
    """Update a matched row (keeping its uid, raising its sequence on change) or make a new one."""
    if obj is None:
        obj = model(uid=uid or new_uid(), sequence=sequence or 0)
    else:
        _take_sequence(obj, sequence)
    _apply(obj, values)
    _apply(obj, extra)
    return obj


class _Matcher:
    """Pairs stored rows with file entries: by uid first, then by a natural key, each row once."""

    def __init__(self, rows: Iterable[Any], natural: Callable[[Any], Hashable]) -> None:
        self.by_uid = {r.uid: r for r in rows}
        self.by_natural: dict[Hashable, list[Any]] = {}
        for row in self.by_uid.values():
            self.by_natural.setdefault(natural(row), []).append(row)
        self.used: set[int] = set()

    def take(self, uid: str | None, natural: Hashable) -> Any:
        row = self.by_uid.get(uid) if uid else None
        if row is None or id(row) in self.used:
            row = next((r for r in self.by_natural.get(natural, []) if id(r) not in self.used), None)
        if row is not None:
            self.used.add(id(row))
        return row


def _write_item(session: Session, stored: Item | None, entry: ItemPlan, org_ids: dict[str, int],
                groups: dict[str, Group], person: Callable[[PersonRef], int]) -> Item:
    item = _versioned(stored, Item, entry.values, entry.uid, entry.sequence, key=entry.key)
    _set(item, "host", session.get_one(Organisation, org_ids[entry.host]) if entry.host else None)
    _set(item, "groups", [groups[name] for name in entry.groups])
    assigned = {a.person_id: a for a in item.assigned}
    new_assigned = []
    for ref, role in entry.people:
        who = person(ref)
        link = assigned.pop(who, None) or ItemPerson(person_id=who)
        _set(link, "role", role)
        new_assigned.append(link)
    _set(item, "assigned", new_assigned)
    return item
