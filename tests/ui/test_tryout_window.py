"""What a new user's tryout found in the window: zones refused beside the list, spoken names, one date format, plurals."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QDialogButtonBox, QMessageBox, QWidget

from iurc_desktop.ui.dialogs.cluster_dialog import ClusterDialog
from iurc_desktop.ui.dialogs.event_dialog import EventDialog, GroupNameDialog
from iurc_desktop.ui.dialogs.item_dialog import ItemDialog
from iurc_desktop.ui.dialogs.leg_dialog import LegDialog
from iurc_desktop.ui.dialogs.organisation_dialog import OrganisationDialog
from iurc_desktop.ui.dialogs.pairing_dialog import PairingDialog
from iurc_desktop.ui.dialogs.participant_dialog import ParticipantDialog
from iurc_desktop.ui.dialogs.person_dialog import PersonDialog
from iurc_desktop.ui.dialogs.reminders_dialog import RuleDialog
from iurc_desktop.ui.dialogs.stay_dialog import StayDialog
from iurc_desktop.ui.dialogs.visa_dialog import VisaDialog
from iurc_desktop.ui.widgets.record_form import MARKED_FIELDS, RecordDialog
from iurc_desktop.ui.shell.settings import Settings

NAMES = {"ane@example.eu": "Ane Etxeberria"}


@pytest.fixture(autouse=True)
def no_boxes(monkeypatch):
    """A typo must never reach a message box."""
    monkeypatch.setattr(QMessageBox, "exec", lambda *_args: pytest.fail("a message box opened"))
    monkeypatch.setattr("iurc_desktop.ui.shell.settings.load_settings",
                        lambda path=None: Settings(organiser_name="IURC", organiser_email="info@example.eu"))


def new_event(window) -> EventDialog:  # type: ignore[no-untyped-def]
    window.menu_actions["new_event"].trigger()
    dialog = window.findChild(EventDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def below(upper: QWidget, lower: QWidget, dialog: QWidget) -> bool:
    """Whether `lower` starts at or under the bottom of `upper`, as drawn in `dialog`."""
    return lower.mapTo(dialog, QPoint(0, 0)).y() >= upper.mapTo(dialog, QPoint(0, upper.height())).y()


def test_a_zone_the_list_refuses_is_said_beside_it_at_once(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = new_event(window)
    zones, problem = dialog.zones, dialog.form.problems["zones"]
    zones.entry.setCurrentText("Europe")
    qtbot.mouseClick(zones.add_button, Qt.MouseButton.LeftButton)
    assert problem.isVisibleTo(dialog) and "region" in problem.text() and zones.values() == []
    zones.entry.setCurrentText("")
    qtbot.keyClicks(zones.entry.lineEdit(), "Asia/Tokio")
    qtbot.keyClick(zones.entry.lineEdit(), Qt.Key.Key_Return)
    assert problem.isVisibleTo(dialog) and "Asia/Tokio" in problem.text() and dialog.isVisible()
    zones.entry.setCurrentText("Asia/Tokyo")
    qtbot.mouseClick(zones.add_button, Qt.MouseButton.LeftButton)
    assert zones.values() == ["Asia/Tokyo"] and zones.entry.currentText() == ""  # added, and the box is ready for the next
    assert not problem.isVisibleTo(dialog)


def test_the_groups_hint_has_its_own_room_below_the_list(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = new_event(window)
    dialog.kind.setCurrentIndex(dialog.kind.findData("study_visit"))
    qtbot.waitExposed(dialog)
    hint, groups = dialog.form.hints["groups"], dialog.groups
    assert hint.isVisibleTo(dialog) and not dialog.form.hints["zones"].isVisibleTo(dialog)
    assert below(groups.list, hint, dialog) and below(hint, dialog.buttons, dialog)
    entry = groups.entry
    assert entry.fontMetrics().horizontalAdvance(entry.placeholderText()) < entry.width() - 8  # not cut


def test_the_foot_message_goes_once_the_marked_fields_are_fixed(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = new_event(window)
    dialog.zone.setCurrentText("Europe")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.message.text() == MARKED_FIELDS and dialog.message.isVisibleTo(dialog)
    dialog.zone.setCurrentText("Europe/Brussels")
    assert not dialog.message.isVisibleTo(dialog) and not dialog.form.problems["zone"].isVisibleTo(dialog)


def record_dialogs(window) -> list[RecordDialog]:  # type: ignore[no-untyped-def]
    """One of each kind of record dialog, on the sample data."""
    from iurc_desktop.app.items import item_form
    from iurc_desktop.app.registrations import participant_form
    from iurc_desktop.app.visas import visa

    ctx, orgs = window.ctx, [("aichi", "Aichi Prefecture")]
    return [
        EventDialog(ctx), GroupNameDialog(ctx, "r2r-test"), OrganisationDialog(ctx), PersonDialog(ctx),
        ItemDialog(ctx, item_form(ctx.db, "r2r-test", None)), ParticipantDialog(ctx, participant_form(ctx.db, "r2r-test", None)),
        LegDialog(ctx, "r2r-test", NAMES, date(2026, 10, 19)),
        StayDialog(ctx, "r2r-test", NAMES, "Asia/Tokyo", (date(2026, 10, 19), date(2026, 10, 22))),
        PairingDialog(ctx, orgs), ClusterDialog(ctx, orgs), VisaDialog(ctx, visa(ctx.db, "r2r-test", "ane@example.eus")),
        RuleDialog(ctx, "r2r-test"),
    ]


def all_subclasses(cls: type) -> set[type]:
    return {sub for direct in cls.__subclasses__() for sub in (direct, *all_subclasses(direct))}


def test_every_record_dialog_names_its_fields_in_words(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialogs = record_dialogs(window)
    assert {type(d) for d in dialogs} >= all_subclasses(RecordDialog) - {cls for cls in all_subclasses(RecordDialog)
                                                                         if cls.__module__.startswith("tests")}
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        for widget in dialog.findChildren(QWidget):
            kind = widget.metaObject().className()
            if (widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(dialog)
                    or isinstance(widget, QAbstractButton) and widget.text()
                    or widget.objectName().startswith("qt_") or isinstance(widget.parent(), QComboBox)):
                continue  # buttons say their text; a spin box's or a combo box's own line edit goes by the box's name
            where = f"{type(dialog).__name__}: {kind} {widget.objectName()}"
            assert widget.accessibleName() and "&" not in widget.accessibleName(), where
        for label in dialog.form.problems.values():
            assert "&" not in label.accessibleName() and label.accessibleName()


def test_the_leg_dialog_marks_a_next_day_arrival_as_the_travel_table_does(window) -> None:  # type: ignore[no-untyped-def]
    dialog = LegDialog(window.ctx, "r2r-test", NAMES, date(2026, 10, 19))
    dialog.arrive.date.set_value(date(2026, 10, 20))
    assert dialog.day_shift.text() == "<b>+1d</b>"
    assert dialog.from_place.accessibleName() == "From" and dialog.to_place.accessibleName() == "To"
    dialog.deleteLater()


def test_counts_of_one_read_in_the_singular(window, sample_db) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    from iurc_desktop.core.travel import stays
    from iurc_desktop.core.travel.legs import add_leg

    with sample_db.transaction() as s:
        add_leg(s, "r2r-test", "ane@example.eus", from_place="BIO", from_zone="Europe/Madrid",
                depart_local=datetime(2022, 11, 18, 12), to_place="HND", to_zone="Asia/Tokyo",
                arrive_local=datetime(2022, 11, 19, 10))
        stays.add_stay(s, "r2r-test", "ane@example.eus", hotel="Hotel Tokyo", zone="Asia/Tokyo",
                       check_in=date(2022, 11, 19), check_out=date(2022, 11, 26))
    page = window.open_event("webinar-test")
    assert page._fact_labels["Capacity"].text().endswith("; 1 participant in all")
    page = window.open_event("r2r-test")
    travel, said = page.tab_widgets["travel"], []
    travel.status.connect(said.append)
    travel.show_event("r2r-test")
    assert said[-1] == "1 travel leg, 1 hotel stay"


def test_the_participants_tab_writes_a_passport_s_date_as_the_checks_do(window, sample_db) -> None:  # type: ignore[no-untyped-def]
    from iurc_desktop.core.models import Person

    with sample_db.transaction() as s:
        s.query(Person).filter_by(email="ane@example.eus").one().passport_expiry = date(2027, 5, 1)
    page = window.open_event("r2r-test")
    tab = page.tab_widgets["participants"]
    tab.show_event("r2r-test")
    model = tab.model
    column = next(i for i in range(model.columnCount()) if model.headerData(i, Qt.Orientation.Horizontal) == "Passport until")
    shown = {model.index(row, column).data() for row in range(model.rowCount())}
    assert "1 May 2027" in shown and "2027-05-01" not in shown
