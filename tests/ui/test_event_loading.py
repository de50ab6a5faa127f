"""A large event's tabs read on the page's reader: "Loading…" meanwhile, a late result for another event dropped,
nothing of the previous event kept, and a tab read again only when what it shows changed."""

from __future__ import annotations

import gc
import weakref

import pytest
from PySide6.QtWidgets import QLabel

from iurc_desktop.app.changes import Topic
from iurc_desktop.ui.pages.event_tab import EventTab
from tests.statements import statements

VISIT, WEBINAR = "r2r-test", "webinar-test"


@pytest.fixture
def page(window, qtbot, monkeypatch):  # type: ignore[no-untyped-def]
    """The event page where every event counts as large: each tab reads on the reader thread."""
    monkeypatch.setattr(EventTab, "BACKGROUND_FROM", 0)
    window.open_event(VISIT)
    qtbot.waitUntil(window.event_page.settled)
    return window.event_page


def _emails(page) -> set[str]:  # type: ignore[no-untyped-def]
    return {p.email for p in page.participant_rows()}


def _says_loading(tab: EventTab) -> bool:
    return any(label.accessibleName() == "Loading" and label.isVisible() for label in tab.findChildren(QLabel))


def test_a_large_event_says_loading_then_shows_its_participants(window, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(EventTab, "BACKGROUND_FROM", 0)
    page = window.open_event(VISIT)
    assert page.overview.loading and _says_loading(page.overview)
    assert page.overview.items_model.rowCount() == 2  # the items come with the heading, at once
    qtbot.waitUntil(page.settled)
    assert _emails(page) == {"ane@example.eus", "hanako@example.jp"}
    assert page.overview.participants_model.rowCount() == 2
    assert not _says_loading(page.overview)


def test_a_result_for_the_event_left_is_dropped(page, window, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.open_event(VISIT)  # its read is still on the reader when the webinar is asked for
    window.open_event(WEBINAR)
    qtbot.waitUntil(page.settled)
    assert _emails(page) == {"minjun@example.kr"}
    tab = page.select_tab("participants")
    qtbot.waitUntil(page.settled)
    assert [r.email for r in tab.model.rows()] == ["minjun@example.kr"]


def test_the_page_keeps_no_row_of_the_previous_event(page, window, qtbot) -> None:  # type: ignore[no-untyped-def]
    page.select_tab("participants")
    qtbot.waitUntil(page.settled)
    page.select_tab("exports")
    qtbot.waitUntil(page.settled)
    gone = [weakref.ref(row) for row in page.participant_rows() + page.tab_widgets["participants"].all_rows]
    window.open_event(WEBINAR)
    for key in ("participants", "exports"):
        page.select_tab(key)
        qtbot.waitUntil(page.settled)
    qtbot.wait(10)  # finished tasks are deleted by the event loop
    gc.collect()
    assert gone and not [ref for ref in gone if ref() is not None]


def test_a_tab_is_read_again_only_after_a_change_to_what_it_shows(page, window, qtbot) -> None:  # type: ignore[no-untyped-def]
    for key in ("participants", "exports", "event"):
        page.select_tab(key)
        qtbot.waitUntil(page.settled)
    with statements(window.db) as seen:
        page.select_tab("participants")
        page.select_tab("exports")
        qtbot.waitUntil(page.settled)
    assert seen == []  # nothing changed: shown again as it was
    page.select_tab("event")
    window.ctx.changes.notify(Topic.TRAVEL)  # not shown on the Exports tab
    with statements(window.db) as seen:
        page.select_tab("exports")
        qtbot.waitUntil(page.settled)
    assert seen == []
    page.select_tab("event")
    window.ctx.changes.notify(Topic.PARTICIPANTS)
    qtbot.waitUntil(page.settled)
    with statements(window.db) as seen:
        page.select_tab("exports")
        qtbot.waitUntil(page.settled)
    assert seen
