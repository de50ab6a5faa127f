"""The programme file (format "iurc-programme/1"): load all or nothing, dump losslessly.

A load checks the file one record at a time (`validate.Checker`) and, while every
record so far is clean, writes them in batches (`write.Writer`), so a season's
file is never held whole, as JSON objects or as plans. Once a problem is found
nothing more is written and the rest is only checked: ValidationError then lists
every problem with its path, and the caller's transaction, which the load runs
in, drops what was written. `dump_programme` is in `dump`.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from ..errors import ValidationError
from ..progress import CancelToken, Progress, no_progress
from .dump import dump_programme, dump_programme_text
from .reading import Records, Sections, Unreadable, open_programme_file, read_programme_file
from .schema import FORMAT, MISSING, Fields
from .validate import TOP_FIELDS, Checker
from .write import BATCH, Writer, conflict, event_rows

__all__ = [
    "FORMAT", "LoadSummary", "dump_programme", "dump_programme_text", "load_programme", "load_programme_file",
    "read_programme_file",
]

# The sections in the order they are written, each with those it refers to.
NEEDS: dict[str, tuple[str, ...]] = {
    "organisations": (),
    "people": ("organisations",),
    "clusters": ("organisations",),
    "pairings": ("organisations",),
    "events": ("organisations", "people", "clusters"),
}


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
    """Check `data` and write it; any problem is a ValidationError, an existing event code a Conflict unless `replace`."""
    load = _Load(session, replace, progress, cancel)
    top = Fields(data, "", load.problems, TOP_FIELDS)
    fmt = top.get("format", required=True)
    if fmt is not MISSING and fmt != FORMAT:
        top.fail("format", f"{fmt!r} is not a programme file format this version reads (expected {FORMAT!r})")
    for name in NEEDS:
        load.section(name, top.items(name))
    return load.finish()


def load_programme_file(session: Session, path: Path, *, replace: bool = False,
                        progress: Progress = no_progress, cancel: CancelToken | None = None) -> LoadSummary:
    """Load the programme file at `path` (see `load_programme`), reading it one record at a time."""
    path = Path(path)
    with open_programme_file(path) as file, _older_objects_set_aside():
        size = os.fstat(file.fileno()).st_size
        sections = Sections(file)
        load = _Load(session, replace, progress, cancel, where=lambda: (sections.read_bytes, size))
        try:
            for name, value in sections:
                load.field(name, value)
        except Unreadable:
            if not load.wrote:  # e.g. "format" not first: read whole, nothing lost
                return load_programme(session, read_programme_file(path), replace=replace, progress=progress,
                                      cancel=cancel)
            read_programme_file(path)  # says what is wrong with the file
            raise ValidationError(f"{path}: cannot be read as a programme file") from None
        return load.finish()


@contextmanager
def _older_objects_set_aside() -> Iterator[None]:
    """The objects alive before the block left out of the cycle collector's passes until it ends."""
    # A full collection walks every object alive, most of them the app's modules and mappers: a season's
    # millions of short-lived records set off a score of them, a tenth of a load's time. Cycles the
    # load itself makes (replacing events goes through ORM objects) are still collected as it goes.
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class _Load:
    """One load: sections checked record by record, written in batches while every record so far is clean."""

    def __init__(self, session: Session, replace: bool, progress: Progress, cancel: CancelToken | None,
                 where: Callable[[], tuple[int, int]] | None = None) -> None:
        self.replace, self.progress, self.cancel = replace, progress, cancel
        self.where = where or (lambda: (self.rows, 0))  # a dict in memory: rows written, total not counted
        self.problems: list[str] = []
        self.checker = Checker(session, self.problems)
        self.writer = Writer(session, self._step)
        self.conflicts: list[str] = []
        self.rows = 0
        self.wrote = False
        self.counts = dict.fromkeys(("organisations", "people", "clusters", "pairings", "events", "items",
                                     "participants", "travel", "stays"), 0)
        self.codes: list[str] = []
        self.done: set[str] = set()
        self.held: dict[str, list[Any]] = {}

    @property
    def clean(self) -> bool:
        return not self.problems and not self.conflicts

    def _step(self, rows: int, message: str) -> None:
        self.rows += rows
        done, total = self.where()
        self.progress(done, total, message)
        self._check_cancel()

    def _check_cancel(self) -> None:
        if self.cancel is not None:
            self.cancel.check()

    def field(self, name: str, value: Any) -> None:
        """One top-level field as the file gives it (a list field as `Records`)."""
        top = Fields({name: value}, "", self.problems, TOP_FIELDS)  # an unknown field is named as such
        if name not in NEEDS:
            return
        raws = value if isinstance(value, Records) else top.items(name)
        if all(n in self.done for n in NEEDS[name]):
            self.section(name, raws)
        else:  # before a section it refers to (a file not in the usual order): kept until the end
            self.held[name] = list(raws)

    def section(self, name: str, raws: Iterable[Any]) -> None:
        """Check a section's records and write them in batches while clean."""
        batch: list[Any] = []
        rows = 0
        for n, plan in enumerate(getattr(self.checker, name)(raws)):
            self._count(name, plan)
            if name == "events" and not self.problems and not self.replace and self.writer.stored_event(plan.code):
                self.conflicts.append(plan.code)
            if self.clean:
                batch.append(plan)
                rows += event_rows(plan) if name == "events" else 1
                if rows >= BATCH:
                    self._write(name, batch)
                    batch, rows = [], 0
            elif n % 1000 == 0:
                self._check_cancel()  # only checking now: no batches to check between
        self._write(name, batch)
        self.done.add(name)

    def _write(self, name: str, plans: list[Any]) -> None:
        if plans and self.clean:
            self.wrote = True
            getattr(self.writer, name)(plans)

    def _count(self, name: str, plan: Any) -> None:
        self.counts[name] += 1
        if name == "events":
            self.codes.append(plan.code)
            for kind, entries in (("items", plan.items), ("participants", plan.participants),
                                  ("travel", plan.legs), ("stays", plan.stays)):
                self.counts[kind] += len(entries)

    def finish(self) -> LoadSummary:
        """The sections kept back written, then the summary, or the refusal naming every problem."""
        for name in NEEDS:
            if name in self.held:
                self.section(name, self.held.pop(name))
        self.writer.finish()
        if self.problems:
            raise ValidationError(self.problems)
        if self.conflicts:
            raise conflict(self.conflicts)
        c = self.counts
        return LoadSummary(
            organisations=c["organisations"], people=c["people"], events=c["events"], items=c["items"],
            participants=c["participants"], event_codes=tuple(self.codes), clusters=c["clusters"],
            pairings=c["pairings"], travel=c["travel"], stays=c["stays"],
        )
