"""Render a page of the main window offscreen to a PNG (for docs, README and checks)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ...core.errors import IurcError

SIZE = (1280, 800)

if TYPE_CHECKING:  # Qt is imported only once a platform is chosen
    from .main_window import MainWindow

Shower = Callable[["MainWindow", "str | None"], None]


def _list_page(key: str) -> Shower:
    def show(window: "MainWindow", event: str | None) -> None:
        window.show_page(key)

    return show


def _event_page(window: "MainWindow", event: str | None) -> None:
    if not event:
        raise IurcError("The event page needs an event: add --event CODE.")
    window.open_event(event)


def _event_tab(key: str) -> Shower:
    def show(window: "MainWindow", event: str | None) -> None:
        _event_page(window, event)
        window.event_page.select_tab(key)

    return show


# The fixed pages; every registered event tab and navigation page is added by `pages()`.
PAGES: dict[str, Shower] = {
    "events": _list_page("events"),
    "people": _list_page("people"),
    "organisations": _list_page("organisations"),
    "event": _event_page,
}


def pages() -> dict[str, Shower]:
    """Every page `render_page` can show, by name."""
    from .event_tabs import EVENT_TABS
    from .nav_pages import NAV_EXTRA

    found = dict(PAGES)
    found.update({spec.key: _list_page(spec.key) for spec in NAV_EXTRA})
    found.update({spec.key: _event_tab(spec.key) for spec in EVENT_TABS if spec.key not in found})
    return found


def render_page(url: str, page: str, path: Path, *, event: str | None = None, dark: bool = False,
                viewer_zone: str | None = None) -> None:
    """Build the main window offscreen, show `page` and save it as a PNG at `path`."""
    shower = pages().get(page)
    if shower is None:
        raise IurcError(f"There is no page {page!r}. Pages: {', '.join(pages())}.")
    path = Path(path)
    if not path.parent.is_dir():
        raise IurcError(f"Cannot write {path}: the folder {path.parent} does not exist.")
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no screen needed
    from . import palette
    from .app import application
    from .main_window import MainWindow

    app = application()
    from ...app import database

    db = database.open(url)
    saved = app.palette()
    window = None
    try:
        if dark:
            app.setPalette(palette.dark_palette())
        window = MainWindow(db, viewer_zone=viewer_zone)
        window.resize(*SIZE)
        window.show()
        shower(window, event)
        for _ in range(5):  # let layouts settle and visible rows load
            app.processEvents()
        if not window.grab().save(str(path), "PNG"):
            raise IurcError(f"Cannot write {path}.")
    finally:
        if window is not None:
            window.close()
            window.deleteLater()
        app.setPalette(saved)
        app.processEvents()
        db.dispose()
