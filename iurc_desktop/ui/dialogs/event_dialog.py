"""New event and Edit event, and the groups of a study visit: forms checked by the programme file's rules.

The fields follow the kind: a webinar asks for the zones it must work in, a
study visit for its groups. Problems show beside their fields (`code: ...`,
`zone: ...`, `end: ...`, `email: ...`), never in a message box; saving pushes
one undoable command.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPushButton, QSpinBox,
    QVBoxLayout, QWidget,
)

from ...core import local_times, timeutil, vocab
from ...app.events import host_choices
from ..commands.base import Reporter, ServiceCommand
from ..commands.events import AddGroup, CreateEvent, EditEvent, RemoveGroup, RenameGroup
from ..icons import icon
from ..shell.context import Context
from ..widgets.record_form import DateField, RecordDialog, ZoneField, open_dialog

CAPACITY_MAX = 100_000
VISA_DAYS_MAX = 365
EDIT_NOTE = ("Changing the zone or the dates moves no item: items keep their times, "
             "and the checks then name any that fall outside the event's dates.")


class DeleteKey(QObject):
    """Calls `slot` when Delete is pressed in the watched list (its selection is what goes)."""

    def __init__(self, watched: QWidget, slot: Callable[[], object]) -> None:
        super().__init__(watched)
        self.slot = slot
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and event.matches(QKeySequence.StandardKey.Delete):  # type: ignore[attr-defined]
            self.slot()
            return True
        return False


def on_delete_key(widget: QWidget, slot: Callable[[], object]) -> DeleteKey:
    """Delete in `widget` runs `slot`."""
    return DeleteKey(widget, slot)


class ListField(QWidget):
    """Entries typed into a box and added to a list below it; Delete (or Remove) takes the selected one out."""

    checked = Signal(str)  # the problem with the entry just added ("" when it was fine)

    def __init__(self, name: str, entry: QLineEdit | ZoneField, check: Callable[[str], str]) -> None:
        super().__init__()
        self.entry, self.check = entry, check
        entry.setAccessibleName(f"{name}: new entry")
        self.add_button = QPushButton(icon("plus"), "Add")
        self.add_button.setAccessibleName(f"Add to {name}")
        self.add_button.clicked.connect(self.add_typed)
        self.remove_button = QPushButton(icon("trash-2"), "Remove")
        self.remove_button.setAccessibleName(f"Remove from {name}")
        self.remove_button.clicked.connect(self.remove_selected)
        self.list = QListWidget()
        self.list.setAccessibleName(name)
        self.list.setFixedHeight(self.list.fontMetrics().height() * 4 + 12)  # a few lines, never squeezed
        on_delete_key(self.list, self.remove_selected)
        typed = entry.lineEdit() if isinstance(entry, ZoneField) else entry
        typed.installEventFilter(self)  # Enter adds the entry, rather than saving the whole dialog
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(entry, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.list)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # type: ignore[attr-defined]
            self.add_typed()
            return True
        return False

    def text(self) -> str:
        return (self.entry.zone() if isinstance(self.entry, ZoneField) else self.entry.text()).strip()

    def add_typed(self) -> str:
        """Add what is typed and clear the box; returns (and announces) the problem with it ("" when added)."""
        value = self.text()
        problem = self.check(value) if value else ""
        if value and not problem:
            if value not in self.values():
                self.list.addItem(value)
            if isinstance(self.entry, ZoneField):
                self.entry.setCurrentText("")
            else:
                self.entry.clear()
        self.checked.emit(problem)
        return problem

    def remove_selected(self) -> None:
        for entry in self.list.selectedItems():
            self.list.takeItem(self.list.row(entry))

    def values(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]


def organiser_defaults() -> tuple[str, str]:
    """The organiser name and e-mail from Settings, which new events start with."""
    from ..shell.settings import load_settings

    settings = load_settings()
    return settings.organiser_name, settings.organiser_email


class EventDialog(RecordDialog):
    """New event (no `record`) or Edit event (the event's programme-file record)."""

    created = Signal(str, str, object)  # code, kind, the zones a webinar must work in

    def __init__(self, ctx: Context, parent: QWidget | None = None, record: dict[str, Any] | None = None) -> None:
        editing = record is not None
        title = f"Edit event · {record['code']}" if record else "New event"
        super().__init__(ctx, title, parent, intro=EDIT_NOTE if editing else
                         "A new event: its fields follow the kind. Dates are local to the event's zone.")
        self.setWindowIcon(icon("pencil" if editing else "calendar-plus"))
        # The frame sizes itself to the form's minimum: give the form room for a long title.
        self.form.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)
        self.original = record or {}
        start = date.today() + timedelta(days=30)
        organiser = record.get("organiser", {}) if record else dict(zip(("name", "email"), organiser_defaults()))
        form = self.form
        self.code = form.add("code", "&Code", QLineEdit(self.original.get("code", "")),
                             "the short name commands and files use, e.g. r2r-japan-2027")
        self.kind = form.add("kind", "&Kind", _choice(vocab.EVENT_KINDS, self.original.get("kind", "webinar")))
        self.title_field = form.add("title", "&Title", QLineEdit(self.original.get("title", "")))
        self.theme = form.add("theme", "T&heme", QLineEdit(self.original.get("theme", "")))
        self.zone = form.add("zone", "&Zone", ZoneField(self.original.get("zone", ctx.viewer_zone)))
        self.start = form.add("start", "&Start", DateField(_day(self.original.get("start"), start)))
        self.end = form.add("end", "&End", DateField(_day(self.original.get("end"), start)), "the last day, included")
        self.capacity = form.add("capacity", "Ca&pacity", QSpinBox())
        self.capacity.setRange(0, CAPACITY_MAX)
        self.capacity.setSpecialValueText("no limit")
        self.capacity.setValue(self.original.get("capacity") or 0)
        self.visa_days = form.add("visa_days", "&Visa takes", QSpinBox(),
                                  "the visa application deadline is the departure minus these days")
        self.visa_days.setRange(0, VISA_DAYS_MAX)
        self.visa_days.setSpecialValueText("the country's default")
        self.visa_days.setSuffix(" days")
        self.visa_days.setValue(self.original.get("visa_days") or 0)
        self.organiser_name = form.add("name", "&Organiser", QLineEdit(organiser.get("name", "")))
        self.organiser_email = form.add("email", "Organiser e-&mail", QLineEdit(organiser.get("email", "")),
                                        "the ORGANIZER of its calendar invites")
        self.status = form.add("status", "Stat&us", _choice(vocab.EVENT_STATUSES, self.original.get("status", "planned")))
        self.host = form.add("host", "Host &region", QComboBox())
        self.host.setToolTip("the region or prefecture that receives the visit")
        self.host.addItem("(none)", None)
        for key, name in host_choices(ctx.db):
            self.host.addItem(f"{name} ({key})", key)
        self.host.setCurrentIndex(max(0, self.host.findData(self.original.get("host"))))
        self.zones = ListField("Zones it must work in", ZoneField(""), _zone_problem)
        self.zones.list.addItems(self.original.get("zones", []))
        form.add("zones", "Zones it must &work in", self.zones,
                 "besides its own and the participants'; the World clock shows the sessions in each")
        self.groups = ListField("Groups", QLineEdit(), lambda _name: "")
        self.groups.entry.setPlaceholderText("e.g. A or Osaka")
        if not editing:
            form.add("groups", "&Groups", self.groups, "a study visit's delegation splits into groups; add them here")
        self.follow: Callable[[str, str], None] | None = None  # told (old code, new code) when the code changes
        self.creating: CreateEvent | None = None
        # Bound methods, not lambdas: Qt drops them with the dialog (deleted on close).
        self.kind.currentIndexChanged.connect(self._follow_kind)
        self.zones.checked.connect(self._show_zones_problem)
        self.zone.currentTextChanged.connect(self._check_dates_and_zone)
        self.start.dateChanged.connect(self._check_dates_and_zone)
        self.end.dateChanged.connect(self._check_dates_and_zone)
        self._follow_kind()

    def kind_value(self) -> str:
        return str(self.kind.currentData())

    def wants_zones(self) -> bool:
        """A webinar is asked for the zones it must work in; zones set before stay in sight whatever the kind."""
        return self.kind_value() == "webinar" or bool(self.original.get("zones"))

    def _follow_kind(self, *_changed: object) -> None:
        """A study visit asks for its host region; a new webinar for its zones, a new study visit for its groups."""
        self.form.layout_.setRowVisible(self.host, self.kind_value() == "study_visit" or self.host.currentData() is not None)
        # only a journey asks for a visa; a value set before stays in sight
        self.form.set_visible("visa_days", self.kind_value() == "study_visit" or bool(self.visa_days.value()))
        self.form.set_visible("zones", self.wants_zones())
        if self.original:
            return
        self.form.set_visible("groups", self.kind_value() == "study_visit")
        self.adjustSize()  # which Qt caps at two thirds of the screen: never below what the fields need
        layout = self.layout()
        need = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else self.minimumSizeHint().height()
        self.resize(self.width(), max(self.height(), need))  # wrapped hints need the height their width gives them

    def _check_dates_and_zone(self, *_changed: object) -> bool:
        """A bad zone or an end before the start, said while typing."""
        zone = self.zone.problem() if self.zone.zone() else "missing (required)"
        self.form.set_problem("zone", zone)
        end = self.end.value() < self.start.value()
        shown = f"{local_times.day(self.end.value())} is before the start {local_times.day(self.start.value())}"  # as the fields
        self.form.set_problem("end", shown if end else "")
        return not (zone or end)

    def _show_zones_problem(self, problem: str) -> None:
        self.form.set_problem("zones", problem)

    def live_check(self) -> bool:
        """The zone and dates, and a zone typed for a webinar but not added (it is added now, if it is one)."""
        fine = self._check_dates_and_zone()
        pending = self.zones.add_typed() if self.wants_zones() else ""
        if not self.original and self.kind_value() == "study_visit":
            self.groups.add_typed()  # a name typed but not yet added is meant
        return fine and not pending

    def record(self) -> dict[str, Any]:
        """The form as the programme file writes an event."""
        record: dict[str, Any] = {
            "code": self.code.text().strip(), "kind": self.kind_value(), "title": self.title_field.text(),
            "theme": self.theme.text(), "zone": self.zone.zone(), "start": timeutil.date_text(self.start.value()),
            "end": timeutil.date_text(self.end.value()), "capacity": self.capacity.value() or None,
            "visa_days": self.visa_days.value() or None,
            "organiser": {"name": self.organiser_name.text().strip(), "email": self.organiser_email.text().strip()},
            "status": str(self.status.currentData()), "host": self.host.currentData(),
        }
        if self.wants_zones():
            record["zones"] = self.zones.values()
        if not self.original and self.kind_value() == "study_visit":
            record["groups"] = self.groups.values()
        return record

    def command(self, report: Reporter) -> ServiceCommand | None:
        record = self.record()
        if not self.original:
            self.creating = CreateEvent(self.ctx, record, report)
            return self.creating
        changes = {name: value for name, value in record.items() if _stored(self.original, name) != value}
        if not changes:
            return None
        edit = EditEvent(self.ctx, self.original["code"], changes, report)
        edit.follow = self.follow
        return edit

    def accept(self) -> None:
        """Saved: a new event is announced, so the window can open it."""
        super().accept()
        if self.creating is not None:
            self.created.emit(self.creating.code, self.kind_value(), self.zones.values())


def _stored(record: dict[str, Any], name: str) -> Any:
    """A stored field as the form reads it (an absent organiser field is empty)."""
    if name == "organiser":
        given = record.get("organiser") or {}
        return {"name": given.get("name", ""), "email": given.get("email", "")}
    if name == "zones":
        return record.get("zones", [])
    return record.get(name, "" if name in ("theme", "title") else None)


def _choice(options: tuple[str, ...], current: str) -> QComboBox:
    box = QComboBox()
    for option in options:
        box.addItem(option.replace("_", " "), option)  # 'study_visit' → 'study visit'
    box.setCurrentIndex(max(0, options.index(current) if current in options else 0))
    return box


def _day(text: str | None, default: date) -> date:
    return date.fromisoformat(text) if text else default


def _zone_problem(name: str) -> str:
    from ...core import timeutil
    from ...core.errors import TimeError

    try:
        timeutil.zone(name)
    except TimeError as exc:
        return str(exc)
    return ""


def open_new_event(ctx: Context, parent: QWidget | None, opened: Callable[[str, str, list[str]], None],
                   on_open: Callable[[QDialog], None] | None = None) -> EventDialog:
    """The New event dialog; `opened(code, kind, zones)` runs once the event is saved."""
    dialog = EventDialog(ctx, parent)
    dialog.created.connect(opened)
    open_dialog(dialog, on_open)
    return dialog


def open_edit_event(ctx: Context, parent: QWidget | None, code: str, follow: Callable[[str, str], None],
                    on_open: Callable[[QDialog], None] | None = None) -> EventDialog:
    """The Edit event dialog of `code`; `follow(old, new)` hears of a new code."""
    from ...app.events import event_record

    dialog = EventDialog(ctx, parent, event_record(ctx.db, code))
    dialog.follow = follow
    open_dialog(dialog, on_open)
    return dialog


class GroupNameDialog(RecordDialog):
    """Add a group, or rename one: the name checked as the programme file checks it."""

    def __init__(self, ctx: Context, code: str, parent: QWidget | None = None, name: str = "") -> None:
        super().__init__(ctx, f"Rename group {name}" if name else "Add group", parent,
                         intro="Members and items follow a renamed group." if name else
                         "A group follows its own itinerary for a while; put participants in it on the Participants tab.")
        self.code, self.old = code, name
        self.name = self.form.add("name", "&Name", QLineEdit(name))
        self.form.setMinimumWidth(self.fontMetrics().averageCharWidth() * 50)

    def command(self, report: Reporter) -> ServiceCommand | None:
        new = self.name.text()
        if self.old:
            return RenameGroup(self.ctx, self.code, self.old, new, report) if new.strip() != self.old else None
        return AddGroup(self.ctx, self.code, new, report)


class GroupsDialog(QDialog):
    """The groups of a study visit, with Add, Rename and Remove (each undoable)."""

    def __init__(self, ctx: Context, code: str, groups: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.code = ctx, code
        self.setWindowTitle(f"Groups of {code}")
        self.setWindowIcon(icon("layers"))
        self.list = QListWidget()
        self.list.setAccessibleName("Groups")
        self.list.itemDoubleClicked.connect(lambda _item: self.rename())
        on_delete_key(self.list, self.remove)
        self.add_button = QPushButton(icon("plus"), "&Add…")
        self.add_button.clicked.connect(self.add)
        self.rename_button = QPushButton(icon("pencil"), "&Rename…")
        self.rename_button.clicked.connect(self.rename)
        self.remove_button = QPushButton(icon("trash-2"), "Re&move")
        self.remove_button.setToolTip("Its members stay in the event, without a group (Delete)")
        self.remove_button.clicked.connect(self.remove)
        self.note = QLabel("Members stay in the event when their group is removed; Ctrl+Z undoes each change.")
        self.note.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QVBoxLayout()
        for button in (self.add_button, self.rename_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addWidget(close)
        self.setMinimumWidth(420)
        self.fill(groups)
        ctx.changes.changed.connect(self._reload)

    def fill(self, groups: tuple[str, ...]) -> None:
        self.list.clear()
        self.list.addItems(list(groups))
        if groups:
            self.list.setCurrentRow(0)

    def selected(self) -> str:
        item = self.list.currentItem()
        return item.text() if item is not None else ""

    def add(self) -> GroupNameDialog:
        return open_dialog(GroupNameDialog(self.ctx, self.code, self))  # type: ignore[return-value]

    def rename(self) -> GroupNameDialog | None:
        name = self.selected()
        return open_dialog(GroupNameDialog(self.ctx, self.code, self, name)) if name else None  # type: ignore[return-value]

    def remove(self) -> None:
        """Remove the selected group; what it did, or why it was refused, is said below the list."""
        name = self.selected()
        if not name:
            return
        command = RemoveGroup(self.ctx, self.code, name, self._refused)
        self.ctx.undo.push(command)
        if command.removed is not None:
            self.note.setText(f"{command.removed.message(self.code)} Ctrl+Z brings it back.")

    def _refused(self, exc: BaseException) -> None:
        """A refusal a person can act on goes below the list; anything else to the window."""
        from ...core.errors import IurcError

        if isinstance(exc, IurcError):
            self.note.setText(str(exc))
        else:
            self.ctx.report(exc)

    def _reload(self, _topic: object) -> None:
        from ...app.events import event_record
        from ...core.errors import IurcError

        try:
            self.fill(tuple(event_record(self.ctx.db, self.code)["groups"]) if self.code else ())
        except IurcError:  # the event is gone (undone): nothing left to show
            self.fill(())


def open_groups(ctx: Context, parent: QWidget | None, code: str, groups: tuple[str, ...],
                on_open: Callable[[QDialog], None] | None = None) -> GroupsDialog:
    """The groups dialog of event `code`."""
    dialog = GroupsDialog(ctx, code, groups, parent)
    open_dialog(dialog, on_open)
    return dialog
