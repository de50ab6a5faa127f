"""Temporary files the app needs while it works (openpyxl streams each sheet into one before zipping it).

They are made in the app's own owner-only folder (`paths.temp_dir()`), never in the shared system temp
folder: each process works in a folder of its own named `<pid>-…` (0700), and each file is owner-only
(0600). Whoever makes a file removes it when done, on success and on failure (`removed_afterwards` does it
for a library that forgets on failure); the folder goes when the
process exits; and what a crash (kill, power cut) leaves behind is removed at the next start by `sweep()`,
which deletes the folders of processes no longer running.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from .errors import IurcError
from .paths import temp_dir

_STALE_AFTER_S = 3600.0  # where a process cannot be asked after (Windows), its files are trusted this long
_CLOCK_SLACK_S = 2.0  # boot time is whole seconds and clocks get adjusted: doubt means the owner may be alive
_own: dict[int, Path] = {}  # process id -> its folder (a forked child makes its own)
_making = threading.Lock()  # exports run in worker threads: one folder per process, not one per thread
_scopes = threading.local()  # each thread's open `removed_afterwards` blocks, innermost last


def own_folder() -> Path:
    """This process's temporary folder, made owner-only on first use and removed when the process exits."""
    with _making:
        folder = _own.get(os.getpid())
        if folder is None or not folder.is_dir():
            folder = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=temp_dir()))  # mkdtemp makes it 0700
            _own[os.getpid()] = folder
        return folder


def new_file(prefix: str = "", suffix: str = "") -> Path:
    """A new empty owner-only file in this process's temporary folder; the caller removes it when done."""
    try:
        handle, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=own_folder())  # mkstemp makes it 0600
    except OSError as exc:
        where = Path(exc.filename).parent if exc.filename else "the app's data folder"
        raise IurcError(f"Cannot make a temporary file in {where}: {exc.strerror or exc}. IURC Desktop keeps its "
                        "temporary files there, not in the shared system folder: make it writable.") from None
    os.close(handle)
    path = Path(name)
    for made in getattr(_scopes, "open", ()):
        made.append(path)
    return path


@contextmanager
def removed_afterwards() -> Iterator[None]:
    """Remove the temporary files this thread makes in the block when it ends, also those a failing library forgets."""
    made: list[Path] = []
    scopes = _scopes.__dict__.setdefault("open", [])
    scopes.append(made)
    try:
        yield
    finally:
        scopes.remove(made)
        for path in made:
            with suppress(OSError):  # still open elsewhere (Windows): the exit or the next start removes it
                path.unlink(missing_ok=True)


def sweep() -> int:
    """Remove the temporary folders of processes no longer running; returns how many files went with them."""
    try:
        folders = [folder for folder in temp_dir().iterdir() if folder.is_dir()]
    except OSError:
        return 0
    removed = 0
    for folder in folders:
        if owner_alive(folder):
            continue
        removed += sum(1 for path in folder.rglob("*") if path.is_file())
        shutil.rmtree(folder, ignore_errors=True)
    return removed


def owner_alive(path: Path) -> bool:
    """Whether the process whose id starts `path`'s name (`<pid>-…`) may still be working on it."""
    pid_text = path.name.split("-", 1)[0]
    if not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if _started_after(pid, path):  # the id was reused (after a restart, perhaps by this very process)
        return False
    if pid == os.getpid():
        return True
    if os.name != "posix":  # no harmless way to ask: trust age
        try:
            return time.time() - path.stat().st_mtime < _STALE_AFTER_S
        except OSError:
            return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _started_after(pid: int, path: Path) -> bool:
    """Whether process `pid` started after `path` last changed, so cannot have made it (Linux; elsewhere False)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()  # the name may hold spaces
        boot = next(int(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines()
                    if line.startswith("btime "))
        started = boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22, starttime, in ticks since boot
        return started > path.stat().st_mtime + _CLOCK_SLACK_S
    except (OSError, ValueError, IndexError, StopIteration):
        return False


@atexit.register
def _remove_own() -> None:
    """At exit: this process's folder and whatever a library left in it (a forked child leaves its parent's alone)."""
    folder = _own.pop(os.getpid(), None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
