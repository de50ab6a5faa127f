"""The programme as a whole: creating or upgrading the database, the demo, loading and writing programme files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core.programme import demo, file as programme_file
from ..core.programme.file import LoadSummary
from ..core.progress import CancelToken, Progress, no_progress
from . import database
from .database import database_name  # re-exported: the window takes it from app.database, loaded already
from .changes import Topic
from .unit_of_work import UnitOfWork, reads, writes

__all__ = ["DatabaseInit", "LoadSummary", "database_name", "dump_programme", "init_database", "load_demo", "load_programme", "where"]


@dataclass(frozen=True)
class DatabaseInit:
    """What `init` did: where the database is, its schema revision before (None: new) and after."""

    where: str
    before: str | None
    after: str

    @property
    def created(self) -> bool:
        return self.before is None

    @property
    def upgraded(self) -> bool:
        return self.before is not None and self.before != self.after


def where(url: str) -> str:
    """Where the database at `url` is, in words: the file path for SQLite, the URL without password otherwise."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database:
        return parsed.database
    return parsed.render_as_string(hide_password=True)


def _revision_before(url: str) -> str | None:
    """The schema revision before `init` touches it; None for a new or unreadable database."""
    from sqlalchemy.exc import SQLAlchemyError

    from ..core.db import current_revision, make_engine

    engine = make_engine(url)
    try:
        return current_revision(engine)
    except SQLAlchemyError:
        return None  # opening it will explain what is wrong with it
    finally:
        engine.dispose()


def init_database(url: str | None) -> DatabaseInit:
    """Create or upgrade the database at `url` (None: $IURC_DB or the default file) and say what changed."""
    from ..core.db import current_revision

    resolved = database.resolve_url(url)
    before = _revision_before(resolved)
    db = database.open(resolved)
    try:
        after = current_revision(db.engine)
    finally:
        db.dispose()
    return DatabaseInit(where(resolved), before, after or "")


@writes(Topic.EVERYTHING)
def load_demo(uow: UnitOfWork, *, progress: Progress = no_progress, cancel: CancelToken | None = None) -> LoadSummary:
    """Load the demo programme (idempotent)."""
    progress(0, 0, "Loading the demo programme…")
    summary = demo.load_demo(uow.session)
    uow.check(cancel)
    return summary


@writes(Topic.EVERYTHING)
def load_programme(uow: UnitOfWork, path: Path, *, replace: bool = False, progress: Progress = no_progress,
                   cancel: CancelToken | None = None) -> LoadSummary:
    """Load a programme file, all or nothing; `replace` updates events whose code exists (else Conflict)."""
    progress(0, 0, f"Loading {Path(path).name}…")
    summary = programme_file.load_programme_file(uow.session, Path(path), replace=replace, progress=progress,
                                                 cancel=cancel)
    uow.check(cancel)
    return summary


@reads
def dump_programme(uow: UnitOfWork, codes: list[str] | None = None, *, output: Path | None = None) -> str:
    """The programme file of the events `codes` (default: every event); written to `output` when given."""
    text = programme_file.dump_programme_text(uow.session, codes or None)
    if output is not None:
        uow.write(Path(output), text.encode("utf-8"))
    return text
