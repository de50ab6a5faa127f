"""One user action: a transaction and the files it writes, committed together or not at all.

`@reads` and `@writes(...)` turn a function of a `UnitOfWork` into a use case
called with a `Database`: `send_invites(db, code, path=...)`. The unit of work
stages every output file beside its destination; after the transaction commits
the files are moved into place, and if anything fails (a refused edit, Cancel,
a full disk, a failed commit) they are removed and the database is unchanged.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from ..core.output_files import OutputFiles
from ..core.progress import CancelToken
from .changes import Outcome, Topic

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ..core.db import Database

P = ParamSpec("P")
T = TypeVar("T")


class UnitOfWork:
    """A session plus the output files of one action; leave the block without error to commit."""

    def __init__(self, db: Database, *, write: bool) -> None:
        self.db = db
        self.write_mode = write
        self.files = OutputFiles()
        self.changed: set[Topic] = set()
        self._unless_published: list[Callable[[Session], None]] = []
        self._context = db.transaction() if write else db.reading()
        self.session: Session

    def __enter__(self) -> UnitOfWork:
        self.session = self._context.__enter__()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        try:
            self._context.__exit__(exc_type, exc, tb)  # commits (or, for a read, closes) or rolls back
        except BaseException:
            self.files.discard()
            raise
        if exc_type is not None:
            self.files.discard()
            return
        try:
            self.files.publish()
        except BaseException:
            self._take_back()
            raise

    def stage(self, path: Path) -> Path:
        """Where to write `path`'s content; it reaches `path` only when this action succeeds."""
        return self.files.stage(path)

    def write(self, path: Path, data: bytes) -> Path:
        """Write `data` to `path` when this action succeeds."""
        return self.files.write(path, data)

    def unless_published(self, undo: Callable[[Session], None]) -> None:
        """Run `undo` in a transaction of its own if the files cannot be put in place after the commit.

        A record that says a file went out (an invite marked sent) must not outlive the file.
        """
        self._unless_published.append(undo)

    def _take_back(self) -> None:
        if not self._unless_published:
            return
        try:
            with self.db.transaction() as session:
                for undo in self._unless_published:
                    undo(session)
        except Exception:  # noqa: BLE001 - the user is told why the file was not written; this would hide it
            pass

    def check(self, cancel: CancelToken | None) -> None:
        """Stop here (everything rolled back, no file written) if the user pressed Cancel."""
        if cancel is not None:
            cancel.check()


def reads(fn: Callable[Concatenate[UnitOfWork, P], T]) -> Callable[Concatenate[Database, P], T]:
    """A use case that changes nothing in the database (it may still write files)."""

    @functools.wraps(fn)
    def run(db: Database, /, *args: P.args, **kwargs: P.kwargs) -> T:
        with UnitOfWork(db, write=False) as uow:
            return fn(uow, *args, **kwargs)

    run.kind = "read"  # type: ignore[attr-defined]
    return run


def writes(*topics: Topic) -> Callable[[Callable[Concatenate[UnitOfWork, P], T]], Callable[Concatenate[Database, P], Outcome[T]]]:
    """A use case that changes the data of `topics` (more may be added on the way with `uow.changed`)."""

    def wrap(fn: Callable[Concatenate[UnitOfWork, P], T]) -> Callable[Concatenate[Database, P], Outcome[T]]:
        @functools.wraps(fn)
        def run(db: Database, /, *args: P.args, **kwargs: P.kwargs) -> Outcome[T]:
            with UnitOfWork(db, write=True) as uow:
                uow.changed.update(topics)
                value = fn(uow, *args, **kwargs)
            return Outcome(value, frozenset(uow.changed))

        run.kind = "write"  # type: ignore[attr-defined]
        run.topics = frozenset(topics)  # type: ignore[attr-defined]
        return run

    return wrap
