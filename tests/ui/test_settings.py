"""Settings: validated in the dialog, saved in the config folder, used by the next window."""

from __future__ import annotations

import pytest

from iurc_desktop.ui.shell.settings import Settings, load_settings, save_settings, settings_path


@pytest.fixture(autouse=True)
def config_home(tmp_path, monkeypatch):
    """Each test its own config folder (platformdirs reads XDG_CONFIG_HOME when asked)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config"


def test_dialog_refuses_a_bad_zone_and_saves_good_values_for_the_next_window(qtbot, sample_db, tmp_path):
    from iurc_desktop.ui.dialogs.settings_dialog import SettingsDialog
    from iurc_desktop.ui.shell.main_window import MainWindow

    win = MainWindow(sample_db)
    qtbot.addWidget(win)
    dialog = SettingsDialog(win.settings, win)
    qtbot.addWidget(dialog)
    dialog.zone.setCurrentText("Asia/Bangkk")
    dialog.accept()
    zone_problem = dialog.form.problems["viewer_zone"]
    assert zone_problem.isVisibleTo(dialog) and "Asia/Bangkk is not a known time zone" in zone_problem.text()
    assert not dialog.result() and load_settings().viewer_zone == ""

    dialog.zone.setCurrentText("Asia/Bangkok")
    dialog.work_start.setValue(9)
    dialog.work_end.setValue(18)
    dialog.organiser_name.setText("IURC AA team")
    dialog.organiser_email.setText("info-aa@example.eu")
    dialog.backup_folder.setText(str(tmp_path / "backups"))
    dialog.accept()
    assert dialog.result()
    win.update_settings(dialog.result_settings)
    assert win.viewer_zone == "Asia/Bangkok" and win.pages["home"].working_hours == (9, 18)
    win.tasks.shutdown()
    win.close()

    again = MainWindow(sample_db)
    qtbot.addWidget(again)
    assert again.viewer_zone == "Asia/Bangkok"
    saved = again.settings
    assert (saved.organiser_name, saved.organiser_email, saved.working_hours) == ("IURC AA team", "info-aa@example.eu", (9, 18))
    assert saved.backup_dir() == tmp_path / "backups"
    again.tasks.shutdown()


def test_a_damaged_settings_file_gives_the_defaults_and_unknown_keys_survive(config_home):
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    assert load_settings() == Settings()
    path.write_text('{"viewer_zone": "Mars/Olympus"}', encoding="utf-8")
    assert load_settings() == Settings()  # an invalid value: defaults, not a crash
    path.write_text('{"viewer_zone": "Asia/Tokyo", "from_the_future": 1}', encoding="utf-8")
    loaded = load_settings()
    assert loaded.viewer_zone == "Asia/Tokyo"
    save_settings(loaded.with_recent("sqlite:////a.db").with_recent("sqlite:////b.db").with_recent("sqlite:////a.db"))
    again = load_settings()
    assert again.recent_databases == ("sqlite:////a.db", "sqlite:////b.db") and again.extra == {"from_the_future": 1}
