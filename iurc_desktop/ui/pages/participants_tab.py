"""The Participants tab of an event: add, edit and remove participants, filter, change statuses in bulk, order the
waitlist, see a participant's history or open their person page. Every change is undoable."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QLineEdit, QMenu, QPushButton, QToolButton, QVBoxLayout, QWidget,
)

from ...app import registrations as reg
from ...app.changes import Topic
from ...app.registrations import Change, RegistrationRow
from ...core.errors import NotFound
from ...core.people.listing import normalise_email
from ...core.textfold import fold, search_words
from ...core.vocab import HOLDS_PLACE, PARTICIPATION_STATUSES, ROLES
from ..commands.participants import RemoveParticipant, ReorderWaitlist, SetStatuses, moved, summary
from ..icons import icon, record_icon
from ..models.participants import COLUMNS, OPTIONAL_COLUMNS, ORGANISATION_COLUMN, ParticipantsModel, label
from ..shell.context import Context
from .event_tab import EventTab
from .list_page import fit_columns, make_table

ANY = ""  # the combos' "all" choice
NARROW = {1: 12, 9: 14, 10: 16}  # own script, dietary, access: at most this many characters wide


def _combo(name: str, everything: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.addItem(everything, ANY)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


def _refill(combo: QComboBox, values: list[tuple[str, str]]) -> None:
    """Replace the choices after "all", keeping the current one when it is still there."""
    current = combo.currentData()
    combo.blockSignals(True)
    while combo.count() > 1:
        combo.removeItem(1)
    for text, value in values:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)


def can_move(rows: list[RegistrationRow], status: str) -> bool:
    """True when every selected row may go to `status` and at least one would change."""
    return bool(rows) and any(r.status != status for r in rows) and all(
        r.status == status or status in reg.allowed_next(r.status) for r in rows
    )


class ParticipantsTab(EventTab):
    """Participants of one event with their needs; status changes go through the undo stack."""

    topics = ()  # it hears changes itself (also when alone, without a page): see `_on_changed`
    SHOWS = (Topic.EVENTS, Topic.PARTICIPANTS, Topic.PEOPLE)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.zone = "UTC"
        self.all_rows: tuple[RegistrationRow, ...] = ()
        self._filtered: tuple[RegistrationRow, ...] = ()
        self._capacity: int | None = None
        self._shown_code: str | None = None
        self._wanted = ""  # the e-mail of the person to select once the rows are shown (a to-do opened it)
        self.model = ParticipantsModel(self)
        self.table = make_table("Participants table")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.doubleClicked.connect(lambda _index: self.open_person())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.status_filter = _combo("Status filter", "All statuses")
        for status in PARTICIPATION_STATUSES:
            self.status_filter.addItem(label(status), status)
        self.role_filter = _combo("Role filter", "All roles")
        for role in ROLES:
            self.role_filter.addItem(label(role), role)
        self.group_filter = _combo("Group filter", "All groups")
        self.country_filter = _combo("Country filter", "All countries")
        self.search = QLineEdit()
        self.search.setAccessibleName("Search participants")
        self.search.setPlaceholderText("Search names, e-mails, organisations…")
        self.search.setClearButtonEnabled(True)
        for combo in (self.status_filter, self.role_filter, self.group_filter, self.country_filter):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.search.textChanged.connect(lambda _t: self._show_rows())
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Participants summary")
        self.count_label.setWordWrap(True)  # wraps rather than widening the window past a laptop's screen

        self.status_menu = QMenu("Set status", self)
        self.status_menu.aboutToShow.connect(self._fill_status_menu)
        self.status_button = QToolButton()
        self.status_button.setText("Set status…")
        self.status_button.setAccessibleName("Set status")
        self.status_button.setToolTip("Change the status of the selected participants (undoable)")
        self.status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.status_button.setMenu(self.status_menu)
        self.up_button = QPushButton("Move up")
        self.up_button.setToolTip("Earlier on the waitlist: promoted sooner")
        self.up_button.clicked.connect(lambda: self.move_on_waitlist(-1))
        self.down_button = QPushButton("Move down")
        self.down_button.setToolTip("Later on the waitlist")
        self.down_button.clicked.connect(lambda: self.move_on_waitlist(1))
        self.history_button = QPushButton(icon("hourglass"), "History…")
        self.history_button.setToolTip("Every status change of the selected participant")
        self.history_button.clicked.connect(self.show_history)
        self.add_button = QPushButton(icon("user-plus"), "&Add participant…")
        self.edit_button = QPushButton(icon("user-pen"), "E&dit…")
        self.remove_button = QPushButton(icon("trash-2"), "Rem&ove")
        self.person_button = QPushButton(record_icon("person"), "&Person page")
        self.visa_button = QPushButton(icon("globe"), "Vi&sa…")
        self.mail_button = QPushButton(icon("send"), "&Mail…")
        self.log_button = QPushButton(icon("mail"), "Messages…")
        for button, slot, keys, tip in (
            (self.add_button, self.add_participant, ("Insert",),
             "Add someone to the event: pick them by name or e-mail (Insert)"),
            (self.edit_button, self.edit_participant, ("F2",),
             "Role, group, status, needs and visa of the selected participant (F2)"),
            (self.remove_button, self.remove_participants, ("Delete",),
             "Take the selected participants out of the event (Delete; Ctrl+Z brings them back)"),
            (self.person_button, self.open_person, (), "The selected participant's person page (or double-click a row)"),
            (self.visa_button, self.open_visa, ("Ctrl+Shift+V",),
             "The selected participant's visa: its state, application deadline and history; move it on (Ctrl+Shift+V)"),
            (self.mail_button, self.open_mail, ("Ctrl+Shift+M",),
             "Write to the selected participants: a template or a free message, previewed per person (Ctrl+Shift+M)"),
            (self.log_button, self.open_send_log, (),
             "What was sent to the selected participants (to everyone when none is selected): what, when, status"),
        ):
            button.setToolTip(tip)
            button.clicked.connect(slot)
            for key in keys:
                # Keys on rows act in the table only: Delete in the search box deletes a letter.
                shortcut = QShortcut(QKeySequence(key), self if key == "Insert" else self.table)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slot)
        self.import_button = QPushButton("Import…")
        self.import_button.setToolTip("Import registrations or an attendance report from a .csv or .xlsx file")
        self.import_button.clicked.connect(self.open_import)
        self._build_layout()
        ctx.changes.changed.connect(self._on_changed)
        self._update_buttons()

    def _build_layout(self) -> None:
        filters = QHBoxLayout()
        for combo in (self.status_filter, self.role_filter, self.group_filter, self.country_filter):
            filters.addWidget(combo)
        filters.addWidget(self.search, 1)
        # two rows of buttons: in one, a 1,280-pixel screen could not hold the window beside the navigation
        changes, about = QHBoxLayout(), QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button, self.status_button, self.up_button,
                       self.down_button):
            changes.addWidget(button)
        changes.addStretch(1)
        for button in (self.person_button, self.visa_button, self.history_button, self.mail_button, self.log_button):
            about.addWidget(button)
        about.addStretch(1)
        about.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(filters)
        layout.addLayout(changes)
        layout.addLayout(about)
        layout.addWidget(self.count_label)  # a line of its own: the buttons leave it no room beside them
        layout.addWidget(self.table, 1)

    # --- loading -----------------------------------------------------------------
    def load(self, code: str) -> None:
        if code != self._shown_code:  # another event: its rows go now, not when the new ones arrive
            self.all_rows = self._filtered = ()
            self.model.set_rows(())
        db, filters = self.ctx.db, {
            "status": self.status_filter.currentData() or None, "role": self.role_filter.currentData() or None,
            "group": self.group_filter.currentData() or None, "country": self.country_filter.currentData() or None,
        }
        self.read(lambda: reg.participants_view(db, code, **filters), self._show_view, "the participants")

    def _show_view(self, view: reg.ParticipantsView) -> None:
        self._shown_code = view.code
        self.zone, self.all_rows = view.zone, view.all_rows
        _refill(self.group_filter, [(g, g) for g in view.groups])
        _refill(self.country_filter, [(c, c) for c in sorted({r.country for r in self.all_rows if r.country})])
        self._filtered = view.rows
        self._capacity = view.capacity
        self._show_rows()
        self._fit()

    def _fit(self) -> None:
        """Hide optional columns nobody in the event has a value for; an empty column only costs width."""
        for column in OPTIONAL_COLUMNS:
            self.table.setColumnHidden(column, not any(COLUMNS[column].text(r) for r in self.all_rows))
        fit_columns(self.table, ORGANISATION_COLUMN, 26)
        char = self.table.fontMetrics().averageCharWidth()
        for column, chars in NARROW.items():  # long free text is in the tooltip; the organisation gets the room
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), char * chars))

    def _show_rows(self) -> None:
        """Apply the text filter over the rows the service filtered, keeping the selection."""
        keep = {r.participation_id for r in self.selected_rows()}
        words = search_words(self.search.text())
        rows = [r for r in self._filtered if all(w in _haystack(r) for w in words)]
        self.model.set_rows(rows)
        for pid in keep:
            at = self.model.row_of(pid)
            if at >= 0:
                self.table.selectionModel().select(
                    self.model.index(at, 0), self._row_selection())
        if self._wanted and self._shown_code == self.code:  # the rows of the event asked for are in
            self._select_wanted()
        self._show_summary()
        self._update_buttons()

    def show_person(self, email: str) -> None:
        """Filter to the person and select their row (now, or when the rows arrive), so their actions are ready."""
        self._wanted = email
        self.search.setText(email)  # shows the rows again: the person selected if their event's rows are in
        if self._wanted and self._shown_code == self.code:  # the same text again: no change signal
            self._show_rows()

    def _select_wanted(self) -> None:
        self.select_emails(self._wanted)
        self._wanted = ""
        picked = self.table.selectionModel().selectedRows()
        if picked:  # the keyboard goes on from the person's row
            self.table.selectionModel().setCurrentIndex(picked[0], QItemSelectionModel.SelectionFlag.NoUpdate)

    @staticmethod
    def _row_selection() -> QItemSelectionModel.SelectionFlag:
        return QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows

    def _show_summary(self) -> None:
        held = sum(1 for r in self.all_rows if r.status in HOLDS_PLACE)
        waiting = sum(1 for r in self.all_rows if r.status == "waitlisted")
        places = f"{held} of {self._capacity} places taken" if self._capacity else f"{held} confirmed (no limit)"
        shown = self.model.rowCount()
        text = f"{shown} of {len(self.all_rows)} shown · {places} · {waiting} on the waitlist"
        self.count_label.setText(text)

    def _on_changed(self, topic: Topic) -> None:
        if not self.code or not topic.concerns(*self.SHOWS):
            return
        if not self.isVisible():
            self.stale = True  # read when next shown
            return
        try:
            self.refresh()
        except NotFound:  # the event is gone: its page goes back
            pass

    # --- selection and actions ---------------------------------------------------
    def selected_rows(self) -> list[RegistrationRow]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [r for r in (self.model.row_at(i) for i in rows) if r is not None]

    def select_emails(self, *emails: str) -> None:
        """Select the rows of these people (for keyboard-free use and tests)."""
        self.table.clearSelection()
        wanted = {normalise_email(e) for e in emails}
        for i, row in enumerate(self.model.rows()):
            if normalise_email(row.email) in wanted:
                self.table.selectionModel().select(self.model.index(i, 0), self._row_selection())

    def _update_buttons(self) -> None:
        rows = self.selected_rows()
        self.status_button.setEnabled(bool(rows))
        one_waiting = len(rows) == 1 and rows[0].status == "waitlisted"
        self.up_button.setEnabled(one_waiting and rows[0].waitlist_position not in (None, 1))
        self.down_button.setEnabled(one_waiting and rows[0].waitlist_position != self._waitlist_length())
        self.history_button.setEnabled(len(rows) == 1)
        self.edit_button.setEnabled(len(rows) == 1)
        self.person_button.setEnabled(len(rows) == 1)
        self.visa_button.setEnabled(len(rows) == 1)
        self.mail_button.setEnabled(bool(rows))
        self.log_button.setEnabled(bool(self.code))
        self.remove_button.setEnabled(bool(rows))
        self.add_button.setEnabled(bool(self.code))
        self.import_button.setEnabled(bool(self.code))

    def _waitlist_length(self) -> int:
        return sum(1 for r in self.all_rows if r.status == "waitlisted")

    def _fill_status_menu(self) -> None:
        self.status_menu.clear()
        rows = self.selected_rows()
        for status in PARTICIPATION_STATUSES:
            action = QAction(label(status), self.status_menu)
            action.setData(status)
            action.setEnabled(can_move(rows, status))
            action.triggered.connect(lambda _=False, s=status: self.set_status(s))
            self.status_menu.addAction(action)

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        one = len(self.selected_rows()) == 1
        menu.addAction(icon("user-pen"), "Edit…", self.edit_participant).setEnabled(one)
        menu.addAction(record_icon("person"), "Person page", self.open_person).setEnabled(one)
        self._fill_status_menu()
        menu.addMenu(self.status_menu)
        menu.addAction(icon("hourglass"), "History…", self.show_history).setEnabled(one)
        menu.addAction(icon("globe"), "Visa…", self.open_visa).setEnabled(one)
        menu.addAction(icon("send"), "Mail…", self.open_mail).setEnabled(bool(self.selected_rows()))
        menu.addAction(icon("mail"), "Messages…", self.open_send_log)
        menu.addSeparator()
        menu.addAction(icon("trash-2"), "Remove", self.remove_participants).setEnabled(bool(self.selected_rows()))
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def add_participant(self) -> None:
        if not self.code:
            return
        from ..dialogs.participant_dialog import open_participant_dialog

        self.participant_dialog = open_participant_dialog(self.ctx, self, self.code)

    def edit_participant(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1 or not self.code:
            return
        from ..dialogs.participant_dialog import open_participant_dialog

        self.participant_dialog = open_participant_dialog(self.ctx, self, self.code, rows[0].email, rows[0].name)

    def remove_participants(self) -> None:
        """Take the selected participants out of the event, one undoable step in all."""
        rows = self.selected_rows()
        if not rows or not self.code:
            return
        if len(rows) > 1:
            self.ctx.undo.beginMacro(f"Remove {len(rows)} participants from {self.code}")
        commands = [RemoveParticipant(self.ctx.db, self.ctx.changes, self.ctx.report, self.code, row.email, row.name)
                    for row in rows]
        for command in commands:
            self.ctx.undo.push(command)
        if len(rows) > 1:
            self.ctx.undo.endMacro()
        self.status.emit(f"Removed {', '.join(r.name for r in rows)} from {self.code}{_went(commands)}"
                         " (Ctrl+Z brings them back)")

    def open_visa(self) -> None:
        """The selected participant's visa dialog: state, deadline, history, the next step (undoable)."""
        rows = self.selected_rows()
        if len(rows) != 1 or not self.code:
            return
        from ..dialogs.visa_dialog import open_visa_dialog

        self.visa_dialog = open_visa_dialog(self.ctx, self, self.code, rows[0].email)

    def open_mail(self) -> None:
        """Write to the selected participants: a template or a free message, previewed per person, then queued."""
        rows = self.selected_rows()
        if not rows or not self.code:
            return
        from ..dialogs.send_dialog import open_send_dialog

        self.send_dialog = open_send_dialog(self.ctx, self, self.code, emails=[r.email for r in rows if r.email],
                                            status=self.status.emit)

    def open_send_log(self) -> None:
        """What was sent to the selected participants, or to everyone in the event when none is selected."""
        if not self.code:
            return
        from ..dialogs.send_log import SendLogDialog

        rows = self.selected_rows()
        whose = ", ".join(r.name for r in rows[:3]) + (f" and {len(rows) - 3} more" if len(rows) > 3 else "") if rows else self.code
        try:
            self.send_log = SendLogDialog(self.ctx, self.code, whose, [r.email for r in rows], self)
        except Exception as exc:
            self.ctx.report(exc)
            return
        self.send_log.open()

    def open_person(self) -> None:
        """The selected participant's person page, where their details and needs are."""
        rows = self.selected_rows()
        opener = getattr(self.window(), "open_person", None)
        if len(rows) != 1 or opener is None:
            return
        try:
            opener(rows[0].person_id)
        except Exception as exc:  # erased meanwhile
            self.ctx.report(exc)

    def set_status(self, status: str) -> None:
        """Move the selected participants to `status` as one undoable command."""
        rows = self.selected_rows()
        if not rows or not self.code:
            return
        command = SetStatuses(self.ctx.db, self.ctx.changes, self.ctx.report, self.code,
                              [r.participation_id for r in rows], status, on_applied=self._applied)
        self.ctx.undo.push(command)

    def _applied(self, changes: list[Change]) -> None:
        self.status.emit(f"{self.code}: {summary(changes)}")

    def move_on_waitlist(self, step: int) -> None:
        rows = self.selected_rows()
        if len(rows) != 1 or rows[0].status != "waitlisted" or not self.code:
            return
        order = reg.waitlist(self.ctx.db, self.code)
        new = moved(order, rows[0].participation_id, step)
        if new != order:
            self.ctx.undo.push(ReorderWaitlist(self.ctx.db, self.ctx.changes, self.ctx.report, self.code, order, new))
            self.status.emit(f"{rows[0].name} is now number {new.index(rows[0].participation_id) + 1} on the waitlist")

    def show_history(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1:
            return
        from ..dialogs.history_dialog import HistoryDialog

        try:
            dialog = HistoryDialog(self.ctx, rows[0].participation_id, rows[0].name, self.zone, self)
        except Exception as exc:  # e.g. erased meanwhile
            self.ctx.report(exc)
            return
        self.history_dialog = dialog  # kept for the caller (and tests) to look at
        dialog.open()

    def open_import(self) -> None:
        if not self.code:
            return
        from ..dialogs.import_wizard import open_import_wizard

        self.import_wizard = open_import_wizard(self.ctx, self, event_code=self.code)


def _haystack(row: RegistrationRow) -> str:
    return fold(" ".join((row.name, row.local_name, row.email, row.organisation, row.country, row.dietary, row.accessibility)))


def _went(commands: list[RemoveParticipant]) -> str:
    """' with 1 leg and 1 stay' for one removal, ' (Ane with 1 leg; Jan with 2 stays)' for several, or ''."""
    went = [(c.name, c.removed.went()) for c in commands if c.removed is not None and c.removed.went()]
    if len(commands) == 1:
        return f" {went[0][1]}" if went else ""
    return f" ({'; '.join(f'{name} {text}' for name, text in went)})" if went else ""
