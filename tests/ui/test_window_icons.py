"""One visual language: icons on the navigation, on the menu actions and on the kinds of events in lists."""

from __future__ import annotations

from PySide6.QtCore import Qt

from iurc_desktop.ui.shell.page_registry import NAV_PAGES


def test_every_navigation_entry_and_menu_action_has_an_icon(window) -> None:  # type: ignore[no-untyped-def]
    assert window.nav.count() == len(NAV_PAGES)
    for row in range(window.nav.count()):
        assert not window.nav.item(row).icon().isNull(), window.nav.item(row).text()
    for name, action in window.menu_actions.items():
        assert not action.icon().isNull(), name
    assert not window.undo_action.icon().isNull() and not window.redo_action.icon().isNull()


def test_the_events_list_shows_each_kind_with_its_icon(window) -> None:  # type: ignore[no-untyped-def]
    from iurc_desktop.ui.icons import record_icon
    from iurc_desktop.ui.widgets.event_card import kind_icon

    page = window.show_page("events")
    model = page.model
    kinds = {model.data(model.index(r, 1)): model.data(model.index(r, 1), Qt.ItemDataRole.DecorationRole)
             for r in range(model.rowCount())}
    assert {"study visit", "webinar"} <= set(kinds)
    assert _drawn(kinds["webinar"]) == _drawn(record_icon("webinar"))  # a video for a webinar
    assert _drawn(kinds["study visit"]) == _drawn(record_icon("study_visit"))  # a route for a study visit
    assert _drawn(kinds["webinar"]) != _drawn(kinds["study visit"])
    assert _drawn(kind_icon("meeting")) == _drawn(record_icon("event"))  # any other kind: a calendar


def _drawn(icon):  # type: ignore[no-untyped-def]
    return icon.pixmap(16, 16).toImage()
