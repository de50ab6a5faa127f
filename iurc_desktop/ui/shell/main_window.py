"""The main window: navigation between pages, menus, shortcuts, status bar, undo stack, worker, drops.

It imports no database code (SQLAlchemy) at module level: `app.run` shows the
window in its "Opening…" state first and attaches the database after the first
paint, so the window is on screen as fast as a bare Qt window.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog, QHBoxLayout, QLabel, QListWidget, QMainWindow, QMessageBox, QStackedWidget, QWidget,
)

from ...core.errors import Cancelled, Conflict, IurcError
from .. import operations
from ..commands.base import Changes
from ..localtime import system_zone
from ..worker import Task, TaskRunner, with_progress_dialog
from . import dropping
from .context import Context
from .menus import build_menus, name_pages
from .nav_pages import NAV_EXTRA, set_nav_icons
from .opening import OpeningView, database_label
from .page_changes import PageChanges
from .palette import apply_theme
from .reminder_timer import ReminderTimer
from .page_registry import LIST_PAGES, NAV_PAGES, PARENT_PAGES, Pages, import_list_pages, page_factories, page_titles
from .settings import Settings, load_settings, save_settings
from .window_watch import FirstPaint, SearchKeyInTextBoxes

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from ...app.database import Database
    from ..pages.event_page import EventPage
    from ..pages.events_page import EventsPage
    from ..pages.person_page import PersonPage

log = logging.getLogger(__name__)

APP_TITLE = "IURC Desktop"
HISTORY_LIMIT = 50
Location = tuple[str, Any]  # page key, and what it shows (an event code, a person id) or None
__all__ = ["APP_TITLE", "LIST_PAGES", "NAV_PAGES", "MainWindow", "show_error"]
# Menu actions that make sense before a database is attached; the others wait for it.
WITHOUT_DATABASE = ("quit", "shortcuts", "about")


def show_error(parent: QWidget | None, exc: BaseException) -> QMessageBox | QDialog:
    """ui.shell.errors.show_error, imported when first needed (it reads database errors, so loads SQLAlchemy)."""
    from .errors import show_error as show

    return show(parent, exc)


def is_list_page(page: object) -> bool:
    """Whether `page` is a ListPage; its module loads with the first list page, not before the first paint."""
    module = sys.modules.get(f"{__package__.rsplit('.', 1)[0]}.pages.list_page")
    return module is not None and isinstance(page, module.ListPage)


class MainWindow(QMainWindow):
    """One window on one database; owns the undo stack and the worker that pages use.

    `MainWindow(db)` shows the pages at once. `MainWindow(None, url=...)` shows the
    navigation and "Opening <name>…" until `attach(db)` brings the pages.
    """

    painted = Signal()  # the first paint of the window (or of any of its widgets)
    data_shown = Signal()  # the start page has read its data (after each attach or rebuild of the pages)

    def __init__(self, db: Database | None, *, url: str | None = None, viewer_zone: str | None = None,
                 settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.settings = settings if settings is not None else load_settings()
        self._viewer_zone = viewer_zone or self.settings.viewer_zone or None  # None: this computer's, asked when needed
        self.undo_stack = QUndoStack(self)
        self.tasks = TaskRunner(self)
        self.changes = Changes(self)
        self.page_changes = PageChanges(self.changes)  # what the current pages hear (see _build_pages)
        self.reminder_timer = ReminderTimer(self)  # queues reminders as they come due, while the window is open
        self.nav = QListWidget()
        self.nav.setAccessibleName("Pages")
        self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.nav.setSpacing(3)
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        self.page_titles: dict[str, str] = {}
        self.opening: OpeningView | None = None
        self._painted = False  # the window has reached the screen
        self._warmed_up = self._waiting_to_warm_up = False
        self.busy_label = QLabel()
        self.busy_label.setAccessibleName("Background work")
        self.statusBar().addPermanentWidget(self.busy_label)
        self.tasks.busy_changed.connect(lambda busy: self.busy_label.setText("Working…" if busy else ""))
        self.data_shown.connect(self._warm_up_when_idle)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.db = db
        self.menu_actions = build_menus(self)
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.nav.itemClicked.connect(self._nav_clicked)
        self.setAcceptDrops(True)
        self.resize(1280, 800)
        self._restore_layout()
        if db is None:
            self._show_opening(url)
        else:
            self._build_pages()
            self._remember_database()
            self._start_team_mode()
        self.reminder_timer.start()
        FirstPaint(self, self._reached_screen)  # the database is opened after it
        SearchKeyInTextBoxes(self)

    def _reached_screen(self) -> None:
        self._painted = True
        self.painted.emit()

    def _warm_up_when_idle(self, busy: bool = False) -> None:
        """Once the start page has shown its data and no background work runs, import the list pages (once)."""
        if busy or self._warmed_up:
            return
        if self.tasks.busy:  # the start page still reads: after it (busy_changed stays connected; later calls return)
            if not self._waiting_to_warm_up:
                self._waiting_to_warm_up = True
                self.tasks.busy_changed.connect(self._warm_up_when_idle)
            return
        self._warmed_up = True
        QTimer.singleShot(0, import_list_pages)

    @property
    def viewer_zone(self) -> str:
        """The IANA zone of the person looking (the settings', else this computer's: asked after the first paint)."""
        if self._viewer_zone is None:
            self._viewer_zone = system_zone()
        return self._viewer_zone

    @viewer_zone.setter
    def viewer_zone(self, zone: str) -> None:
        self._viewer_zone = zone

    # --- the database arrives after the first paint ---------------------------------------
    def _show_opening(self, url: str | None) -> None:
        """The navigation (inactive) and "Opening <name>…" until `attach`."""
        self.page_titles = page_titles(NAV_EXTRA)
        for key in NAV_PAGES:
            self.nav.addItem(self.page_titles[key])
        set_nav_icons(self.nav, NAV_PAGES)
        self.nav.setFixedWidth(self.nav.fontMetrics().averageCharWidth() * 18 + 24)
        self.nav.setEnabled(False)
        self.opening = OpeningView(url)
        self.stack.addWidget(self.opening)
        self.stack.setCurrentWidget(self.opening)
        self._enable_database_actions(False)
        self.show_status(self.opening.text())
        self.setWindowTitle(f"{database_label(url)} — {APP_TITLE}")  # ends with the app name: Qt adds it otherwise

    def attach(self, db: Database) -> None:
        """Show the pages on `db` in a window started without one; the start page reads its data next."""
        if self.db is not None:
            raise RuntimeError("this window already has a database; use open_database_url to switch")
        self.db = db
        if self.opening is not None:
            self.stack.removeWidget(self.opening)
            self.opening.deleteLater()
            self.opening = None
        self.nav.setEnabled(True)
        self._enable_database_actions(True)
        self._build_pages()
        self._remember_database()
        self._start_team_mode()
        self.show_status(f"Opened {self._db_name()}")

    def _start_team_mode(self) -> None:
        """Others' changes refresh the pages; a read-only database says so (ui/team). It follows later switches."""
        from ..team import install_team_mode  # the database layer is loaded by now

        self.team = install_team_mode(self)

    def _enable_database_actions(self, enabled: bool) -> None:
        for name, action in self.menu_actions.items():
            if name not in WITHOUT_DATABASE:
                action.setEnabled(enabled)
        self.recent_menu.setEnabled(enabled)

    # --- set-up ------------------------------------------------------------------
    @property
    def ctx(self) -> Context:
        return Context(self.db, self.undo_stack, self.tasks, self.page_changes, self.viewer_zone, self.report,
                       lambda: (self.settings.organiser_name, self.settings.organiser_email),
                       lambda: self.settings.backup_dir())

    @property
    def start_page(self) -> str:
        """The home page when one is registered, else the events list."""
        return "home" if "home" in NAV_PAGES else "events"

    def _build_pages(self) -> None:
        """(Re)start the pages on the current database; each is built when first shown (a fast start)."""
        for page in list(self.pages.values()):
            self.stack.removeWidget(page)
            page.deleteLater()
        self.page_changes.retire()  # no signal may reach the pages deleted above
        self.page_changes = PageChanges(self.changes)
        self.nav.blockSignals(True)
        self.nav.clear()
        factories = page_factories(NAV_EXTRA)
        titles = page_titles(NAV_EXTRA)
        self.history: list[Location] = []
        self._here: Location | None = None
        for key in NAV_PAGES:
            self.nav.addItem(titles[key])
        set_nav_icons(self.nav, NAV_PAGES)
        self.page_titles = titles
        self.pages = Pages(lambda: self.ctx, self._page_built, factories)
        self.nav.setFixedWidth(self.nav.fontMetrics().averageCharWidth() * 18 + 24)
        self.nav.blockSignals(False)
        name_pages(self)
        self.show_page(self.start_page, refresh=False)
        page = self.pages[self.start_page]
        QTimer.singleShot(0, self, lambda: self._first_read(page))  # the window paints first, the data follows
        self.setWindowTitle(f"{self._db_name()} — {APP_TITLE}")

    def _first_read(self, page: QWidget) -> None:
        """The start page reads its data (a list page has read it when built); then say the data is shown."""
        if hasattr(page, "refresh") and not is_list_page(page):
            self._refresh_if_current(page)
        self.data_shown.emit()

    def _page_built(self, key: str, page: QWidget) -> None:
        """Wire a page the moment it is built."""
        self.stack.addWidget(page)
        if hasattr(page, "status"):
            page.status.connect(self.show_status)
        if hasattr(page, "open_event"):
            page.open_event.connect(self._open_event_safely)
        if hasattr(page, "open_target"):
            page.open_target.connect(self.go_to)
        if hasattr(page, "navigate") and key != "event":
            page.navigate.connect(self.navigate)
        if hasattr(page, "working_hours"):
            page.working_hours = self.settings.working_hours
        if hasattr(page, "open_person"):
            page.open_person.connect(self.open_person_by_email)
        if key == "events":
            page.row_activated.connect(lambda row: self.open_event(row.code))
        elif key == "people":
            page.row_activated.connect(lambda row: self._open_person_safely(row.id))
        elif key in ("event", "person"):
            page.back_requested.connect(self.back)
        if key == "event":
            page.navigate.connect(self.navigate)

    def _apply_settings_to_pages(self) -> None:
        for page in self.pages.values():
            if hasattr(page, "working_hours"):
                page.working_hours = self.settings.working_hours

    def _db_name(self) -> str:
        if self.db is None:
            return "no database yet"
        from ...app.database import database_name  # loaded with the database; app.programme is not needed yet

        return database_name(self.db.url)

    # --- settings, layout, recent databases --------------------------------------
    def update_settings(self, settings: Settings) -> None:
        """Keep and save new settings; new colours apply at once, a changed viewer zone rebuilds the pages to show it."""
        zone_changed = (settings.viewer_zone or system_zone()) != self.viewer_zone
        if settings.theme != self.settings.theme:
            apply_theme(settings.theme)
        self.settings = settings
        self._save_settings()
        if zone_changed:
            self.viewer_zone = settings.viewer_zone or system_zone()
            self._build_pages()
        else:
            self._apply_settings_to_pages()
        self.show_status("Settings saved")

    def _save_settings(self) -> None:
        try:
            save_settings(self.settings)
        except OSError as exc:  # preferences are a convenience: say so, but never stop the work
            self.show_status(f"Could not save the settings: {exc}")

    def _remember_database(self) -> None:
        self.settings = self.settings.with_recent(self.db.url)
        self._save_settings()

    def _restore_layout(self) -> None:
        if self.settings.geometry:
            self.restoreGeometry(QByteArray.fromHex(self.settings.geometry.encode("ascii")))
        if self.settings.window_state:
            self.restoreState(QByteArray.fromHex(self.settings.window_state.encode("ascii")))

    def _save_layout(self) -> None:
        geometry = bytes(self.saveGeometry().toHex().data()).decode("ascii")
        state = bytes(self.saveState().toHex().data()).decode("ascii")
        self.settings = replace(self.settings, geometry=geometry, window_state=state)
        self._save_settings()

    # --- pages -----------------------------------------------------------------
    @property
    def events_page(self) -> EventsPage:
        return self.pages["events"]  # type: ignore[return-value]

    @property
    def event_page(self) -> EventPage:
        return self.pages["event"]  # type: ignore[return-value]

    def page_title(self, key: str) -> str:
        return self.page_titles.get(key) or key.capitalize()

    def _refresh_if_current(self, page: QWidget) -> None:
        if self.stack.currentWidget() is page:
            try:
                page.refresh()  # type: ignore[attr-defined]
            except Exception as exc:  # a page that cannot read is shown empty, the window stays usable
                self.report(exc)

    def show_page(self, key: str, *, refresh: bool = True) -> QWidget:
        page = self.pages[key]
        if self.stack.currentWidget() is not page:  # another page's news is no news of this one
            self.statusBar().clearMessage()
        self.stack.setCurrentWidget(page)
        self._moved_to((key, self._shown_in(key)))
        highlighted = PARENT_PAGES.get(key, key)
        if highlighted in NAV_PAGES:  # an event's page keeps Events highlighted, a person's page People
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(NAV_PAGES.index(highlighted))
            self.nav.blockSignals(False)
        if key in NAV_PAGES:
            if is_list_page(page):
                page.table.setFocus()
                page.show_count()
            elif hasattr(page, "refresh") and refresh:
                self._refresh_if_current(page)
        return page

    # --- history: Back (Alt+Left) returns to where the user was --------------------------
    def _shown_in(self, key: str) -> Any:
        if key == "event":
            return self.event_page.code
        if key == "person":
            return self.person_page.person_id
        return None

    def _moved_to(self, here: Location) -> None:
        if self._here is not None and self._here != here:
            self.history.append(self._here)
            del self.history[:-HISTORY_LIMIT]
        self._here = here

    def back(self) -> None:
        """Return to the previous page (and the event or person it showed); the events list when there is none."""
        while self.history:
            key, shown = self.history.pop()
            self._here = None  # going back is not a move to remember
            try:
                if key == "event" and shown:
                    self.open_event(shown)
                elif key == "person" and shown is not None:
                    self.open_person(shown)
                else:
                    self.show_page(key)
            except IurcError:  # gone since (undone, erased): step further back
                continue
            return
        self._here = None
        self.show_page("events" if self.current_page_key() != "events" else self.start_page)

    def current_page_key(self) -> str:
        current = self.stack.currentWidget()
        return next((key for key, page in self.pages.items() if page is current), "")  # "" while opening

    def _nav_changed(self, row: int) -> None:
        if 0 <= row < len(NAV_PAGES):
            self.show_page(NAV_PAGES[row])

    def _nav_clicked(self, item: object) -> None:
        """A click on the highlighted entry goes to its page too: Events from an event's page, People from a person's."""
        row = self.nav.row(item)
        if 0 <= row < len(NAV_PAGES) and self.current_page_key() != NAV_PAGES[row]:
            self.show_page(NAV_PAGES[row])

    def open_event(self, code: str) -> EventPage:
        """Show the detail of event `code`; raises NotFound for an unknown code."""
        self.event_page.show_event(code)
        self.show_page("event")
        # Qt lays out no room for a tab made visible while its bar was hidden (a webinar's World clock after
        # a study visit): lay the bar out again now that it is on screen.
        self.event_page.tabs.tabBar().adjustSize()
        return self.event_page

    def _open_event_safely(self, code: str) -> None:
        try:
            self.open_event(code)
        except IurcError as exc:
            self.report(exc)

    @property
    def person_page(self) -> PersonPage:
        return self.pages["person"]  # type: ignore[return-value]

    def open_person(self, person_id: int) -> PersonPage:
        """Show a person's page; raises NotFound when they are gone."""
        self.person_page.show_person(person_id)
        self.show_page("person")
        return self.person_page

    def _open_person_safely(self, person_id: int) -> None:
        try:
            self.open_person(person_id)
        except IurcError as exc:
            self.report(exc)

    def open_person_by_email(self, email: str) -> None:
        """A person's page found by e-mail (the to-do list's lines name people so)."""
        from ...app.navigation import person_id_by_email

        try:
            self.open_person(person_id_by_email(self.db, email))
        except IurcError as exc:
            self.report(exc)

    def open_person_at(self, email: str, field: str = "") -> None:
        """A person's page with `field` focused (where the page can); the People list filtered to them if not found."""
        from ...app.navigation import person_id_by_email

        try:
            page = self.open_person(person_id_by_email(self.db, email))
        except IurcError:  # a person named without an e-mail, or gone since
            self.navigate("person", email)
            return
        focus = getattr(page, "focus_field", None)
        if field and callable(focus):
            focus(field)

    def forget_event(self, code: str) -> None:
        """The event `code` is about to go (an undone duplicate): leave its page for the events list."""
        if self.event_page.code == code:
            self.event_page.code = None
            for tab in self.event_page.tab_widgets.values():
                tab.code = None
            if self.current_page_key() == "event":
                self.show_page("events")

    def current_event_code(self) -> str | None:
        """The event being looked at: the open event page, else the one selected in the events list."""
        if self.current_page_key() == "event" and self.event_page.code:
            return self.event_page.code
        row = self.events_page.current_row() if self.current_page_key() == "events" else None
        return getattr(row, "code", None)

    def go_to(self, event_code: str, target: str, key: str = "") -> None:
        """Open an event where something is fixed: a tab, an item selected, or the participants filtered to a person."""
        from .event_actions import go_to

        go_to(self, event_code, target, key)

    def navigate(self, kind: str, key: str) -> None:
        """Go where a page asked: an event, a person (the People page filtered to them), an organisation.

        Also a person's page ("open_person", "EMAIL [FIELD]": at that field when the page can focus one) and
        a tab of the event shown ("travel", EMAIL: Travel & stays filtered to them).
        """
        if kind == "event":
            self._open_event_safely(key)
        elif kind == "open_person":
            email, _, field = key.partition(" ")
            self.open_person_at(email, field)
        elif kind in ("person", "organisation"):
            self.show_list_filtered("people" if kind == "person" else "organisations", key)
        elif self.current_page_key() == "event" and self.event_page.code and kind in self.event_page.tab_widgets:
            self.go_to(self.event_page.code, kind, key)
        else:
            self.show_status(f"Nothing to open for {kind} {key}")

    def show_list_filtered(self, key: str, text: str) -> None:
        """The list page `key` (people, organisations, events), filtered by `text`."""
        page = self.show_page(key)
        if is_list_page(page):
            page.search.setText(text)
            page.apply_search()

    def focus_search(self) -> None:
        page = self.stack.currentWidget()
        if hasattr(page, "focus_search"):
            page.focus_search()

    def show_status(self, text: str) -> None:
        self.statusBar().showMessage(text)

    def report(self, exc: BaseException) -> None:
        show_error(self, exc)

    # --- database and programme files ------------------------------------------
    def choose_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open database", "", "IURC databases (*.db *.sqlite);;All files (*)")
        if path:
            self.open_database_url(path)

    def open_database_url(self, url: str) -> None:
        """Switch this window to another database; on failure keep the current one."""
        if self.tasks.busy:
            QMessageBox.information(self, APP_TITLE, "Wait for the current work to finish before opening another database.")
            return
        from .damaged import open_or_restore

        try:
            db = open_or_restore(self, url)  # a damaged file offers its backups first
        except IurcError as exc:
            self.report(exc)
            return
        if db is None:
            return
        if self.db is None:  # still opening: this database instead of the pending one
            self.attach(db)
            self.offer_demo_if_empty()
            return
        old, self.db = self.db, db
        self.undo_stack.clear()  # old commands belong to the old database
        self._build_pages()
        old.dispose()
        self._remember_database()
        self.show_status(f"Opened {self._db_name()}")
        self.offer_demo_if_empty()

    def choose_programme_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Load programme file", "", "Programme files (*.json);;All files (*)")
        if path:
            self.load_programme_file(Path(path))

    def load_programme_file(self, path: Path, *, replace: bool = False) -> Task:
        """Load a programme file on the worker; an existing event code asks whether to replace it."""
        job = operations.load_programme_job(self.db, path, replace=replace)
        task = self.run_task(f"Loading {path.name}…", job, on_success=self._loaded, on_failure=None)
        task.failed.connect(lambda exc: self._load_failed(path, exc, replace))
        return task

    def _load_failed(self, path: Path, exc: BaseException, replaced: bool) -> None:
        if isinstance(exc, Conflict) and not replaced:
            answer = QMessageBox.question(self, APP_TITLE, f"{exc}\n\nReplace the existing events with the ones in {path.name}?")
            if answer == QMessageBox.StandardButton.Yes:
                self.load_programme_file(path, replace=True)
            return
        self._task_failed(exc)

    def is_empty(self) -> bool:
        from ...app.events import count_events

        return count_events(self.db) == 0

    def offer_demo_if_empty(self) -> Task | None:
        """On an empty database, offer the demo programme; returns the loading task if accepted."""
        if not self.is_empty():
            return None
        answer = QMessageBox.question(
            self, APP_TITLE,
            "This database has no events yet.\n\nLoad the demo programme (study visits, webinars and "
            "attendees of the IURC programme, with invented people) to look around?",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return self.run_task("Loading the demo programme…", operations.load_demo_job(self.db), on_success=self._loaded)

    def _loaded(self, summary: Any) -> None:
        self.changes.notify("*")
        current = self.stack.currentWidget()
        if hasattr(current, "refresh") and not is_list_page(current):
            current.refresh()
        codes = ", ".join(getattr(summary, "event_codes", ()) or ())
        self.show_status(f"Loaded {codes}" if codes else "Loaded")

    # --- files dropped on the window -----------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if self.db is not None and dropping.usable(dropping.dropped_files(event.mimeData())):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        files = dropping.usable(dropping.dropped_files(event.mimeData()))
        if not files or self.db is None:
            event.ignore()
            return
        event.acceptProposedAction()
        for path in files:
            self.take_file(path)

    def take_file(self, path: Path) -> Task | None:
        """Do what a dropped file asks: load a programme, import a table or a calendar into the current event."""
        return dropping.take_file(self, path)

    # --- the worker -------------------------------------------------------------------
    def run_task(self, label: str, job: Any, *, on_success: Any, on_failure: Any = "default") -> Task:
        """Run `job(progress, token)` on the worker with a progress dialog; failures are shown by default."""
        task = self.tasks.submit(label, job)
        with_progress_dialog(self, task, APP_TITLE)
        task.finished.connect(on_success)
        if on_failure == "default":
            task.failed.connect(self._task_failed)
        elif on_failure is not None:
            task.failed.connect(on_failure)
        return task

    def _task_failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):  # the user asked for it: a status line, not a dialog
            self.show_status(str(exc))
            return
        self.report(exc)

    def about(self) -> None:
        QMessageBox.about(
            self, f"About {APP_TITLE}",
            f"<b>{APP_TITLE}</b><p>Logistics for the International Urban and Regional Cooperation "
            "programme: webinars across time zones, study visits, attendees, invites, rosters and reports.</p>"
            f"<p>Database: {self._db_name()}<br>Your zone: {self.viewer_zone}</p>",
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        from .file_actions import backup_on_close

        self.tasks.shutdown()
        self._save_layout()
        backup_on_close(self)
        super().closeEvent(event)
