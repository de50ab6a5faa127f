"""What the main window's helpers (menus, file and event actions, drops) may use of it.

The helpers take a `Shell` rather than the `MainWindow` class, so they import
nothing of the window's module and it imports them one way: no import cycle.
`MainWindow` is a `Shell`; a test may hand in any object that has these.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QUndoStack
    from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

    from ...app.database import Database
    from ..commands.base import Changes
    from ..worker import Task, TaskRunner
    from .context import Context
    from .settings import Settings


class Shell(Protocol):
    """The window as its helpers see it: its database, settings, pages, worker and status line."""

    db: Database | None
    settings: Settings
    changes: Changes
    undo_stack: QUndoStack
    tasks: TaskRunner
    menu_actions: dict[str, QAction]
    recent_menu: QMenu
    view_menu: QMenu
    undo_action: QAction
    redo_action: QAction

    @property
    def ctx(self) -> Context: ...

    # the window's widgets (a QMainWindow)
    def menuBar(self) -> QMenuBar: ...  # noqa: N802 - Qt's name
    def findChildren(self, kind: Any, name: str = ...) -> list[Any]: ...  # noqa: N802 - Qt's name
    def close(self) -> bool: ...

    # telling the user
    def report(self, exc: BaseException) -> None: ...
    def show_status(self, text: str) -> None: ...
    def about(self) -> None: ...

    # the worker
    def run_task(self, label: str, job: Any, *, on_success: Any, on_failure: Any = "default") -> Task: ...

    # where the user is and goes
    def current_event_code(self) -> str | None: ...
    def open_event(self, code: str) -> Any: ...
    def open_person(self, person_id: int) -> Any: ...
    def navigate(self, kind: str, key: str) -> None: ...
    def go_to(self, event_code: str, target: str, key: str = "") -> None: ...
    def forget_event(self, code: str) -> None: ...
    def show_page(self, key: str, *, refresh: bool = True) -> QWidget: ...
    def page_title(self, key: str) -> str: ...
    def back(self) -> None: ...
    def focus_search(self) -> None: ...

    # databases, files and settings
    def choose_database(self) -> None: ...
    def open_database_url(self, url: str) -> None: ...
    def choose_programme_file(self) -> None: ...
    def load_programme_file(self, path: Path, *, replace: bool = False) -> Task: ...
    def update_settings(self, settings: Settings) -> None: ...
