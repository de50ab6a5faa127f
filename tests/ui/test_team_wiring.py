"""The main window runs team mode on its database and offers File ▸ Connect to server…."""

from __future__ import annotations

from PySide6.QtGui import QAction

from iurc_desktop.ui.team import TeamMode


def test_window_starts_team_mode_and_offers_connect(window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    modes = [m for m in window.findChildren(TeamMode) if m.active]
    assert len(modes) == 1 and window.team is modes[0]
    asked = []
    monkeypatch.setattr("iurc_desktop.ui.team.mode.open_connect_dialog", lambda win: asked.append(win))
    action = window.findChild(QAction, "ConnectToServer")
    assert action is not None and action.isEnabled()
    file_menu = window.menuBar().actions()[0].menu()
    assert action in file_menu.actions()
    action.trigger()
    assert asked == [window]
