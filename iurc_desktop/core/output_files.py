"""Files the app writes: whole or not at all, and only once the work that produced them is done.

This is the one way to disk for every export, backup and settings file. A file is
first written to a hidden staged name beside its destination (same folder, so
the final move is an atomic rename) and moved into place by `publish()`, or
removed by `discard()`. A unit of work moves its files into place just before its
transaction commits, keeping each file they replace aside: after the commit the
old ones go (`settle`), and if the commit fails they come back (`restore`). So a
file on disk always matches what the database says was done, and a file that
cannot be written leaves nothing recorded.

Staged files may carry personal data, so they are created owner-only (0600) and get
the user's usual permissions only as they are moved into place; their names carry
nothing of the destination's name (which may be a person's e-mail) but its suffix.
Each set of staged files is listed in a small owner-only journal in the user data
folder; a crash (power cut, kill) leaves the journal behind, and `sweep_leftovers()`
at the next start removes the staged files it names (with a SQLite journal beside
one), and the temporary files of `temporary_files`.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import temporary_files
from .errors import IurcError, ValidationError
from .paths import data_dir, private_dir

STAGED_MARK = ".iurc-staged"
_JOURNALS = "staging"
_OWNER_ONLY = 0o600
_SQLITE_SIDE_FILES = ("-journal", "-wal", "-shm")  # a staged backup is a SQLite database while it is written


def _journal_folder() -> Path:
    return data_dir() / _JOURNALS


def size_text(n: int) -> str:
    """A file's size as a person reads it: '459 kB', '12.3 MB'."""
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{max(1, round(n / 1000))} kB"


def staged_name(target: Path) -> Path:
    """The hidden name a file is written under before it is moved to `target`."""
    return target.with_name(f".iurc-{uuid.uuid4().hex[:12]}{target.suffix}{STAGED_MARK}")


class OutputFiles:
    """Files staged beside their destinations, moved into place together or removed together."""

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path]] = []  # (staged, target)
        self._placed: list[tuple[Path, Path | None]] = []  # (target, what it replaced, kept aside)
        self._journal: Path | None = None

    @property
    def targets(self) -> tuple[Path, ...]:
        return tuple(target for _, target in self._staged)

    def stage(self, path: Path) -> Path:
        """A staged path to write `path`'s content to; it reaches `path` on `publish()`."""
        target = Path(path).expanduser()
        folder = target.parent if str(target.parent) else Path(".")
        if not folder.is_dir():
            raise ValidationError(f"{target}: the folder {folder} does not exist")
        if target.is_dir():
            raise ValidationError(f"Cannot write {target}: it is a folder; give a file name.")
        staged = staged_name(target)
        self._note(staged)
        os.close(os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _OWNER_ONLY))  # writers keep the mode
        self._staged.append((staged, target))
        return staged

    def write(self, path: Path, data: bytes) -> Path:
        """Stage `data` for `path`; returns `path`."""
        staged = self.stage(path)
        staged.write_bytes(data)
        return Path(path)

    def publish(self) -> tuple[Path, ...]:
        """Move every staged file into place (replacing what was there) and forget them."""
        placed = self.place()
        self.settle()
        return placed

    def place(self) -> tuple[Path, ...]:
        """Move every staged file into place, keeping each file it replaces aside until `settle` or `restore`.

        If one cannot be moved, the ones already placed are put back and the error raised.
        """
        try:
            for staged, target in self._staged:
                aside = None
                if target.exists():
                    aside = staged_name(target)
                    self._note(aside)
                    _replace(target, aside)
                try:
                    staged.chmod(_usual_mode())
                    _replace(staged, target)
                except BaseException:
                    if aside is not None:
                        os.replace(aside, target)
                    raise
                self._placed.append((target, aside))
        except BaseException:
            self.restore()
            raise
        return tuple(target for target, _ in self._placed)

    def settle(self) -> None:
        """The placed files stay: drop what they replaced, and forget everything."""
        for _, aside in self._placed:
            if aside is not None:
                aside.unlink(missing_ok=True)
        self._placed.clear()
        self.discard()

    def restore(self) -> None:
        """Take placed files back out and put back what they replaced; remove what is still staged."""
        for target, aside in reversed(self._placed):
            target.unlink(missing_ok=True)
            if aside is not None:
                os.replace(aside, target)
        self._placed.clear()
        self.discard()

    def discard(self) -> None:
        """Remove every staged file not yet moved into place."""
        for staged, _ in self._staged:
            staged.unlink(missing_ok=True)
        self._staged.clear()
        if self._journal is not None and not self._placed:
            self._journal.unlink(missing_ok=True)
            self._journal = None

    def _note(self, staged: Path) -> None:
        """List `staged` in this set's journal before the file exists, so a crash cannot orphan it."""
        try:
            if self._journal is None:
                self._journal = private_dir(_journal_folder()) / f"{os.getpid()}-{uuid.uuid4().hex[:12]}.list"
            handle = os.open(self._journal, os.O_WRONLY | os.O_CREAT | os.O_APPEND, _OWNER_ONLY)
            with open(handle, "a", encoding="utf-8") as journal:
                journal.write(f"{staged.resolve()}\n")
        except OSError:
            pass  # no journal (read-only data folder): the staged name still marks the file as not done


def _usual_mode() -> int:
    """The permissions a new file gets from the user's umask."""
    mask = os.umask(0o077)  # umask can only be read by setting it; meanwhile another thread's new file is private
    os.umask(mask)
    return 0o666 & ~mask


def _replace(source: Path, target: Path) -> None:
    """os.replace, with a plain message when another program holds the file (Excel on Windows)."""
    try:
        os.replace(source, target)
    except PermissionError as exc:
        raise IurcError(f"Cannot write {target}: {exc.strerror} (is it open in another program?)") from None


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """A staged path that replaces `path` only if the block succeeds."""
    files = OutputFiles()
    staged = files.stage(path)
    try:
        yield staged
    except BaseException:
        files.discard()
        raise
    files.publish()


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all."""
    with atomic_output(path) as staged:
        staged.write_bytes(data)


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text (with \\n line ends) to `path` whole or not at all."""
    write_atomic(path, text.encode("utf-8"))


def sweep_leftovers() -> int:
    """Remove staged and temporary files left by processes that died before finishing; returns how many."""
    return _sweep_staged() + temporary_files.sweep()


def _sweep_staged() -> int:
    """Remove the staged files named by the journals of processes no longer running."""
    try:
        journals = list(_journal_folder().glob("*.list"))
    except OSError:
        return 0
    removed = 0
    for journal in journals:
        if temporary_files.owner_alive(journal):
            continue
        try:
            names = journal.read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        for name in names:
            staged = Path(name)
            if not staged.name.endswith(STAGED_MARK):  # only what this module made
                continue
            for path in (staged, *(Path(f"{staged}{side}") for side in _SQLITE_SIDE_FILES)):
                if path.exists():
                    path.unlink(missing_ok=True)
                    removed += 1
        journal.unlink(missing_ok=True)
    return removed
