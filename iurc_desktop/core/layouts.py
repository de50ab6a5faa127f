"""Saved roster column layouts per recipient ("Osaka host", "hotel"), kept in the user config folder.

One JSON file (`roster-layouts.json`) in `platformdirs.user_config_path("iurc-desktop")`;
names are unique ignoring case. Column keys are checked by the roster that uses the layout.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .errors import IurcError, NotFound, ValidationError
from .output_files import write_text
from .paths import config_dir

FILE_NAME = "roster-layouts.json"
FORMAT = "iurc-roster-layouts/1"
KINDS = ("participants", "host", "rooming", "arrivals", "needs")


@dataclass(frozen=True)
class Layout:
    """A named choice of columns for one roster kind."""

    name: str
    kind: str
    columns: tuple[str, ...]


def _file(folder: Path | None) -> Path:
    return (folder or config_dir()) / FILE_NAME


def _read(folder: Path | None) -> list[Layout]:
    path = _file(folder)
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [Layout(d["name"], d["kind"], tuple(d["columns"])) for d in data["layouts"]]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IurcError(f"The saved layouts in {path} cannot be read ({exc}); move the file aside to start afresh.") from None


def _write(layouts: list[Layout], folder: Path | None) -> None:
    """Write all layouts atomically (temporary file, then replace)."""
    path = _file(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"format": FORMAT, "layouts": [{"name": x.name, "kind": x.kind, "columns": list(x.columns)} for x in layouts]}
    write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def save_layout(name: str, kind: str, columns: list[str] | tuple[str, ...], *, folder: Path | None = None) -> Layout:
    """Save (or overwrite) the layout `name` for roster `kind`."""
    clean = " ".join(name.split())
    problems = []
    if not clean:
        problems.append("name: give the layout a name, e.g. the recipient (Osaka host)")
    if kind not in KINDS:
        problems.append(f"kind: {kind!r} is not a roster kind (choose one of {', '.join(KINDS)})")
    if not columns:
        problems.append("columns: choose at least one column")
    if problems:
        raise ValidationError(problems)
    layout = Layout(clean, kind, tuple(columns))
    others = [x for x in _read(folder) if x.name.casefold() != clean.casefold()]
    _write(sorted([*others, layout], key=lambda x: x.name.casefold()), folder)
    return layout


def list_layouts(kind: str | None = None, *, folder: Path | None = None) -> list[Layout]:
    """Saved layouts by name, optionally only those of one kind."""
    return [x for x in _read(folder) if kind is None or x.kind == kind]


def load_layout(name: str, *, folder: Path | None = None) -> Layout:
    """The layout called `name` (any case); NotFound names the saved ones."""
    layouts = _read(folder)
    key = " ".join(name.split()).casefold()
    for layout in layouts:
        if layout.name.casefold() == key:
            return layout
    known = ", ".join(x.name for x in layouts) or "none saved yet"
    raise NotFound(f"There is no saved layout called {name!r} (layouts: {known}).")


def delete_layout(name: str, *, folder: Path | None = None) -> None:
    """Delete the layout `name`; NotFound if there is none."""
    target = load_layout(name, folder=folder)
    _write([x for x in _read(folder) if x.name != target.name], folder)
