"""Pages in the window's left navigation besides Events, People and Organisations.

A page is a QWidget built from the window's Context; if it has an `open_event`
signal (str) the window opens that event, if it has `status` (str) it writes to
the status bar, if it has `focus_search()` Ctrl+F calls it, and `refresh()` is
called when it is shown. `first=True` puts it before Events (the home page).
Every page here is also a `screenshot` page under its key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QListWidget, QWidget

    from .context import Context


@dataclass(frozen=True)
class NavSpec:
    key: str
    title: str
    factory: Callable[["Context"], "QWidget"]
    first: bool = False


def _home(ctx: "Context") -> "QWidget":
    from ..pages.home_page import HomePage

    return HomePage(ctx)


def _programme(ctx: "Context") -> "QWidget":
    from ..pages.programme_page import ProgrammePage

    return ProgrammePage(ctx)


def _dashboard(ctx: "Context") -> "QWidget":
    from ..pages.dashboard_page import DashboardPage

    return DashboardPage(ctx)


def _duplicates(ctx: "Context") -> "QWidget":
    from ..pages.duplicates_page import DuplicatesPage

    return DuplicatesPage(ctx)


def _outbox(ctx: "Context") -> "QWidget":
    from ..pages.outbox_page import OutboxPage

    return OutboxPage(ctx)


NAV_EXTRA: list[NavSpec] = [
    NavSpec("home", "Home", _home, first=True),
    NavSpec("programme", "Programme", _programme),
    NavSpec("dashboard", "Dashboard", _dashboard),
    NavSpec("duplicates", "Duplicates", _duplicates),
    NavSpec("outbox", "Outbox", _outbox),
]

# The icon of each navigation page (a Lucide name, ui/icons), the lists' included.
NAV_ICONS = {
    "home": "house", "events": "calendar", "people": "users", "organisations": "building-2",
    "programme": "network", "dashboard": "chart-bar", "duplicates": "git-merge",
    "outbox": "send",
}


def set_nav_icons(nav: "QListWidget", keys: "tuple[str, ...]") -> None:
    """Put each page's icon on its navigation entry (`keys` in the entries' order)."""
    from ..icons import icon  # the SVG renderer loads with the first icon, not before the window exists

    for row, key in enumerate(keys):
        if key in NAV_ICONS and nav.item(row) is not None:
            nav.item(row).setIcon(icon(NAV_ICONS[key]))
