"""Create or edit an item: key, title, kind, zone, local start and end, place, host, groups, people, url, notes.

Fields carry the programme file's names, and saving goes through the same rules
as the file (`app.items.add_item` / `edit_item`): a refusal shows each message
beside its field, once, and goes when that field changes. Local times read as
the clock where the item happens; a DST gap or fold shows while typing, a fold
offering both readings. An item must lie within its event's dates.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget,
)

from ...app.items import ItemForm
from ...core import local_times, textfold, timeutil, vocab
from ...core.errors import IurcError
from ..commands.base import Reporter, ServiceCommand
from ..commands.items import AddItem, ChangeItem
from ..icons import icon
from ..models.participants import label
from ..shell.context import Context
from ..widgets.choices import ChoiceField
from ..widgets.record_form import LocalTimeField, RecordDialog, ZoneField, open_dialog

TIMES = ("start", "end")
DEFAULT_START, DEFAULT_END = time(9, 0), time(10, 0)


class PeopleField(QWidget):
    """People assigned to the item one by one, each with a role: pick by name or e-mail, Add; Remove the selected."""

    def __init__(self, form: ItemForm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names = {c.value: c.text for c in form.people}
        self.list = QListWidget()
        self.list.setAccessibleName("Assigned people")
        self.list.setMaximumHeight(self.list.fontMetrics().height() * 5 + 12)
        self.picker = ChoiceField(form.people)
        self.picker.setAccessibleName("Person to assign")
        self.picker.lineEdit().setPlaceholderText("Type a name or e-mail…")
        self.picker.setCurrentIndex(-1)
        self.role = QComboBox()
        self.role.setAccessibleName("Role")
        for role in vocab.ROLES:
            self.role.addItem(label(role), role)
        self.role.setCurrentIndex(self.role.findData("speaker"))
        self.add_button = QPushButton(icon("user-plus"), "&Assign")
        self.add_button.setToolTip("Assign the person typed beside it to this item")
        self.add_button.clicked.connect(self.add_chosen)
        self.remove_button = QPushButton(icon("x"), "Unassign")
        self.remove_button.setToolTip("Take the selected person off this item")
        self.remove_button.clicked.connect(self.remove_selected)
        pick = QHBoxLayout()
        pick.setContentsMargins(0, 0, 0, 0)
        pick.addWidget(self.picker, 1)
        pick.addWidget(self.role)
        pick.addWidget(self.add_button)
        pick.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(pick)

    def add(self, email: str, role: str) -> None:
        for n in range(self.list.count()):
            if self.list.item(n).data(Qt.ItemDataRole.UserRole)[0] == email:
                self.list.takeItem(n)  # once per item: a new role replaces the old
                break
        entry = QListWidgetItem(f"{self.names.get(email, email)} — {role}")
        entry.setData(Qt.ItemDataRole.UserRole, (email, role))
        self.list.addItem(entry)

    def add_chosen(self) -> None:
        email = self.picker.value()
        if email:
            self.add(email, self.role.currentData())
            self.picker.setCurrentIndex(-1)

    def remove_selected(self) -> None:
        for entry in self.list.selectedItems():
            self.list.takeItem(self.list.row(entry))

    def set_value(self, people: list[dict[str, str]]) -> None:
        self.list.clear()
        for entry in people:
            self.add(entry["person"], entry.get("role", "speaker"))

    def value(self) -> list[dict[str, str]]:
        """The assigned people, and the one typed but not yet assigned: saving never drops what was typed."""
        people = [{"person": email, "role": role} for email, role in
                  (self.list.item(n).data(Qt.ItemDataRole.UserRole) for n in range(self.list.count()))]
        typed = self.picker.value()
        if typed and typed not in {p["person"] for p in people}:
            people.append({"person": typed, "role": self.role.currentData()})
        return people


class GroupsField(QWidget):
    """The event's groups, one tick box each; none ticked means everyone attends."""

    def __init__(self, groups: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boxes = {name: QCheckBox(f"Group {name}") for name in groups}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for box in self.boxes.values():
            row.addWidget(box)
        row.addStretch(1)

    def set_value(self, names: list[str]) -> None:
        for name, box in self.boxes.items():
            box.setChecked(name in names)

    def value(self) -> list[str]:
        return [name for name, box in self.boxes.items() if box.isChecked()]


class ItemDialog(RecordDialog):
    """A new item of an event, or one to edit; stays open, messages beside the fields, while something is wrong."""

    def __init__(self, ctx: Context, form: ItemForm, parent: QWidget | None = None) -> None:
        self.data = form
        self.record = form.record
        editing = self.record is not None
        title = f"Edit item · {self.record['title']}" if self.record else f"New item · {form.code}"
        days = local_times.day(form.first_day) + (
            f" – {local_times.day(form.last_day)}" if form.last_day != form.first_day else "")
        intro = (f"Item <b>{self.record['key']}</b> of {form.code}" if self.record else f"A new item of {form.code}") + (
            f" ({days}). Times are local to the item's zone.")
        super().__init__(ctx, title, parent, intro=intro)
        self.setAccessibleName("Item editor")
        self._build(editing)
        self._fill(self.record or self._new_record())
        self._watch()
        self.live_check()

    # --- building ------------------------------------------------------------------
    def _build(self, editing: bool) -> None:
        form = self.form
        self.key = QLineEdit()
        self.key.setPlaceholderText("e.g. aichi-visit")
        if not editing:
            form.add("key", "&Key", self.key, "Short and unique in the event; calendars and the command line use it.")
        self.title = form.add("title", "&Title", QLineEdit())
        self.key_follows_title = not editing  # a new item's key is made from its title until the key is typed
        self.title.textChanged.connect(self._title_changed)
        self.key.textEdited.connect(self._key_typed)
        self.kind = QComboBox()
        for kind in vocab.ITEM_KINDS:
            self.kind.addItem(label(kind), kind)
        form.add("kind", "K&ind", self.kind)
        self.zone = form.add("zone", "&Zone", ZoneField())
        self.start = form.add("start", "&Starts (local)", LocalTimeField("Start"))
        self.end = form.add("end", "&Ends (local)", LocalTimeField("End"))
        self.place = form.add("place", "&Place", QLineEdit())
        self.host = form.add("host", "&Host", ChoiceField(self.data.hosts, none="No host; type an organisation's name or key"))
        self.groups = GroupsField(self.data.groups)
        if self.data.groups:
            form.add("groups", "&Groups", self.groups, "No group ticked: everyone attends.")
        self.people = form.add("person", "Pe&ople", PeopleField(self.data))
        self.url = form.add("url", "&Link", QLineEdit())
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(self.notes.fontMetrics().height() * 3 + 12)
        form.add("notes", "&Notes", self.notes)
        self.form.setMinimumWidth(600)

    def _title_changed(self, title: str) -> None:
        if self.key_follows_title:
            self.key.setText(textfold.slug(title, max_len=40))

    def _key_typed(self, _key: str) -> None:
        self.key_follows_title = False

    def _new_record(self) -> dict[str, Any]:
        day = self.data.first_day
        return {"key": "", "title": "", "kind": "session", "zone": self.data.zone, "place": "", "host": None,
                "start": timeutil.local_text(datetime.combine(day, DEFAULT_START)),
                "end": timeutil.local_text(datetime.combine(day, DEFAULT_END)),
                "groups": [], "people": [], "url": "", "notes": ""}

    def _fill(self, record: dict[str, Any]) -> None:
        self.key.setText(record.get("key", ""))
        self.title.setText(record["title"])
        self.kind.setCurrentIndex(max(0, self.kind.findData(record["kind"])))
        self.zone.setCurrentText(record["zone"])
        for name, field in (("start", self.start), ("end", self.end)):
            naive, _offset = timeutil.parse_local(record[name])
            field.set_value(naive)
        self.place.setText(record.get("place", ""))
        self.host.set_value(record.get("host") or "")
        self.groups.set_value(record.get("groups", []))
        self.people.set_value(record.get("people", []))
        self.url.setText(record.get("url", ""))
        self.notes.setPlainText(record.get("notes", ""))

    def _watch(self) -> None:
        """A changed field loses its message (it may be fixed now); zone and times are checked again at once."""
        edits: list[tuple[str, Any]] = [
            ("key", self.key.textChanged), ("title", self.title.textChanged), ("kind", self.kind.currentIndexChanged),
            ("place", self.place.textChanged), ("host", self.host.currentTextChanged), *(("groups", box.toggled) for box in self.groups.boxes.values()),
            ("person", self.people.list.model().rowsInserted), ("person", self.people.list.model().rowsRemoved),
            ("person", self.people.picker.currentTextChanged),
            ("url", self.url.textChanged), ("notes", self.notes.textChanged),
        ]
        for name, signal in edits:
            signal.connect(lambda *_a, n=name: self._edited(n))
        self.zone.currentTextChanged.connect(lambda *_a: self._timing_edited())
        for field in (self.start, self.end):
            for signal in field.changed_signals():
                signal.connect(lambda *_a: self._timing_edited())

    def _edited(self, name: str) -> None:
        if name in self.form.problems:
            self.form.set_problem(name, "")
        self.show_message("")
        self.adjustSize()

    def _timing_edited(self) -> None:
        self.show_message("")
        self.live_check()

    # --- checking while typing -------------------------------------------------------
    def live_check(self) -> bool:
        """The zone, then both times in it (DST gap or fold), each message beside its own field only."""
        zone_problem = self.zone.problem()
        self.form.set_problem("zone", zone_problem)
        ok = not zone_problem
        for name, field in (("start", self.start), ("end", self.end)):
            if zone_problem:
                field.show_problem("")
                self.form.set_problem(name, "")
                continue
            preferred = self._stored_offset(name)
            ok = field.check(self.zone.zone(), preferred) and ok
            # The field's own label would repeat the form's: one message, beneath the field.
            self.form.set_problem(name, field.message.text() if field.message.isVisibleTo(field) else "")
            field.show_problem("")
        if ok and self._ends_before_start():
            # said here, as the fields show the times, before the use case would say it in the file's ISO form
            start, end = _as_shown(self.start.naive()), _as_shown(self.end.naive())
            self.form.set_problem("end", f"{end} is before the start {start}")
            ok = False
        self.adjustSize()
        return ok

    def _ends_before_start(self) -> bool:
        zone = self.zone.zone()
        start = timeutil.to_utc(self.start.naive(), zone, offset=self.start.offset())
        return timeutil.to_utc(self.end.naive(), zone, offset=self.end.offset()) < start

    def _stored_offset(self, name: str) -> Any:
        if self.record is None:
            return None
        return timeutil.parse_local(self.record[name])[1]

    # --- saving ------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """Everything in the form, in the programme file's names and formats."""
        out: dict[str, Any] = {
            "title": self.title.text().strip(), "kind": self.kind.currentData(), "zone": self.zone.zone(),
            "start": timeutil.local_text(self.start.naive(), self.start.offset()),
            "end": timeutil.local_text(self.end.naive(), self.end.offset()),
            "place": self.place.text().strip(), "host": self.host.value() or None, "groups": self.groups.value(),
            "people": self.people.value(), "url": self.url.text().strip(), "notes": self.notes.toPlainText().strip(),
        }
        if self.record is None:
            out["key"] = self.key.text().strip()
        return out

    def changes(self) -> dict[str, Any]:
        """The fields that differ from the item as stored (all of them for a new item)."""
        values = self.values()
        if self.record is None:
            return values
        return {name: value for name, value in values.items() if value != self._stored(name)}

    def _stored(self, name: str) -> Any:
        value = self.record.get(name) if self.record else None
        if name in TIMES and value:
            naive, offset = timeutil.parse_local(value)
            return timeutil.local_text(naive, offset)
        if name == "people":
            return [{"person": p["person"], "role": p.get("role", "speaker")} for p in value or []]
        return value

    def command(self, report: Reporter) -> ServiceCommand | None:
        changes = self.changes()
        if self.record is None:
            return AddItem(self.ctx.db, self.ctx.changes, report, self.data.code, changes)
        if not changes:
            return None
        return ChangeItem(self.ctx.db, self.ctx.changes, report, self.data.code, self.record["key"],
                          self.record["title"], changes)


def _as_shown(value: datetime) -> str:
    """'Thu 1 Jul 2027 09:00': a local time as the date and time fields show it."""
    return f"{local_times.day(value.date())} {local_times.clock(value)}"


def open_item_dialog(ctx: Context, parent: QWidget | None, code: str, key: str | None = None,
                     on_open: Callable[[ItemDialog], None] | None = None) -> ItemDialog | None:
    """Open the editor of item `key` of event `code`, or a new item's (window-modal); None if it is gone."""
    from ...app.items import item_form

    try:
        form = item_form(ctx.db, code, key)
    except IurcError as exc:
        ctx.report(exc)
        return None
    dialog = ItemDialog(ctx, form, parent)
    open_dialog(dialog, on_open)  # type: ignore[arg-type]
    return dialog
