"""What an import would do and what it did: the plan shown before, the changes it writes, the result after."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ...core.errors import ValidationError
from .tabular import Source

if TYPE_CHECKING:
    from ...core.imports import ImportUndo


HIDDEN = "hidden"  # the fate of a row hidden in the workbook and left out


@dataclass(frozen=True)
class PlannedRow:
    """What will happen to one row of the file."""

    row: int  # row number in the file (1-based, as a spreadsheet shows it)
    fate: str  # new, matched, update, unchanged, duplicate, rejected, skipped (not a person), hidden (left out);
    # attendance: attended, absent, not_registered, unmatched
    name: str
    email: str
    problems: tuple[str, ...] = ()
    person_id: int | None = None
    participation_id: int | None = None
    status: str = ""
    role: str = ""
    duplicate_of: int | None = None
    values: tuple[tuple[str, object], ...] = ()  # the person's fields read from the row


@dataclass(frozen=True)
class NewOrganisation:
    """An organisation the file names that the database does not hold, and the fields to create it with."""

    name: str
    key: str
    kind: str
    sector: str
    country: str  # "" when neither the rows nor their e-mail domains tell it
    zone: str  # "" when the country keeps more than one clock, or is not known
    rows: tuple[int, ...] = ()  # the file rows naming it
    create: bool = True  # unticked: the name goes to the person's notes, as without this choice
    doubt: str = ""  # why it is proposed unticked

    def entry(self) -> dict[str, str]:
        """The organisation as the programme file writes it."""
        return {"key": self.key, "name": self.name, "kind": self.kind, "sector": self.sector,
                "country": self.country, "zone": self.zone}

    def missing(self) -> list[str]:
        """The fields still to be given before it can be created."""
        return [name for name in ("key", "kind", "country", "zone") if not getattr(self, name)]


@dataclass(frozen=True)
class NoShow:
    participation_id: int
    name: str
    email: str


@dataclass(frozen=True)
class ImportPlan:
    event_code: str
    path: Path
    layout: str
    encoding: str
    delimiter: str
    attendance: bool
    headers: tuple[str, ...]
    mapping: dict[str, str]
    rows: tuple[PlannedRow, ...]
    no_show: tuple[NoShow, ...] = ()
    notes: tuple[str, ...] = ()  # warnings that do not stop the import (e.g. a report dated outside the event)
    organisations: tuple[NewOrganisation, ...] = ()  # named by rows but not stored: created only when asked
    source: Source = field(default_factory=Source)  # the sheet read, hidden rows, rows that were not UTF-8

    @property
    def taken(self) -> list[PlannedRow]:
        """The rows the import considers: all but those hidden in the workbook and left out."""
        return [r for r in self.rows if r.fate != HIDDEN]

    @property
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for row in self.rows:
            out[row.fate] = out.get(row.fate, 0) + 1
        return out

    @property
    def rejected(self) -> list[PlannedRow]:
        return [r for r in self.rows if r.fate == "rejected"]

    @property
    def problems(self) -> list[str]:
        """Every problem as 'row N: reason', in file order."""
        return [f"row {r.row}: {p}" for r in self.rejected for p in r.problems]


def check_rows(plan: ImportPlan, *, taking: bool = True) -> None:
    """Refuse a plan that read no row, or (`taking`) that would take none: an import never reads nothing and says done."""
    several = len(plan.source.sheets) > 1
    where = f"sheet '{plan.source.sheet}' of {plan.path.name}" if several else plan.path.name
    if not plan.rows:
        others = [repr(name) for name, _hidden in plan.source.sheets if name != plan.source.sheet]
        also = f" The file also has {', '.join(others)}: choose the sheet that lists the people." if others else ""
        raise ValidationError(f"No rows were read from {where}: its column names have no rows of people under them. "
                              f"Nothing was imported.{also}")
    if taking and not plan.taken:
        raise ValidationError(f"All {len(plan.rows)} rows of {where} are hidden in the workbook. Nothing was imported. "
                              "Include the hidden rows (--include-hidden) to import them.")


@dataclass(frozen=True)
class PeopleChanges:
    """What a people plan writes, as plain rows: people to create and complete, registrations to make and move."""

    rows: int  # the rows taken (all but the rejected)
    new_rows: tuple[int, ...]  # the file rows creating a person, in the order of `new_people`
    new_people: tuple[dict[str, object], ...]  # their columns
    filled: tuple[tuple[int, dict[str, object]], ...]  # (person id, the columns the file offers) of matched people
    joining: tuple[PlannedRow, ...]  # new and matched rows: each makes a registration
    moving: tuple[PlannedRow, ...]  # rows moving a registration to the file's status


@dataclass(frozen=True)
class ImportResult:
    people_created: int = 0
    people_updated: int = 0
    registrations_created: int = 0
    registrations_updated: int = 0
    waitlisted: int = 0
    attended: int = 0
    no_show: int = 0
    skipped: tuple[str, ...] = ()  # 'row N: reason' of rows left out with skip_invalid
    unmatched: tuple[str, ...] = field(default=())  # attendance rows naming nobody registered
    organisations_created: tuple[str, ...] = ()  # the keys of the organisations created
    undo: ImportUndo | None = field(default=None, compare=False)  # what takes this import back
