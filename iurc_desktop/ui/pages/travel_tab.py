"""The Travel & stays tab: every travel leg and hotel stay of an event, each end in its own zone.

Legs and stays are added and edited in a dialog (a button, or double-click a
row), text fields edit in place (F2), rows are removed with a button or the
Delete key; each is one undoable command calling the app's travel use cases.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget,
)

from ...app.travel import LegView, StayView, TravelOverview, travel_overview
from ...core import local_times
from ...core.counts import counted
from ...core.textfold import fold, search_words
from ..commands.base import ServiceCommand
from ..commands.travel import RemoveLeg, RemoveStay, SetLegField, SetStayField
from ..dialogs.leg_dialog import LegDialog
from ..dialogs.stay_dialog import StayDialog
from ..icons import icon
from ..models.sorted_rows import SortedRowsModel
from ..models.table import Column
from ..shell.context import Context
from ..widgets.record_form import open_dialog
from .event_tab import EventTab
from .list_page import ProportionalColumns, make_table


def local_text(value: object) -> str:
    """'Sat 19 Nov 23:25 CET'."""
    if not isinstance(value, datetime):
        return ""
    return local_times.moment(value)


def arrive_text(leg: LegView) -> str:
    """The arrival on its own clock, marked '+1d' when it is a later local date than the departure."""
    shift = (leg.arrive.date() - leg.depart.date()).days
    return local_text(leg.arrive) + local_times.day_shift(shift)


def duration_text(value: object) -> str:
    minutes = int(value.total_seconds() // 60) if hasattr(value, "total_seconds") else 0  # type: ignore[union-attr]
    return f"{minutes // 60} h {minutes % 60:02d}"


class ArriveCell:
    """An arrival that shows with its day mark and sorts by its true instant."""

    def __init__(self, leg: LegView) -> None:
        self.leg = leg

    def __lt__(self, other: "ArriveCell") -> bool:
        return self.leg.arrive < other.leg.arrive

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ArriveCell) and self.leg.arrive == other.leg.arrive

    __hash__ = None  # type: ignore[assignment]


# --- columns ------------------------------------------------------------------------------
Edit = Callable[[Any, str], bool]


LEG_CARRIER, LEG_FROM, LEG_TO = 2, 4, 6  # the legs' columns of free text, by position below
STAY_HOTEL = 1


def leg_columns(edit: Callable[[str], Edit]) -> tuple[Column, ...]:
    return (
        Column("Person", "name"),
        Column("Kind", "kind"),
        Column("Carrier", "carrier", edit=edit("carrier")),
        Column("Number", "number", edit=edit("number")),
        Column("From", "from_place", edit=edit("from_place")),
        Column("Departs (local)", "depart", fmt=local_text, tooltip="on the clock where the leg departs"),
        Column("To", "to_place", edit=edit("to_place")),
        Column("Arrives (local)", lambda leg: ArriveCell(leg), fmt=lambda c: arrive_text(c.leg),  # type: ignore[attr-defined]
               tooltip="on the clock where the leg arrives; +1d: a later local date than the departure"),
        Column("Duration", "duration", fmt=duration_text, numeric=True),
        Column("Booking ref", "booking_ref", edit=edit("booking_ref")),
    )


def stay_columns(edit: Callable[[str], Edit], names: Callable[[str], str] = lambda key: key) -> tuple[Column, ...]:
    return (
        Column("Person", "name"),
        Column("Hotel", "hotel", edit=edit("hotel")),
        Column("Zone", "zone"),
        Column("Check-in", "check_in", fmt=local_times.day),  # type: ignore[arg-type]
        Column("Check-out", "check_out", fmt=local_times.day),  # type: ignore[arg-type]
        Column("Nights", lambda s: len(s.nights), numeric=True),
        Column("Room", "room", edit=edit("room"), tooltip="single, double, twin or suite"),
        Column("Shares with", lambda s: names(s.shares_with), tooltip="the roommate, a participant of this event"),
    )


def matches(row: Any, words: Sequence[str], extra: Sequence[str] = ()) -> bool:
    """Whether every word of the filter is in the row's people, places, hotel or flight."""
    fields = ("name", "person", "carrier", "number", "from_place", "to_place", "booking_ref", "hotel", "shares_with")
    text = fold(" ".join(str(getattr(row, f, "")) for f in fields) + " " + " ".join(extra))
    return all(w in text for w in words)


class DeleteKey(QObject):
    """Runs `remove` when Delete is pressed in the table it filters (a shortcut per table would be ambiguous)."""

    def __init__(self, remove: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self.remove = remove

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Delete:  # type: ignore[attr-defined]
            self.remove()
            return True
        return False


class TravelTab(EventTab):
    """Travel legs above, hotel stays below, one filter for both."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._legs: list[LegView] = []
        self._stays: list[StayView] = []
        self._names: dict[str, str] = {}  # participants' e-mails (the stays' keys for roommates) to their names
        self._overview: TravelOverview | None = None
        self.dialog: QDialog | None = None  # the add or edit dialog last opened
        self.legs_model = SortedRowsModel(leg_columns(self._leg_edit), parent=self)
        self.stays_model = SortedRowsModel(stay_columns(self._stay_edit, self.name_of), parent=self)
        self.legs_table = self._table("Travel legs table", self.legs_model)
        self.stays_table = self._table("Hotel stays table", self.stays_model)
        # places, carriers and hotels share what the window lacks; times and references stay whole
        self.legs_fit = ProportionalColumns(self.legs_table, (LEG_TO, LEG_FROM, LEG_CARRIER), 40)
        self.stays_fit = ProportionalColumns(self.stays_table, (STAY_HOTEL,), 40)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by person, place, hotel, flight or booking…")
        self.filter.setAccessibleName("Filter travel and stays")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._show)
        self.legs_title, self.stays_title = QLabel(), QLabel()
        self._actions()
        splitter = QSplitter(Qt.Orientation.Vertical)
        leg_buttons = (self.add_leg_button, self.edit_leg_button, self.remove_leg_button)
        stay_buttons = (self.add_stay_button, self.edit_stay_button, self.remove_stay_button)
        splitter.addWidget(_section(self.legs_title, leg_buttons, self.legs_table))
        splitter.addWidget(_section(self.stays_title, stay_buttons, self.stays_table))
        splitter.setSizes([560, 360])
        hint = QLabel("Double-click a row to change it, or select a cell and press F2 to change its text in place;"
                      " Delete removes; Ctrl+Z undoes.")
        hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(splitter, 1)
        layout.addWidget(hint)

    def _actions(self) -> None:
        """Buttons to add, edit and remove legs and stays, their shortcuts, double-click and the Delete key."""
        self.add_leg_button = _button("plus", "&Add leg", "Book a flight, train, bus or car ride (Ctrl+Shift+L)",
                                      self.add_leg)
        self.edit_leg_button = _button("pencil", "E&dit leg", "Change the selected leg (double-click a row)", self.edit_leg)
        self.remove_leg_button = _button("trash-2", "Remove leg", "Remove the selected leg (Delete)", self.remove_leg)
        self.add_stay_button = _button("plus", "Add &stay", "Book a hotel stay (Ctrl+Shift+H)", self.add_stay)
        self.edit_stay_button = _button("pencil", "Edit sta&y", "Change the selected stay (double-click a row)",
                                        self.edit_stay)
        self.remove_stay_button = _button("trash-2", "Remove stay", "Remove the selected stay (Delete)", self.remove_stay)
        for keys, slot in (("Ctrl+Shift+L", self.add_leg), ("Ctrl+Shift+H", self.add_stay)):
            QShortcut(QKeySequence(keys), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        for table, remove, edit in ((self.legs_table, self.remove_leg, self.edit_leg),
                                    (self.stays_table, self.remove_stay, self.edit_stay)):
            table.installEventFilter(DeleteKey(remove, table))
            table.doubleClicked.connect(edit)

    def _table(self, name: str, model: SortedRowsModel) -> QTableView:
        table = make_table(name)
        table.setModel(model)
        table.setSortingEnabled(True)
        table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)  # double-click opens the dialog
        return table

    def load(self, code: str) -> None:
        overview = self._overview = travel_overview(self.ctx.db, code)
        self._legs, self._stays, self._names = list(overview.legs), list(overview.stays), overview.names
        self._show()

    def name_of(self, key: str) -> str:
        """A roommate's name where the stay names them by e-mail."""
        return self._names.get(key, key)

    def _show(self, *_: object) -> None:
        words = search_words(self.filter.text())
        legs = [leg for leg in self._legs if matches(leg, words)]
        stays = [stay for stay in self._stays if matches(stay, words, (self.name_of(stay.shares_with),))]
        self.legs_model.set_rows(legs)
        self.stays_model.set_rows(stays)
        for table, fit in ((self.legs_table, self.legs_fit), (self.stays_table, self.stays_fit)):
            header = table.horizontalHeader()
            if header.sortIndicatorSection() >= 0:
                table.model().sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
            fit.measure()
        shown = lambda n, total: f"{n}" if n == total else f"{n} of {total}"  # noqa: E731
        self.legs_title.setText(f"<b>Travel legs</b> ({shown(len(legs), len(self._legs))})")
        self.stays_title.setText(f"<b>Hotel stays</b> ({shown(len(stays), len(self._stays))})")
        self.status.emit(f"{counted(len(self._legs), 'travel leg')}, {counted(len(self._stays), 'hotel stay')}")

    # --- edits -------------------------------------------------------------------------
    def _push(self, command: ServiceCommand) -> bool:
        self.ctx.undo.push(command)
        return True

    def _leg_edit(self, field: str) -> Edit:
        return lambda leg, text: bool(self.code) and self._push(
            SetLegField(self.ctx.db, self.ctx.changes, self.ctx.report, self.code or "", leg, field, text.strip()))

    def _stay_edit(self, field: str) -> Edit:
        return lambda stay, text: bool(self.code) and self._push(
            SetStayField(self.ctx.db, self.ctx.changes, self.ctx.report, self.code or "", stay, field, text.strip()))

    def current(self, table: QTableView, model: SortedRowsModel) -> Any | None:
        index = table.currentIndex()
        return model.row_at(index.row()) if index.isValid() else None

    def add_leg(self) -> None:
        if self._overview is not None and self.code:
            self.dialog = open_dialog(LegDialog(self.ctx, self.code, self._names, self._overview.event.start, parent=self))

    def edit_leg(self) -> None:
        leg = self.current(self.legs_table, self.legs_model)
        if leg is None or self._overview is None or not self.code:
            self.status.emit("Select a travel leg to change.")
            return
        self.dialog = open_dialog(LegDialog(self.ctx, self.code, self._names, self._overview.event.start, leg, parent=self))

    def add_stay(self) -> None:
        if self._overview is not None and self.code:
            event = self._overview.event
            self.dialog = open_dialog(StayDialog(self.ctx, self.code, self._names, event.zone, (event.start, event.end),
                                                 known=self._stays, parent=self))

    def edit_stay(self) -> None:
        stay = self.current(self.stays_table, self.stays_model)
        if stay is None or self._overview is None or not self.code:
            self.status.emit("Select a stay to change.")
            return
        event = self._overview.event
        self.dialog = open_dialog(StayDialog(self.ctx, self.code, self._names, event.zone, (event.start, event.end), stay,
                                             known=self._stays, parent=self))

    def remove_leg(self) -> None:
        leg = self.current(self.legs_table, self.legs_model)
        if leg is None or not self.code:
            self.status.emit("Select a travel leg to remove.")
            return
        self._push(RemoveLeg(self.ctx.db, self.ctx.changes, self.ctx.report, self.code, leg))

    def remove_stay(self) -> None:
        stay = self.current(self.stays_table, self.stays_model)
        if stay is None or not self.code:
            self.status.emit("Select a stay to remove.")
            return
        self._push(RemoveStay(self.ctx.db, self.ctx.changes, self.ctx.report, self.code, stay))


def _button(icon_name: str, text: str, tip: str, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(icon(icon_name), text)
    button.setToolTip(tip)
    button.clicked.connect(slot)
    return button


def _section(title: QLabel, buttons: Sequence[QPushButton], table: QTableView) -> QWidget:
    box = QWidget()
    top = QHBoxLayout()
    top.addWidget(title, 1)
    for button in buttons:
        top.addWidget(button)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 4, 0, 0)
    layout.addLayout(top)
    layout.addWidget(table, 1)
    return box
