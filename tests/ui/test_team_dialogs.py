"""Connect to server (no password ever stored) and the edit-conflict dialog (reload, or apply mine on top)."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt

from iurc_desktop.app import people
from iurc_desktop.core.db import open_database
from iurc_desktop.core.models import Person
from iurc_desktop.core.people import fields
from iurc_desktop.core.team.concurrency import version_of
from iurc_desktop.ui.commands.base import ServiceCommand
from iurc_desktop.ui.dialogs.connect_dialog import ConnectDialog, server_url
from iurc_desktop.ui.dialogs.edit_conflict import EditConflictDialog
from iurc_desktop.ui.shell.settings import ServerConnection, Settings, load_settings, settings_path
from iurc_desktop.ui.team import install_team_mode
from iurc_desktop.ui.worker import TaskRunner

SECRET = "s3cret-Pa55"


def _fill(dialog: ConnectDialog, *, host: str = "db.example.org", port: int = 5433, database: str = "iurc", user: str = "ane") -> None:
    dialog.host.setText(host)
    dialog.port.setValue(port)
    dialog.database.setText(database)
    dialog.user.setText(user)


@pytest.fixture
def tasks(qtbot):
    """A worker for dialogs shown on their own, stopped and kept alive until the test ends."""
    runner = TaskRunner()
    yield runner
    runner.shutdown()


@pytest.fixture
def no_pgpassword(monkeypatch):
    monkeypatch.delenv("PGPASSWORD", raising=False)


def test_connect_builds_the_url_and_remembers_the_server_but_never_the_password(qtbot, window, monkeypatch, no_pgpassword):
    opened = []
    monkeypatch.setattr(window, "open_database_url", opened.append)

    def fill_and_connect(dialog: ConnectDialog) -> int:
        _fill(dialog)
        dialog.password.setText(SECRET)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ConnectDialog, "exec", fill_and_connect)
    team = install_team_mode(window)
    team.connect_action.trigger()
    assert opened == ["postgresql+psycopg://ane@db.example.org:5433/iurc"]
    saved = settings_path().read_text(encoding="utf-8")
    assert "db.example.org" in saved and SECRET not in saved
    assert load_settings().servers == (ServerConnection("db.example.org", 5433, "iurc", "ane"),)
    assert os.environ["PGPASSWORD"] == SECRET  # handed to libpq for this session only


def test_a_remembered_connection_fills_the_form(qtbot, tasks):
    settings = Settings().with_server(ServerConnection("pg.iurc.example", 5432, "team", "hanako"))
    dialog = ConnectDialog(settings, tasks)
    qtbot.addWidget(dialog)
    dialog.saved.setCurrentIndex(1)
    assert (dialog.host.text(), dialog.database.text(), dialog.user.text()) == ("pg.iurc.example", "team", "hanako")
    assert dialog.url() == "postgresql+psycopg://hanako@pg.iurc.example:5432/team"


def test_a_service_names_the_connection_and_forgetting_is_possible(qtbot, tasks):
    dialog = ConnectDialog(Settings(), tasks)
    qtbot.addWidget(dialog)
    dialog.service.setText("iurc-team")
    dialog.remember.setChecked(False)
    dialog.accept()
    assert dialog.result() and dialog.settings.servers == ()
    assert dialog.url() == server_url(ServerConnection(service="iurc-team")) == "postgresql+psycopg://?service=iurc-team"


def test_connect_without_a_database_is_refused_in_the_dialog(qtbot, tasks):
    dialog = ConnectDialog(Settings(), tasks)
    qtbot.addWidget(dialog)
    dialog.host.setText("db.example.org")
    dialog.accept()
    assert not dialog.result()
    assert "Name the database" in dialog.problem.text()


def test_testing_an_unreachable_port_says_no_server_answers(qtbot, tasks):
    dialog = ConnectDialog(Settings(), tasks)
    qtbot.addWidget(dialog)
    _fill(dialog, host="127.0.0.1", port=1)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.problem.text() != "", timeout=15000)
    assert dialog.problem.text().startswith("No PostgreSQL server answers at 127.0.0.1:1.")
    assert "Traceback" not in dialog.problem.text()
    qtbot.waitUntil(dialog.test_button.isEnabled)


def test_testing_a_reachable_server_names_database_and_user(qtbot, db, tasks):
    if db.is_sqlite:
        pytest.skip("needs the PostgreSQL test server")
    url = db.engine.url
    dialog = ConnectDialog(Settings(), tasks)
    qtbot.addWidget(dialog)
    _fill(dialog, host=url.host, port=url.port, database=url.database, user=url.username)
    dialog.test()
    qtbot.waitUntil(lambda: dialog.result_label.text().startswith("Connected"), timeout=15000)
    assert f"Connected to {url.database} as {url.username}" in dialog.result_label.text()


class EditJobTitle(ServiceCommand):
    """A job-title edit made at the version the page showed (what a team-aware page pushes)."""

    topic = "people"

    def __init__(self, window, person_id: int, version: int, new: str) -> None:
        super().__init__(window.db, window.changes, window.report, "Edit job title")
        self.person_id, self.version, self.new, self.old = person_id, version, new, ""

    def apply(self):
        outcome = people.set_person_field(self._db, self.person_id, "job_title", self.new, expected_version=self.version)
        self.old = outcome.value
        return outcome

    def revert(self):
        return people.set_person_field(self._db, self.person_id, "job_title", self.old)


@pytest.fixture
def conflicted(window):
    """Ane's job title as this window showed it, then changed by someone else."""
    with window.db.reading() as s:
        ane = s.query(Person).filter_by(email="ane@example.eus").one()
        person_id, shown = ane.id, version_of(s, Person, ane.id)
    other = open_database(window.db.url)
    with other.transaction() as s:
        fields.set_person_field(s, person_id, "job_title", "Head of unit")
    other.dispose()
    return person_id, shown


def _message(dialog: EditConflictDialog) -> str:
    from PySide6.QtWidgets import QLabel

    return next(w.text() for w in dialog.findChildren(QLabel) if w.accessibleName() == "What happened")


def _job_title(window, person_id: int) -> str:
    with window.db.reading() as s:
        return s.get(Person, person_id).job_title


def test_a_conflict_from_an_undo_command_shows_both_versions_and_apply_mine_writes_mine(qtbot, window, conflicted, monkeypatch):
    person_id, shown = conflicted
    dialogs: list[EditConflictDialog] = []

    def choose_apply(dialog: EditConflictDialog) -> int:
        dialogs.append(dialog)
        dialog.apply_button.click()
        return dialog.result()

    monkeypatch.setattr(EditConflictDialog, "exec", choose_apply)
    window.undo_stack.push(EditJobTitle(window, person_id, shown, "Mayor"))
    assert len(dialogs) == 1
    dialog = dialogs[0]
    table = dialog.table
    assert [table.horizontalHeaderItem(c).text() for c in range(3)] == ["Field", "Their value (saved)", "Your value"]
    assert [table.item(0, c).text() for c in range(3)] == ["job title", "Head of unit", "Mayor"]
    assert "Someone else saved this person (Ane Etxeberria)" in _message(dialog)
    assert dialog.choice == EditConflictDialog.APPLY
    assert _job_title(window, person_id) == "Mayor"


def test_reload_keeps_their_version_and_refreshes_the_pages(qtbot, window, conflicted, monkeypatch):
    person_id, shown = conflicted
    page = window.show_page("people")
    topics = []
    window.changes.changed.connect(topics.append)
    monkeypatch.setattr(EditConflictDialog, "exec", lambda dialog: dialog.reload_button.click() or dialog.result())
    window.undo_stack.push(EditJobTitle(window, person_id, shown, "Mayor"))
    assert "*" in topics
    assert _job_title(window, person_id) == "Head of unit"
    row = page.model.find_row(lambda r: r.id == person_id)
    assert page.model.index(row, 5).data() == "Head of unit"
    assert window.undo_stack.count() == 0  # the refused edit is not claimed on the stack


def test_the_conflict_dialog_names_what_the_other_person_changed(qtbot, window, conflicted):
    from iurc_desktop.core.team.concurrency import EditConflict

    person_id, shown = conflicted
    with pytest.raises(EditConflict) as caught:
        with window.db.transaction() as s:
            fields.set_person_field(s, person_id, "job_title", "Mayor", expected_version=shown)
    dialog = EditConflictDialog(caught.value, window.db, window.changes, window.report, window)
    qtbot.addWidget(dialog)
    text = _message(dialog)
    assert "they changed job_title to 'Head of unit'" in text
    assert "Your change (job_title: 'Mayor') was not saved" in text
    assert dialog.reload_button.isDefault()


def test_a_password_typed_for_one_server_is_not_sent_to_the_next(qtbot, tasks, no_pgpassword):
    first = ConnectDialog(Settings(), tasks)
    qtbot.addWidget(first)
    _fill(first)
    first.password.setText(SECRET)
    first.accept()
    assert os.environ["PGPASSWORD"] == SECRET
    second = ConnectDialog(Settings(), tasks)
    qtbot.addWidget(second)
    _fill(second, host="other.example.org", user="jan")
    second.accept()
    assert "PGPASSWORD" not in os.environ  # libpq falls back to ~/.pgpass for the other server


def test_a_pgpassword_set_before_the_app_started_is_left_alone(qtbot, tasks, monkeypatch):
    monkeypatch.setenv("PGPASSWORD", "from-the-shell")
    dialog = ConnectDialog(Settings(), tasks)
    qtbot.addWidget(dialog)
    _fill(dialog)
    dialog.accept()
    assert os.environ["PGPASSWORD"] == "from-the-shell"
