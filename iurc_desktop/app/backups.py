"""The database as a whole: backups, restoring one, copying to another database, the backup on close.

These work on the database's file or URL, not in a transaction: SQLite's backup
API takes a consistent copy of a live database, and a restore replaces the file
while no connection is open (the caller disposes its `Database` first).
Restoring and copying keep the erasure register: whoever was erased in the
database being replaced, or in the backup or copy itself, is erased again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core import backup as core_backup
from ..core.backup import BackupInfo
from ..core.errors import IurcError
from ..core.people import erasure_backups
from ..core.progress import CancelToken, Progress, no_progress
from ..core.team import copying
from ..core.team.copying import CopyReport
from . import database

__all__ = [
    "BackupInfo", "CopyReport", "Restored", "backup", "check_backup", "copy", "erased_again_text", "restore",
    "rotating_backup",
]


def backup(url: str | None, target: Path, *, progress: Progress = no_progress) -> BackupInfo:
    """A consistent copy of the (SQLite) database at `url` written to `target`, whole or not at all.

    A server database is refused with a pointer to its own tools before connecting; a missing
    file is created and migrated first, so the backup is of a database this version opens.
    """
    resolved = database.resolve_url(url)
    core_backup.sqlite_path(resolved)
    database.open(resolved).dispose()
    progress(0, 0, f"Writing {Path(target).name}…")
    return core_backup.backup_to(resolved, Path(target))


def check_backup(source: Path) -> BackupInfo:
    """What `source` holds, refused (with why) unless it is a backup this version can restore."""
    return core_backup.inspect_backup(Path(source))


@dataclass(frozen=True)
class Restored:
    """A restore's result: the file, where the previous one was kept (None: none), how many were erased again."""

    path: Path
    aside: Path | None
    erased_again: int = 0


def restore(url: str | None, source: Path, *, progress: Progress = no_progress) -> Restored:
    """Replace the (SQLite) database at `url` with the backup `source`, keeping the current file aside.

    Before it takes the database's place, the restored copy is upgraded, its erasure register merged with
    the current one, and whoever the two name erased again. Nothing may hold the database open meanwhile
    (dispose the `Database` first).
    """
    resolved = database.resolve_url(url)
    path = core_backup.sqlite_path(resolved)
    existed = path.exists()
    progress(0, 0, f"Restoring {Path(source).name}…")
    current = erasure_backups.register_of(path) if existed else []
    erased_again: list[int] = []
    try:
        aside = core_backup.restore_from(resolved, Path(source),
                                         lambda staged: erased_again.append(erasure_backups.replay_file(staged, current)))
    except IurcError as exc:
        raise IurcError(f"{source} was not restored; the database at {path} is unchanged.\n{exc}") from exc
    database.open(resolved).dispose()  # start-up chores, as on any open
    return Restored(path, aside if existed else None, sum(erased_again))


def erased_again_text(count: int) -> str:
    """What a restore or copy tells about the erased people it erased again (never who); "" for none."""
    if not count:
        return ""
    return "1 erased person was erased again." if count == 1 else f"{count} erased people were erased again."


def copy(source_url: str | None, target_url: str, *, overwrite: bool = False, progress: Progress = no_progress,
         cancel: CancelToken | None = None) -> CopyReport:
    """Copy every row of one database into another (SQLite <-> PostgreSQL), all or nothing, counts checked."""
    return copying.copy_database(database.resolve_url(source_url), database.resolve_url(target_url),
                                 overwrite=overwrite, progress=progress, cancel=cancel)


def rotating_backup(url: str, folder: Path) -> BackupInfo:
    """The automatic backup (on closing the window) into `folder`, keeping the newest few."""
    return core_backup.rotate_backup(url, Path(folder), reason="auto")
