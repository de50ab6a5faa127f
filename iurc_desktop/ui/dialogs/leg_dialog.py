"""Add or edit a travel leg: who travels, how, and from which airport or place to which, each end on its own clock.

An IATA code brings its airport's zone (the zone stays editable for a station or
a pick-up point); an arrival on a later local date than the departure shows "+1d".
Problems show beside their fields; the use case checks by the programme file's rules.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from ...app.travel import LegView, airport, leg_record
from ...core import local_times, timeutil, vocab
from ..commands.base import Reporter, ServiceCommand
from ..commands.travel import AddLeg, EditLeg
from ..shell.context import Context
from ..widgets.record_form import LocalTimeField, RecordDialog, ZoneField

PLACE_HINT = "An airport's IATA code (BRU, NRT) brings its zone; for a station or a pick-up point, give the zone."


def people_box(names: dict[str, str], current: str = "", *, none: str = "") -> QComboBox:
    """Participants by name (with e-mail), their e-mail as data; `none` adds a first entry meaning nobody."""
    box = QComboBox()
    if none:
        box.addItem(none, "")
    for email, name in sorted(names.items(), key=lambda kv: (kv[1].casefold(), kv[0])):
        box.addItem(f"{name} <{email}>", email)
    index = box.findData(current)
    if index >= 0:
        box.setCurrentIndex(index)
    return box


class PlaceField(QLineEdit):
    """Where a leg departs or arrives: an IATA code, shown with its airport's name, or any place."""

    def __init__(self, value: str, zone: ZoneField, placeholder: str) -> None:
        super().__init__(value)
        self.zone = zone
        self.setPlaceholderText(placeholder)
        self.airport_name = QLabel()
        self.airport_name.setEnabled(False)
        self.textEdited.connect(self._fill_zone)
        self._name()

    def problem(self) -> str:
        """An unknown three-letter code, likely a typo of an airport."""
        text = self.text().strip()
        if len(text) == 3 and text.isalpha() and text.isupper() and airport(text) is None:
            return f"{text} is not an airport code in the airport table; for another place give its zone below."
        return ""

    def _fill_zone(self) -> None:
        found = airport(self.text())
        if found is not None:
            self.zone.setCurrentText(found.zone)
        self._name()

    def _name(self) -> None:
        found = airport(self.text())
        self.airport_name.setText(found.label if found else "")


class LegDialog(RecordDialog):
    """A new leg for a participant (`leg` None) or changes to one."""

    def __init__(self, ctx: Context, code: str, names: dict[str, str], start: date, leg: LegView | None = None,
                 parent: QWidget | None = None) -> None:
        title = "Add leg" if leg is None else f"Edit leg of {leg.name}"
        super().__init__(ctx, title, parent, intro="Departure and arrival are local times, each on the clock of its place.")
        self.code, self.leg = code, leg
        self.before: dict[str, Any] = leg_record(leg) if leg else {}
        self._traveller(names)
        self._ends(datetime.combine(start, time(9)))  # a new leg starts on the event's first day, to be changed
        self.booking_ref = self.form.add("booking_ref", "&Booking ref", QLineEdit(self.before.get("booking_ref", "")))
        for field in (self.depart, self.arrive):
            for signal in field.changed_signals():
                signal.connect(self.live_check)  # type: ignore[attr-defined]
        for zone in (self.from_zone, self.to_zone):
            zone.currentTextChanged.connect(self.live_check)
        for place in (self.from_place, self.to_place):
            place.textChanged.connect(self.live_check)
        self.live_check()
        self.resize(max(self.sizeHint().width(), 620), self.sizeHint().height())

    def _traveller(self, names: dict[str, str]) -> None:
        """Who travels, and by what."""
        form = self.form
        self.person = form.add("person", "&Person", people_box(names, self.before.get("person", "")))
        self.kind = form.add("kind", "&Kind", QComboBox())
        self.kind.addItems(list(vocab.TRAVEL_KINDS))
        self.kind.setCurrentText(self.before.get("kind", "flight"))
        self.carrier = form.add("carrier", "&Carrier", QLineEdit(self.before.get("carrier", "")))
        self.carrier.setPlaceholderText("e.g. NH")
        self.number = form.add("number", "&Number", QLineEdit(self.before.get("number", "")))
        self.number.setPlaceholderText("e.g. NH232")

    def _ends(self, first: datetime) -> None:
        """From where and when, to where and when, each in its own zone; "+1d" beside a next-day arrival."""
        form, leg = self.form, self.leg
        self.from_zone = ZoneField(self.before.get("from_zone", ""))
        self.from_place = PlaceField(self.before.get("from", ""), self.from_zone, "e.g. BRU")
        self.from_place.setAccessibleName("From")
        form.add("from", "&From", _with_note(self.from_place), PLACE_HINT)
        form.add("from_zone", "From &zone", self.from_zone)
        self.depart = form.add("depart", "&Departs", LocalTimeField("Departs"))
        self.to_zone = ZoneField(self.before.get("to_zone", ""))
        self.to_place = PlaceField(self.before.get("to", ""), self.to_zone, "e.g. NRT")
        self.to_place.setAccessibleName("To")
        form.add("to", "&To", _with_note(self.to_place))
        form.add("to_zone", "To z&one", self.to_zone)
        self.arrive = LocalTimeField("Arrives")
        self.day_shift = QLabel()
        self.day_shift.setMinimumHeight(self.arrive.date.sizeHint().height())  # level with the date, not above it
        self.day_shift.setAccessibleName("Arrival day")
        form.add("arrive", "&Arrives", _beside(self.arrive, self.day_shift))
        self.depart.set_value(leg.depart.replace(tzinfo=None) if leg else first)
        self.arrive.set_value(leg.arrive.replace(tzinfo=None) if leg else first)

    def live_check(self) -> bool:
        """Unknown airport codes, bad zones, and times the clocks skip or pass twice; the "+1d" of the arrival."""
        ok = True
        for name, place in (("from", self.from_place), ("to", self.to_place)):
            self.form.set_problem(name, place.problem())
            ok = ok and not place.problem()
        for name, zone, when, was in (("from_zone", self.from_zone, self.depart, self.leg and self.leg.depart),
                                      ("to_zone", self.to_zone, self.arrive, self.leg and self.leg.arrive)):
            problem = zone.problem() if zone.zone() else ""
            self.form.set_problem(name, problem)
            if zone.zone() and not problem:
                ok = when.check(zone.zone(), was.utcoffset() if was else None) and ok
            else:
                when.show_problem("")
                ok = ok and not problem
        shift = (self.arrive.date.value() - self.depart.date.value()).days
        self.day_shift.setText(f"<b>{local_times.day_shift(shift).strip()}</b>" if shift else "")
        self.day_shift.setToolTip(f"arrives {abs(shift)} day{'s' if abs(shift) > 1 else ''} "
                                  f"{'after' if shift > 0 else 'before'} the departure's local date" if shift else "")
        return ok

    def values(self) -> dict[str, Any]:
        """The leg as the form holds it, in the programme file's shape."""
        return {
            "person": self.person.currentData() or "",
            "kind": self.kind.currentText(),
            "carrier": self.carrier.text().strip(),
            "number": self.number.text().strip(),
            "booking_ref": self.booking_ref.text().strip(),
            "from": self.from_place.text().strip(),
            "from_zone": self.from_zone.zone() or None,
            "depart": timeutil.local_text(self.depart.naive(), self.depart.offset()),
            "to": self.to_place.text().strip(),
            "to_zone": self.to_zone.zone() or None,
            "arrive": timeutil.local_text(self.arrive.naive(), self.arrive.offset()),
        }

    def command(self, report: Reporter) -> ServiceCommand | None:
        ctx, values = self.ctx, self.values()
        if self.leg is None:
            return AddLeg(ctx.db, ctx.changes, report, self.code, values)
        changed = {name: value for name, value in values.items() if value != self.before.get(name)}
        return EditLeg(ctx.db, ctx.changes, report, self.code, self.leg, changed) if changed else None


def _with_note(place: PlaceField) -> QWidget:
    """The place field with its airport's name beside it."""
    place.setMaximumWidth(place.fontMetrics().horizontalAdvance("M") * 14)
    return _beside(place, place.airport_name)


def _beside(field: QWidget, note: QLabel) -> QWidget:
    """`field` with a note after it on the same line, the rest of the line empty."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(field, 0, Qt.AlignmentFlag.AlignTop)
    row.addWidget(note, 0, Qt.AlignmentFlag.AlignTop)
    row.addStretch(1)
    return box
