"""The Itinerary tab: the event's timeline (lanes per group) and one participant's itinerary by day."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSplitter, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from ...app.events import EventDetail, Itinerary, ParticipantView, person_itinerary
from ...app.travel import LegView, StayView, event_arrangements, leg_label
from ...core import local_times, timeutil
from ...core.travel.itineraries import CHECK_IN, CHECK_OUT
from ...core.travel.journeys import crosses, event_zones
from ..commands.items import RemoveItem
from ..dialogs.item_dialog import open_item_dialog
from ..icons import icon
from ..shell.context import Context
from ..shell.palette import is_dark
from ..widgets.timeline import (
    CATEGORY, COLOURS, GUTTER, LEGEND, MIN_LANE_W, Block, Timeline, TimelineData, chip_day, viewer_times,
)
from .event_tab import EventTab

if TYPE_CHECKING:
    from ...core.events.listing import ItemView
    from ...core.travel.itineraries import Entry

NO_GROUP = "No group"
ZOOM_STEP = 1.25
EVERYONE = "Everyone"


def lanes_of(detail: EventDetail, legs: Sequence[LegView], stays: Sequence[StayView]) -> tuple[tuple[str, ...], dict[str, int]]:
    """Lane names (the groups, and 'No group' when someone outside them travels) and each person's lane."""
    groups = tuple(detail.group_names)
    if not groups:
        return (EVERYONE,), {p.email: 0 for p in detail.participants}
    lane = {p.email: groups.index(p.group) if p.group in groups else len(groups) for p in detail.participants}
    travellers = {leg.person for leg in legs} | {stay.person for stay in stays}
    outside = any(lane.get(who, len(groups)) == len(groups) for who in travellers)
    return (groups + (NO_GROUP,) if outside else groups), lane


def _names(people: Iterable[str], names: dict[str, str]) -> str:
    shown = sorted(names.get(p, p) for p in people)
    return ", ".join(shown[:6]) + (f" and {len(shown) - 6} more" if len(shown) > 6 else "")


def item_block(item: ItemView, lanes: tuple[str, ...], viewer_zone: str) -> Block:
    on = tuple(n for n, name in enumerate(lanes) if name in item.groups) if item.groups else tuple(range(len(lanes)))
    mine = viewer_times(item.start, item.end, viewer_zone)
    tip = "\n".join(x for x in (
        item.title, f"{local_times.short_day(item.start.date())} {local_times.span_in_zone(item.start, item.end)} ({item.zone})",
        f"Your time ({viewer_zone}): {mine}" if mine else "", f"Place: {item.place}" if item.place else "",
        f"Host: {item.host}" if item.host else "", f"Groups: {', '.join(item.groups) or 'everyone'}",
        "CANCELLED" if item.status == "cancelled" else "", "Double-click to edit.",
    ) if x)
    return Block(item.key, "item", item.title, item.start, item.end, on or tuple(range(len(lanes))),
                 CATEGORY.get(item.kind, "other"), item.place, item.status, tip)


def leg_blocks(legs: Sequence[LegView], lane_of: dict[str, int], names: dict[str, str], viewer_zone: str,
               zones: frozenset[str] = frozenset()) -> list[Block]:
    """One block per identical leg per lane (a group flies together), naming who is on it.

    Legs that enter or leave the event's zones are arrivals and departures: they get a chip;
    connections elsewhere and rides within the zones show only at their times.
    """
    merged: dict[tuple[object, ...], tuple[LegView, list[str]]] = {}
    for leg in legs:
        sig = (lane_of.get(leg.person, 0), leg.kind, leg.carrier, leg.number, leg.from_place, leg.to_place,
               leg.depart, leg.arrive)
        merged.setdefault(sig, (leg, []))[1].append(leg.person)
    blocks = []
    for (lane, *_), (leg, people) in merged.items():
        label = leg_label(leg.carrier, leg.number) or leg.kind.capitalize()
        title = f"{label} {leg.from_place}→{leg.to_place}" + (f" · {len(people)}" if len(people) > 1 else "")
        mine = viewer_times(leg.depart, leg.arrive, viewer_zone)
        tip = "\n".join(x for x in (
            f"{leg.kind.capitalize()} {label}: {leg.from_place} ({leg.from_zone}) → {leg.to_place} ({leg.to_zone})",
            f"{local_times.short_day(leg.depart.date())} {local_times.leg_times(leg.depart, leg.arrive)}",
            f"Your time ({viewer_zone}): {mine}" if mine else "", f"Travellers: {_names(people, names)}",
            f"Booking: {leg.booking_ref}" if leg.booking_ref else "",
        ) if x)
        crossing = crosses(leg, zones)
        blocks.append(Block(f"leg-{leg.id}", "travel", title, leg.depart, leg.arrive, (lane,), "travel",
                            _names(people, names), tooltip=tip, chip=crossing or not zones))
    return blocks


def stay_blocks(stays: Sequence[StayView], lane_of: dict[str, int], names: dict[str, str]) -> list[Block]:
    """One block per hotel and dates per lane, naming its guests."""
    merged: dict[tuple[object, ...], tuple[StayView, list[str]]] = {}
    for stay in stays:
        sig = (lane_of.get(stay.person, 0), stay.hotel, stay.zone, stay.check_in, stay.check_out)
        merged.setdefault(sig, (stay, []))[1].append(stay.person)
    blocks = []
    for (lane, *_), (stay, people) in merged.items():
        tz = timeutil.zone(stay.zone)
        nights = len(stay.nights)
        tip = (f"{stay.hotel} ({stay.zone})\n{local_times.short_day(stay.check_in)} – {local_times.short_day(stay.check_out)}: "
               f"{nights} night{'s' if nights != 1 else ''}\nGuests: {_names(people, names)}")
        blocks.append(Block(f"stay-{stay.id}", "stay", stay.hotel, datetime.combine(stay.check_in, CHECK_IN, tzinfo=tz),
                            datetime.combine(stay.check_out, CHECK_OUT, tzinfo=tz), (lane,), "stay",
                            _names(people, names), tooltip=tip))
    return blocks


def build_timeline(detail: EventDetail, legs: Sequence[LegView], stays: Sequence[StayView], viewer_zone: str) -> TimelineData:
    """The timeline of an event from the services' plain rows."""
    zone = detail.row.zone
    lanes, lane_of = lanes_of(detail, legs, stays)
    names = {p.email: p.name for p in detail.participants}
    blocks = [item_block(i, lanes, viewer_zone) for i in detail.items]
    zones = frozenset(event_zones(zone, detail.items))
    blocks += leg_blocks(legs, lane_of, names, viewer_zone, zones) + stay_blocks(stays, lane_of, names)
    days = set(_dates(detail.row.start, detail.row.end))
    for block in blocks:
        if block.kind == "item":
            days.add(timeutil.to_local(block.start, zone).date())
        elif block.kind == "travel" and block.chip:
            days.add(chip_day(block, zone))
    titles = tuple(f"Group {name}" if name in detail.group_names else name for name in lanes)
    return TimelineData(zone, viewer_zone, tuple(sorted(days)), titles, tuple(blocks))


def _dates(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def entry_when(entry: Entry, viewer_zone: str) -> str:
    """An itinerary entry's times in its own zones, the viewer's on a second line where they differ."""
    if entry.kind == "travel":
        text = local_times.leg_times(entry.start, entry.end)
    elif entry.kind == "stay":
        text = f"check-in {local_times.clock(entry.start)}, {(entry.end.date() - entry.start.date()).days} night(s)"
    else:
        text = local_times.span_in_zone(entry.start, entry.end)
    mine = viewer_times(entry.start, entry.end, viewer_zone) if entry.kind != "stay" else ""
    return text + (f"\nyou: {mine}" if mine else "")


class PersonPanel(QWidget):
    """One participant's itinerary (`person_itinerary`), day by day."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.code: str | None = None
        self.itinerary: Itinerary | None = None
        self.person = QComboBox()
        self.person.setAccessibleName("Participant")
        self.person.currentIndexChanged.connect(self._chosen)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Participant itinerary")
        self.tree.setHeaderLabels(["When (local)", "What"])
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setColumnWidth(0, self.tree.fontMetrics().horizontalAdvance("18:45 CEST → 13:50 KST +1d") + 24)
        self.tree.setIndentation(10)
        self.tree.setAlternatingRowColors(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        title = QLabel("<b>One participant's itinerary</b>")
        layout.addWidget(title)
        layout.addWidget(self.person)
        layout.addWidget(self.tree, 1)

    def set_people(self, code: str, people: Sequence[ParticipantView]) -> None:
        self.code = code
        current = self.person.currentData()
        self.person.blockSignals(True)
        self.person.clear()
        self.person.addItem("Choose a participant…", "")
        for p in sorted(people, key=lambda p: p.name.casefold()):
            if p.email:
                label = p.name + (f" ({p.local_name})" if p.local_name else "") + (f" · {p.group}" if p.group else "")
                self.person.addItem(label, p.email)
        found = self.person.findData(current) if current else -1
        self.person.setCurrentIndex(found if found > 0 else min(1, self.person.count() - 1))  # someone, not nothing
        self.person.blockSignals(False)
        self._chosen()

    def choose(self, email: str) -> None:
        self.person.setCurrentIndex(max(self.person.findData(email), 0))

    def _chosen(self, *_: object) -> None:
        email = self.person.currentData()
        self.tree.clear()
        self.itinerary = None
        if not email or not self.code:
            return
        self.itinerary = person_itinerary(self.ctx.db, self.code, email, self.ctx.viewer_zone)
        for day in self.itinerary.days:
            head = QTreeWidgetItem([local_times.day(day.date), ""])
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            self.tree.addTopLevelItem(head)
            head.setFirstColumnSpanned(True)  # only takes once the row is in the tree
            for entry in day.entries:
                row = QTreeWidgetItem([entry_when(entry, self.ctx.viewer_zone), entry.title])
                row.setData(0, Qt.ItemDataRole.UserRole, entry.key)
                row.setToolTip(1, "\n".join(x for x in (entry.title, entry.place, entry.detail) if x))
                head.addChild(row)
            head.setExpanded(True)

    def entry_texts(self) -> list[tuple[str, str]]:
        """What the list shows, (when, what) per entry, for tests and accessibility."""
        out = []
        for n in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(n)
            out += [(head.child(c).text(0), head.child(c).text(1)) for c in range(head.childCount())]
        return out


class ItineraryTab(EventTab):
    """The timeline with a legend, and the participant panel beside it."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.detail: EventDetail | None = None
        self.timeline = Timeline()
        self.timeline.selected.connect(self._selected)
        self.timeline.activated.connect(self._activated)
        self.timeline.zoom_requested.connect(lambda step: self.zoom_in() if step > 0 else self.zoom_out())
        self.scroll = QScrollArea()
        self.scroll.setWidget(self.timeline)
        self.scroll.setWidgetResizable(True)
        self.scroll.setAccessibleName("Timeline scroll area")
        self.scroll.viewport().installEventFilter(self)  # re-fit the week when the view changes size
        self.fitting = True  # "fit week" until the user zooms
        self.person_panel = PersonPanel(ctx)
        self.person_panel.tree.itemDoubleClicked.connect(self._entry_activated)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.scroll)
        splitter.addWidget(self.person_panel)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([780, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(self._legend())
        tools = self._actions()  # one row with the zoom: the timeline keeps the height
        tools.addSpacing(24)
        tools.addLayout(self._zoom_bar())
        layout.addLayout(tools)
        layout.addWidget(splitter, 1)

    def _legend(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self.caption, 1)
        dark = is_dark(self.palette())
        for key, text in LEGEND:
            fill = COLOURS[key][1 if dark else 0]
            swatch = QLabel(f"<span style='color:{fill}; font-size:14pt'>■</span> {text}")
            swatch.setAccessibleName(f"Legend: {text}")
            row.addWidget(swatch)
        return row

    def _actions(self) -> QHBoxLayout:
        """New, edit and remove an item, by button and by key."""
        row = QHBoxLayout()
        self.new_item_button = QPushButton(icon("plus"), "&New item…")
        self.edit_item_button = QPushButton(icon("pencil"), "E&dit item…")
        self.remove_item_button = QPushButton(icon("trash-2"), "Re&move item")
        for button, slot, keys, tip in (
            (self.new_item_button, self.new_item, ("Ctrl+Shift+N", "Insert"), "Add an item to the event (Ctrl+Shift+N or Insert)"),
            (self.edit_item_button, self.edit_item, ("F2",), "Edit the selected item (F2, or double-click it)"),
            (self.remove_item_button, self.remove_item, ("Delete",), "Remove the selected item (Delete; Ctrl+Z brings it back)"),
        ):
            button.setToolTip(tip)
            button.clicked.connect(slot)
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slot)
            row.addWidget(button)
        self._update_actions()
        return row

    def selected_item(self) -> ItemView | None:
        """The item whose block is selected on the timeline, if an item's is."""
        key = self.timeline.selected_key
        items = self.detail.items if self.detail else ()
        return next((i for i in items if i.key == key), None)

    def _update_actions(self) -> None:
        chosen = self.selected_item() is not None
        self.edit_item_button.setEnabled(chosen)
        self.remove_item_button.setEnabled(chosen)

    def new_item(self) -> None:
        if self.code:
            self.item_dialog = open_item_dialog(self.ctx, self, self.code)

    def edit_item(self) -> None:
        item = self.selected_item()
        if self.code and item is not None:
            self.item_dialog = open_item_dialog(self.ctx, self, self.code, item.key)

    def remove_item(self) -> None:
        """Remove the selected item as one undoable step."""
        item = self.selected_item()
        if self.code and item is not None:
            self.ctx.undo.push(RemoveItem(self.ctx.db, self.ctx.changes, self.ctx.report, self.code, item.key, item.title))
            self.status.emit(f"Removed {item.title} (Ctrl+Z brings it back)")

    def _zoom_bar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.zoom_out_button = QPushButton("−")
        self.fit_button = QPushButton("Fit week")
        self.zoom_in_button = QPushButton("+")
        self.zoom_label = QLabel()
        self.zoom_label.setAccessibleName("Zoom")
        for button, slot, keys, tip in (
            (self.zoom_out_button, self.zoom_out, ("Ctrl+-",), "Narrower days (Ctrl+-)"),
            (self.fit_button, self.fit_week, ("Ctrl+0",), "Every day in view that fits with readable text (Ctrl+0)"),
            (self.zoom_in_button, self.zoom_in, ("Ctrl+=", "Ctrl++"), "Wider days, more text (Ctrl+=)"),
        ):
            button.setToolTip(tip)
            button.setAccessibleName(tip.split(" (")[0])
            button.clicked.connect(slot)
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slot)
        self.zoom_out_button.setFixedWidth(self.zoom_out_button.sizeHint().height() + 8)
        self.zoom_in_button.setFixedWidth(self.zoom_in_button.sizeHint().height() + 8)
        row.addWidget(QLabel("Zoom:"))
        for widget in (self.zoom_out_button, self.fit_button, self.zoom_in_button, self.zoom_label):
            row.addWidget(widget)
        row.addStretch(1)
        return row

    # --- zoom --------------------------------------------------------------------------
    def fit_week(self) -> None:
        """Every day in view (down to a narrow lane); stays so as the window is resized."""
        self.fitting = True
        self.timeline.fit_width(self._view_width())
        self._show_zoom()

    def _view_width(self) -> int:
        """The width the days have: the viewport, less the vertical scroll bar a full day's hours need."""
        bar = self.scroll.verticalScrollBar()
        return self.scroll.viewport().width() - (0 if bar.isVisible() else bar.sizeHint().width())

    def zoom_in(self) -> None:
        self._zoom(self.timeline.lane_w * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom(self.timeline.lane_w / ZOOM_STEP)

    def _zoom(self, lane_width: float) -> None:
        self.fitting = False
        self.timeline.set_lane_width(lane_width)
        self._show_zoom()

    def _show_zoom(self) -> None:
        data = self.timeline.data
        if data is None or not data.days:
            self.zoom_label.setText("")
            return
        days, columns, width = len(data.days), self.timeline.columns(), self._view_width()
        lane = max(self.timeline.lane_min, (width - GUTTER - 1) / columns)  # as wide as the lanes will be
        shown = min(days, int((width - GUTTER) / (lane * max(1, len(data.lanes))) + 0.05))
        readable = "" if lane >= MIN_LANE_W * 0.8 else "; hover a block for its details, or zoom in"
        self.zoom_label.setText(f"{'all ' if shown >= days else ''}{shown} of {days} days in view{readable}")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.scroll.viewport() and event.type() == QEvent.Type.Resize:
            if self.fitting:
                self.timeline.fit_width(self._view_width())
            self._show_zoom()
        return super().eventFilter(watched, event)

    def load(self, code: str) -> None:
        arrangements = event_arrangements(self.ctx.db, code)
        detail, legs, stays = arrangements.detail, list(arrangements.legs), list(arrangements.stays)
        self.detail = detail
        data = build_timeline(detail, legs, stays, self.ctx.viewer_zone)
        self.timeline.set_data(data)
        if self.fitting:
            self.timeline.fit_width(self._view_width())
        self._show_zoom()
        zone = detail.row.zone
        mine = "" if zone == self.ctx.viewer_zone else f"; your own clock ({self.ctx.viewer_zone}) on the second line"
        self.caption.setText(f"Days and hours on the event's clock ({zone}); each block in its own zone{mine}."
                             " Double-click an item to edit it, Delete removes the selected one.")
        self.person_panel.set_people(code, detail.participants)
        self._update_actions()

    def _selected(self, key: str) -> None:
        self._update_actions()
        block = next((b for b in (self.timeline.data.blocks if self.timeline.data else ()) if b.key == key), None)
        if block is not None:
            self.status.emit(block.tooltip.split("\n")[0] + " — " + (block.tooltip.split("\n")[1] if "\n" in block.tooltip else ""))

    def _activated(self, key: str) -> None:
        if self.code and not key.startswith(("leg-", "stay-")):
            open_item_dialog(self.ctx, self, self.code, key)
        elif key:
            self.navigate.emit("tab", "travel")

    def _entry_activated(self, row: QTreeWidgetItem, _column: int) -> None:
        key = row.data(0, Qt.ItemDataRole.UserRole)
        if key:
            self._activated(str(key))
