"""One user action is one transaction and its files: both land, or neither does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from iurc_desktop.app.changes import Outcome, Topic
from iurc_desktop.app.unit_of_work import UnitOfWork, reads, writes
from iurc_desktop.core import output_files
from iurc_desktop.core.db import Database
from iurc_desktop.core.errors import Cancelled, ValidationError
from iurc_desktop.core.models import Organisation
from iurc_desktop.core.progress import CancelToken


@writes(Topic.ORGANISATIONS)
def _add_and_write(uow: UnitOfWork, name: str, path: Path, *, fail: bool = False) -> int:
    organisation = Organisation(key=name.lower(), name=name, kind="city", sector="government", country="JP", zone="Asia/Tokyo")
    uow.session.add(organisation)
    uow.session.flush()
    uow.write(path, name.encode())
    if fail:
        raise ValidationError("refused after the file was written")
    return organisation.id


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A folder for output files, apart from the database's own files."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@reads
def _count(uow: UnitOfWork) -> int:
    return uow.session.scalar(select(func.count()).select_from(Organisation)) or 0


def test_a_write_returns_its_value_and_what_changed_and_puts_the_file_in_place(db: Database, out: Path) -> None:
    outcome = _add_and_write(db, "Aichi", out / "a.txt")
    assert isinstance(outcome, Outcome) and outcome.changed == frozenset({Topic.ORGANISATIONS})
    assert isinstance(outcome.value, int)
    assert (out / "a.txt").read_bytes() == b"Aichi"
    assert [p.name for p in out.iterdir()] == ["a.txt"]
    assert _count(db) == 1


def test_a_refused_action_leaves_neither_the_row_nor_the_file(db: Database, out: Path) -> None:
    with pytest.raises(ValidationError):
        _add_and_write(db, "Aichi", out / "a.txt", fail=True)
    assert list(out.iterdir()) == []
    assert _count(db) == 0


def test_a_failed_commit_leaves_no_file(db: Database, out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file is staged while the transaction runs and removed when the commit fails."""
    from sqlalchemy.orm import Session

    def failing_commit(self: Session) -> None:
        raise RuntimeError("database is locked")

    monkeypatch.setattr(Session, "commit", failing_commit)
    with pytest.raises(RuntimeError):
        _add_and_write(db, "Aichi", out / "a.txt")
    assert list(out.iterdir()) == []


def test_an_existing_file_is_kept_until_the_action_succeeds(db: Database, out: Path) -> None:
    target = out / "a.txt"
    target.write_bytes(b"old")
    with pytest.raises(ValidationError):
        _add_and_write(db, "Aichi", target, fail=True)
    assert target.read_bytes() == b"old"
    _add_and_write(db, "Osaka", target)
    assert target.read_bytes() == b"Osaka"


def test_cancel_before_commit_rolls_back_and_writes_nothing(db: Database, out: Path) -> None:
    token = CancelToken()

    @writes(Topic.ORGANISATIONS)
    def cancellable(uow: UnitOfWork) -> None:
        _add_and_write.__wrapped__(uow, "Aichi", out / "a.txt")  # type: ignore[attr-defined]
        token.cancel()
        uow.check(token)

    with pytest.raises(Cancelled):
        cancellable(db)
    assert list(out.iterdir()) == [] and _count(db) == 0


def test_files_staged_by_a_killed_process_are_removed_at_the_next_start(tmp_path: Path) -> None:
    """A crash between staging and publishing leaves a journal; the next open sweeps what it names."""
    out = tmp_path / "out"
    out.mkdir()
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from iurc_desktop.core.output_files import OutputFiles\n"
        "files = OutputFiles()\n"
        f"files.write(Path({str(out / 'roster.csv')!r}), b'Ane Etxeberria,passport X1')\n"
        "os._exit(9)  # dies before publish or discard\n"
    )
    done = subprocess.run([sys.executable, "-c", script], env=os.environ.copy(), timeout=60)
    assert done.returncode == 9
    left = list(out.iterdir())
    assert len(left) == 1 and left[0].name.endswith(output_files.STAGED_MARK)

    from iurc_desktop.app import database

    opened = database.open(f"sqlite:///{tmp_path / 'x.db'}")
    opened.dispose()
    assert list(out.iterdir()) == []


def test_a_live_process_keeps_its_staged_files(tmp_path: Path) -> None:
    files = output_files.OutputFiles()
    staged = files.stage(tmp_path / "a.txt")
    staged.write_bytes(b"half")
    assert output_files.sweep_leftovers() == 0 and staged.exists()
    files.discard()
    assert list(tmp_path.iterdir()) == []


def test_a_failed_commit_puts_back_the_file_it_would_have_replaced(db: Database, out: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Files are placed just before the commit; a commit that fails takes them out and restores the old ones."""
    from sqlalchemy.orm import Session

    target = out / "a.txt"
    target.write_bytes(b"old")

    def failing_commit(self: Session) -> None:
        assert target.read_bytes() == b"Aichi"  # placed, the old one kept aside
        raise RuntimeError("database is locked")

    monkeypatch.setattr(Session, "commit", failing_commit)
    with pytest.raises(RuntimeError):
        _add_and_write(db, "Aichi", target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in out.iterdir()] == ["a.txt"]


def test_a_file_that_cannot_be_placed_stops_the_action_before_the_commit(db: Database, out: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output_files.os, "replace", disk_full)
    with pytest.raises(OSError):
        _add_and_write(db, "Aichi", out / "a.txt")
    monkeypatch.undo()
    assert list(out.iterdir()) == [] and _count(db) == 0


# Use cases that take the database but compose marked ones, or work beside a transaction (team-mode polling).
COMPOSED = {"app.erasure.erase_person", "app.team.guard_access", "app.team.change_counter",
            "app.outbox.send_queued"}  # one commit before and one after each message, on purpose


def test_every_use_case_on_the_database_is_marked_as_a_read_or_a_write() -> None:
    import importlib
    import inspect
    import pkgutil

    import iurc_desktop.app as app

    unmarked = []
    for info in pkgutil.iter_modules(app.__path__):
        module = importlib.import_module(f"iurc_desktop.app.{info.name}")
        for name, fn in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(fn) or fn.__module__ != module.__name__:
                continue
            takes_db = list(inspect.signature(fn).parameters)[:1] == ["db"]
            qualified = f"app.{info.name}.{name}"
            if takes_db and getattr(fn, "kind", None) not in ("read", "write") and qualified not in COMPOSED:
                unmarked.append(qualified)
    assert unmarked == []
    assert _add_and_write.kind == "write" and _add_and_write.topics == {Topic.ORGANISATIONS}  # type: ignore[attr-defined]
    assert _count.kind == "read"  # type: ignore[attr-defined]
