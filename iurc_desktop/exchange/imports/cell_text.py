"""An import's cells through the text gate: what no stored value may hold is removed, and the preview says where.

A file another system wrote (a registration tool's export, a host's roster) is
not the user's to fix: refusing it for a stray bell in a notes cell would only be
in the way. So an import removes what `core.text_gate` refuses and warns, naming
the row and column (never the cell's text: it is personal data), where the
window and the command line refuse what a person types.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from ...core.text_gate import shown, stripped
from .rows import Record

SHOWN = 10  # cells named one by one in the preview (a line each above its table); the rest are counted


def stripped_records(records: Sequence[Record], mapping: Mapping[str, str]) -> tuple[list[Record], tuple[str, ...]]:
    """The records with refused characters taken out of their text, and one warning per cell changed.

    `mapping` is the import's column -> field mapping, to name each cell by its column as the file heads it.
    """
    column_of: dict[str, str] = {}
    for header, name in mapping.items():
        column_of.setdefault(name, shown(header))  # a header is printed: nothing in it may act on a terminal
    out: list[Record] = []
    notes: list[str] = []
    for record in records:
        changed = {}
        for name, value in record.values.items():
            if isinstance(value, str):
                text, removed = stripped(value)
                if removed:
                    changed[name] = text
                    notes.append(f"row {record.row}, column {column_of.get(name, name)}: "
                                 f"{removed} taken out (no stored value may hold it); the rest of the cell is imported")
        out.append(replace(record, values={**record.values, **changed}) if changed else record)
    if len(notes) > SHOWN:
        notes[SHOWN:] = [f"… and {len(notes) - SHOWN} more cells with characters taken out"]
    return out, tuple(notes)
