"""One user action: a transaction and the files it writes, committed together or not at all.

`@reads` and `@writes(...)` turn a function of a `UnitOfWork` into a use case
called with a `Database`: `send_invite(db, code, path)`. The unit of work
stages every output file beside its destination and moves them into place just
before the transaction commits; if anything fails (a refused edit, Cancel, a
full disk, a file that cannot be replaced, a failed commit) the files are taken
back out, what they replaced is put back, and the database is unchanged.
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
        self.files = OutputFiles()
        self.changed: set[Topic] = set()
        self._context = db.transaction() if write else db.reading()
        self.session: Session

    def __enter__(self) -> UnitOfWork:
        self.session = self._context.__enter__()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        if exc_type is None:
            try:
                self.files.place()  # a file that cannot be written stops the action before the commit
            except BaseException as failure:
                self._context.__exit__(type(failure), failure, failure.__traceback__)  # rolls back
                raise
        try:
            self._context.__exit__(exc_type, exc, tb)  # commits (or, for a read, closes) or rolls back
        except BaseException:
            self.files.restore()
            raise
        if exc_type is not None:
            self.files.restore()
            return
        self.files.settle()

    def stage(self, path: Path) -> Path:
        """Where to write `path`'s content; it reaches `path` only when this action succeeds."""
        return self.files.stage(path)

    def write(self, path: Path, data: bytes) -> Path:
        """Write `data` to `path` when this action succeeds."""
        return self.files.write(path, data)

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
