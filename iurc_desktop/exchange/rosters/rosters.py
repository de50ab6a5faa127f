"""Rosters for hosts, hotels, drivers and caterers, as .xlsx or .csv.

`write_roster` is one export: it reads the event, picks the kind's columns
(sensitive ones only with consent), and streams the rows to the file.
`preview_roster` gives the first rows for a dialog's preview.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from itertools import islice
from pathlib import Path

from sqlalchemy.orm import Session

from ...core import timeutil
from ...core.events.listing import get_event_model
from ...core.models import Event
from . import kinds as roster_kinds
from .columns import ColumnDef, catalogue, choose_columns
from .table import Column, ProgressFn, Table, output_format
from .table_file import write_table

KINDS = tuple(roster_kinds.BUILDERS)
TITLES = {
    "participants": "Participants",
    "host": "Host roster",
    "rooming": "Rooming list",
    "arrivals": "Arrivals",
    "needs": "Dietary and accessibility needs",
}


CONFIRMED = "included as you confirmed the recipient needs it"
UNCONFIRMED = "not included until you confirm the recipient needs it"
# What a roster without personal columns still says about people: the needs list counts needs, naming no one.
NO_PERSONAL = {"needs": "none: each item's needs are counted, with no names"}
NO_PERSONAL_DEFAULT = "none beyond names and organisations"


@dataclass(frozen=True)
class PersonalColumn:
    """A column of personal data going out in a roster: its header, what data it is, and why it goes out."""

    key: str
    header: str
    what: str
    why: str


@dataclass(frozen=True)
class RosterResult:
    """What was written: where, which kind, how many rows, the headers and the personal-data columns included."""

    path: Path
    kind: str
    rows: int
    headers: tuple[str, ...]
    sensitive: tuple[str, ...]
    personal: tuple[PersonalColumn, ...] = ()


@dataclass(frozen=True)
class ColumnInfo:
    """A column a kind offers, for a column chooser; `need` says why a personal column goes out by default."""

    key: str
    header: str
    default: bool
    sensitive: bool
    why: str
    need: str = ""


def roster_columns(kind: str) -> list[ColumnInfo]:
    """The columns of a roster kind, in order, with defaults and sensitivity."""
    return [ColumnInfo(c.key, c.header, c.default, c.sensitive, c.why, c.need) for c in catalogue(kind)]


def personal_data(kind: str, columns: list[str] | tuple[str, ...] | None = None,
                  *, confirmed: bool = True) -> tuple[PersonalColumn, ...]:
    """The personal columns a roster of `kind` with `columns` (None: its defaults) carries, each with why it goes out.

    `confirmed` False: the sensitive ones are ticked but their consent not yet given (a dialog's box).
    """
    chosen = choose_columns(kind, columns, include_sensitive=True)
    # "health-related (dietary needs)" is said as "health-related" beside the header "Dietary needs"
    consent = CONFIRMED if confirmed else UNCONFIRMED
    return tuple(PersonalColumn(c.key, _header(c, ""), c.why.split(" (")[0], c.need or consent)
                 for c in chosen if c.personal)


def personal_data_text(personal: tuple[PersonalColumn, ...], kind: str = "") -> str:
    """One sentence for the person exporting: each personal column of a roster of `kind` going out, and why."""
    if not personal:
        return f"Personal data in this file: {NO_PERSONAL.get(kind, NO_PERSONAL_DEFAULT)}."
    return "Personal data in this file: " + ", ".join(f"{p.header} ({p.what}; {p.why})" for p in personal) + "."


def _header(col: ColumnDef, zone: str) -> str:
    """Headers of local times name the zone; with several zones, say the time is local to each row."""
    if "{zone}" not in col.header:
        return col.header
    return col.header.format(zone=zone or "local time, see Time zone")


def roster_table(session: Session, event_code: str, kind: str, *, item_key: str | None = None,
                 columns: list[str] | tuple[str, ...] | None = None, include_sensitive: bool = False) -> Table:
    """The roster as a lazily produced table (validates kind, item and columns first)."""
    chosen = choose_columns(kind, columns, include_sensitive)
    event = get_event_model(session, event_code)
    if kind == "participants":  # the one kind that can be huge: read only the chosen columns
        data = roster_kinds.participants(session, event, item_key, tuple(c.attr for c in chosen if c.attr))
    else:
        data = roster_kinds.BUILDERS[kind](session, event, item_key)
    rows = map(row_reader(chosen), data.records)
    return Table(
        sheet=TITLES[kind],
        title=_title(event, kind, data.about),
        columns=tuple(Column(_header(c, data.zone), c.kind, c.width) for c in chosen),
        rows=rows,
        total=data.total,
    )


def row_reader(columns: tuple[ColumnDef, ...]) -> Callable[[object], tuple[object, ...]]:
    """A function from a record to its row; plain attribute columns are read in one attrgetter call (fast path)."""
    if all(c.attr for c in columns):
        if len(columns) == 1:
            one = columns[0].get
            return lambda record: (one(record),)
        return attrgetter(*(c.attr for c in columns))  # type: ignore[return-value]
    getters = [c.get for c in columns]
    return lambda record: tuple([get(record) for get in getters])


def _title(event: Event, kind: str, about: str) -> str:
    now = timeutil.utc_now()
    parts = [f"{TITLES[kind]} — {event.title} ({event.code}, {event.start_date:%Y-%m-%d} to {event.end_date:%Y-%m-%d})"]
    if about:
        parts.append(about)
    parts.append(f"exported {now:%Y-%m-%d %H:%M} UTC")
    return " — ".join(parts)


def write_roster(session: Session, event_code: str, kind: str, path: Path, *, item_key: str | None = None,
                 columns: list[str] | tuple[str, ...] | None = None, include_sensitive: bool = False,
                 progress: ProgressFn | None = None, cancel: object = None, into: Path | None = None) -> RosterResult:
    """Write one roster of the event to `path` (.xlsx or .csv by suffix); nothing is left behind on failure.

    With `into` the bytes go there instead: the caller staged the file and puts it in place.
    """
    path = Path(path)
    output_format(path)  # refuse a bad suffix before reading anything
    table = roster_table(session, event_code, kind, item_key=item_key, columns=columns, include_sensitive=include_sensitive)
    count = write_table(path, table, progress=progress, cancel=cancel, into=into)
    personal = personal_data(kind, columns)  # the columns were accepted above: consent was given where needed
    return RosterResult(path, kind, count, tuple(table.headers), tuple(p.key for p in personal), personal)


def preview_roster(session: Session, event_code: str, kind: str, *, item_key: str | None = None,
                   columns: list[str] | tuple[str, ...] | None = None, include_sensitive: bool = False,
                   limit: int = 20) -> tuple[tuple[str, ...], list[tuple[object, ...]]]:
    """Headers and the first `limit` rows, as written (times naive local, zone in the header)."""
    table = roster_table(session, event_code, kind, item_key=item_key, columns=columns, include_sensitive=include_sensitive)
    return tuple(table.headers), [tuple(r) for r in islice(table.rows, limit)]
