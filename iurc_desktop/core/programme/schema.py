"""Programme file: reading one JSON object's fields with every problem named by its path.

`Fields` wraps one object of the file; each accessor returns the converted value
(or None) and records a "path: problem" line instead of raising, so a whole file
is checked in one pass. The validated content becomes a `Plan` of plain values.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .. import text_gate, timeutil
from ..errors import TimeError
from ..languages import language_problem

FORMAT = "iurc-programme/1"
MISSING: Any = object()
_KEY = re.compile(r"^[^\s]+$")


class Fields:
    """One object of the file at `path`; problems go to the shared list."""

    def __init__(self, raw: object, path: str, problems: list[str], allowed: tuple[str, ...]) -> None:
        self.path = path
        self.problems = problems
        if not isinstance(raw, dict):
            self.fail("", f"expected an object {{...}}, found {_kind(raw)}")
            raw = {}
        self.raw: dict[str, Any] = raw
        for name in raw:
            if name not in allowed:  # quoted in the message: nothing in it may act on a terminal
                self.fail(text_gate.shown(name), f"unknown field (expected one of: {', '.join(allowed)})")

    def at(self, name: str) -> str:
        if not name:
            return self.path
        return f"{self.path}.{name}" if self.path else name

    def fail(self, name: str, message: str) -> None:
        self.problems.append(f"{self.at(name)}: {message}")

    def has(self, name: str) -> bool:
        return name in self.raw

    def get(self, name: str, required: bool = False) -> Any:
        value = self.raw.get(name, MISSING)
        if value is MISSING and required:
            self.fail(name, "missing (required)")
        return value

    def text(self, name: str, *, required: bool = False, default: str = "", max_len: int = 200) -> str | None:
        """A string, stripped; None (and a problem) when it is not usable."""
        value = self.raw.get(name, MISSING)  # not `get`: a season's file has millions of fields
        if value is MISSING:
            if required:
                self.fail(name, "missing (required)")
                return None
            return default
        if value is None and not required:
            return default
        if not isinstance(value, str):
            self.fail(name, f"{value!r} is not text")
            return None
        refused = text_gate.problem(value)  # before stripping, which would take some of them for spaces
        if refused:
            self.fail(name, refused)
            return None
        value = value.strip()
        if required and not value:
            self.fail(name, "is empty")
            return None
        if len(value) > max_len:
            self.fail(name, f"is longer than {max_len} characters")
            return None
        return value

    def key(self, name: str, *, required: bool = True) -> str | None:
        value = self.text(name, required=required, max_len=80)
        if value and not _KEY.match(value):
            self.fail(name, f"{value!r} is not a key (no spaces allowed)")
            return None
        return value or None

    def choice(self, name: str, options: tuple[str, ...], default: str, *, required: bool = False) -> str | None:
        value = self.text(name, required=required, default=default, max_len=40)
        if value is None:
            return None
        if value not in options:
            self.fail(name, f"{value!r} is not one of: {', '.join(o for o in options if o)}")
            return None
        return value

    def integer(self, name: str, *, minimum: int = 0) -> int | None:
        value = self.get(name)
        if value is MISSING or value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.fail(name, f"{value!r} is not a whole number of at least {minimum}")
            return None
        return value

    def boolean(self, name: str, default: bool = False) -> bool:
        value = self.get(name)
        if value is MISSING or value is None:
            return default
        if not isinstance(value, bool):
            self.fail(name, f"{value!r} is not true or false")
            return default
        return value

    def calendar_date(self, name: str, *, required: bool = False) -> date | None:
        value = self.get(name, required)
        if value is MISSING or (value is None and not required):
            return None
        try:
            return timeutil.parse_date(value)
        except ValueError as exc:
            self.fail(name, str(exc))
            return None

    def zone(self, name: str, *, required: bool = False, default: str | None = None) -> str | None:
        value = self.get(name, required)
        if value is MISSING or value is None:
            return default
        try:
            timeutil.zone(value)
        except TimeError as exc:
            self.fail(name, str(exc))
            return None
        return value

    def instant(self, name: str, zone_name: str | None, *, required: bool = True) -> datetime | None:
        """A local date and time in `zone_name` (optionally with an offset to pick a DST fold) as UTC."""
        value = self.get(name, required)
        if value is MISSING or (value is None and not required):
            return None
        try:
            naive, offset = timeutil.parse_local(value)
        except ValueError as exc:
            self.fail(name, str(exc))
            return None
        if zone_name is None:  # the zone itself was bad and already reported
            return None
        try:
            return timeutil.to_utc(naive, zone_name, offset=offset)
        except TimeError as exc:
            self.fail(name, str(exc))
            return None

    def country(self, name: str, *, required: bool = False) -> str | None:
        value = self.text(name, required=required, max_len=10)
        if not value:
            return value
        if len(value) != 2 or not _is_country(value.upper()):
            self.fail(name, f"{value!r} is not an ISO 3166 two-letter country code (e.g. JP, FR)")
            return None
        return value.upper()

    def language(self, name: str) -> str | None:
        """An ISO 639-1 code in lower case; None when not given, empty or refused (with a problem)."""
        value = self.text(name, max_len=10)
        if not value:
            return None
        refused = language_problem(value)
        if refused:
            self.fail(name, refused)
            return None
        return value.lower()

    def email(self, name: str, *, required: bool = False) -> str | None:
        value = self.text(name, required=required, max_len=254)
        if not value or _plainly_valid(value):
            return value
        from email_validator import EmailNotValidError, validate_email

        try:
            validate_email(value, check_deliverability=False)
        except EmailNotValidError as exc:
            self.fail(name, f"{value} is not an e-mail address ({exc})")
            return None
        _VALID_DOMAINS.add(value.rpartition("@")[2])
        return value

    def items(self, name: str) -> list[Any]:
        value = self.get(name)
        if value is MISSING or value is None:
            return []
        if not isinstance(value, list):
            self.fail(name, f"expected a list [...], found {_kind(value)}")
            return []
        return value


# Checking an address in full is slow (a season's file has 100,000), so an address whose domain an
# earlier address proved valid and whose local part is plain dot-separated letters, digits and _+-
# is taken as valid without it; anything else gets the full check and its messages.
_VALID_DOMAINS: set[str] = set()
_PLAIN_LOCAL = re.compile(r"^[A-Za-z0-9_+\-À-ÖØ-öø-ſ]+(?:\.[A-Za-z0-9_+\-À-ÖØ-öø-ſ]+)*$")


def _plainly_valid(address: str) -> bool:
    """True when the address is certainly one the full check accepts (see `_VALID_DOMAINS`)."""
    local, _, domain = address.rpartition("@")
    return (domain in _VALID_DOMAINS and _PLAIN_LOCAL.match(local) is not None
            and len(local.encode()) <= 64 and len(address.encode()) <= 254)


@functools.cache
def _is_country(code: str) -> bool:
    """Whether `code` is an ISO 3166 alpha-2 code (asked once per code: a season's file names a few hundred)."""
    import pycountry

    return pycountry.countries.get(alpha_2=code) is not None


def derive_person_key(email: str, taken: set[str]) -> str:
    """A person without a key gets the e-mail in lower case with every run of other characters as '-'."""
    # e.g. Ane.Etxeberria@example.eus -> ane-etxeberria-example-eus; a number is added on a clash
    base = re.sub(r"[^a-z0-9]+", "-", email.lower()).strip("-")[:72] or "person"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def _kind(value: object) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return repr(value)


# A person reference, resolved: a key of a person in the file, or the id of a person
# only in the database.
PersonRef = str | int


@dataclass
class OrganisationPlan:
    key: str
    values: dict[str, Any]  # only the fields the file gives: others keep their stored value


@dataclass(slots=True)  # one per row of a season's file: no __dict__ each
class PersonPlan:
    key: str
    email: str | None
    values: dict[str, Any]
    organisation: Any = MISSING  # org key, None to clear, MISSING to keep
    db_id: int | None = None  # the stored person this entry updates
    path: str = ""  # where the entry is in the file, for messages


@dataclass
class ClusterPlan:
    key: str
    values: dict[str, Any]
    members: list[str] | None  # None: keep the stored members


@dataclass
class PairingPlan:
    key: str
    values: dict[str, Any]
    eu: str
    partner: str


@dataclass(slots=True)
class ItemPlan:
    key: str
    values: dict[str, Any]  # title, kind, start_utc, end_utc, zone, place, url, notes, status
    host: str | None
    groups: list[str]
    people: list[tuple[PersonRef, str]]
    uid: str | None
    sequence: int | None


@dataclass(slots=True)
class ParticipantPlan:
    person: PersonRef
    values: dict[str, Any]
    group: str | None


@dataclass(slots=True)
class LegPlan:
    person: PersonRef
    values: dict[str, Any]
    uid: str | None
    sequence: int | None


@dataclass(slots=True)
class StayPlan:
    person: PersonRef
    values: dict[str, Any]
    shares_with: PersonRef | None
    uid: str | None
    sequence: int | None


@dataclass
class EventPlan:
    code: str
    values: dict[str, Any]
    cluster: str | None
    groups: list[str]
    items: list[ItemPlan] = field(default_factory=list)
    participants: list[ParticipantPlan] = field(default_factory=list)
    legs: list[LegPlan] = field(default_factory=list)
    stays: list[StayPlan] = field(default_factory=list)
    uid: str | None = None
    sequence: int | None = None
    host: str | None = None  # an organisation key


@dataclass
class Plan:
    organisations: list[OrganisationPlan] = field(default_factory=list)
    people: list[PersonPlan] = field(default_factory=list)
    clusters: list[ClusterPlan] = field(default_factory=list)
    pairings: list[PairingPlan] = field(default_factory=list)
    events: list[EventPlan] = field(default_factory=list)
