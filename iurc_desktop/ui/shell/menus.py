"""The main window's menu bar: every main action with its shortcut, in the places people look for them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from .shell import Shell

# The icon of each menu action by name (Lucide names, ui/icons); page actions take their page's (nav_pages).
ACTION_ICONS = {
    "open": "folder-open", "connect": "database", "load": "upload", "import": "user-plus", "import_calendar": "calendar-days",
    "backup": "save",
    "restore": "download", "settings": "settings", "quit": "x", "find": "search", "search": "search",
    "invite": "user-plus", "duplicate": "copy", "mail": "mail", "back": "arrow-left", "refresh": "refresh-cw",
    "shortcuts": "list-checks", "about": "info",
}


def _action(window: Shell, menu: QMenu, text: str, slot: Callable[..., Any], shortcut: Any = None, tip: str = "") -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(shortcut)
    if tip:
        action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


def build_menus(window: Shell) -> dict[str, QAction]:
    """Create File, Edit, Event, View and Help; returns the actions by name (for tests and toolbars)."""
    from ..icons import icon
    from . import dropping, event_actions, file_actions

    bar = window.menuBar()
    acts: dict[str, QAction] = {}
    file_menu = bar.addMenu("&File")
    acts["new_event"] = _action(window, file_menu, "&New event…", lambda: window.show_page("events").new_event(),  # type: ignore[attr-defined]
                                QKeySequence.StandardKey.New, "A new webinar, study visit, networking event, workshop or meeting")
    acts["new_event"].setIcon(icon("calendar-plus"))
    file_menu.addSeparator()
    acts["open"] = _action(window, file_menu, "&Open database…", window.choose_database, QKeySequence.StandardKey.Open)
    acts["connect"] = _action(window, file_menu, "Connect to &server…", lambda: _connect(window),
                              tip="Open a team database on a PostgreSQL server (the password is never stored)")
    acts["connect"].setObjectName("ConnectToServer")  # team mode finds its action by this name
    window.recent_menu = file_menu.addMenu("&Recent databases")
    window.recent_menu.setObjectName("RecentDatabases")
    window.recent_menu.aboutToShow.connect(lambda: fill_recent(window))
    file_menu.addSeparator()
    acts["load"] = _action(window, file_menu, "&Load programme file…", window.choose_programme_file, QKeySequence("Ctrl+L"),
                           "Load events, people and organisations from a programme file (.json)")
    acts["import"] = _action(window, file_menu, "&Import people…", lambda: file_actions.open_import(window), QKeySequence("Ctrl+I"),
                             "Import people and registrations from .csv or .xlsx into the current event")
    acts["import_calendar"] = _action(window, file_menu, "Import &calendar…", lambda: dropping.open_calendar_import(window),
                                      tip="Import the entries of a calendar file (.ics) into the current event as its items")
    file_menu.addSeparator()
    acts["backup"] = _action(window, file_menu, "&Backup now…", lambda: file_actions.backup_now(window), QKeySequence("Ctrl+Shift+B"))
    acts["restore"] = _action(window, file_menu, "Restore from bac&kup…", lambda: file_actions.restore_backup(window))
    file_menu.addSeparator()
    acts["settings"] = _action(window, file_menu, "&Settings…", lambda: file_actions.open_settings(window), QKeySequence("Ctrl+,"))
    acts["settings"].setMenuRole(QAction.MenuRole.PreferencesRole)
    file_menu.addSeparator()
    acts["quit"] = _action(window, file_menu, "&Quit", window.close, QKeySequence("Ctrl+Q"))

    edit_menu = bar.addMenu("&Edit")
    undo = window.undo_stack.createUndoAction(window, "&Undo")
    undo.setShortcuts(QKeySequence.StandardKey.Undo)
    redo = window.undo_stack.createRedoAction(window, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    edit_menu.addAction(undo)
    edit_menu.addAction(redo)
    undo.triggered.connect(lambda: _say_done(window, "Undone", window.undo_stack.index()))  # after the stack's own slot
    redo.triggered.connect(lambda: _say_done(window, "Redone", window.undo_stack.index() - 1))
    window.undo_action, window.redo_action = undo, redo
    edit_menu.addSeparator()
    acts["find"] = _action(window, edit_menu, "&Find", window.focus_search, QKeySequence.StandardKey.Find)
    acts["search"] = _action(window, edit_menu, "&Search everywhere…", lambda: event_actions.open_search(window), QKeySequence("Ctrl+K"),
                             "People, organisations, events and items, in any script")

    event_menu = bar.addMenu("E&vent")
    acts["invite"] = _action(window, event_menu, "&Invite…", lambda: event_actions.open_invite(window), QKeySequence("Ctrl+Shift+I"),
                             "Add invited participants from a cluster, a pairing, another event or a filter")
    acts["duplicate"] = _action(window, event_menu, "&Duplicate…", lambda: event_actions.open_duplicate(window), QKeySequence("Ctrl+D"),
                                "A new event from this one, at new dates, local times kept")
    acts["mail"] = _action(window, event_menu, "&Copy e-mail addresses…", lambda: event_actions.open_mail_list(window), QKeySequence("Ctrl+Shift+C"),
                           "The addresses of some participants, for your mail program")

    view_menu = bar.addMenu("Vie&w")  # Alt+V is the Event menu
    window.view_menu = view_menu
    from .page_registry import NAV_PAGES

    for number, key in enumerate(NAV_PAGES[:9], start=1):
        acts[f"page:{key}"] = _action(window, view_menu, f"&{key.capitalize()}", lambda k=key: window.show_page(k), QKeySequence(f"Ctrl+{number}"))
    view_menu.addSeparator()
    acts["back"] = _action(window, view_menu, "&Back", window.back, QKeySequence("Alt+Left"),
                           "Back to the page you were on before")
    acts["refresh"] = _action(window, view_menu, "&Refresh", lambda: window.changes.notify("*"), QKeySequence.StandardKey.Refresh)

    help_menu = bar.addMenu("&Help")
    acts["shortcuts"] = _action(window, help_menu, "&Keyboard shortcuts", lambda: show_shortcuts(window), QKeySequence.StandardKey.HelpContents)
    acts["about"] = _action(window, help_menu, "&About IURC Desktop", window.about)
    _set_icons(acts, undo, redo)
    return acts


def _set_icons(acts: dict[str, QAction], undo: QAction, redo: QAction) -> None:
    from ..icons import icon
    from .nav_pages import NAV_ICONS

    for name, action in acts.items():
        shown = NAV_ICONS.get(name.removeprefix("page:")) if name.startswith("page:") else ACTION_ICONS.get(name)
        if shown:
            action.setIcon(icon(shown))
    undo.setIcon(icon("undo-2"))
    redo.setIcon(icon("redo-2"))


def name_pages(window: Shell) -> None:
    """Page actions carry the pages' own titles (known once the pages exist)."""
    for name, action in getattr(window, "menu_actions", {}).items():
        if name.startswith("page:"):
            action.setText("&" + window.page_title(name[5:]))


def fill_recent(window: Shell) -> None:
    """The recent databases, newest first; the open one is checked."""
    menu = window.recent_menu
    menu.clear()
    recent = window.settings.recent_databases
    if not recent:
        menu.addAction("(none yet)").setEnabled(False)
        return
    current = window.db.url if window.db is not None else None
    for number, url in enumerate(recent, start=1):
        shown = url.removeprefix("sqlite:///")
        action = menu.addAction(f"&{number} {shown}" if number < 10 else shown)
        action.setCheckable(True)
        action.setChecked(url == current)
        action.setData(url)
        action.triggered.connect(lambda _checked=False, u=url: window.open_database_url(u) if u != current else None)


def show_shortcuts(window: Shell) -> None:
    from PySide6.QtWidgets import QMessageBox

    rows = []
    for action in window.findChildren(QAction):
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if keys and action.text():
            rows.append(f"<tr><td>{action.text().replace('&', '')}</td><td>&nbsp;&nbsp;<b>{keys}</b></td></tr>")
    QMessageBox.information(window, "Keyboard shortcuts", "<table>" + "".join(sorted(set(rows))) + "</table>")


def _connect(window: Shell) -> None:
    from ..team.mode import open_connect_dialog  # pulls the database layer: only when asked, not at start-up

    open_connect_dialog(window)


def _say_done(window: Any, verb: str, index: int) -> None:
    """Tell in the status bar which change Undo or Redo just took back or made again."""
    command = window.undo_stack.command(index)
    if command is not None:
        window.show_status(f"{verb}: {command.text()}")
