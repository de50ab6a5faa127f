"""A damaged database found on opening it: the window lists its newest backups and restores the chosen one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from iurc_desktop.app import backups
from iurc_desktop.ui.dialogs.damaged_database import DamagedDatabaseDialog
from iurc_desktop.ui.shell import app
from tests.cli_support import make_demo

pytestmark = pytest.mark.sqlite_only("a SQLite file damaged on disk")


def _damage(path: Path) -> bytes:
    """Overwrite 4 KB in the middle of the file; the damaged bytes."""
    with path.open("r+b") as f:
        f.seek(path.stat().st_size // 2)
        f.write((b"IURC damaged sector " * 205)[:4096])
    return path.read_bytes()


@pytest.fixture
def damaged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """The demo database with two backups beside it (the newest chosen by default), then damaged."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # backups of other tests are not listed
    path = make_demo(tmp_path)
    (tmp_path / "backups").mkdir()
    older = backups.backup(str(path), tmp_path / "backups" / "older.db").path
    os.utime(older, (1_000_000_000, 1_000_000_000))
    newest = backups.backup(str(path), tmp_path / "backups" / "newest.db").path
    _damage(path)
    return path, newest


def test_opening_a_damaged_database_lists_its_backups_and_restore_reopens_it(qtbot, damaged, monkeypatch):
    path, newest = damaged
    seen: list[list[str]] = []

    def choose_and_restore(dialog: DamagedDatabaseDialog) -> int:
        seen.append([dialog.backups.item(r).text() for r in range(dialog.backups.count())])
        assert dialog.restore_chosen()  # Restore on the preselected, newest backup
        return DamagedDatabaseDialog.DialogCode.Accepted

    monkeypatch.setattr(DamagedDatabaseDialog, "exec", choose_and_restore)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: pytest.fail(f"no error box expected: {a[2]}"))
    window = app.start(str(path))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.data_shown, timeout=10000):
        pass
    assert len(seen) == 1 and "newest.db" in seen[0][0] and "older.db" in seen[0][1]
    assert window.db is not None
    kept = next(path.parent.glob("demo.damaged-*.db"))
    assert told == [f"Restored {path} from {newest}.\n\nThe damaged file was kept as {kept}."]
    from iurc_desktop.app.events import list_events

    assert any(r.code == "r2r-japan-2022" for r in list_events(window.db))
    window.tasks.shutdown()
    window.db.dispose()


def test_quitting_instead_of_restoring_ends_with_status_1_and_leaves_the_file_alone(qtbot, damaged, monkeypatch):
    path, _ = damaged
    before = path.read_bytes()
    monkeypatch.setattr(DamagedDatabaseDialog, "exec", lambda dialog: DamagedDatabaseDialog.DialogCode.Rejected)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: pytest.fail("the dialog said it already"))
    assert app.run(str(path)) == 1
    assert path.read_bytes() == before
    assert not list(path.parent.glob("demo.damaged-*.db"))


def test_a_refused_backup_is_said_in_the_dialog_which_stays_open(qtbot, damaged, tmp_path):
    path, newest = damaged
    from iurc_desktop.app import recovery as app_recovery
    from iurc_desktop.core.errors import DatabaseDamaged

    bad = tmp_path / "backups" / "not-a-backup.db"
    bad.write_text("not a database")
    dialog = DamagedDatabaseDialog(DatabaseDamaged(path), app_recovery.latest_backups(str(path)),
                                   lambda p: app_recovery.restore(str(path), p))
    qtbot.addWidget(dialog)
    dialog.choose_file = lambda: str(bad)
    assert not dialog.restore_other()
    assert dialog.problem.text().startswith("⚠ Not restored:") and "not-a-backup.db" in dialog.problem.text()
    assert dialog.result() != DamagedDatabaseDialog.DialogCode.Accepted
    assert path.exists() and not list(path.parent.glob("demo.damaged-*.db"))  # the damaged file stays where it was


def test_damage_found_while_working_offers_the_backups_and_reopens_the_restored_database(
        qtbot, window, tmp_path, monkeypatch):
    from dataclasses import replace
    from datetime import date

    from iurc_desktop.app.events import list_events
    from iurc_desktop.core.errors import DatabaseDamaged
    from iurc_desktop.core.models import Event

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # backups of other tests are not listed
    window.settings = replace(window.settings, backup_folder=str(tmp_path / "mine"))
    (tmp_path / "mine").mkdir()
    backup = backups.backup(window.db.url, tmp_path / "mine" / "before.db").path
    with window.db.transaction() as s:
        s.add(Event(code="after-backup", kind="webinar", title="Added after the backup", zone="Europe/Brussels",
                    start_date=date(2026, 5, 1), end_date=date(2026, 5, 1)))
    old = window.db
    listed: list[str] = []

    def restore_newest(dialog: DamagedDatabaseDialog) -> int:
        listed.append(dialog.backups.item(0).text())
        assert dialog.restore_chosen()
        return DamagedDatabaseDialog.DialogCode.Accepted

    monkeypatch.setattr(DamagedDatabaseDialog, "exec", restore_newest)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: pytest.fail(f"no message box expected: {box.text()}"))
    window.report(DatabaseDamaged(old.file, [backup]))
    qtbot.waitUntil(lambda: window.db is not old, timeout=5000)
    assert "before.db" in listed[0]
    codes = {r.code for r in list_events(window.db)}
    assert "r2r-test" in codes and "after-backup" not in codes  # the backup's data, reopened in the same window


def test_the_dialog_lists_only_this_databases_backups_and_never_preselects_one_of_unknown_source(
        qtbot, damaged, tmp_path):
    from iurc_desktop.app import recovery as app_recovery
    from iurc_desktop.core.errors import DatabaseDamaged
    from iurc_desktop.core.paths import data_dir

    path, newest = damaged
    other = tmp_path / "elsewhere" / "other.db"
    other.parent.mkdir()
    other.write_bytes(newest.read_bytes())
    their_auto = backups.rotating_backup(f"sqlite:///{other}", data_dir() / "backups").path  # newer than any of this one's
    by_hand = tmp_path / "backups" / "copied-by-hand.db"
    by_hand.write_bytes(newest.read_bytes())  # beside it, source not noted, and the newest of all
    found = app_recovery.latest_backups(str(path))
    dialog = DamagedDatabaseDialog(DatabaseDamaged(path), found, lambda p: None)
    qtbot.addWidget(dialog)
    lines = [dialog.backups.item(r).text() for r in range(dialog.backups.count())]
    assert not any(their_auto.name in line for line in lines)
    assert "copied-by-hand.db" in lines[0] and lines[0].endswith("source unknown")
    assert dialog.chosen() == newest.resolve() and "source unknown" not in lines[1]

    only_unknown = DamagedDatabaseDialog(DatabaseDamaged(path), found[:1], lambda p: None)
    qtbot.addWidget(only_unknown)
    assert only_unknown.chosen() is None and not only_unknown.restore_button.isEnabled()
    only_unknown.backups.setCurrentRow(0)  # the user's own choice, after the warning above the list
    assert only_unknown.restore_button.isEnabled()
