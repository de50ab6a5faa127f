"""Team mode in the window: others' changes appear with the selection kept; read-only databases say so."""

from __future__ import annotations

import shutil
import stat

import pytest
from sqlalchemy.engine import make_url

from iurc_desktop.core.db import open_database
from iurc_desktop.core.events import admin
from iurc_desktop.core.models import Person
from iurc_desktop.ui.commands.people import SetPersonField
from iurc_desktop.ui.shell.errors import describe
from iurc_desktop.ui.team import TeamMode, install_team_mode

from .conftest import VIEWER_ZONE

FAST_MS = 100


@pytest.fixture
def other(sample_db):
    """A second connection to the same database: another person's app."""
    db = open_database(sample_db.url)
    yield db
    db.dispose()


def _select(page, predicate):
    row = page.model.find_row(predicate)
    assert row >= 0
    page.table.selectRow(row)
    return row


def _stars(window):
    seen = []
    window.changes.changed.connect(lambda topic: seen.append(topic) if topic == "*" else None)
    return seen


def test_a_person_added_and_edited_elsewhere_appears_and_the_selected_row_stays_selected(qtbot, window, other):
    install_team_mode(window, interval_ms=FAST_MS)
    page = window.show_page("people")
    start = _select(page, lambda r: r.email == "minjun@example.kr")
    with other.transaction() as s:
        s.add(Person(given_name="Aaron", family_name="Aalto", email="aaron@example.fi"))  # sorts first: rows move down
        minjun = s.query(Person).filter_by(email="minjun@example.kr").one()
        minjun.job_title = "Director"
    qtbot.waitUntil(lambda: page.model.rowCount() == 4, timeout=5000)
    qtbot.waitUntil(lambda: page.current_row() is not None and page.current_row().email == "minjun@example.kr", timeout=3000)
    current = page.table.currentIndex()
    assert current.row() == start + 1
    assert page.model.index(current.row(), 5).data() == "Director"
    assert page.table.selectionModel().isRowSelected(current.row())
    assert page.count_label.text() == "4 people"


def test_an_event_renamed_elsewhere_is_shown_in_place_with_the_selection_kept(qtbot, window, other):
    install_team_mode(window, interval_ms=FAST_MS)
    page = window.show_page("events")
    row = _select(page, lambda r: r.code == "webinar-test")
    with other.transaction() as s:
        admin.rename_event(s, "webinar-test", "Green and digital cities webinar")
    qtbot.waitUntil(lambda: page.model.index(row, 2).data() == "Green and digital cities webinar", timeout=5000)
    assert page.current_row().code == "webinar-test"


def test_this_windows_own_edit_is_not_taken_for_someone_elses(qtbot, window):
    team = install_team_mode(window, interval_ms=FAST_MS)
    page = window.show_page("people")
    stars = _stars(window)
    row = page.model.row_at(0)
    window.undo_stack.push(SetPersonField(window.db, window.changes, window.report, row.id, row.name, "job_title", row.job_title, "Mayor"))
    qtbot.wait(FAST_MS * 5)
    assert stars == []
    assert team.seen == team._counter(window.db)


def test_an_open_cell_editor_waits_for_the_refresh(qtbot, window, other):
    install_team_mode(window, interval_ms=FAST_MS)
    page = window.show_page("people")
    stars = _stars(window)
    row = _select(page, lambda r: r.email == "ane@example.eus")
    page.table.edit(page.model.index(row, 5))
    with other.transaction() as s:
        s.add(Person(given_name="Aaron", family_name="Aalto", email="aaron@example.fi"))
    qtbot.wait(FAST_MS * 6)
    assert stars == [] and page.model.rowCount() == 3  # the user's edit is not swept away
    editor = page.table.focusWidget()
    page.table.commitData(editor)
    page.table.closeEditor(editor, page.table.itemDelegate().EndEditHint.NoHint)
    qtbot.waitUntil(lambda: page.model.rowCount() == 4, timeout=3000)
    qtbot.waitUntil(lambda: getattr(page.current_row(), "email", "") == "ane@example.eus", timeout=3000)


def test_installing_again_replaces_the_previous_team_mode(qtbot, window):
    first = install_team_mode(window, interval_ms=FAST_MS)
    second = install_team_mode(window, interval_ms=FAST_MS)
    assert not first.timer.isActive() and second.timer.isActive()
    assert [t for t in window.findChildren(TeamMode) if t.active] == [second]
    assert first.connect_action is second.connect_action  # one File ▸ Connect action per window


@pytest.mark.sqlite_only("a SQLite file marked read-only")
def test_a_read_only_database_says_so_and_refuses_an_edit_plainly(qtbot, sample_db, tmp_path, monkeypatch):
    from iurc_desktop.ui.shell.main_window import MainWindow

    shown = []
    monkeypatch.setattr("iurc_desktop.ui.shell.main_window.show_error", lambda parent, exc: shown.append(exc))
    sample_db.dispose()
    copy = tmp_path / "readonly.db"
    shutil.copy(make_url(sample_db.url).database, copy)
    copy.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    db = open_database(f"sqlite:///{copy}")
    try:
        win = MainWindow(db, viewer_zone=VIEWER_ZONE)
        qtbot.addWidget(win)
        win.show()
        team = install_team_mode(win, interval_ms=FAST_MS)
        assert team.read_only_label.isVisible()
        assert team.read_only_label.text() == "Read-only: the file readonly.db is read-only for you"
        page = win.show_page("people")
        assert page.model.rowCount() == 3  # browsing works
        row = page.model.row_at(0)
        page.model.setData(page.model.index(0, 5), "Mayor")  # F2 on a job title, typed and confirmed
        assert len(shown) == 1
        message = describe(shown[0])
        assert message.severity == "warning" and message.details == ""  # no traceback
        assert "read-only for you" in message.text and "nothing was changed" in message.text
        assert win.undo_stack.count() == 0
        with db.reading() as s:
            assert s.get(Person, row.id).job_title == row.job_title
        win.tasks.shutdown()
    finally:
        db.dispose()
        copy.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_a_driver_refusing_a_write_is_a_read_only_message_not_a_crash():
    from sqlalchemy.exc import OperationalError

    exc = OperationalError("UPDATE people …", {}, Exception("attempt to write a readonly database"))
    message = describe(exc)
    assert message.title == "Read-only database" and message.severity == "warning"
    assert "you may read it but not change it" in message.text and message.details == ""


def test_a_database_the_window_switched_to_is_followed_on_the_next_tick(qtbot, window, other):
    team = install_team_mode(window, interval_ms=FAST_MS)
    window.db = other  # as open_database_url does
    qtbot.waitUntil(lambda: team.db is other, timeout=3000)


def test_a_poll_failing_without_a_message_is_said_in_the_status_bar(qtbot, window, monkeypatch):
    from iurc_desktop.ui.team import mode

    team = install_team_mode(window, interval_ms=FAST_MS)

    def silent_failure(_db, _seen):
        raise ConnectionResetError()

    monkeypatch.setattr(mode, "change_counter", silent_failure)
    team.poll()
    assert window.statusBar().currentMessage() == "Cannot check for others' changes: ConnectionResetError"
