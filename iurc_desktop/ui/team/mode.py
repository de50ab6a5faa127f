"""Team mode for one window: others' changes appear, a read-only database says so, servers connect.

`install_team_mode(window)` is the one entry point (again after the window
switched databases; it replaces the previous one). It needs from the window only
`db`, `changes`, `statusBar()`, `open_database_url(url)` and a `settings`
attribute, so it stays out of the window's own code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QLabel, QMainWindow

from ...app.team import AccessInfo, change_counter, guard_access
from ...core.errors import first_line
from .selection import keep_selection

if TYPE_CHECKING:
    from ...app.database import Database

POLL_MS = 2000  # one tiny SELECT every two seconds


class TeamMode(QObject):
    """Polls the change counter, refreshes pages on others' changes, shows read-only state."""

    def __init__(self, window: QMainWindow, *, interval_ms: int = POLL_MS) -> None:
        super().__init__(window)
        self.setObjectName("TeamMode")
        self.window = window
        self.db: Database | None = None
        self.seen = 0
        self.access = AccessInfo(True)
        self._emitting = False
        self._unreachable = False
        self.active = True
        self.read_only_label = QLabel(window.statusBar())  # owned by the status bar, never by Python
        self.read_only_label.setAccessibleName("Read-only database")
        self.read_only_label.hide()
        window.statusBar().addPermanentWidget(self.read_only_label)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        window.changes.changed.connect(self._own_change)
        self.connect_action = connect_action(window)
        if window.db is not None:  # else the window opens its database after the first paint: polled below
            self.attach(window.db)
        self.timer.start()

    # --- the database -------------------------------------------------------------
    def attach(self, db: Database) -> None:
        """Follow `db`: read its counter and find out whether this connection may edit it."""
        self.db = db
        self.seen = self._counter(db)
        self.access = guard_access(db)
        self._show_access()

    def _show_access(self) -> None:
        if self.access.writable:
            self.read_only_label.hide()
            self.read_only_label.clear()
            return
        self.read_only_label.setText(f"Read-only: {self.access.reason}")
        self.read_only_label.setToolTip("You can browse and export; edits are refused. Ask the database's owner for write access.")
        self.read_only_label.show()
        self.window.statusBar().showMessage(f"Read-only: {self.access.reason}")

    def _counter(self, db: Database) -> int:
        try:
            counter = change_counter(db, self.seen)
        except Exception as exc:  # a server out of reach: say so once, keep the last reading
            if not self._unreachable:
                self._unreachable = True
                self.window.statusBar().showMessage(f"Cannot check for others' changes: {first_line(exc)}")
            return self.seen
        self._unreachable = False
        return counter

    # --- refreshing ----------------------------------------------------------------
    def poll(self) -> None:
        """One tick: if someone else changed the data, pages re-read (unless the user is editing a cell)."""
        if self.window.db is None:
            return
        if self.window.db is not self.db:  # the window opened or switched databases without telling us
            self.attach(self.window.db)
            return
        counter = self._counter(self.db)
        if counter == self.seen or self.editing():
            return  # an open cell editor survives: the refresh waits for the next tick after it closes
        self.seen = counter
        for view in self.window.findChildren(QAbstractItemView):
            keep_selection(view)
        self._emitting = True
        try:
            self.window.changes.notify("*")
        finally:
            self._emitting = False

    def editing(self) -> bool:
        """Whether a table in the window has a cell editor open."""
        return any(view.state() == QAbstractItemView.State.EditingState for view in self.window.findChildren(QAbstractItemView))

    def _own_change(self, _topic: str) -> None:
        # This window committed something and already refreshes for it: that counter value is not news.
        if not self._emitting and self.db is not None:
            self.seen = self._counter(self.db)

    def stop(self) -> None:
        self.active = False
        self.timer.stop()
        try:
            self.window.changes.changed.disconnect(self._own_change)
        except (RuntimeError, TypeError):
            pass
        self.window.statusBar().removeWidget(self.read_only_label)
        self.read_only_label.deleteLater()


def connect_action(window: QMainWindow) -> QAction:
    """File ▸ Connect to server…: opens the connect dialog, then the chosen database in this window (one per window)."""
    existing = window.findChild(QAction, "ConnectToServer")
    if existing is not None:
        return existing
    action = QAction("Connect to &server…", window)
    action.setObjectName("ConnectToServer")
    action.setStatusTip("Open a team database on a PostgreSQL server (the password is never stored)")
    action.triggered.connect(lambda _checked=False: open_connect_dialog(window))
    return action


def open_connect_dialog(window: Any) -> str | None:
    """Ask for a server connection; opens it in the window when accepted. Returns the URL or None."""
    from ..dialogs.connect_dialog import ConnectDialog

    dialog = ConnectDialog(window.settings, window.tasks, parent=window)
    if dialog.exec() != ConnectDialog.DialogCode.Accepted:
        return None
    if dialog.settings is not window.settings:
        window.settings = dialog.settings
        from ..shell.settings import save_settings

        try:
            save_settings(window.settings)
        except OSError as exc:
            window.statusBar().showMessage(f"Could not remember the connection: {exc}")
    window.open_database_url(dialog.url())
    return dialog.url()


def install_team_mode(window: QMainWindow, *, interval_ms: int = POLL_MS) -> TeamMode:
    """Start team mode on `window` (replacing an earlier one, e.g. after switching databases)."""
    for old in window.findChildren(TeamMode):
        if old.active:
            old.stop()
            old.deleteLater()
    return TeamMode(window, interval_ms=interval_ms)
