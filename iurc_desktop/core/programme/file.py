"""The programme file (format "iurc-programme/1"): load all or nothing, dump losslessly.

`load_programme` checks the whole file first (`validate`) and raises
ValidationError listing every problem with its path before anything is written;
then it writes in the caller's session (`write`), so the caller's
transaction makes the load all or nothing. `dump_programme` is in `dump`.
"""

from __future__ import annotations

import gc
import json
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from .. import text_gate
from ..errors import ValidationError, first_line
from ..file_limits import PROGRAMME_SIZE, check_size
from ..progress import CancelToken, Progress, no_progress
from .dump import dump_programme, dump_programme_text
from .schema import FORMAT
from .validate import validate
from .write import refuse_existing, write

__all__ = [
    "FORMAT", "LoadSummary", "dump_programme", "dump_programme_text", "load_programme", "load_programme_file",
]


@dataclass(frozen=True)
class LoadSummary:
    """How many entries of each kind the file created or updated."""

    organisations: int
    people: int
    events: int
    items: int
    participants: int
    event_codes: tuple[str, ...]
    clusters: int = 0
    pairings: int = 0
    travel: int = 0
    stays: int = 0


def load_programme(session: Session, data: dict[str, Any], *, replace: bool = False,
                   progress: Progress = no_progress, cancel: CancelToken | None = None) -> LoadSummary:
    """Validate `data` entirely, then write it; an existing event code is a Conflict unless `replace`."""
    with _no_cycle_collection():
        plan = validate(session, data)
    del data  # the plan holds everything now: a file read here is freed before the write
    if not replace:
        refuse_existing(session, plan)
    write(session, plan, progress=progress, cancel=cancel)
    return LoadSummary(
        organisations=len(plan.organisations),
        people=len(plan.people),
        events=len(plan.events),
        items=sum(len(e.items) for e in plan.events),
        participants=sum(len(e.participants) for e in plan.events),
        event_codes=tuple(e.code for e in plan.events),
        clusters=len(plan.clusters),
        pairings=len(plan.pairings),
        travel=sum(len(e.legs) for e in plan.events),
        stays=sum(len(e.stays) for e in plan.events),
    )


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused for the block."""
    # Checking a season's file makes millions of objects that all stay alive: each full collection
    # would walk them all again for nothing (a tenth of a load's time). Not while writing: replacing
    # events goes through ORM objects, whose cycles must be collected as it goes.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# A \uD800-\uDFFF escape: half of a pair, which JSON allows but no text can store alone.
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _refuse_lone_surrogates(data: Any, name: str, where: str = "") -> None:
    """Refuse text holding half of a UTF-16 surrogate pair, naming where it is."""
    if isinstance(data, str):
        try:
            data.encode("utf-8")
        except UnicodeEncodeError:
            raise ValidationError(f"{name}: {where or 'a value'}: holds a broken character (half of a \\u escape pair)") from None
    elif isinstance(data, dict):
        for key, value in data.items():
            _refuse_lone_surrogates(key, name, where)
            _refuse_lone_surrogates(value, name, f"{where}.{key}" if where else str(key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            _refuse_lone_surrogates(value, name, f"{where}[{i}]")


class _Twice(dict):  # type: ignore[type-arg]
    """An object of the file that gives a field more than once; `names` says which."""

    __slots__ = ("names",)


def _parse(text: str, name: str) -> Any:
    """The JSON in `text`; ValidationError naming each object that gives a field twice.

    Python keeps the last of two equal keys without a word, so a file edited by hand could
    load another value than the one its author sees. Control characters inside strings are
    read (not strict), so that the text gate names the field that holds them.
    """
    twice: list[_Twice] = []

    def pairs_to_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        found = dict(pairs)
        if len(found) == len(pairs):
            return found
        duplicated = _Twice(found)
        duplicated.names = [key for key, n in Counter(key for key, _ in pairs).items() if n > 1]
        twice.append(duplicated)
        return duplicated

    data = json.loads(text, strict=False, object_pairs_hook=pairs_to_object)
    if twice:
        raise ValidationError([f"{name}: {where or 'the top level'}: gives {_listed(names)} twice; "
                               "give each field once, with the value meant" for where, names in _duplicated(data)])
    return data


def _duplicated(data: Any, where: str = "") -> Iterator[tuple[str, list[str]]]:
    """Where each object that gives a field twice is, with the fields it repeats."""
    if isinstance(data, _Twice):
        yield where, data.names
    if isinstance(data, dict):
        for key, value in data.items():
            key = text_gate.shown(key)  # part of a message: nothing in it may act on a terminal
            yield from _duplicated(value, f"{where}.{key}" if where else key)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _duplicated(value, f"{where}[{i}]")


def _listed(names: list[str]) -> str:
    """The field names quoted as JSON writes them (escapes shown, not run), joined with "and"."""
    quoted = [json.dumps(n) for n in names]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"


def read_programme_file(path: Path) -> dict[str, Any]:
    """The JSON object in `path`, or a ValidationError that says why it cannot be read."""
    path = Path(path)
    try:
        check_size(path.stat().st_size, PROGRAMME_SIZE, str(path))
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ValidationError(f"{path}: no such file") from None
    except OSError as exc:
        raise ValidationError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(f"{path}: is not UTF-8 text (byte {exc.start}); save it as UTF-8 JSON") from None
    del raw  # a season's file: its bytes need not stay beside its text and objects
    try:
        data = _parse(text, str(path))
    except json.JSONDecodeError as exc:
        raise ValidationError(f"{path}: is not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise ValidationError(f"{path}: nests lists or objects too deeply to be a programme file (it nests 4 deep)") from None
    except ValueError as exc:  # Python refuses numbers of thousands of digits
        why = "it holds a number of thousands of digits" if "digits" in str(exc) else first_line(exc)
        raise ValidationError(f"{path}: is not a programme file ({why})") from None
    if _ESCAPED_SURROGATE.search(text):
        _refuse_lone_surrogates(data, str(path))
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        found = data.get("format") if isinstance(data, dict) else None
        what = f"its format is {found!r}" if found else "it has no \"format\" field"
        raise ValidationError(f"{path}: is not a programme file ({what}; expected \"format\": \"{FORMAT}\")")
    return data


def load_programme_file(session: Session, path: Path, *, replace: bool = False,
                        progress: Progress = no_progress, cancel: CancelToken | None = None) -> LoadSummary:
    """Load the programme file at `path` (see `load_programme`)."""
    return load_programme(session, read_programme_file(path), replace=replace, progress=progress, cancel=cancel)
