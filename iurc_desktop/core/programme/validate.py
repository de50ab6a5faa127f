"""Programme file: check a file against the format and the database, whole into a `Plan` or record by record.

Nothing is written here: every problem in the file is collected with the path of
the bad value, and `ValidationError` lists them all; only a clean file gives a Plan.
`Checker` checks a file's sections one record at a time, as a load reads them.
References may name things in the file or already in the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import text_gate, timeutil, vocab
from ..errors import TimeError, ValidationError
from ..models import Cluster, Organisation, Person
from .schema import (
    FORMAT,
    MISSING,
    ClusterPlan,
    EventPlan,
    Fields,
    ItemPlan,
    LegPlan,
    OrganisationPlan,
    PairingPlan,
    ParticipantPlan,
    PersonPlan,
    PersonRef,
    Plan,
    StayPlan,
    derive_person_key,
)

TOP_FIELDS = ("format", "organisations", "people", "clusters", "pairings", "events")
ORG_FIELDS = ("key", "name", "local_name", "kind", "sector", "country", "zone", "place", "notes")
PERSON_FIELDS = (
    "key", "given_name", "family_name", "name_order", "local_name", "email", "phone", "organisation",
    "job_title", "gender", "nationality", "passport_expiry", "passport_number", "dietary", "accessibility", "notes",
    "preferred_language",
)
VISA_DAYS_MAX = 365  # an event's own visa processing time, in days
CLUSTER_FIELDS = ("key", "name", "theme", "description", "members")
PAIRING_FIELDS = ("key", "eu", "partner", "theme", "status", "fund_application", "notes")
EVENT_FIELDS = (
    "code", "kind", "title", "theme", "zone", "start", "end", "capacity", "organiser", "status", "cluster", "host",
    "visa_days", "url", "description", "uid", "sequence", "groups", "items", "participants", "travel", "stays", "zones",
)
ITEM_FIELDS = (
    "key", "title", "kind", "start", "end", "zone", "place", "host", "groups", "people", "url", "notes",
    "status", "uid", "sequence",
)
ITEM_PERSON_FIELDS = ("person", "role")
PARTICIPANT_FIELDS = ("person", "role", "status", "group", "waitlist_position", "visa_needed", "visa_status", "notes")
LEG_FIELDS = (
    "person", "kind", "carrier", "number", "booking_ref", "from", "from_zone", "depart", "to", "to_zone",
    "arrive", "uid", "sequence",
)
STAY_FIELDS = ("person", "hotel", "hotel_local", "address_local", "zone", "check_in", "check_out", "room", "shares_with", "uid", "sequence")
T = TypeVar("T")


@dataclass
class Context:
    """What the file may refer to: its own entries and what the database already holds."""

    session: Session
    problems: list[str]
    org_keys: set[str] = field(default_factory=set)
    cluster_keys: set[str] = field(default_factory=set)
    db_person_by_key: dict[str, int] = field(default_factory=dict)
    db_person_by_email: dict[str, tuple[int, str | None]] = field(default_factory=dict)
    file_person_keys: set[str] = field(default_factory=set)
    file_person_by_email: dict[str, str] = field(default_factory=dict)
    file_key_of_db_id: dict[int, str] = field(default_factory=dict)
    where: str = "the file or the database"  # what a reference may name: one record checked names stored ones

    def fail(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def person(self, value: Any, path: str) -> PersonRef | None:
        """Resolve a person key or e-mail to a file key or, failing that, a stored person's id."""
        if not isinstance(value, str) or not value.strip():
            self.fail(path, f"{value!r} is not a person key or e-mail")
            return None
        ref = value.strip()
        if ref in self.file_person_keys:
            return ref
        if ref.lower() in self.file_person_by_email:
            return self.file_person_by_email[ref.lower()]
        db_id = self.db_person_by_key.get(ref)
        if db_id is None and ref.lower() in self.db_person_by_email:
            db_id = self.db_person_by_email[ref.lower()][0]
        if db_id is not None:
            return self.file_key_of_db_id.get(db_id, db_id)
        how = "e-mail" if "@" in ref else "key"
        self.fail(path, f"unknown person {ref!r} (no person in {self.where} has this {how})")
        return None

    def organisation(self, value: Any, path: str) -> str | None:
        if not isinstance(value, str) or not value.strip():
            self.fail(path, f"{value!r} is not an organisation key")
            return None
        if value not in self.org_keys:
            self.fail(path, f"unknown organisation {value!r}")
            return None
        return value


def validate(session: Session, data: Any) -> Plan:
    """Check everything in `data`; return the plan or raise ValidationError listing every problem."""
    problems: list[str] = []
    top = Fields(data, "", problems, TOP_FIELDS)
    fmt = top.get("format", required=True)
    if fmt is not MISSING and fmt != FORMAT:
        top.fail("format", f"{fmt!r} is not a programme file format this version reads (expected {FORMAT!r})")
    checker = Checker(session, problems)
    plan = Plan()
    plan.organisations = list(checker.organisations(top.items("organisations")))
    plan.people = list(checker.people(top.items("people")))
    plan.clusters = list(checker.clusters(top.items("clusters")))
    plan.pairings = list(checker.pairings(top.items("pairings")))
    plan.events = list(checker.events(top.items("events")))
    if problems:
        raise ValidationError(problems)
    return plan


class Checker:
    """Checks a file's sections one record at a time, yielding each record's plan; `problems` collects the rest.

    A section's records may refer to the sections checked before it (people to organisations,
    events to people and clusters) and to what the database holds.
    """

    def __init__(self, session: Session, problems: list[str]) -> None:
        self.problems = problems
        self.ctx = _context(session, problems)
        self._codes: dict[str, str] = {}

    def organisations(self, raws: Iterable[Any]) -> Iterator[OrganisationPlan]:
        for plan in _keyed(raws, self.ctx, "organisations", "organisation", _organisation):
            self.ctx.org_keys.add(plan.key)
            yield plan

    def people(self, raws: Iterable[Any]) -> Iterator[PersonPlan]:
        """Each person matched to the stored one it updates; those without a key last, once every key is known."""
        ctx, keys, emails, keyless = self.ctx, {}, {}, []
        for i, raw in enumerate(raws):
            plan = _person(raw, f"people[{i}]", ctx)
            if plan is None:
                continue
            if plan.key and not _unique(keys, plan.key, f"{plan.path}.key", ctx, "person key"):
                continue
            if plan.email and not _unique(emails, plan.email.lower(), f"{plan.path}.email", ctx, "e-mail"):
                continue
            if not plan.key:
                keyless.append(plan)  # its key is derived from its e-mail, clear of every key the file gives
            elif _match_person(plan, ctx, set()):
                yield plan
        taken = set(keys) | set(ctx.db_person_by_key)
        yield from (plan for plan in keyless if _match_person(plan, ctx, taken))

    def clusters(self, raws: Iterable[Any]) -> Iterator[ClusterPlan]:
        for plan in _keyed(raws, self.ctx, "clusters", "cluster", _cluster):
            self.ctx.cluster_keys.add(plan.key)
            yield plan

    def pairings(self, raws: Iterable[Any]) -> Iterator[PairingPlan]:
        return _keyed(raws, self.ctx, "pairings", "pairing", _pairing)

    def events(self, raws: Iterable[Any]) -> Iterator[EventPlan]:
        for i, raw in enumerate(raws):
            event = _event(raw, f"events[{i}]", self.ctx)
            if event is not None:
                _unique(self._codes, event.code, f"events[{i}].code", self.ctx, "event code")
                yield event


def _context(session: Session, problems: list[str]) -> Context:
    ctx = Context(session, problems)
    ctx.org_keys = set(session.scalars(select(Organisation.key)))
    ctx.cluster_keys = set(session.scalars(select(Cluster.key)))
    for pid, key, email in session.execute(select(Person.id, Person.key, Person.email)):
        if key:
            ctx.db_person_by_key[key] = pid
        if email:
            ctx.db_person_by_email[email.lower()] = (pid, key)
    return ctx


def _unique(seen: dict[str, str], value: str, path: str, ctx: Context, what: str) -> bool:
    if value in seen:
        ctx.fail(path, f"duplicate {what} {value!r} (also at {seen[value]})")
        return False
    seen[value] = path
    return True


def _given(f: Fields, values: dict[str, Any], name: str, column: str | None = None, **kw: Any) -> None:
    """Copy an optional text field only when the file gives it (absent fields keep stored values)."""
    if f.has(name):
        value = f.text(name, **kw)
        if value is not None:
            values[column or name] = value


def _keyed(raws: Iterable[Any], ctx: Context, section: str, what: str,
           check: Callable[[Any, str, Context], T | None]) -> Iterator[T]:
    """Check each entry of a top-level section whose entries are named by a unique `key`."""
    seen: dict[str, str] = {}
    for i, raw in enumerate(raws):
        plan = check(raw, f"{section}[{i}]", ctx)
        if plan and _unique(seen, plan.key, f"{section}[{i}].key", ctx, f"{what} key"):  # type: ignore[attr-defined]
            yield plan


def _organisation(raw: Any, path: str, ctx: Context) -> OrganisationPlan | None:
    f = Fields(raw, path, ctx.problems, ORG_FIELDS)
    key = f.key("key")
    values: dict[str, Any] = {
        "name": f.text("name", required=True),
        "kind": f.choice("kind", vocab.ORGANISATION_KINDS, "", required=True),
        "sector": f.choice("sector", vocab.SECTORS, "", required=True),
        "country": f.country("country", required=True),
        "zone": f.zone("zone", required=True),
    }
    _given(f, values, "local_name")
    _given(f, values, "place", max_len=120)
    _given(f, values, "notes", max_len=100_000)
    return OrganisationPlan(key, values) if key else None


def validate_organisation(session: Session, raw: Any, also: Sequence[str] = ()) -> OrganisationPlan:
    """One organisation in the programme file's shape, by the file's rules; problems read `field: message`."""
    return _one(session, lambda ctx: _organisation(raw, "", ctx), also)


def _one(session: Session, check: Callable[[Context], T | None], also: Sequence[str] = (), *,
         required: str = "key") -> T:
    """Check one record at path "" with the database as context; its plan, or ValidationError listing every problem.

    `also` are problems the caller found (a key another record has), reported with the file's; `required` names
    the field whose absence leaves nothing to check.
    """
    problems: list[str] = []
    ctx = _context(session, problems)
    ctx.where = "the database"
    plan = check(ctx)
    problems += also
    if problems or plan is None:
        raise ValidationError(problems or [f"{required}: missing (required)"])
    return plan


def _person(raw: Any, path: str, ctx: Context) -> PersonPlan | None:
    f = Fields(raw, path, ctx.problems, PERSON_FIELDS)
    key = f.key("key", required=False)
    email = f.email("email") or None
    if not f.has("key") and not f.has("email"):
        f.fail("", "a person needs a key or an e-mail")
    names = {n: f.text(n, max_len=120) for n in ("given_name", "family_name")}
    if not any(names.values()) and None not in names.values() and not f.has("local_name"):
        f.fail("given_name", "a person needs a given or family name")  # (a name refused is told as such)
    values: dict[str, Any] = {n: v for n, v in names.items() if f.has(n) and v is not None}
    for name in ("local_name", "job_title", "dietary", "accessibility"):
        _given(f, values, name)
    _given(f, values, "phone", max_len=40)
    _given(f, values, "passport_number", max_len=40)
    _given(f, values, "notes", max_len=100_000)
    if f.has("name_order"):
        values["name_order"] = f.choice("name_order", vocab.NAME_ORDERS, "given_first")
    if f.has("gender"):
        values["gender"] = f.choice("gender", vocab.GENDERS, "")
    if f.has("nationality"):
        values["nationality"] = f.country("nationality") or ""
    if f.has("passport_expiry"):
        values["passport_expiry"] = f.calendar_date("passport_expiry")
    if f.has("preferred_language"):
        values["preferred_language"] = f.language("preferred_language")
    if email:
        values["email"] = email
    org: Any = MISSING
    if f.has("organisation"):
        raw_org = f.get("organisation")
        org = None if raw_org in (None, "") else ctx.organisation(raw_org, f.at("organisation"))
    if not key and not email:
        return None
    return PersonPlan(key or "", email, values, org, path=path)


def validate_person(session: Session, raw: Any, also: Sequence[str] = ()) -> PersonPlan:
    """One person in the programme file's shape, by the file's rules (not matched to stored people)."""
    return _one(session, lambda ctx: _person(raw, "", ctx), also)


def _match_person(plan: PersonPlan, ctx: Context, taken: set[str]) -> bool:
    """Find the stored person the entry updates (key first, then e-mail) and give it a key not in `taken`."""
    by_key = ctx.db_person_by_key.get(plan.key) if plan.key else None
    by_email = ctx.db_person_by_email.get(plan.email.lower()) if plan.email else None
    if by_key is not None and by_email is not None and by_email[0] != by_key:
        other = by_email[1] or f"#{by_email[0]}"
        ctx.fail(f"{plan.path}.email", f"{plan.email} is already the e-mail of another person ({other})")
        return False
    plan.db_id = by_key if by_key is not None else (by_email[0] if by_email else None)
    if not plan.key:
        plan.key = (by_email[1] if by_email and by_email[1] else None) or derive_person_key(plan.email or "", taken)
        taken.add(plan.key)
    ctx.file_person_keys.add(plan.key)
    if plan.email:
        ctx.file_person_by_email[plan.email.lower()] = plan.key
    if plan.db_id is not None:
        ctx.file_key_of_db_id[plan.db_id] = plan.key
    return True


def _cluster(raw: Any, path: str, ctx: Context) -> ClusterPlan | None:
    f = Fields(raw, path, ctx.problems, CLUSTER_FIELDS)
    key = f.key("key")
    values: dict[str, Any] = {"name": f.text("name", required=True)}
    _given(f, values, "theme", max_len=120)
    _given(f, values, "description", max_len=100_000)
    members = None
    if f.has("members"):
        members = []
        for j, ref in enumerate(f.items("members")):
            org = ctx.organisation(ref, f.at(f"members[{j}]"))
            if org and org not in members:
                members.append(org)
    return ClusterPlan(key, values, members) if key else None


def validate_cluster(session: Session, raw: Any, also: Sequence[str] = ()) -> ClusterPlan:
    """One cluster in the programme file's shape, by the file's rules; problems read `field: message`."""
    return _one(session, lambda ctx: _cluster(raw, "", ctx), also)


def _pairing(raw: Any, path: str, ctx: Context) -> PairingPlan | None:
    f = Fields(raw, path, ctx.problems, PAIRING_FIELDS)
    key = f.key("key")
    eu, partner = _organisation_ref(f, "eu", ctx), _organisation_ref(f, "partner", ctx)
    if eu and eu == partner:
        f.fail("partner", "a pairing needs two different organisations")
    values: dict[str, Any] = {}
    _given(f, values, "theme", max_len=120)
    _given(f, values, "status", max_len=30)
    _given(f, values, "fund_application", max_len=30)
    _given(f, values, "notes", max_len=100_000)
    return PairingPlan(key, values, eu, partner) if key and eu and partner else None


def _organisation_ref(f: Fields, name: str, ctx: Context) -> str | None:
    """A required reference to an organisation of the file or the database."""
    value = f.get(name, required=True)
    return None if value is MISSING else ctx.organisation(value, f.at(name))


def validate_pairing(session: Session, raw: Any, also: Sequence[str] = ()) -> PairingPlan:
    """One pairing in the programme file's shape, by the file's rules; problems read `field: message`."""
    return _one(session, lambda ctx: _pairing(raw, "", ctx), also)


def validate_event(session: Session, raw: Any) -> EventPlan:
    """One event record (its own fields, groups included) as the file checks it; problems read `field: message`."""
    return _one(session, lambda ctx: _event(raw, "", ctx), required="code")


def _event(raw: Any, path: str, ctx: Context) -> EventPlan | None:
    f = Fields(raw, path, ctx.problems, EVENT_FIELDS)
    code = f.key("code")
    zone = f.zone("zone", required=True)
    start, end = f.calendar_date("start", required=True), f.calendar_date("end", required=True)
    if start and end and end < start:
        f.fail("end", f"{end} is before the start {start}")
    given = f.get("organiser")
    organiser = Fields({} if given in (MISSING, None) else given, f.at("organiser"), ctx.problems, ("name", "email"))
    values: dict[str, Any] = {
        "kind": f.choice("kind", vocab.EVENT_KINDS, "", required=True),
        "title": f.text("title", required=True, max_len=300),
        "theme": f.text("theme", max_len=120),
        "zone": zone,
        "start_date": start,
        "end_date": end,
        "capacity": f.integer("capacity"),
        "visa_days": f.integer("visa_days", minimum=1),
        "organiser_name": organiser.text("name"),
        "organiser_email": organiser.email("email"),
        "status": f.choice("status", vocab.EVENT_STATUSES, "planned"),
        "url": f.text("url", max_len=500),
        "description": f.text("description", max_len=100_000),
        "zones": " ".join(_zones(f, ctx, zone)),
    }
    if (values["visa_days"] or 0) > VISA_DAYS_MAX:
        f.fail("visa_days", f"{values['visa_days']} days is more than a year; write at most {VISA_DAYS_MAX}")
        values["visa_days"] = None
    cluster = f.key("cluster", required=False)
    if cluster and cluster not in ctx.cluster_keys:
        f.fail("cluster", f"unknown cluster {cluster!r}")
    groups = _groups(f, ctx)
    host = f.get("host")
    plan = EventPlan(
        code or "", values, cluster, groups, uid=f.text("uid", max_len=64) or None, sequence=f.integer("sequence"),
        host=None if host in (MISSING, None, "") else ctx.organisation(host, f.at("host")),
    )
    item_keys: dict[str, str] = {}
    for i, item_raw in enumerate(f.items("items")):
        item = _item(item_raw, f.at(f"items[{i}]"), zone, groups, ctx)
        if item and _unique(item_keys, item.key, f.at(f"items[{i}].key"), ctx, "item key"):
            plan.items.append(item)
    plan.participants = _participants(f, groups, ctx)
    plan.legs = [leg for i, r in enumerate(f.items("travel")) if (leg := _leg(r, f.at(f"travel[{i}]"), ctx))]
    plan.stays = [s for i, r in enumerate(f.items("stays")) if (s := _stay(r, f.at(f"stays[{i}]"), zone, ctx))]
    return plan if code else None


def validate_group(name: Any) -> str:
    """One group name as the file checks it, stripped; ValidationError reading `name: message` otherwise."""
    problem = _group_problem(name)
    if problem:
        raise ValidationError([f"name: {problem}"])
    return str(name).strip()


def _group_problem(name: Any) -> str | None:
    if not isinstance(name, str):
        return f"{name!r} is not a group name"
    refused = text_gate.problem(name)
    if refused:
        return refused
    if not name.strip():
        return "a group needs a name (e.g. A, B or Osaka)"
    if len(name) > 80:
        return f"the group name {name.strip()[:20]!r}… is too long (at most 80 characters)"
    return None


ZONES_MAX = 24  # more would not fit the World clock anyway


def _zones(f: Fields, ctx: Context, own: str | None) -> list[str]:
    """The zones the event must work in besides its own: IANA names, each once, at most ZONES_MAX."""
    zones: list[str] = []
    for j, name in enumerate(f.items("zones")):
        try:
            timeutil.zone(name)
        except TimeError as exc:
            ctx.fail(f.at(f"zones[{j}]"), str(exc))
            continue
        if name != own and name not in zones:
            zones.append(name)
    if len(zones) > ZONES_MAX:
        f.fail("zones", f"{len(zones)} zones; write at most {ZONES_MAX}")
        return zones[:ZONES_MAX]
    return zones


def _groups(f: Fields, ctx: Context) -> list[str]:
    groups: list[str] = []
    for j, name in enumerate(f.items("groups")):
        problem = _group_problem(name)
        if problem:
            ctx.fail(f.at(f"groups[{j}]"), problem)
        elif name.strip() in groups:
            ctx.fail(f.at(f"groups[{j}]"), f"group {name.strip()!r} is declared twice")
        else:
            groups.append(name.strip())
    return groups


def _group_ref(name: Any, path: str, groups: list[str], ctx: Context) -> str | None:
    if isinstance(name, str) and name.strip() in groups:
        return name.strip()
    declared = ", ".join(groups) if groups else "none"
    # A record checked on its own (path "group" or "groups[0]") belongs to the event being edited.
    where = f"{path.split('.')[0]}.groups" if "." in path else "the event's groups"
    ctx.fail(path, f"group {name!r} is not declared in {where} (declared: {declared})")
    return None


def validate_item(session: Session, raw: Any, event_zone: str, groups: list[str]) -> ItemPlan:
    """One item as the file gives it, by the file's rules; each problem reads `field: message`."""
    return _one(session, lambda ctx: _item(raw, "", event_zone, groups, ctx))


def _item(raw: Any, path: str, event_zone: str | None, groups: list[str], ctx: Context) -> ItemPlan | None:
    f = Fields(raw, path, ctx.problems, ITEM_FIELDS)
    key = f.key("key")
    zone = f.zone("zone", default=event_zone) if f.has("zone") else event_zone
    start, end = f.instant("start", zone), f.instant("end", zone)
    if start and end and end < start:
        f.fail("end", f"{f.raw['end']} is before the start {f.raw['start']}")
    values: dict[str, Any] = {
        "title": f.text("title", required=True, max_len=300),
        "kind": f.choice("kind", vocab.ITEM_KINDS, "", required=True),
        "start_utc": start,
        "end_utc": end,
        "zone": zone,
        "place": f.text("place"),
        "url": f.text("url", max_len=500),
        "notes": f.text("notes", max_len=100_000),
        "status": f.choice("status", vocab.ITEM_STATUSES, "scheduled"),
    }
    host = f.get("host")
    host = None if host in (MISSING, None, "") else ctx.organisation(host, f.at("host"))
    item_groups = []
    for j, name in enumerate(f.items("groups")):
        ref = _group_ref(name, f.at(f"groups[{j}]"), groups, ctx)
        if ref and ref not in item_groups:
            item_groups.append(ref)
    people: list[tuple[PersonRef, str]] = []
    for j, entry in enumerate(f.items("people")):
        pf = Fields(entry, f.at(f"people[{j}]"), ctx.problems, ITEM_PERSON_FIELDS)
        who = ctx.person(pf.get("person", required=True), pf.at("person")) if pf.has("person") else None
        role = pf.choice("role", vocab.ROLES, "speaker")
        if who is not None and who in [p for p, _ in people]:
            pf.fail("person", f"{pf.raw['person']!r} is listed twice for this item")
        elif who is not None and role:
            people.append((who, role))
    if not key:
        return None
    return ItemPlan(key, values, host, item_groups, people, f.text("uid", max_len=64) or None, f.integer("sequence"))


def validate_participant(session: Session, raw: Any, groups: list[str]) -> ParticipantPlan:
    """One participant as the file gives it, by the file's rules; each problem reads `field: message`."""
    return _one(session, lambda ctx: _participant(raw, "", groups, ctx), required="person")


def _participant(raw: Any, path: str, groups: list[str], ctx: Context) -> ParticipantPlan | None:
    pf = Fields(raw, path, ctx.problems, PARTICIPANT_FIELDS)
    who = ctx.person(pf.get("person", required=True), pf.at("person")) if pf.has("person") else None
    group = None
    if pf.get("group") not in (MISSING, None, ""):
        group = _group_ref(pf.get("group"), pf.at("group"), groups, ctx)
    values = {
        "role": pf.choice("role", vocab.ROLES, "delegate"),
        "status": pf.choice("status", vocab.PARTICIPATION_STATUSES, "invited"),
        "waitlist_position": pf.integer("waitlist_position", minimum=1),
        "visa_needed": pf.boolean("visa_needed"),
        "visa_status": pf.text("visa_status", max_len=30),
        "notes": pf.text("notes", max_len=100_000),
    }
    return None if who is None else ParticipantPlan(who, values, group)


def _participants(f: Fields, groups: list[str], ctx: Context) -> list[ParticipantPlan]:
    out: list[ParticipantPlan] = []
    seen: dict[PersonRef, tuple[str, str | None]] = {}
    for i, raw in enumerate(f.items("participants")):
        path = f.at(f"participants[{i}]")
        plan = _participant(raw, path, groups, ctx)
        if plan is None:
            continue
        group = plan.group
        if plan.person in seen:
            first_path, first_group = seen[plan.person]
            why = (
                f"a person is in at most one group (here {group}, at {first_path} {first_group})"
                if group and first_group and group != first_group else "listed twice"
            )
            ctx.fail(f"{path}.person", f"{raw['person']!r} is already a participant at {first_path}: {why}")
            continue
        seen[plan.person] = (path, group)
        out.append(plan)
    return out


def validate_leg(session: Session, raw: Any) -> LegPlan:
    """One travel leg in the programme file's shape, by the file's rules; problems read `field: message`."""
    return _one(session, lambda ctx: _leg(raw, "", ctx), required="person")


def validate_stay(session: Session, raw: Any, event_zone: str) -> StayPlan:
    """One hotel stay in the programme file's shape (zone defaults to the event's), by the file's rules."""
    return _one(session, lambda ctx: _stay(raw, "", event_zone, ctx), required="person")


def _leg(raw: Any, path: str, ctx: Context) -> LegPlan | None:
    f = Fields(raw, path, ctx.problems, LEG_FIELDS)
    who = ctx.person(f.get("person", required=True), f.at("person")) if f.has("person") else None
    from_zone, to_zone = f.zone("from_zone", required=True), f.zone("to_zone", required=True)
    depart, arrive = f.instant("depart", from_zone), f.instant("arrive", to_zone)
    if depart and arrive and arrive < depart:
        f.fail("arrive", f"{f.raw['arrive']} ({to_zone}) is before the departure {f.raw['depart']} ({from_zone})")
    values = {
        "kind": f.choice("kind", vocab.TRAVEL_KINDS, "flight"),
        "carrier": f.text("carrier", max_len=80),
        "number": f.text("number", max_len=40),
        "booking_ref": f.text("booking_ref", max_len=40),
        "from_place": f.text("from", required=True, max_len=120),
        "from_zone": from_zone,
        "depart_utc": depart,
        "to_place": f.text("to", required=True, max_len=120),
        "to_zone": to_zone,
        "arrive_utc": arrive,
    }
    if who is None:
        return None
    return LegPlan(who, values, f.text("uid", max_len=64) or None, f.integer("sequence"))


def _stay(raw: Any, path: str, event_zone: str | None, ctx: Context) -> StayPlan | None:
    f = Fields(raw, path, ctx.problems, STAY_FIELDS)
    who = ctx.person(f.get("person", required=True), f.at("person")) if f.has("person") else None
    check_in, check_out = f.calendar_date("check_in", required=True), f.calendar_date("check_out", required=True)
    if check_in and check_out and check_out <= check_in:
        f.fail("check_out", f"{check_out} is not after the check-in {check_in} (check-out is the morning after the last night)")
    shares = f.get("shares_with")
    mate = None if shares in (MISSING, None, "") else ctx.person(shares, f.at("shares_with"))
    if mate is not None and mate == who:
        f.fail("shares_with", "a person cannot share a room with themselves")
    values = {
        "hotel": f.text("hotel", required=True),
        "hotel_local": f.text("hotel_local", max_len=200),
        "address_local": f.text("address_local", max_len=300),
        "zone": f.zone("zone", default=event_zone) if f.has("zone") else event_zone,
        "check_in": check_in,
        "check_out": check_out,
        "room": f.choice("room", vocab.ROOM_TYPES, "single"),
    }
    if who is None:
        return None
    return StayPlan(who, values, mate, f.text("uid", max_len=64) or None, f.integer("sequence"))
