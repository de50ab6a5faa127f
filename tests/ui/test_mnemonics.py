"""Alt+letter keys act at once: no letter is the mnemonic of two things in sight together, the menu bar included.

Qt cycles the focus between widgets that share a mnemonic instead of pressing either, so a clash makes Alt+letter
do nothing useful.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QMenuBar, QTabBar, QWidget

from iurc_desktop.ui.dialogs.event_dialog import EventDialog
from iurc_desktop.ui.dialogs.item_dialog import open_item_dialog
from iurc_desktop.ui.dialogs.leg_dialog import LegDialog
from iurc_desktop.ui.widgets.record_form import open_dialog

from .test_new_event import errors  # noqa: F401 - the Settings and error box stand-ins

MNEMONIC = re.compile(r"(?<!&)&(?!&)(\w)")
VISIT, WEBINAR = "r2r-test", "webinar-test"


def mnemonic(text: str) -> str:
    """The Alt letter of a text ("Cance&l event…" gives "l"), lower case; "" when it has none."""
    found = MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else ""


def texts(window: QWidget) -> list[tuple[str, QWidget]]:
    """Every text with a mnemonic that the user sees in `window` now, with the widget that shows it."""
    shown: list[tuple[str, QWidget]] = []
    for widget in (window, *window.findChildren(QWidget)):
        if widget.window() is not window or not widget.isVisible():
            continue
        if isinstance(widget, QAbstractButton):
            shown.append((widget.text(), widget))
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            shown.append((widget.text(), widget))
        elif isinstance(widget, QGroupBox):
            shown.append((widget.title(), widget))
        elif isinstance(widget, QTabBar):
            shown.extend((widget.tabText(i), widget) for i in range(widget.count()) if widget.isTabVisible(i))
        elif isinstance(widget, QMenuBar):
            shown.extend((action.text(), widget) for action in widget.actions() if action.isVisible())
    return shown


def clashes(window: QWidget) -> dict[str, list[str]]:
    """Each Alt letter used twice or more in `window` as it is now, with the texts that use it."""
    by_letter: dict[str, list[str]] = defaultdict(list)
    for text, _widget in texts(window):
        if letter := mnemonic(text):
            by_letter[letter].append(text)
    return {letter: used for letter, used in by_letter.items() if len(used) > 1}


def views(tab: QWidget, page, qtbot) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """Show each kind of document in turn on the Documents tab (their buttons differ); one view on any other tab."""
    box = getattr(tab, "document", None)
    if not isinstance(box, QComboBox):
        yield ""
        return
    for index in range(box.count()):
        box.setCurrentIndex(index)
        qtbot.waitUntil(page.settled)
        yield box.currentText()


def test_mnemonic_reads_the_alt_letter() -> None:
    assert mnemonic("Cance&l event…") == "l" and mnemonic("Save && close") == "" and mnemonic("&&&Go") == "g"


@pytest.mark.parametrize("code", [VISIT, WEBINAR])
def test_every_event_tab_has_each_alt_letter_once(window, qtbot, code) -> None:
    page = window.open_event(code)
    qtbot.waitUntil(page.settled)
    found: dict[str, dict[str, list[str]]] = {}
    for index in range(page.tabs.count()):
        if not page.tabs.isTabVisible(index):
            continue
        page.tabs.setCurrentIndex(index)
        qtbot.waitUntil(page.settled)
        tab = page.tabs.tabText(index)
        for shown in views(page.tabs.currentWidget(), page, qtbot):
            if clash := clashes(window):
                found[f"{tab} {shown}"] = clash
    assert found == {}, found


def test_the_main_pages_have_each_alt_letter_once(window, qtbot) -> None:
    for key in ("home", "events", "people", "organisations", "programme", "outbox"):
        try:
            window.show_page(key)
        except KeyError:
            continue
        assert clashes(window) == {}, key


def test_the_record_dialogs_have_each_alt_letter_once(window, qtbot) -> None:
    window.menu_actions["new_event"].trigger()
    event = window.findChild(EventDialog)
    for kind in ("webinar", "study_visit"):
        event.kind.setCurrentIndex(event.kind.findData(kind))
        assert clashes(event) == {}, kind
    event.reject()
    for code in (VISIT, WEBINAR):
        item = open_item_dialog(window.ctx, window, code)
        assert clashes(item) == {}, code
        item.reject()
    leg = open_dialog(LegDialog(window.ctx, VISIT, {"minjun": "Min-jun"}, date(2027, 4, 5), parent=window))
    assert clashes(leg) == {}
