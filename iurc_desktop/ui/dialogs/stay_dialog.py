"""Add or edit a hotel stay: who, which hotel in which zone, the nights, the room and who shares it.

Problems show beside their fields; the use case checks by the programme file's rules. A hotel
already booked for the event brings its zone and its name and address in the local script.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from ...app.travel import StayView, stay_record
from ...core import timeutil, vocab
from ..commands.base import Reporter, ServiceCommand
from ..commands.travel import AddStay, EditStay
from ..shell.context import Context
from ..widgets.record_form import DateField, RecordDialog, ZoneField
from .leg_dialog import people_box


class StayDialog(RecordDialog):
    """A new stay for a participant (`stay` None) or changes to one; a new stay covers the event's nights."""

    def __init__(self, ctx: Context, code: str, names: dict[str, str], zone: str, dates: tuple[date, date],
                 stay: StayView | None = None, *, known: Sequence[StayView] = (), parent: QWidget | None = None) -> None:
        title = "Add stay" if stay is None else f"Edit stay of {stay.name}"
        super().__init__(ctx, title, parent, intro="Check-in and check-out are local dates at the hotel.")
        self.code, self.stay = code, stay
        self.before: dict[str, Any] = stay_record(stay) if stay else {}
        form = self.form
        self.person = form.add("person", "&Person", people_box(names, self.before.get("person", "")))
        self.hotel = form.add("hotel", "&Hotel", QLineEdit(self.before.get("hotel", "")))
        self.hotel.setPlaceholderText("e.g. Hotel Grand Arc Hanzomon")
        self.hotel_local = form.add("hotel_local", "Name in local &script", QLineEdit(self.before.get("hotel_local", "")))
        self.hotel_local.setPlaceholderText("e.g. ホテルグランドアーク半蔵門")
        self.address_local = form.add("address_local", "Address in local scrip&t",
                                      QLineEdit(self.before.get("address_local", "")),
                                      "Printed in the itinerary booklet, for a taxi driver.")
        self._known = {s.hotel.casefold(): s for s in known if s.hotel_local or s.address_local}
        self.hotel.editingFinished.connect(self.fill_from_known)
        self.zone = form.add("zone", "&Zone", ZoneField(self.before.get("zone", zone)))
        first, last = dates
        self.check_in = form.add("check_in", "Check-&in", DateField(stay.check_in if stay else first))
        leaving = stay.check_out if stay else max(last, first + timedelta(days=1))
        self.check_out = form.add("check_out", "Check-&out", DateField(leaving), "The morning after the last night.")
        self.room = form.add("room", "&Room", QComboBox())
        self.room.addItems(list(vocab.ROOM_TYPES))
        self.room.setCurrentText(self.before.get("room", "single"))
        mate = self.before.get("shares_with") or ""
        self.shares_with = form.add("shares_with", "&Shares with", people_box(names, mate, none="nobody"),
                                    "A double or twin room shared with another participant.")
        self.zone.currentTextChanged.connect(self.live_check)
        self.resize(max(self.sizeHint().width(), 620), self.sizeHint().height())

    def fill_from_known(self) -> None:
        """A hotel the event already books: its local name and address (and zone) where the form has none yet."""
        known = self._known.get(self.hotel.text().strip().casefold())
        if known is None or self.hotel_local.text() or self.address_local.text():
            return
        self.hotel_local.setText(known.hotel_local)
        self.address_local.setText(known.address_local)
        self.zone.setCurrentText(known.zone)

    def live_check(self) -> bool:
        """A zone that is not one (a region, a typo)."""
        problem = self.zone.problem()
        self.form.set_problem("zone", problem)
        return not problem

    def values(self) -> dict[str, Any]:
        """The stay as the form holds it, in the programme file's shape."""
        return {
            "person": self.person.currentData() or "",
            "hotel": self.hotel.text().strip(),
            "hotel_local": self.hotel_local.text().strip(),
            "address_local": self.address_local.text().strip(),
            "zone": self.zone.zone(),
            "check_in": timeutil.date_text(self.check_in.value()),
            "check_out": timeutil.date_text(self.check_out.value()),
            "room": self.room.currentText(),
            "shares_with": self.shares_with.currentData() or None,
        }

    def command(self, report: Reporter) -> ServiceCommand | None:
        ctx, values = self.ctx, self.values()
        if self.stay is None:
            return AddStay(ctx.db, ctx.changes, report, self.code, values)
        changed = {name: value for name, value in values.items() if value != self.before.get(name)}
        return EditStay(ctx.db, ctx.changes, report, self.code, self.stay, changed) if changed else None
