"""New event from the File menu (Ctrl+N) and the Events page: fields follow the kind, problems beside the fields."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from sqlalchemy import select

from iurc_desktop.core.models import Event
from iurc_desktop.ui.dialogs.event_dialog import EventDialog
from iurc_desktop.ui.shell.settings import Settings


@pytest.fixture(autouse=True)
def errors(monkeypatch):
    """Errors the window would show in a box, collected instead: a typo must never reach one."""
    shown: list[BaseException] = []
    monkeypatch.setattr("iurc_desktop.ui.shell.main_window.show_error", lambda parent, exc: shown.append(exc))
    monkeypatch.setattr("iurc_desktop.ui.shell.settings.load_settings",
                        lambda path=None: Settings(organiser_name="IURC AA team", organiser_email="info-aa@example.eu"))
    return shown


def events(db) -> dict[str, tuple[str, str, str, str]]:
    """Each stored event's kind, zone, organiser name and calendar UID, by code."""
    with db.reading() as s:
        return {e.code: (e.kind, e.zone, e.organiser_name, e.uid) for e in s.scalars(select(Event))}


def open_new(window, qtbot) -> EventDialog:
    window.menu_actions["new_event"].trigger()
    dialog = window.findChild(EventDialog)
    assert dialog is not None and dialog.isVisible()
    assert window.menu_actions["new_event"].shortcut().toString() == "Ctrl+N"
    return dialog


def fill(dialog: EventDialog, qtbot, code: str, kind: str, title: str) -> None:
    qtbot.keyClicks(dialog.code, code)
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    qtbot.keyClicks(dialog.title_field, title)
    dialog.start.setDate(QDate(2027, 11, 8))
    dialog.end.setDate(QDate(2027, 11, 12))


def save(dialog: EventDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_new_webinar_asks_for_zones_and_opens_on_its_world_clock(window, sample_db, qtbot, errors) -> None:
    dialog = open_new(window, qtbot)
    fill(dialog, qtbot, "energy-webinar-2027", "webinar", "Energy webinar")
    assert dialog.zones.isVisibleTo(dialog) and not dialog.groups.isVisibleTo(dialog)
    assert not dialog.host.isVisibleTo(dialog)
    assert dialog.organiser_email.text() == "info-aa@example.eu"  # from Settings
    dialog.zones.entry.setCurrentText("Asia/Tokyo")
    dialog.zones.add_button.click()
    dialog.zones.entry.setCurrentText("Pacific/Auckland")  # typed, not added: Save adds it
    save(dialog)
    assert not dialog.isVisible() and errors == []
    stored = events(sample_db)["energy-webinar-2027"]
    assert stored[:3] == ("webinar", "Europe/Brussels", "IURC AA team")
    assert window.current_page_key() == "event" and window.event_page.code == "energy-webinar-2027"
    clock = window.event_page.tab_widgets["worldclock"]
    assert window.event_page.tabs.currentWidget() is clock
    assert zones_of(sample_db, "energy-webinar-2027") == "Asia/Tokyo Pacific/Auckland"  # stored, not only shown
    uid = stored[3]

    window.undo_stack.undo()
    assert "energy-webinar-2027" not in events(sample_db)
    assert window.current_page_key() == "events" and errors == []
    window.undo_stack.redo()
    assert events(sample_db)["energy-webinar-2027"][3] == uid  # the same calendar event comes back
    assert zones_of(sample_db, "energy-webinar-2027") == "Asia/Tokyo Pacific/Auckland"


def zones_of(db, code: str) -> str:
    with db.reading() as s:
        return s.scalar(select(Event.zones).where(Event.code == code))


def test_a_webinars_zones_are_kept_shown_on_its_world_clock_and_changed_in_edit_event(window, sample_db, qtbot, errors) -> None:
    """The zones it must work in outlive the window: a new window's clock shows them, Edit event changes them."""
    from iurc_desktop.app.events import create_event
    from iurc_desktop.app.items import add_item
    from iurc_desktop.ui.dialogs.event_dialog import open_edit_event

    create_event(sample_db, {"code": "zones-2027", "kind": "webinar", "title": "Zones", "zone": "Europe/Brussels",
                             "start": "2027-04-01", "end": "2027-04-01", "zones": ["Asia/Tokyo", "Pacific/Auckland"]})
    add_item(sample_db, "zones-2027", {"key": "s1", "title": "Session", "kind": "session", "start": "2027-04-01T09:00",
                                       "end": "2027-04-01T10:00"})
    page = window.open_event("zones-2027")
    clock = page.select_tab("worldclock")
    qtbot.waitUntil(lambda: clock.clock is not None, timeout=5000)
    assert {"Asia/Tokyo", "Pacific/Auckland"} <= {z.zone for z in clock.clock.zones}
    assert "in 3 zones" in clock.showing.text() and not clock.clear_zones_button.isVisible()
    assert "outside working hours: Auckland (1 h 00)" in clock.showing.text()  # a zone it must work in counts

    dialog = open_edit_event(window.ctx, window, "zones-2027", lambda old, new: None)
    assert dialog.zones.isVisibleTo(dialog) and dialog.zones.values() == ["Asia/Tokyo", "Pacific/Auckland"]
    dialog.zones.list.setCurrentRow(1)
    dialog.zones.remove_selected()
    save(dialog)
    assert zones_of(sample_db, "zones-2027") == "Asia/Tokyo" and errors == []
    window.undo_stack.undo()
    assert zones_of(sample_db, "zones-2027") == "Asia/Tokyo Pacific/Auckland"


def test_new_study_visit_from_the_events_page_with_groups(window, sample_db, qtbot, errors) -> None:
    window.show_page("events")
    page = window.events_page
    assert not page.new_button.icon().isNull()
    page.new_button.click()
    dialog = page.findChild(EventDialog)
    fill(dialog, qtbot, "r2r-japan-2027", "study_visit", "EU-Japan study visit")
    dialog.zone.setCurrentText("Asia/Tokyo")
    assert dialog.groups.isVisibleTo(dialog) and not dialog.zones.isVisibleTo(dialog)
    assert dialog.host.isVisibleTo(dialog)  # regions and prefectures only
    assert [dialog.host.itemData(i) for i in range(dialog.host.count())] == [None, "aichi", "basque"]
    dialog.host.setCurrentIndex(dialog.host.findData("aichi"))
    for name in ("A", "B"):
        qtbot.keyClicks(dialog.groups.entry, name)
        qtbot.keyClick(dialog.groups.entry, Qt.Key.Key_Return)
    assert dialog.groups.values() == ["A", "B"]
    save(dialog)
    assert errors == []
    assert window.event_page.code == "r2r-japan-2027"
    assert window.event_page._fact_labels["Groups"].text() == "A, B"
    assert window.event_page._fact_labels["Host"].text() == "Aichi Prefecture"
    codes = [page.model.data(page.model.index(r, 0)) for r in range(page.model.rowCount())]
    assert "r2r-japan-2027" in codes


@pytest.mark.parametrize(("field", "setup", "message"), [
    ("zone", lambda d: d.zone.setCurrentText("Europe"), "a region, not a time zone"),
    ("zone", lambda d: d.zone.setCurrentText("Mars/Olympus"), "Mars/Olympus"),
    ("end", lambda d: d.end.setDate(QDate(2027, 11, 1)), "Mon 1 Nov 2027 is before the start Mon 8 Nov 2027"),
    ("email", lambda d: d.organiser_email.setText("info@@example"), "info@@example is not an e-mail address"),
    ("code", lambda d: d.code.setText("r2r-test"), "another event already has the code 'r2r-test'"),
    ("code", lambda d: d.code.setText("has space"), "is not a key (no spaces allowed)"),
])
def test_bad_values_show_beside_their_field_and_save_nothing(window, sample_db, qtbot, errors, monkeypatch,
                                                              field, setup, message) -> None:
    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: boxes.append(self.text()))
    dialog = open_new(window, qtbot)
    fill(dialog, qtbot, "new-event-2027", "meeting", "A meeting")
    setup(dialog)
    before = set(events(sample_db))
    save(dialog)
    assert dialog.isVisible()  # stays open to be corrected
    problem = dialog.form.problems[field]
    assert problem.isVisibleTo(dialog) and message in problem.text()
    assert set(events(sample_db)) == before and errors == [] and boxes == []
    assert window.undo_stack.count() == 0
