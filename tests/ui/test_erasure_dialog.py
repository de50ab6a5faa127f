"""Erasing from the window: the person page's Erase person… lists the backups that hold them and purges them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand

from iurc_desktop.app import backups

from .conftest import VIEWER_ZONE

pytestmark = pytest.mark.sqlite_only("backups are SQLite files")

EMAIL = "ane@example.eus"


@pytest.fixture
def win(qtbot, sample_db, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from iurc_desktop.ui.shell.main_window import MainWindow

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # the window's backup folder is this test's own
    window = MainWindow(sample_db, viewer_zone=VIEWER_ZONE)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.tasks.shutdown()


def _open_person(win, qtbot, email: str):
    page = win.show_page("people")
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).email == email)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(row, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    return win.person_page


def test_the_erase_dialog_lists_the_backups_by_date_and_also_erases_the_person_from_them(win, qtbot, tmp_path: Path) -> None:
    chosen = backups.backup(win.db.url, tmp_path / "chosen.db")
    auto = backups.rotating_backup(win.db.url, win.settings.backup_dir())
    page = _open_person(win, qtbot, EMAIL)
    win.undo_stack.push(QUndoCommand("an earlier step"))
    seen: dict[str, object] = {}

    def confirm(dialog) -> bool:  # type: ignore[no-untyped-def]
        seen["lines"] = [dialog.listing.item(i).text() for i in range(dialog.listing.count())]
        seen["tips"] = [dialog.listing.item(i).toolTip() for i in range(dialog.listing.count())]
        seen["checked"] = dialog.purge_box.isChecked()
        seen["default"] = dialog.keep.isDefault() and not dialog.confirm.isDefault()
        return True

    page.confirm_erasure = confirm
    assert "&" in page.erase_button.text()  # keyboard: Alt+A
    page.erase_button.click()
    assert seen["tips"] == [str(chosen.path), str(auto.path)]  # oldest first
    assert all(" UTC — " in line for line in seen["lines"]) and seen["checked"] and seen["default"]
    qtbot.waitUntil(lambda: "backups" in win.statusBar().currentMessage(), timeout=20000)
    assert win.statusBar().currentMessage() == "Erased the person from 2 of 2 backups."
    for path in (chosen.path, auto.path):
        assert b"Etxeberria" not in path.read_bytes() and EMAIL.encode() not in path.read_bytes()
        assert b"Suzuki" in path.read_bytes()  # everyone else stays in the backup
    assert win.undo_stack.count() == 0  # no step left that could write their data back
    people = win.show_page("people")
    assert EMAIL not in [people.model.row_at(r).email for r in range(people.model.rowCount())]


def test_keeping_the_person_changes_nothing(win, qtbot, tmp_path: Path) -> None:
    chosen = backups.backup(win.db.url, tmp_path / "chosen.db")
    page = _open_person(win, qtbot, EMAIL)
    page.confirm_erasure = lambda dialog: False
    page.erase_button.click()
    assert b"Etxeberria" in chosen.path.read_bytes()
    people = win.show_page("people")
    assert EMAIL in [people.model.row_at(r).email for r in range(people.model.rowCount())]


def test_restoring_an_older_backup_in_the_window_says_how_many_were_erased_again(
        win, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from iurc_desktop.app.erasure import erase_person
    from iurc_desktop.ui.shell import file_actions

    told: list[str] = []
    monkeypatch.setattr(file_actions.QMessageBox, "information", lambda _parent, _title, text: told.append(text))
    old = backups.backup(win.db.url, tmp_path / "old.db")
    erase_person(win.db, EMAIL)
    file_actions.restore_backup(win, old.path, confirm=False)
    qtbot.waitUntil(lambda: bool(told), timeout=20000)
    assert told[0].startswith("1 erased person was erased again.") and "Etxeberria" not in told[0]
    people = win.show_page("people")
    assert EMAIL not in [people.model.row_at(r).email for r in range(people.model.rowCount())]


def test_the_name_is_shown_as_written_never_read_as_markup(qtbot) -> None:
    from iurc_desktop.ui.dialogs.erasure_dialog import ErasureDialog

    dialog = ErasureDialog("<b>Bob</b> & <i>Co</i>", [])
    qtbot.addWidget(dialog)
    assert "&lt;b&gt;Bob&lt;/b&gt; &amp; &lt;i&gt;Co&lt;/i&gt;" in dialog.text.text()


def test_the_erase_dialog_lists_only_this_databases_backups_and_purging_keeps_their_dates(
        win, qtbot, tmp_path: Path) -> None:
    import os

    mine = backups.backup(win.db.url, tmp_path / "mine.db").path
    os.utime(mine, (1_000_000_000, 1_000_000_000))
    other = tmp_path / "other.db"
    other.write_bytes(mine.read_bytes())  # another database that holds the same person
    theirs = backups.rotating_backup(f"sqlite:///{other}", win.settings.backup_dir()).path
    page = _open_person(win, qtbot, EMAIL)
    seen: list[str] = []

    def confirm(dialog) -> bool:  # type: ignore[no-untyped-def]
        seen.extend(dialog.listing.item(i).toolTip() for i in range(dialog.listing.count()))
        return True

    page.confirm_erasure = confirm
    page.erase_button.click()
    assert seen == [str(mine)]
    qtbot.waitUntil(lambda: "backups" in win.statusBar().currentMessage(), timeout=20000)
    assert win.statusBar().currentMessage() == "Erased the person from 1 of 1 backups."
    assert b"Etxeberria" not in mine.read_bytes() and mine.stat().st_mtime == 1_000_000_000  # still dated when made
    assert b"Etxeberria" in theirs.read_bytes()  # not this erasure's to rewrite
