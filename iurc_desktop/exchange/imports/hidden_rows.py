"""Rows hidden in a workbook: left out of an import unless asked for, and shown in its preview as such.

Someone hid them for a reason (a cancelled registration, a test entry, a filter);
importing them unseen would register people the sender's own view does not show.
"""

from __future__ import annotations

from collections.abc import Sequence

from .plan import HIDDEN, PlannedRow
from .rows import Record, read_person
from .tabular import Sheet

LEFT_OUT = "hidden in the workbook: left out unless hidden rows are included"


def set_aside(sheet: Sheet, recs: list[Record]) -> tuple[list[Record], list[Record]]:
    """(the records to import, the hidden ones left out); none is left out when hidden rows are included."""
    hidden = set(sheet.source.hidden)
    if sheet.source.include_hidden or not hidden:
        return recs, []
    return [r for r in recs if r.row not in hidden], [r for r in recs if r.row in hidden]


def with_left_out(rows: Sequence[PlannedRow], left_out: Sequence[Record], dayfirst: bool) -> tuple[PlannedRow, ...]:
    """The planned rows and, in file order among them, the hidden ones: whom they name and why they are not imported."""
    hidden = []
    for rec in left_out:
        person = read_person(rec, dayfirst, set())
        hidden.append(PlannedRow(rec.row, HIDDEN, person.name, person.email, problems=(LEFT_OUT,), status=person.status,
                                 role=person.role))
    return tuple(sorted([*rows, *hidden], key=lambda r: r.row))
