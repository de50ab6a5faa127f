"""Column catalogues of the roster kinds, and which columns are sensitive.

Each kind's default columns are what its recipient needs; anything personal
beyond that (passport, health-related needs, phone, e-mail, nationality, gender,
visa) is *sensitive* and has to be asked for with `include_sensitive`. A personal
column a recipient does need (the host's dietary needs, the driver's phone
numbers) says why (`need`): the export dialog and command tell it per column.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter

from ...core.choices import listed
from ...core.errors import ValidationError


@dataclass(frozen=True)
class ColumnDef:
    """A column a roster can carry: key, header, value getter, kind, width and sensitivity."""

    key: str
    header: str
    get: Callable[[object], object]
    kind: str = "text"
    width: float = 16.0
    sensitive: bool = False
    default: bool = False
    why: str = ""  # what personal data it is ("" for none), for messages and the GUI's warning
    attr: str = ""  # the record attribute `get` reads, when it only reads one (lets rows be cut in one C call)
    need: str = ""  # why this kind's recipient gets it without asking (then it is personal but not sensitive)

    @property
    def personal(self) -> bool:
        return bool(self.why)


def _col(key: str, header: str, kind: str = "text", width: float = 16.0, *, get: Callable[[object], object] | None = None,
         attr: str | None = None, default: bool = False, why: str = "", need: str = "") -> ColumnDef:
    sensitive = bool(why) and not need
    if get is not None:
        return ColumnDef(key, header, get, kind, width, sensitive, default, why, need=need)
    name = attr or key
    return ColumnDef(key, header, attrgetter(name), kind, width, sensitive, default, why, name, need)


# Person columns shared by every kind that lists people; `why` marks the sensitive ones.
def _person_columns(defaults: set[str], cleared: dict[str, str] | None = None) -> list[ColumnDef]:
    """Person columns with the kind's defaults; `cleared` are sensitive in general but this recipient's need (and why)."""
    cleared = cleared or {}
    cols = [
        _col("name", "Name", width=26),
        _col("local_name", "Name (own script)", width=20),
        _col("given", "Given name", width=16),
        _col("family", "Family name", width=16),
        _col("organisation", "Organisation", width=30),
        _col("organisation_local", "Organisation (own script)", width=24),
        _col("country", "Country", width=9),
        _col("job_title", "Job title", width=24),
        _col("role", "Role", width=12),
        _col("status", "Status", width=12),
        _col("group", "Group", width=9),
        _col("email", "E-mail", width=28, why="e-mail address"),
        _col("phone", "Phone", width=18, why="phone number"),
        _col("nationality", "Nationality", width=11, why="nationality"),
        _col("gender", "Gender", width=11, why="gender"),
        _col("passport_expiry", "Passport expiry", "date", 14, why="passport data"),
        _col("visa_needed", "Visa needed", width=11, why="visa status"),
        _col("visa_status", "Visa status", width=14, why="visa status"),
        _col("dietary", "Dietary needs", width=24, why="health-related (dietary needs)"),
        _col("accessibility", "Accessibility needs", width=24, why="health-related (accessibility needs)"),
    ]
    out = []
    for c in cols:
        sensitive = c.sensitive and c.key not in cleared
        out.append(ColumnDef(c.key, c.header, c.get, c.kind, c.width, sensitive, c.key in defaults, c.why, c.attr,
                             cleared.get(c.key, "")))
    return out


def _interpretation(record: object) -> str:
    return "interpreter" if getattr(record, "role") == "interpreter" else ""


PARTICIPANTS = _person_columns({"name", "local_name", "organisation", "country", "role", "status", "group"})

HOST = _person_columns(
    {"name", "local_name", "organisation", "country", "role", "group", "dietary", "accessibility"},
    cleared={"dietary": "the host plans the meals for them", "accessibility": "the host plans access to the site for them"},
)
HOST.insert(HOST.index(next(c for c in HOST if c.key == "accessibility")) + 1,
            _col("interpretation", "Interpretation", width=14, get=_interpretation, default=True))

ROOMING = [
    _col("hotel", "Hotel", width=28, default=True),
    _col("room_no", "Room", "int", 7, default=True),
    _col("room", "Room type", width=11, default=True),
    _col("guest", "Guest", width=26, attr="name", default=True),
    _col("local_name", "Guest (own script)", width=20, default=True),
    _col("shares_with", "Shares with", width=26, default=True),
    _col("check_in", "Check-in", "date", 12, default=True),
    _col("check_out", "Check-out", "date", 12, default=True),
    _col("nights", "Nights", "int", 8, default=True),
    _col("organisation", "Organisation", width=30, default=True),
    _col("country", "Country", width=9),
    _col("group", "Group", width=9),
    _col("gender", "Gender", width=11, why="gender"),
    _col("nationality", "Nationality", width=11, why="nationality"),
    _col("passport_expiry", "Passport expiry", "date", 14, why="passport data"),
    _col("email", "E-mail", width=28, why="e-mail address"),
    _col("phone", "Phone", width=18, why="phone number"),
    _col("dietary", "Dietary needs", width=24, why="health-related (dietary needs)"),
    _col("accessibility", "Accessibility needs", width=24, why="health-related (accessibility needs)"),
]

ARRIVALS = [
    _col("arrival", "Arrival ({zone})", "datetime", 17, default=True),
    _col("name", "Person", width=26, default=True),
    _col("local_name", "Person (own script)", width=20, default=True),
    _col("travel_kind", "By", width=8, default=True),
    _col("flight", "Flight / service", width=16, default=True),
    _col("from_place", "From", width=14, default=True),
    _col("to_place", "To", width=14, default=True),
    _col("to_zone", "Time zone", width=16, default=True),
    _col("phone", "Phone", width=18, default=True, why="phone number", need="the driver calls when a flight is late"),
    _col("group", "Group", width=9, default=True),
    _col("organisation", "Organisation", width=30),
    _col("departure", "Departure (local time at origin)", "datetime", 17),
    _col("from_zone", "Origin time zone", width=16),
    _col("email", "E-mail", width=28, why="e-mail address"),
    _col("accessibility", "Accessibility needs", width=24, why="health-related (accessibility needs)"),
]

NEEDS = [
    _col("start", "Start ({zone})", "datetime", 17, default=True),
    _col("item_title", "Item", width=34, default=True),
    _col("item_key", "Item key", width=16),
    _col("item_kind", "Kind", width=11, default=True),
    _col("place", "Place", width=20, default=True),
    _col("item_zone", "Time zone", width=16, default=True),
    _col("attending", "Attending", "int", 10, default=True),
    _col("need_type", "Need", width=14, default=True),
    _col("need", "Detail", width=26, default=True),
    _col("count", "Count", "int", 8, default=True),
    _col("people", "Who", width=40, why="names linked to health-related needs"),
]

CATALOGUES: dict[str, list[ColumnDef]] = {
    "participants": PARTICIPANTS,
    "host": HOST,
    "rooming": ROOMING,
    "arrivals": ARRIVALS,
    "needs": NEEDS,
}


def catalogue(kind: str) -> list[ColumnDef]:
    """The columns a roster kind can carry, in their natural order."""
    try:
        return CATALOGUES[kind]
    except KeyError:
        raise ValidationError(f"kind: {kind!r} is not a roster kind (choose one of {', '.join(CATALOGUES)})") from None


def choose_columns(kind: str, columns: list[str] | tuple[str, ...] | None, include_sensitive: bool) -> tuple[ColumnDef, ...]:
    """The kind's default columns, or the chosen ones in the order given; sensitive ones need consent."""
    cat = catalogue(kind)
    if columns is None:
        return tuple(c for c in cat if c.default)
    by_key = {c.key: c for c in cat}
    problems = [f"columns: {k!r} is not a {kind} column (known: {listed(by_key)})" for k in columns if k not in by_key]
    if not columns:
        problems.append("columns: choose at least one column")
    if len(set(columns)) != len(columns):
        problems.append("columns: a column is named twice")
    if problems:
        raise ValidationError(problems)
    chosen = tuple(by_key[k] for k in columns)
    refused = [c for c in chosen if c.sensitive and not include_sensitive]
    if refused:
        raise ValidationError([
            f"columns: {c.key} is sensitive ({c.why}); include it only if the recipient needs it:"
            " tick the consent box in the export dialog, or add --include-sensitive on the command line"
            for c in refused
        ])
    return chosen
