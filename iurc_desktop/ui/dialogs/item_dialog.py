"""Edit an item: title, kind, place, zone, local start and end in its own zone, groups.

Local times are entered as they read on the clock where the item happens. A
time that the clocks skip (a DST gap) or pass twice (a fold) is refused next to
the field, with the valid choices; a fold offers them in a list. Saving pushes
one undoable command that calls `app.items.update_item`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLayout, QLineEdit, QListWidget, QListWidgetItem,
    QVBoxLayout, QWidget,
)

from ...core import timeutil, vocab
from ...core.errors import IurcError, TimeError
from ..commands.items import EditItem, local_of
from ..shell.context import Context
from ..shell.palette import ProblemLabel
from ..widgets.record_form import LocalTimeField, Relay, ZoneField

if TYPE_CHECKING:
    from ...core.events.listing import ItemView


class ItemDialog(QDialog):
    """Edits one item of an event; stays open while something is wrong."""

    def __init__(self, ctx: Context, code: str, item: ItemView, groups: tuple[str, ...],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.code, self.item = ctx, code, item
        self.setWindowTitle(f"Edit item · {item.title}")
        self.setAccessibleName("Item editor")
        self.title = QLineEdit(item.title)
        self.title.setAccessibleName("Title")
        self.kind = QComboBox()
        self.kind.addItems(list(vocab.ITEM_KINDS))
        self.kind.setCurrentText(item.kind)
        self.kind.setAccessibleName("Kind")
        self.place = QLineEdit(item.place)
        self.place.setAccessibleName("Place")
        self.zone = ZoneField(item.zone)
        self.zone.setAccessibleName("Zone")
        self.zone_message = ProblemLabel("Zone problem")
        self.zone_message.setVisible(False)
        self.start = LocalTimeField("Start")
        self.end = LocalTimeField("End")
        self.start.set_value(item.start)
        self.end.set_value(item.end)
        self.groups = QListWidget()
        self.groups.setAccessibleName("Groups")
        for name in groups:
            entry = QListWidgetItem(f"Group {name}")
            entry.setData(Qt.ItemDataRole.UserRole, name)
            entry.setCheckState(Qt.CheckState.Checked if name in item.groups else Qt.CheckState.Unchecked)
            self.groups.addItem(entry)
        self.groups.setMaximumHeight(self.groups.sizeHintForRow(0) * max(len(groups), 1) + 8 if groups else 0)
        self.groups.setVisible(bool(groups))
        self.message = ProblemLabel("Problem")
        self.message.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._build_layout(bool(groups))
        for signal in (self.zone.currentTextChanged, self.start.date.dateChanged, self.start.time.timeChanged,
                       self.end.date.dateChanged, self.end.time.timeChanged):
            signal.connect(self.validate)
        self.validate()

    def _build_layout(self, has_groups: bool) -> None:
        form = QFormLayout()
        form.addRow("Title:", self.title)
        form.addRow("Kind:", self.kind)
        form.addRow("Place:", self.place)
        form.addRow("Zone:", self.zone)
        form.addRow("", self.zone_message)
        form.addRow("Starts (local):", self.start)
        form.addRow("Ends (local):", self.end)
        if has_groups:
            form.addRow("Groups:", self.groups)
            hint = QLabel("No group ticked: everyone attends.")
            hint.setEnabled(False)
            form.addRow("", hint)
        layout = QVBoxLayout(self)
        key = QLabel(f"Item <b>{self.item.key}</b> of {self.code}; times are local to the item's zone.")
        layout.addWidget(key)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # grows to show each message whole
        self.setMinimumWidth(620)

    # --- checking ----------------------------------------------------------------
    def zone_name(self) -> str:
        return self.zone.currentText().strip()

    def validate(self) -> bool:
        """Check the zone and both local times now, showing each problem beside its field."""
        zone = self.zone_name()
        if not timeutil.is_zone(zone):
            try:
                timeutil.zone(zone)
            except TimeError as exc:
                self.zone_message.setText(str(exc))
            self.zone_message.setVisible(True)
            self.start.show_problem("")
            self.end.show_problem("")
            return False
        self.zone_message.setVisible(False)
        ok_start = self.start.check(zone, self.item.start.utcoffset())
        ok_end = self.end.check(zone, self.item.end.utcoffset())
        self.adjustSize()  # room for the messages that appeared, none left for those that went
        return ok_start and ok_end

    def changes(self) -> dict[str, object]:
        """The fields that differ from the item as loaded, in `update_item`'s terms."""
        item, out = self.item, {}
        for name, value in (("title", self.title.text().strip()), ("kind", self.kind.currentText()),
                            ("place", self.place.text().strip())):
            if value != getattr(item, name):
                out[name] = value
        chosen = tuple(self.groups.item(n).data(Qt.ItemDataRole.UserRole) for n in range(self.groups.count())
                       if self.groups.item(n).checkState() == Qt.CheckState.Checked)
        if tuple(sorted(chosen)) != tuple(sorted(item.groups)):
            out["groups"] = list(chosen)
        start, end, zone = self.start.naive(), self.end.naive(), self.zone_name()
        timing = (start, self.start.offset(), end, self.end.offset(), zone)
        before = (*local_of(item.start), *local_of(item.end), item.zone)
        if (start, end, zone) != (before[0], before[2], before[4]) or self._fold_changed():
            out.update(start_local=start, end_local=end, zone=zone, offset=timing[1], end_offset=timing[3])
        return out

    def _fold_changed(self) -> bool:
        return any(field.offset() is not None and field.offset() != value.utcoffset()
                   for field, value in ((self.start, self.item.start), (self.end, self.item.end)))

    # --- saving ------------------------------------------------------------------
    def save(self) -> None:
        """Push the edit; on a refusal the message shows here and the dialog stays open."""
        self.show_problem("")
        if not self.validate():
            self.show_problem("Correct the marked fields first.")
            return
        changes = self.changes()
        if not changes:
            self.accept()
            return
        relay = Relay(self.show_error)
        command = EditItem(self.ctx.db, self.ctx.changes, relay, self.code, self.item, changes)
        self.ctx.undo.push(command)  # a refused command drops itself from the stack
        refused = relay.failed
        relay.target = self.ctx.report  # later undo/redo report to the window
        if refused:
            return  # the message is showing beside the fields
        self.accept()

    def show_error(self, exc: BaseException) -> None:
        if not isinstance(exc, IurcError):
            self.ctx.report(exc)
            return
        text = str(exc)
        for field, label in ((self.start, "start: "), (self.end, "end: ")):
            lines = [line[len(label):] for line in text.splitlines() if line.startswith(label)]
            if lines:
                field.show_problem("\n".join(lines))
        self.show_problem(text)

    def show_problem(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))


def open_item_dialog(ctx: Context, parent: QWidget | None, code: str, key: str,
                     on_open: Callable[[ItemDialog], None] | None = None) -> ItemDialog | None:
    """Open the editor of item `key` of event `code` (window-modal); None if it is not found."""
    from ...app.events import event_detail

    detail = event_detail(ctx.db, code)
    item = next((i for i in detail.items if i.key == key), None)
    if item is None:
        ctx.report(IurcError(f"{code} has no item {key!r} any more; it may have been removed."))
        return None
    dialog = ItemDialog(ctx, code, item, detail.group_names, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if on_open is not None:
        on_open(dialog)
    dialog.open()
    return dialog
