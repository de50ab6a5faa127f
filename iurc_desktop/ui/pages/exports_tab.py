"""The Exports tab of an event: calendar invites, itineraries, cancellations, e-mails and rosters.

Every Save runs on the window's worker with progress and Cancel; what a
calendar file holds is shown beside, read back from the file (or from the
bytes before saving). The file and folder choosers and the cancel confirmation
are attributes so tests can replace them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from ...app.changes import Topic
from ...core import local_times
from ...core.errors import IurcError
from ...core.events.listing import EventDetail, ItemView, ParticipantView
from ...core.vocab import WITHDRAWN
from .. import operations_export as ops
from ..dialogs.cancel_item import CancelItemDialog
from ..dialogs.ics_preview import IcsPreview, IcsPreviewDialog, ics_method
from ..icons import icon
from ..shell.context import Context
from .event_tab import EventTab
from .list_page import ProportionalColumns

if TYPE_CHECKING:
    from ...app.calendars import CalendarEntry, Organiser
    from ...app.database import Database

    Invite = tuple[list[CalendarEntry], str, str]  # a calendar's entries, what it is, its METHOD: what the preview shows

ICS_FILTER = "Calendar files (*.ics)"
ROSTERS = (
    ("participants", "Participants", "the people taking part, with the columns you choose"),
    ("host", "Host roster", "who comes to one host's site, and what the host must prepare"),
    ("rooming", "Rooming list", "for hotels: rooms, nights and who shares"),
    ("arrivals", "Arrivals", "for drivers: flights by local arrival time"),
    ("needs", "Needs", "for caterers: dietary and accessibility needs per item"),
)
WHOLE_EVENT = ""
# The preview's long text columns (title, your time, place) share its width; days and times stay whole.
PREVIEW_WIDE = (2, 3, 5)


def _button(text: str, name: str, slot: Any, shown: str = "") -> QPushButton:
    button = QPushButton(icon(shown), text) if shown else QPushButton(text)
    button.setAccessibleName(name)
    button.clicked.connect(slot)
    return button


class ExportsTab(EventTab):
    """Save calendar files and rosters of one event."""

    done = Signal(object)  # an export finished: its result (ops.Saved or the roster result)
    topics = (Topic.EVENTS, Topic.ITEMS, Topic.PARTICIPANTS, Topic.PEOPLE)  # its choices and the invite's attendees

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.detail: EventDetail | None = None
        self.choose_path = lambda title, name, filters: ops.ask_save_path(self, title, name, filters)
        self.choose_folder = lambda title: ops.ask_folder(self, title)
        self.confirm_cancel = self._confirm_cancel  # (item, invited) -> (confirmed, save the file now)
        self.roster_dialogs: list[QWidget] = []
        self.saved_file: Path | None = None  # a calendar file just saved, shown when the reload under way arrives

        self.invite_item = self._combo("Invite for")
        self.itinerary_who = self._combo("Itinerary of")
        self.cancel_item = self._combo("Item to cancel")
        self.cancel_button = _button("Cancel item…", "Cancel item", self.cancel_selected, "calendar-x")
        self.cancel_item.currentIndexChanged.connect(self._cancel_choice_changed)
        self.preview = IcsPreview(ctx.viewer_zone, self)
        self.preview_columns = ProportionalColumns(self.preview.table, PREVIEW_WIDE, 60)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 8, 0)
        column.addWidget(self._calendar_box())
        column.addWidget(self._roster_box())
        column.addStretch(1)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([520, 760])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(splitter, 1)

    # --- building ----------------------------------------------------------------------
    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(18)
        combo.currentTextChanged.connect(combo.setToolTip)  # an entry longer than the row is read whole here
        return combo

    def _calendar_box(self) -> QGroupBox:
        box = QGroupBox("Calendar (.ics)")
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        rows: list[tuple[str, QWidget, list[QPushButton]]] = [
            ("Invites", self.invite_item, [
                _button("Preview", "Preview invite", self.preview_invite, "search"),
                _button("Save as…", "Save invite", self.save_invite, "save")]),
            ("", _hint("Outlook: one file per item. E-mails: one .eml per person, an invite per item attached."), [
                _button("Files per item…", "Save invite files per item", self.save_invites_per_item, "copy"),
                _button("E-mails…", "Write invitation e-mails", self.save_emails, "mail"),
                _tip(_button("Send…", "Send invitations", lambda: self.open_send_dialog("invitation"), "send"),
                     "Send each participant their invitation through your mail server: preview, queue, send")]),
            ("Itinerary", self.itinerary_who, [
                _button("Preview", "Preview itinerary", self.preview_itinerary, "search"),
                _button("Save as…", "Save itinerary", self.save_itinerary, "save")]),
            ("Cancel", self.cancel_item, [
                _button("Preview", "Preview cancellation", self.preview_cancellation, "search"), self.cancel_button]),
            ("", _hint("Cancellation e-mails: one .eml per invited person, the cancellation attached."), [
                _button("E-mails…", "Write cancellation e-mails", self.save_cancellation_emails, "mail"),
                _tip(_button("Send…", "Send cancellations", lambda: self.open_send_dialog("cancellation"), "send"),
                     "Send the cancellation of every item already cancelled (Cancel item… first) to those invited to it")]),
        ]
        # A drop-down has the row to itself, its buttons beneath: its long entries (an item's day, time and title) show whole.
        row = 0
        for label, widget, buttons in rows:
            grid.addWidget(QLabel(f"<b>{label}</b>" if label else ""), row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(widget, row, 1)
            row += 1
            actions = QHBoxLayout()
            for button in buttons:
                actions.addWidget(button)
            actions.addStretch(1)
            grid.addLayout(actions, row, 1)
            row += 1
        grid.addWidget(_button("Open a calendar file…", "Preview a calendar file", self.open_calendar_file, "folder-open"),
                       row, 1, 1, 1, Qt.AlignmentFlag.AlignLeft)
        return box

    def _roster_box(self) -> QGroupBox:
        """One button per roster kind: whom it is for, and the personal data it carries by default (why, as a tooltip)."""
        from ...app.rosters import personal_data, personal_data_text

        box = QGroupBox("Rosters (.xlsx or .csv)")
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        for row, (kind, title, about) in enumerate(ROSTERS):
            grid.addWidget(_button(f"{title}…", f"Export {kind} roster", lambda _=False, k=kind: self.open_roster_dialog(k),
                                   "file-spreadsheet"), row, 0)
            personal = personal_data(kind)
            carries = f" · personal data: {', '.join(p.header for p in personal)}" if personal else ""
            hint = QLabel(about + carries)
            hint.setToolTip(personal_data_text(personal, kind))  # each column's reason; the dialog shows it too
            hint.setObjectName(f"roster-hint-{kind}")
            hint.setWordWrap(True)
            grid.addWidget(hint, row, 1)
        return box

    # --- loading -----------------------------------------------------------------------
    def load(self, code: str) -> None:
        """The items at once; the people to choose an itinerary for and the event's invite through `read`."""
        from ...app import events

        if self.detail is None or self.detail.row.code != code:  # another event: nothing of the last one stays
            self.saved_file = None
            self.itinerary_who.clear()
        detail = self.heading  # the page's, read again after any change this tab shows
        if detail is None or detail.row.code != code:
            detail = events.event_heading(self.ctx.db, code)
        self.detail = detail
        chosen = [(combo, combo.currentData()) for combo in (self.invite_item, self.cancel_item)]
        self.invite_item.clear()
        self.invite_item.addItem("The whole event (one file, for Google and Apple)", WHOLE_EVENT)
        for item in detail.items:
            if item.status != "cancelled":
                self.invite_item.addItem(_item_label(item), item.key)
        self.cancel_item.clear()
        for item in detail.items:
            self.cancel_item.addItem(_item_label(item) + ("  — cancelled" if item.status == "cancelled" else ""), item.key)
        _choose_again(chosen)
        self._cancel_choice_changed()
        db, event_id, organiser = self.ctx.db, detail.row.id, self.ctx.organiser()
        self.read(lambda: _people_and_invite(db, code, event_id, organiser), self._show_people_and_invite,
                  "the participants and the invite")

    def _show_people_and_invite(self, read: tuple[tuple[ParticipantView, ...], Invite | IurcError]) -> None:
        """Fill the itinerary choices; show the file just saved, else what the event's invite holds."""
        people, invite = read
        chosen = [(self.itinerary_who, self.itinerary_who.currentData())]
        self.itinerary_who.clear()
        for name in self.detail.group_names if self.detail else ():
            self.itinerary_who.addItem(f"Group {name}", f"group:{name}")
        for person in people:
            if person.email and person.status not in WITHDRAWN:
                self.itinerary_who.addItem(f"{person.name} <{person.email}>", f"person:{person.email}")
        self.itinerary_who.addItem("The whole event", "event:")
        _choose_again(chosen)
        if self.saved_file is not None:
            self.preview.show_file(self.saved_file)  # after a save: what the recipient's calendar will see
            self.saved_file = None
        elif isinstance(invite, IurcError):  # a problem (no items yet) is said in the caption
            self.preview.model.set_rows(())
            self.preview.caption.setText(f"Preview: {invite}")
        else:
            self.preview.show_entries(*invite)
        self.fit_preview()

    def _organiser(self) -> Organiser:
        """Who calendar files come from when the event has no organiser: the settings' (see ui/shell/settings.py)."""
        from ...app.calendars import Organiser

        return Organiser(*self.ctx.organiser())

    def _item(self, key: str) -> ItemView:
        return next(i for i in (self.detail.items if self.detail else ()) if i.key == key)

    # --- invites -----------------------------------------------------------------------
    def _invite_key(self) -> str | None:
        return self.invite_item.currentData() or None

    def preview_invite(self) -> None:
        key = self._invite_key()
        self._preview(lambda c: c.invite_preview(self.ctx.db, self.code, key, organiser=self._organiser()), f"Invite for {key or self.code}")

    def save_invite(self) -> None:
        key = self._invite_key()
        path = self.choose_path("Save invite as", ops.default_name(self.code, "invite", key=key or ""), ICS_FILTER)
        if path:
            self._run(f"Saving the invite for {key or self.code}…", ops.invite_job(self.ctx.db, self.code, key, path, organiser=self.ctx.organiser()))

    def save_invites_per_item(self) -> None:
        folder = self.choose_folder("Folder for one invite file per item")
        if folder:
            self._run("Saving invite files…", ops.invites_per_item_job(self.ctx.db, self.code, folder, organiser=self.ctx.organiser()))

    def save_emails(self) -> None:
        folder = self.choose_folder("Folder for the invitation e-mails (.eml)")
        if folder:
            self._run("Writing e-mails…", ops.emails_job(self.ctx.db, self.code, self._invite_key(), folder, organiser=self.ctx.organiser()))

    def open_send_dialog(self, template: str) -> QWidget | None:
        """The Send dialog on `template`: recipients, a preview each, then queue and send (window-modal)."""
        from ..dialogs.send_dialog import open_send_dialog

        if not self.code:
            return None
        # about the item chosen beside the button (Invites or Cancel), as the .eml files beside it are
        item = self._invite_key() if template == "invitation" else self.cancel_item.currentData() or None
        self.send_dialog = open_send_dialog(self.ctx, self, self.code, template=template, item=item,
                                            status=self.status.emit)
        return self.send_dialog

    # --- itineraries -------------------------------------------------------------------
    def _who(self) -> tuple[str, str]:
        kind, _, key = str(self.itinerary_who.currentData() or "event:").partition(":")
        return kind, key

    def _itinerary_args(self) -> dict[str, str | None]:
        kind, key = self._who()
        return {"group": key if kind == "group" else None, "email": key if kind == "person" else None}

    def preview_itinerary(self) -> None:
        args = self._itinerary_args()
        self._preview(lambda c: c.itinerary_preview(self.ctx.db, self.code, organiser=self._organiser(), **args), f"Itinerary: {self.itinerary_who.currentText()}")

    def save_itinerary(self) -> None:
        kind, key = self._who()
        part = {"group": f"group-{key}", "person": key}.get(kind, "")
        path = self.choose_path("Save itinerary as", ops.default_name(self.code, "itinerary", key=part), ICS_FILTER)
        if path:
            self._run("Saving the itinerary…", ops.itinerary_job(self.ctx.db, self.code, path, organiser=self.ctx.organiser(),
                                                                       **self._itinerary_args()))

    # --- cancellation ------------------------------------------------------------------
    def _cancel_choice_changed(self, _index: int = 0) -> None:
        key = self.cancel_item.currentData()
        cancelled = bool(key) and self._item(key).status == "cancelled"
        self.cancel_button.setText("Save cancellation…" if cancelled else "Cancel item…")
        self.cancel_button.setEnabled(bool(key))

    def preview_cancellation(self) -> None:
        key = self.cancel_item.currentData()
        if key:
            self._preview(lambda c: c.cancellation_preview(self.ctx.db, self.code, key, organiser=self._organiser()), f"Cancellation of {key}")

    def cancel_selected(self) -> None:
        """Cancel the chosen item after a confirmation that offers its cancellation file; or save that file."""
        key = self.cancel_item.currentData()
        if not key:
            return
        item = self._item(key)
        name = ops.default_name(self.code, "cancel", key=key)
        if item.status == "cancelled":
            path = self.choose_path("Save cancellation as", name, ICS_FILTER)
            if path:
                self._run(f"Saving the cancellation of {key}…", ops.cancellation_file_job(self.ctx.db, self.code, key, path, organiser=self.ctx.organiser()))
            return
        from ...app import calendars

        try:
            invited = calendars.invited_count(self.ctx.db, self.code, key)
        except Exception as exc:
            self.ctx.report(exc)
            return
        confirmed, save_now = self.confirm_cancel(item, invited)
        if not confirmed:
            return
        path = self.choose_path("Save cancellation as", name, ICS_FILTER) if save_now else None
        if save_now and path is None:
            return  # they wanted the file but closed the chooser: cancel nothing yet
        self._run(f"Cancelling {item.title}…", ops.cancel_item_job(self.ctx.db, self.code, key, path, organiser=self.ctx.organiser()))

    def save_cancellation_emails(self) -> None:
        """Cancel the chosen item (after the confirmation, unless it already is) and write its cancellation e-mails."""
        key = self.cancel_item.currentData()
        if not key:
            return
        item = self._item(key)
        if item.status != "cancelled":
            from ...app import calendars

            try:
                invited = calendars.invited_count(self.ctx.db, self.code, key)
            except Exception as exc:
                self.ctx.report(exc)
                return
            if not self.confirm_cancel(item, invited)[0]:
                return
        folder = self.choose_folder("Folder for the cancellation e-mails (.eml)")
        if folder:
            self._run(f"Cancelling {item.title}…", ops.emails_job(self.ctx.db, self.code, key, folder, cancel=True, organiser=self.ctx.organiser()))

    def _confirm_cancel(self, item: ItemView, invited: int) -> tuple[bool, bool]:
        dialog = CancelItemDialog(item, invited, self.ctx.viewer_zone, self)
        return dialog.exec() == CancelItemDialog.DialogCode.Accepted, dialog.save_file

    # --- rosters and files from elsewhere ------------------------------------------
    def open_roster_dialog(self, kind: str) -> QWidget:
        """Open the roster export dialog on `kind` (window-modal, not blocking) and return it."""
        from ..dialogs.export_roster import ExportRosterDialog

        dialog = ExportRosterDialog(self.ctx, self.code or "", kind, self)
        dialog.saved.connect(lambda result: self.status.emit(f"Saved {result.rows} rows to {result.path}"))
        self.roster_dialogs = [d for d in self.roster_dialogs if d.isVisible()] + [dialog]
        dialog.open()
        return dialog

    def open_calendar_file(self) -> None:
        path = self.choose_path_to_open()
        if path:
            try:
                IcsPreviewDialog(path, self.ctx.viewer_zone, self).open()
            except Exception as exc:
                self.ctx.report(exc)

    def choose_path_to_open(self) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getOpenFileName(self, "Open a calendar file", str(Path.home()), f"{ICS_FILTER};;All files (*)")
        return Path(chosen) if chosen else None

    # --- running -----------------------------------------------------------------------
    def _preview(self, build: Any, what: str) -> None:
        """Build a file's bytes without saving (nothing stored changes) and show the entries it holds."""
        from ...app import calendars

        try:
            self.preview.show_bytes(without_attendees(build(calendars)), what)
        except Exception as exc:
            self.ctx.report(exc)
        self.fit_preview()

    def fit_preview(self) -> None:
        """The preview's columns within its width: short ones whole, long text shared (full text in tooltips)."""
        self.preview.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.preview_columns.measure()

    def _run(self, label: str, job: ops.Job) -> None:
        def finished(saved: ops.Saved) -> None:
            self.status.emit(saved.message)
            for topic in sorted(t.value for t in saved.changed):
                self.ctx.changes.notify(topic)  # the page reloads, this tab with it
            ics = [p for p in saved.paths if p.suffix == ".ics"]
            if len(ics) == 1 and self.loading:
                self.saved_file = ics[0]  # the reload under way shows it when it arrives
            elif len(ics) == 1:
                self.preview.show_file(ics[0])  # after the reload: what the recipient's calendar will see
                self.fit_preview()
            self.done.emit(saved)

        ops.start(self, self.ctx, label, job, finished, self.status.emit)


def _people_and_invite(db: Database, code: str, event_id: int, organiser: tuple[str, str],
                       ) -> tuple[tuple[ParticipantView, ...], Invite | IurcError]:
    """What the tab reads after the items: the participants and the entries of the event's invite, read back as
    a calendar would (or why there is none). Parsing a large invite takes seconds: it is done here, not when shown.
    The calendar library is imported here too, off the GUI thread."""
    from ...app import calendars, events

    people = tuple(events.participants(db, event_id))
    what = f"Invite for {code}"
    try:
        data = calendars.invite_preview(db, code, organiser=calendars.Organiser(*organiser))
        return people, (calendars.read_entries(without_attendees(data), source=what), what, ics_method(data))
    except IurcError as exc:
        return people, exc


def without_attendees(data: bytes) -> bytes:
    """A calendar without its ATTENDEE lines (folded ones whole): the entries it shows are the same, and a large
    event's invite, one line per participant and item, parses many times faster."""
    kept: list[bytes] = []
    skipping = False
    for line in data.split(b"\r\n"):
        if line[:1] in (b" ", b"\t"):  # a folded line continues the one before
            if not skipping:
                kept.append(line)
            continue
        skipping = line[:9].upper() == b"ATTENDEE;" or line[:9].upper() == b"ATTENDEE:"
        if not skipping:
            kept.append(line)
    return b"\r\n".join(kept)


def _choose_again(chosen: list[tuple[QComboBox, object]]) -> None:
    """Choose again what each refilled combo had chosen; the open list shows its longest entry whole."""
    for combo, data in chosen:
        combo.setCurrentIndex(max(0, combo.findData(data)))
        widest = max((combo.fontMetrics().horizontalAdvance(combo.itemText(i)) for i in range(combo.count())), default=0)
        combo.view().setMinimumWidth(widest + 40)  # beside a scroll bar


def _tip(button: QPushButton, text: str) -> QPushButton:
    button.setToolTip(text)
    return button


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _item_label(item: ItemView) -> str:
    return f"{local_times.moment(item.start)} · {item.title}"
