"""Settings: zones and e-mails checked beside their fields while typing, colours at once, organiser in every invite."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import icalendar
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QMessageBox

from iurc_desktop.ui.shell import main_window
from iurc_desktop.ui.shell.file_actions import open_settings
from iurc_desktop.ui.shell.palette import is_dark
from iurc_desktop.ui.shell.settings import load_settings


@pytest.fixture(autouse=True)
def config_home(tmp_path, monkeypatch):
    """Each test its own config folder: saved settings never leak between tests."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


@pytest.fixture
def no_boxes(monkeypatch):
    """Any error box or message box is recorded (and fails the test that asks)."""
    shown: list[object] = []
    monkeypatch.setattr(main_window, "show_error", lambda parent, exc: shown.append(exc))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    return shown


@pytest.fixture
def palette_kept(qapp):
    saved = QPalette(qapp.palette())
    yield
    qapp.setPalette(saved)


def settings_dialog(window):
    opened = []
    open_settings(window, opened.append)
    return opened[0]


def type_key_by_key(qtbot, widget, text: str) -> None:
    line = widget.lineEdit() if hasattr(widget, "lineEdit") else widget
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    for char in text:
        qtbot.keyClicks(line, char)


def visible_problems(dialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel)
            if label.accessibleName().endswith("problem") and label.isVisibleTo(dialog) and label.text()]


def test_typing_europe_into_the_settings_zone_says_it_is_a_region_beside_the_field(window, qtbot, no_boxes):
    dialog = settings_dialog(window)
    type_key_by_key(qtbot, dialog.zone, "Europe")
    problem = dialog.form.problems["viewer_zone"]
    assert problem.isVisibleTo(dialog) and "Europe is a region, not a time zone" in problem.text()
    type_key_by_key(qtbot, dialog.zone, "Europe/Paris")
    assert not problem.isVisibleTo(dialog)
    assert no_boxes == []
    dialog.reject()


def test_typing_europe_into_the_item_dialogs_zone_says_so_beside_the_field(window, qtbot, no_boxes):
    from iurc_desktop.ui.dialogs.item_dialog import open_item_dialog

    dialog = open_item_dialog(window.ctx, window, "r2r-test", "final")  # the window owns it; closing deletes it
    type_key_by_key(qtbot, dialog.zone, "Europe")
    assert any("Europe is a region, not a time zone" in text for text in visible_problems(dialog))
    assert no_boxes == []
    dialog.reject()


def test_a_bad_organiser_email_is_refused_beside_its_field_and_the_dialog_stays_open(window, qtbot, no_boxes):
    dialog = settings_dialog(window)
    qtbot.keyClicks(dialog.organiser_email, "info@@example")
    dialog.organiser_email.editingFinished.emit()
    problem = dialog.form.problems["organiser_email"]
    assert problem.isVisibleTo(dialog) and "info@@example is not an e-mail address" in problem.text()
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.isVisible() and load_settings().organiser_email == ""
    dialog.organiser_email.setText("info-aa@example.eu")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert not dialog.isVisible() and window.settings.organiser_email == "info-aa@example.eu"
    assert load_settings().organiser_email == "info-aa@example.eu" and no_boxes == []


def test_dark_colours_apply_at_once_cancel_puts_them_back_and_ok_keeps_them(window, qtbot, qapp, palette_kept):
    assert not is_dark(qapp.palette())
    dialog = settings_dialog(window)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    assert is_dark(qapp.palette())  # at once, before OK
    dialog.reject()
    assert not is_dark(qapp.palette())
    dialog = settings_dialog(window)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.accept()
    assert is_dark(qapp.palette()) and load_settings().theme == "dark"
    window.update_settings(replace(window.settings, theme="light"))
    assert not is_dark(qapp.palette()) and load_settings().theme == "light"


def test_the_saved_colours_apply_when_the_app_starts(qtbot, qapp, palette_kept, monkeypatch):
    from iurc_desktop.ui.shell import app as shell_app
    from iurc_desktop.ui.shell.settings import Settings, save_settings

    save_settings(Settings(theme="dark"))
    monkeypatch.setattr(shell_app, "open_in", lambda window, url: True)  # no database needed to see the colours
    window = shell_app.start("sqlite:///:memory:")
    qtbot.addWidget(window)
    assert is_dark(qapp.palette())
    window.tasks.shutdown()


def test_the_settings_organiser_signs_the_invites_of_an_event_without_one(window, qtbot, tmp_path):
    window.update_settings(replace(window.settings, organiser_name="IURC AA team", organiser_email="team@example.eu"))
    window.open_event("webinar-test")  # an event with no organiser of its own
    tab = window.event_page.select_tab("exports")
    path = tmp_path / "invite.ics"
    tab.choose_path = lambda title, name, filters: path
    with qtbot.waitSignal(tab.done, timeout=10000):
        tab.save_invite()
    entry = icalendar.Calendar.from_ical(Path(path).read_bytes()).walk("VEVENT")[0]
    assert str(entry["ORGANIZER"]).lower() == "mailto:team@example.eu"
    assert entry["ORGANIZER"].params["CN"] == "IURC AA team"
