"""The way back from a damaged database: the backups found for it, and restoring one over it.

A damaged SQLite file is refused when opened (`core.recovery`); the window then
lists these backups with a Restore button, and the command line names the latest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..core import backup as core_backup
from ..core import recovery as core_recovery
from ..core.progress import Progress, no_progress
from . import backups, database
from .backups import Restored

__all__ = ["FoundBackup", "Restored", "latest_backups", "restore"]


@dataclass(frozen=True)
class FoundBackup:
    """A backup found for a database: where, when it was written (UTC), how big, and whether it is noted as its copy.

    `noted` False: a file in the `backups` folder beside the database whose source is not known.
    """

    path: Path
    written: datetime
    size: int
    noted: bool = True


def latest_backups(url: str | None, limit: int = 5) -> list[FoundBackup]:
    """The newest backups of the SQLite database at `url`: those noted as its copies, and unnoted ones beside it."""
    path = core_backup.sqlite_path(database.resolve_url(url))
    found = []
    for backup in core_recovery.latest_backups(path, limit):
        try:
            stat = backup.path.stat()
        except OSError:
            continue  # removed meanwhile
        found.append(FoundBackup(backup.path, datetime.fromtimestamp(stat.st_mtime, timezone.utc), stat.st_size,
                                 backup.noted))
    return found


def restore(url: str | None, source: Path, *, progress: Progress = no_progress) -> Restored:
    """`backups.restore`, which also works over a damaged file: that one is moved aside as it is, not copied."""
    resolved = database.resolve_url(url)
    path = core_backup.sqlite_path(resolved)
    if not core_recovery.is_damaged(path):
        return backups.restore(resolved, source, progress=progress)
    backups.check_backup(Path(source))  # a bad backup is refused before the damaged file is moved
    aside = core_recovery.move_aside(path)
    try:
        restored = backups.restore(resolved, source, progress=progress)
    except BaseException:
        core_recovery.put_back(aside, path)
        raise
    return Restored(restored.path, aside, restored.erased_again)
