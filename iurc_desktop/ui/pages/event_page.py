"""An event's page: header facts and actions (edit, groups, cancel) above tabs (Overview, and `event_tabs.py`'s)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFileDialog, QFormLayout, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget,
)

from ...app.changes import Topic
from ...app.events import EventDetail, ParticipantView, event_heading
from ...core import local_times
from ...core.counts import counted
from ...core.errors import IurcError, NotFound
from ..commands.events import CancelEvent
from ..dialogs.cancel_item import CancelEventDialog, CancelItemDialog
from ..dialogs.event_dialog import EventDialog, GroupsDialog, open_edit_event, open_groups
from ..dialogs.item_dialog import open_item_dialog
from ..dialogs.reminders_dialog import RemindersDialog, open_reminders
from ..icons import icon
from ..widgets.record_form import open_dialog
from ..worker import TaskRunner
from ..shell.context import Context
from ..shell.event_tabs import EVENT_TABS, TabSpec
from .event_overview import OverviewTab
from .event_tab import EventTab
from .events_page import kind_label
from .list_page import back_button

if TYPE_CHECKING:
    from ...core.events.listing import ItemView


class EventPage(QWidget):
    """Shows one event; `show_event(code)` loads it (raising NotFound for an unknown code).

    Tabs load lazily: only the visible one is filled; the others when first shown, and again
    only after a change to what they show. A large event's tabs read on the page's reader thread.
    """

    back_requested = Signal()
    status = Signal(str)
    navigate = Signal(str, str)  # see EventTab.navigate; the window handles what the page cannot

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.code: str | None = None
        self.detail: EventDetail | None = None
        # Tabs read beside the window's worker: a long job there (a duplicate search) does not hold their rows back.
        self.reader = TaskRunner(self)

        self.back = back_button()
        self.back.clicked.connect(self.back_requested)
        self.heading = QLabel()
        self.heading.setAccessibleName("Event title")
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.facts = QFormLayout()
        self.facts.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.facts.setHorizontalSpacing(12)
        self.facts.setVerticalSpacing(2)
        self._fact_labels: dict[str, QLabel] = {}
        for name in ("Code", "Kind", "Dates", "Zone", "Capacity", "Organiser", "Host", "Groups"):
            label = QLabel()
            label.setAccessibleName(name)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._fact_labels[name] = label
            self.facts.addRow(f"{name}:", label)

        self.edit_button = QPushButton(icon("pencil"), "Edi&t event…")
        self.edit_button.setShortcut(QKeySequence("Ctrl+E"))
        self.edit_button.setToolTip("Change the code, kind, title, theme, zone, dates, capacity, organiser or status (Ctrl+E)")
        self.edit_button.clicked.connect(self.edit_event)
        self.groups_button = QPushButton(icon("layers"), "&Groups…")
        self.groups_button.setToolTip("Add, rename or remove the groups of this study visit")
        self.groups_button.clicked.connect(self.edit_groups)
        self.reminders_button = QPushButton(icon("clock"), "&Reminders…")
        self.reminders_button.setToolTip("Reminder rules (14 days before, 1 hour before each session…) and who gets what when")
        self.reminders_button.clicked.connect(self.edit_reminders)
        self.cancel_item_button = QPushButton(icon("ban"), "Cancel &item…")
        self.cancel_item_button.setToolTip("Cancel the item selected in the Overview, with its cancellation file")
        self.cancel_item_button.clicked.connect(self.cancel_item)
        self.cancel_button = QPushButton(icon("calendar-x"), "Cance&l event…")
        self.cancel_button.setToolTip("Cancel the event and every item, with its cancellation file and e-mails")
        self.cancel_button.clicked.connect(self.cancel_event)
        # A bar widget owns its layout: a free-standing layout would be freed by Python at exit, after Qt's.
        self.actions_bar = QWidget()
        actions = QHBoxLayout(self.actions_bar)
        actions.setContentsMargins(0, 0, 0, 0)
        for button in (self.edit_button, self.groups_button, self.reminders_button, self.cancel_item_button,
                       self.cancel_button):
            actions.addWidget(button)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Event tabs")
        self.tabs.setDocumentMode(True)
        self.tab_widgets: dict[str, EventTab] = {}
        self._specs: dict[str, TabSpec] = {}
        for spec in EVENT_TABS:
            tab = spec.factory(ctx)
            tab.status.connect(self.status)
            tab.navigate.connect(self._on_navigate)
            tab.reader = self.reader
            self.tab_widgets[spec.key] = tab
            self._specs[spec.key] = spec
            self.tabs.addTab(tab, spec.title)
        self.tabs.currentChanged.connect(self._tab_changed)

        top = QHBoxLayout()
        top.addWidget(self.back, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(12)
        facts_and_actions = QHBoxLayout()  # the actions beside the facts: the tabs keep the window's height
        facts_and_actions.addLayout(self.facts)
        facts_and_actions.addStretch(1)
        facts_and_actions.addWidget(self.actions_bar, 0, Qt.AlignmentFlag.AlignTop)
        head = QVBoxLayout()
        head.addWidget(self.heading)
        head.addLayout(facts_and_actions)
        top.addLayout(head, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        ctx.changes.changed.connect(self._on_changed)

    # --- compatibility with the Overview's tables -------------------------------
    @property
    def overview(self) -> OverviewTab:
        return self.tab_widgets["event"]  # type: ignore[return-value]

    @property
    def items_model(self):  # type: ignore[no-untyped-def]
        return self.overview.items_model

    @property
    def items_table(self):  # type: ignore[no-untyped-def]
        return self.overview.items_table

    @property
    def participants_model(self):  # type: ignore[no-untyped-def]
        return self.overview.participants_model

    @property
    def participants_table(self):  # type: ignore[no-untyped-def]
        return self.overview.participants_table

    def item_rows(self) -> tuple[ItemView, ...]:
        return self.detail.items if self.detail else ()

    def participant_rows(self) -> tuple[ParticipantView, ...]:
        return self.overview.participants

    def settled(self) -> bool:
        """Whether every read the page asked for has arrived (tests and benchmarks wait for it)."""
        return not any(tab.loading for tab in self.tab_widgets.values())

    # --- loading -------------------------------------------------------------------
    def show_event(self, code: str) -> None:
        """Load and show the event `code`; raises the service's NotFound if there is none."""
        detail = event_heading(self.ctx.db, code)
        self.code = code
        self._show_heading(detail)
        for key, spec in self._specs.items():
            self.tabs.setTabVisible(self.tabs.indexOf(self.tab_widgets[key]), spec.applies(detail.row.kind))
        for tab in self.tab_widgets.values():
            tab.stale = tab is not self.overview  # a new opening reads each tab again when shown
        self._load_current()

    def _show_heading(self, detail: EventDetail) -> None:
        """The facts above the tabs and the Overview's items; every tab learns the event's size (where it reads)."""
        self.detail = detail
        self._fill(detail)
        for tab in self.tab_widgets.values():
            tab.size, tab.heading = detail.row.participants, detail
        self.overview.show_detail(detail)

    def select_tab(self, key: str) -> EventTab:
        """Bring the tab `key` to the front (loading it if needed)."""
        tab = self.tab_widgets[key]
        self.tabs.setCurrentWidget(tab)
        self._load_current()
        return tab

    def _tab_changed(self, _index: int) -> None:
        self._load_current()

    def _load_current(self) -> None:
        tab = self.tabs.currentWidget()
        if not isinstance(tab, EventTab) or not self.code or not (tab.stale or tab.code != self.code):
            return
        try:
            tab.show_event(self.code)
        except Exception as exc:  # a tab's failure is shown, the page stays usable
            self.ctx.report(exc)

    def _fill(self, detail: EventDetail) -> None:
        row = detail.row
        self.heading.setText(row.title)
        dates = local_times.day(row.start) if row.start == row.end else f"{local_times.day(row.start)} – {local_times.day(row.end)}"
        days = (row.end - row.start).days + 1
        dates += f"  ({days} days)" if days > 1 else ""
        capacity = f"{row.confirmed} confirmed of {row.capacity} places" if row.capacity else f"{row.confirmed} confirmed (no limit)"
        organiser = " ".join(x for x in (detail.organiser_name, f"<{detail.organiser_email}>" if detail.organiser_email else "") if x)
        values = {
            "Code": row.code,
            "Kind": kind_label(row.kind) + (f" · {row.theme}" if row.theme else "") + f" · {row.status}",
            "Dates": dates,
            "Zone": row.zone + ("" if row.zone == self.ctx.viewer_zone else f"   (your zone: {self.ctx.viewer_zone})"),
            "Capacity": f"{capacity}; {counted(row.participants, 'participant')} in all",
            "Organiser": organiser or "—",
            "Host": detail.host or "—",
            "Groups": ", ".join(detail.group_names) or "—",
        }
        for name, text in values.items():
            self._fact_labels[name].setText(text)
        self.groups_button.setVisible(row.kind == "study_visit" or bool(detail.group_names))
        self.facts.setRowVisible(self._fact_labels["Host"], row.kind == "study_visit" or bool(detail.host))
        self.cancel_button.setEnabled(row.status != "cancelled")
        self.status.emit(f"{row.code}: {counted(len(detail.items), 'item')}, {counted(row.participants, 'participant')}")

    def _on_navigate(self, kind: str, key: str) -> None:
        if kind == "tab" and key in self.tab_widgets:
            self.select_tab(key)
        elif kind == "item" and self.overview.select_item(key):
            self.select_tab("event")
        elif kind == "edit_item" and self.code:
            open_item_dialog(self.ctx, self, self.code, key)
        else:
            self.navigate.emit(kind, key)

    def _on_changed(self, topic: Topic) -> None:
        """Read again the heading and the tabs that show what changed: the shown one now, the others when shown."""
        if not self.code:
            return
        try:
            if topic.concerns(*self.overview.topics):
                self._show_heading(event_heading(self.ctx.db, self.code))
        except NotFound:  # removed (or its creation undone): nothing left to show here
            self.code = None
            self.back_requested.emit()
            return
        except Exception as exc:
            self.ctx.report(exc)
        for tab in self.tab_widgets.values():
            if tab is not self.overview and topic.concerns(*tab.topics):
                tab.stale = True
        self._load_current()

    # --- actions on the whole event ---------------------------------------------------
    def edit_event(self, *_clicked: object) -> EventDialog | None:
        """The Edit event dialog; a new code is followed by this page."""
        return open_edit_event(self.ctx, self, self.code, self._follow_code) if self.code else None

    def _follow_code(self, old: str, new: str) -> None:
        if self.code == old:
            self.code = new
            for tab in self.tab_widgets.values():
                tab.code = new

    def edit_groups(self, *_clicked: object) -> GroupsDialog | None:
        if not self.code or self.detail is None:
            return None
        return open_groups(self.ctx, self, self.code, self.detail.group_names)

    def edit_reminders(self, *_clicked: object) -> RemindersDialog | None:
        """The event's reminder rules and the schedule they make."""
        if not self.code or self.detail is None:
            return None
        return open_reminders(self.ctx, self, self.code, self.detail.row.kind)

    def cancel_event(self, *_clicked: object) -> CancelEventDialog | None:
        """Confirm, cancel (undoable), then save the cancellation file and e-mails if asked."""
        if not self.code or self.detail is None:
            return None
        dialog = CancelEventDialog(self.detail, self)
        dialog.confirmed.connect(self._cancel_confirmed)
        open_dialog(dialog)
        return dialog

    def cancel_item(self, *_clicked: object) -> CancelItemDialog | None:
        """Confirm cancelling the item selected in the Overview; then cancel it (undoable) and save its file if asked."""
        from ...app import calendars

        item = self.overview.selected_item()
        if not self.code or item is None or item.status == "cancelled":
            self.status.emit("Select a scheduled item in the Overview to cancel it.")
            return None
        try:
            invited = calendars.invited_count(self.ctx.db, self.code, item.key)
        except IurcError as exc:
            self.ctx.report(exc)
            return None
        dialog = CancelItemDialog(item, invited, self.ctx.viewer_zone, self, undoable=True)
        dialog.confirmed.connect(self._item_cancel_confirmed)
        open_dialog(dialog)
        return dialog

    def _item_cancel_confirmed(self, key: str, save_file: bool) -> None:
        from ...app import calendars

        code = self.code
        if not code:
            return
        command = CancelEvent(self.ctx, code, key)
        self.ctx.undo.push(command)
        if command.cancellation is None or not save_file:
            return
        path = self.choose_cancellation_file(f"{code}-{key}")
        if path is None:
            return
        try:
            calendars.send_cancellation(self.ctx.db, code, path, item_key=key)  # already cancelled: writes the file
            self.status.emit(f"Cancelled {key}; the cancellation file is {path}")
        except IurcError as exc:
            self.ctx.report(exc)
        self.ctx.changes.notify(Topic.ITEMS)

    def _cancel_confirmed(self, code: str, save_file: bool, write_mail: bool) -> None:
        from ...app import calendars

        command = CancelEvent(self.ctx, code)
        self.ctx.undo.push(command)
        if command.cancellation is None:  # refused: the window has said why
            return
        try:
            path = self.choose_cancellation_file(code) if save_file else None
            if path is not None:
                calendars.send_cancellation(self.ctx.db, code, path)  # already cancelled: writes and records the file
                self.status.emit(f"Cancelled {code}; the cancellation file is {path}")
            folder = self.choose_mail_folder() if write_mail else None
            if folder is not None:
                written = calendars.write_emails(self.ctx.db, code, folder, cancelling=True).value
                self.status.emit(f"Cancelled {code}; {len(written.paths)} cancellation e-mails in {folder}")
        except IurcError as exc:
            self.ctx.report(exc)
        self.ctx.changes.notify(Topic.ITEMS)

    def choose_cancellation_file(self, stem: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, "Save the cancellation as", f"{stem}-cancel.ics", "Calendar (*.ics)")
        return Path(name) if name else None

    def choose_mail_folder(self) -> Path | None:
        name = QFileDialog.getExistingDirectory(self, "Folder for the cancellation e-mails (.eml)")
        return Path(name) if name else None
