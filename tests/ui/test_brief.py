"""The whole brief of a Kansai study visit built in the window, as staff would: hosts, event, people, participants,
items, an overnight flight and a shared room through the real buttons and dialogs, then the checks and a host roster."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Callable

import pytest
from python_calamine import CalamineWorkbook
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox, QPushButton

from iurc_desktop.app import people
from iurc_desktop.app.items import item_record
from iurc_desktop.app.registrations import registrations
from iurc_desktop.ui.dialogs.event_dialog import EventDialog
from iurc_desktop.ui.dialogs.export_roster import ExportRosterDialog
from iurc_desktop.ui.shell.main_window import MainWindow
from iurc_desktop.ui.shell.settings import Settings

CODE = "jp-visit-2027"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
# (given, family, e-mail, dietary, accessibility, passport expiry, group): a Basque delegation
DELEGATES = [
    ("Mikel", "Arana", "mikel.arana@example.eus", "vegetarian", "", date(2031, 3, 1), "A"),
    ("Irati", "Goni", "irati.goni@example.eus", "", "step-free access", date(2027, 6, 30), "A"),
    ("Jon", "Zubiri", "jon.zubiri@example.eus", "no pork", "", date(2030, 9, 15), "B"),
]
NAMES = {email: f"{given} {family}" for given, family, email, *_rest in DELEGATES}


@pytest.fixture
def window(qtbot, sample_db, monkeypatch):  # type: ignore[no-untyped-def]
    """The main window on the sample programme; a refusal or failure that would reach a message box is collected."""
    boxes: list[BaseException] = []
    monkeypatch.setattr("iurc_desktop.ui.shell.main_window.show_error", lambda parent, exc: boxes.append(exc))
    monkeypatch.setattr("iurc_desktop.ui.shell.settings.load_settings",
                        lambda path=None: Settings(organiser_name="IURC AA team", organiser_email="info-aa@example.eu"))
    win = MainWindow(sample_db, viewer_zone="Europe/Brussels")
    win.boxes = boxes
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)  # shortcuts go to the active window
    yield win
    win.tasks.shutdown()


def save(dialog: QDialog) -> None:
    """Click Save and check the dialog took it: closed, nothing shown in a box."""
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    shown = [w.text() for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    problems = {name: label.text() for name, label in dialog.form.problems.items() if label.isVisibleTo(dialog)}
    assert not dialog.isVisible() and shown == [], (problems, shown)


def opened(page: Any, qtbot: Any, trigger: Callable[[], None]) -> Any:
    """Run `trigger` on a list page and return the dialog it opens (through the page's `on_dialog` hook)."""
    found: list[Any] = []
    page.on_dialog = found.append
    trigger()
    qtbot.waitUntil(lambda: bool(found) and found[0].isVisible())
    return found[0]


def column(model: Any, header: str) -> list[str]:
    """The texts shown in the column headed `header`."""
    n = next(n for n in range(model.columnCount()) if model.headerData(n, Qt.Orientation.Horizontal) == header)
    return [model.index(r, n).data() for r in range(model.rowCount())]


def at(field: Any, day: tuple[int, int, int], hour: int, minute: int = 0) -> None:
    """Set a local date and time field."""
    field.date.setDate(QDate(*day))
    field.time.setTime(QTime(hour, minute))


def shown_problems(model: Any) -> list[tuple[str, str]]:
    """The Checks tab's rows as (kind, problem), in the order shown."""
    return list(zip(column(model, "Kind"), column(model, "Problem")))


def add_host(window: MainWindow, qtbot: Any, name: str, key: str) -> None:
    """Organisations page, Ctrl+Shift+O: a Japanese prefecture to host items."""
    page = window.show_page("organisations")
    page.table.setFocus()
    dialog = opened(page, qtbot, lambda: qtbot.keyClick(page.table, Qt.Key.Key_O, CTRL_SHIFT))
    qtbot.keyClicks(dialog.form.fields["name"], name)
    qtbot.keyClicks(dialog.form.fields["key"], key)
    dialog.form.fields["kind"].set_value("prefecture")
    qtbot.keyClicks(dialog.form.fields["country"], "JP")
    dialog.form.fields["zone"].setCurrentText("")
    qtbot.keyClicks(dialog.form.fields["zone"].lineEdit(), "Asia/Tokyo")
    save(dialog)
    assert name in [page.model.row_at(r).name for r in range(page.model.rowCount())]


def new_event(window: MainWindow, qtbot: Any) -> None:
    """File ▸ New event by Ctrl+N: the study visit with groups A and B, hosted by Osaka Prefecture."""
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), EventDialog))
    dialog = QApplication.activeModalWidget()
    qtbot.keyClicks(dialog.code, CODE)
    dialog.kind.setCurrentIndex(dialog.kind.findData("study_visit"))
    qtbot.keyClicks(dialog.title_field, "Kansai study visit")
    dialog.zone.setCurrentText("")
    qtbot.keyClicks(dialog.zone.lineEdit(), "Asia/Tokyo")
    dialog.start.setDate(QDate(2027, 4, 12))
    dialog.end.setDate(QDate(2027, 4, 16))
    for name in ("A", "B"):
        qtbot.keyClicks(dialog.groups.entry, name)
        qtbot.keyClick(dialog.groups.entry, Qt.Key.Key_Return)
    dialog.host.setCurrentIndex(dialog.host.findData("osaka"))
    save(dialog)
    assert window.current_page_key() == "event" and window.event_page.code == CODE
    assert window.event_page._fact_labels["Groups"].text() == "A, B"
    assert window.event_page._fact_labels["Host"].text() == "Osaka Prefecture"


def new_person(window: MainWindow, qtbot: Any, given: str, family: str, email: str, dietary: str, accessibility: str,
               expiry: date) -> None:
    """People page, Ctrl+Shift+P: a delegate with needs and a passport expiry."""
    page = window.show_page("people")
    page.table.setFocus()
    dialog = opened(page, qtbot, lambda: qtbot.keyClick(page.table, Qt.Key.Key_P, CTRL_SHIFT))
    fields = dialog.person
    qtbot.keyClicks(fields.widget("given_name"), given)
    qtbot.keyClicks(fields.widget("family_name"), family)
    qtbot.keyClicks(fields.widget("email"), email)
    qtbot.keyClicks(fields.widget("organisation"), "Basque")  # finds the organisation by its name
    assert fields.widget("organisation").key() == "basque"
    qtbot.keyClicks(fields.widget("dietary"), dietary)
    qtbot.keyClicks(fields.widget("accessibility"), accessibility)
    fields.widget("passport_expiry").set_value(expiry)
    save(dialog)
    assert email in [page.model.row_at(r).email for r in range(page.model.rowCount())]
    entry = people.person_record(window.db, email).entry
    assert (entry["organisation"], entry["passport_expiry"]) == ("basque", expiry.isoformat())
    assert (entry.get("dietary", ""), entry.get("accessibility", "")) == (dietary, accessibility)


def add_participant(window: MainWindow, qtbot: Any, email: str, group: str) -> None:
    """Participants tab, Add participant: the person found by typing their e-mail, confirmed in `group`."""
    tab = window.open_event(CODE).select_tab("participants")
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    dialog = tab.participant_dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.person.lineEdit(), email)
    dialog.role.setCurrentIndex(dialog.role.findData("delegate"))
    dialog.group.setCurrentIndex(dialog.group.findData(group))
    dialog.status.setCurrentIndex(dialog.status.findData("confirmed"))
    save(dialog)
    row = next(r for r in tab.model.rows() if r.email == email)  # in the table at once
    assert (row.role, row.group, row.status) == ("delegate", group, "confirmed")


def new_item(window: MainWindow, qtbot: Any, key: str, title: str, place: str, host: str, group: str,
             hours: tuple[int, int]) -> None:
    """Itinerary tab, New item: a meeting on 13 April, local hours in Tokyo, for one group, with its host."""
    tab = window.open_event(CODE).select_tab("itinerary")
    qtbot.mouseClick(tab.new_item_button, Qt.MouseButton.LeftButton)
    dialog = tab.item_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.zone.zone() == "Asia/Tokyo"  # the event's zone to start with
    qtbot.keyClicks(dialog.key, key)
    qtbot.keyClicks(dialog.title, title)
    dialog.kind.setCurrentIndex(dialog.kind.findData("meeting"))
    at(dialog.start, (2027, 4, 13), hours[0])
    at(dialog.end, (2027, 4, 13), hours[1])
    qtbot.keyClicks(dialog.place, place)
    dialog.host.setCurrentText("")
    qtbot.keyClicks(dialog.host.lineEdit(), host)
    qtbot.mouseClick(dialog.groups.boxes[group], Qt.MouseButton.LeftButton)
    save(dialog)
    assert key in {b.key for b in window.event_page.select_tab("itinerary").timeline.data.blocks}
    stored = item_record(window.db, CODE, key)
    assert (stored["host"], stored["groups"], stored["zone"]) == (host, [group], "Asia/Tokyo")
    assert (stored["start"], stored["end"]) == (f"2027-04-13T{hours[0]:02}:00", f"2027-04-13T{hours[1]:02}:00")


def add_flight(window: MainWindow, qtbot: Any, email: str) -> None:
    """Travel & stays tab, Add leg: the overnight flight Brussels → Narita, arriving the next local day."""
    tab = window.open_event(CODE).select_tab("travel")
    qtbot.mouseClick(tab.add_leg_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.person.setCurrentIndex(dialog.person.findData(email))
    qtbot.keyClicks(dialog.carrier, "NH")
    qtbot.keyClicks(dialog.number, "NH232")
    qtbot.keyClicks(dialog.from_place, "BRU")
    at(dialog.depart, (2027, 4, 11), 19)
    qtbot.keyClicks(dialog.to_place, "NRT")
    at(dialog.arrive, (2027, 4, 12), 15, 30)
    assert dialog.from_zone.zone() == "Europe/Brussels" and dialog.to_zone.zone() == "Asia/Tokyo"
    assert dialog.day_shift.text() == "<b>+1d</b>"  # arrives the next day, written as in the travel table
    save(dialog)
    row = tab.legs_model.row_of(lambda leg: leg.number == "NH232")
    assert column(tab.legs_model, "Arrives (local)")[row].split() == ["Mon", "12", "Apr", "15:30", "JST", "+1d"]


def add_shared_room(window: MainWindow, qtbot: Any, email: str, mate: str) -> None:
    """Travel & stays tab, Ctrl+Shift+H: a twin room for the whole visit shared with `mate`."""
    tab = window.open_event(CODE).select_tab("travel")
    tab.stays_table.setFocus()
    qtbot.keyClick(tab.stays_table, Qt.Key.Key_H, CTRL_SHIFT)
    dialog = tab.dialog
    qtbot.waitUntil(dialog.isVisible)
    dialog.person.setCurrentIndex(dialog.person.findData(email))
    qtbot.keyClicks(dialog.hotel, "Hotel Granvia Osaka")
    dialog.check_in.setDate(QDate(2027, 4, 12))
    dialog.check_out.setDate(QDate(2027, 4, 16))
    dialog.room.setCurrentText("twin")
    dialog.shares_with.setCurrentIndex(dialog.shares_with.findData(mate))
    save(dialog)
    shown = zip(*(column(tab.stays_model, header) for header in ("Person", "Hotel", "Shares with")))
    assert (NAMES[email], "Hotel Granvia Osaka", NAMES[mate]) in shown


def export_host_roster(window: MainWindow, qtbot: Any, path: Path) -> list[list[Any]]:
    """Exports tab, Host roster…: the Osaka meeting's roster saved to `path`, read back by a second reader."""
    tab = window.open_event(CODE).select_tab("exports")
    button = next(b for b in tab.findChildren(QPushButton) if b.accessibleName() == "Export host roster")
    assert button.text() == "Host roster…"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ExportRosterDialog))
    dialog = QApplication.activeModalWidget()
    dialog.item.setCurrentIndex(dialog.item.findData("osaka-meeting"))
    assert [row[0] for row in dialog.preview_rows()] == ["Mikel Arana", "Irati Goni"]  # group A only
    dialog.choose_path = lambda title, name, filters: path
    with qtbot.waitSignal(dialog.saved, timeout=20000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    dialog.close()
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()


def test_the_kansai_study_visit_is_built_in_the_window_then_checked_and_its_host_roster_exported(
        window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    add_host(window, qtbot, "Osaka Prefecture", "osaka")
    add_host(window, qtbot, "Kyoto Prefecture", "kyoto")
    new_event(window, qtbot)
    for *person, _group in DELEGATES:
        new_person(window, qtbot, *person)
    for _given, _family, email, *_needs, group in DELEGATES:
        add_participant(window, qtbot, email, group)
    mikel, irati, jon = (d[2] for d in DELEGATES)
    assert {(r.email, r.group) for r in registrations(window.db, CODE)} == {(mikel, "A"), (irati, "A"), (jon, "B")}
    new_item(window, qtbot, "osaka-meeting", "Meeting at Osaka Prefectural Government", "Osaka", "osaka", "A", (10, 12))
    new_item(window, qtbot, "kyoto-meeting", "Meeting at Kyoto Prefectural Government", "Kyoto", "kyoto", "B", (14, 16))
    add_flight(window, qtbot, mikel)
    add_shared_room(window, qtbot, mikel, irati)
    add_shared_room(window, qtbot, irati, mikel)  # a stay each, naming the other: the programme file's way

    checks = window.open_event(CODE).select_tab("checks")
    found = shown_problems(checks.model)
    assert [p for kind, p in found if kind == "No arrival"] == [
        "Irati Goni has no arrival booked for jp-visit-2027, which starts on Mon 12 Apr 2027 in Asia/Tokyo. "
        "Add their journey on the Travel & stays tab.",
        "Jon Zubiri has no arrival booked for jp-visit-2027, which starts on Mon 12 Apr 2027 in Asia/Tokyo. "
        "Add their journey on the Travel & stays tab."]
    (passport,) = [p for kind, p in found if kind == "Passport expiry"]
    assert passport.startswith("Irati Goni's passport expires on 30 Jun 2027, less than six months after the visit's end")
    assert [p.split(" has ")[0] for kind, p in found if kind == "No stay"] == ["Jon Zubiri"]  # the twin room counts

    rows = export_host_roster(window, qtbot, tmp_path / "osaka-host.xlsx")
    header = rows.index(next(row for row in rows if row and row[0] == "Name"))
    assert "Meeting at Osaka Prefectural Government, Osaka Prefecture" in rows[0][0]
    people_rows = [dict(zip(rows[header], row)) for row in rows[header + 1:]]
    assert [(r["Name"], r["Group"], r["Dietary needs"], r["Accessibility needs"]) for r in people_rows] == [
        ("Mikel Arana", "A", "vegetarian", ""), ("Irati Goni", "A", "", "step-free access")]
    cells = [str(cell) for row in rows for cell in row]
    assert not any("Jon Zubiri" in c or "passport" in c.lower() or "2027-06-30" in c or "2031-03-01" in c for c in cells)
    assert window.undo_stack.count() == 14 and window.boxes == []  # each save one undoable step; no message box
