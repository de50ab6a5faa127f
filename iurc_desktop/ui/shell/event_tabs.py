"""The tabs of an event's page, in order. A new aspect of an event is a new line here.

`applies(kind)` hides a tab for events it makes no sense for (e.g. the world
clock is for webinars). Every tab is also a `screenshot` page under its key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..pages.event_tab import EventTab
    from .context import Context


@dataclass(frozen=True)
class TabSpec:
    key: str
    title: str
    factory: Callable[["Context"], "EventTab"]
    applies: Callable[[str], bool] = lambda kind: True


def _overview(ctx: "Context") -> "EventTab":
    from ..pages.event_overview import OverviewTab

    return OverviewTab(ctx)


def _itinerary(ctx: "Context") -> "EventTab":
    from ..pages.itinerary_tab import ItineraryTab

    return ItineraryTab(ctx)


def _travel(ctx: "Context") -> "EventTab":
    from ..pages.travel_tab import TravelTab

    return TravelTab(ctx)


def _worldclock(ctx: "Context") -> "EventTab":
    from ..pages.worldclock_tab import WorldClockTab

    return WorldClockTab(ctx)


def _checks(ctx: "Context") -> "EventTab":
    from ..pages.checks_tab import ChecksTab

    return ChecksTab(ctx)


def _participants(ctx: "Context") -> "EventTab":
    from ..pages.participants_tab import ParticipantsTab

    return ParticipantsTab(ctx)


def _exports(ctx: "Context") -> "EventTab":
    from ..pages.exports_tab import ExportsTab

    return ExportsTab(ctx)


def _documents(ctx: "Context") -> "EventTab":
    from ..pages.documents_tab import DocumentsTab

    return DocumentsTab(ctx)


EVENT_TABS: list[TabSpec] = [
    TabSpec("event", "Overview", _overview),
    TabSpec("participants", "Participants", _participants),
    TabSpec("itinerary", "Itinerary", _itinerary),
    TabSpec("travel", "Travel && stays", _travel),
    TabSpec("worldclock", "World clock", _worldclock, applies=lambda kind: kind == "webinar"),
    TabSpec("checks", "Checks", _checks),
    TabSpec("exports", "Exports", _exports),
    TabSpec("documents", "Documents", _documents),
]
