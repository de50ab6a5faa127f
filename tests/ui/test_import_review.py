"""The import wizard as a new user met it: a Teams report ticked as one, lost letters in amber, plain wording."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from iurc_desktop.ui.dialogs.import_jobs import LAYOUTS, layout_label
from iurc_desktop.ui.dialogs.import_wizard import FILE, MAPPING, PREVIEW, ImportWizard, open_import_wizard
from iurc_desktop.ui.models.import_preview import WARNING_BG
from tests.exchange.test_import_sheets import people, workbook

HEADER = "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\n"
MINJUN = "Minjun Kim\t3/26/26, 9:58:00 AM\t3/26/26, 11:30:00 AM\t1h 32m\tminjun@example.kr\tminjun@example.kr\tPresenter\n"
ROOM = "Brussels Room 3.14 (Teams Room)\t3/26/26, 9:59:00 AM\t3/26/26, 11:30:00 AM\t1h 31m\t\t\tAttendee\n"
GUEST = "Nora Lindqvist (Guest)\t3/26/26, 10:02:00 AM\t3/26/26, 11:00:00 AM\t58m\tnora@example.se\t\tAttendee\n"


def _wizard(qtbot, ctx, path: Path, code: str = "webinar-test") -> ImportWizard:  # type: ignore[no-untyped-def]
    wizard = open_import_wizard(ctx, None, event_code=code)
    assert isinstance(wizard, ImportWizard)
    qtbot.addWidget(wizard)
    wizard.file_page.path.setText(str(path))
    return wizard


def _go(qtbot, wizard: ImportWizard, page: int) -> None:  # type: ignore[no-untyped-def]
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == page and wizard.task is None, timeout=10000)


def _teams(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "teams.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-16")
    return path


def test_a_teams_report_is_read_as_attendance_with_its_box_ticked(qtbot, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard = _wizard(qtbot, ctx, _teams(tmp_path, MINJUN, ROOM))
    assert not wizard.file_page.attendance.isChecked()
    _go(qtbot, wizard, MAPPING)
    assert wizard.file_page.attendance.isChecked() and wizard.planned is not None and wizard.planned.plan.attendance
    assert "looks like a Microsoft Teams attendance report" in wizard.mapping_page.detected.text()
    wizard.back()
    wizard.file_page.attendance.click()  # the user unticks it: kept
    _go(qtbot, wizard, MAPPING)
    assert not wizard.file_page.attendance.isChecked() and not wizard.planned.plan.attendance
    _go(qtbot, wizard, PREVIEW)
    model = wizard.preview_page.model
    rows = [(model.index(r, 1).data(), model.index(r, 2).data()) for r in range(model.rowCount())]
    assert ("Skipped: not a person", "Brussels Room 3.14 (Teams Room)") in rows  # its name, as attendance shows it


def test_a_report_naming_nobody_registered_is_read_as_registrations_and_says_so(qtbot, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard = _wizard(qtbot, ctx, _teams(tmp_path, GUEST, ROOM))
    _go(qtbot, wizard, MAPPING)
    assert not wizard.file_page.attendance.isChecked() and not wizard.planned.plan.attendance
    assert "Read as registrations, not as an attendance report" in wizard.mapping_page.detected.text()


def test_a_row_with_lost_letters_is_amber_and_its_organisation_unticked(qtbot, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "german.csv"
    path.write_bytes("Vorname;Nachname;E-Mail;Organisation\n"
                     "Jürgen;Müller;juergen@example.de;Stadt Köln\n"
                     "Käthe;Groß;kaethe@example.de;Stadt Köln\n".encode("utf-8")
                     + b"St\xe9phane;We\xdfer;stephane@example.de;Stadt M\xfcnchen\n")
    wizard = _wizard(qtbot, ctx, path, code="r2r-test")
    _go(qtbot, wizard, MAPPING)
    _go(qtbot, wizard, PREVIEW)
    model = wizard.preview_page.model
    index = model.index(2, 1)
    assert index.data() == "New person" and model.index(2, 2).data() == "St?phane We?er"
    assert index.data(Qt.ItemDataRole.BackgroundRole).color().name() == WARNING_BG
    assert "row 4: row has bytes that are not UTF-8: check the name" in index.data(Qt.ItemDataRole.ToolTipRole)
    ticked = {o.name: o.create for o in wizard.preview_page.organisations.chosen()}
    assert ticked == {"Stadt Köln": True, "Stadt M?nchen": False}
    line = wizard.preview_page.organisations.lines[1]
    assert "unticked: a ? in its name stands for a byte that is not UTF-8" in line.name.text()


def test_one_row_is_said_in_the_singular(qtbot, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "one.csv"
    path.write_text("Name,Email\nAna Ruiz,ana@example.es\n", encoding="utf-8")
    wizard = _wizard(qtbot, ctx, path, code="r2r-test")
    _go(qtbot, wizard, MAPPING)
    _go(qtbot, wizard, PREVIEW)
    assert "<b>1 row</b> for r2r-test" in wizard.preview_page.counts.text()


def test_the_sheet_chooser_lists_the_sheets_once(qtbot, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = workbook(tmp_path / "days.xlsx", {"Day 1": people(2), "Day 2": people(2, 5)})
    wizard = _wizard(qtbot, ctx, path, code="r2r-test")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.file_page.error.text() != "" and wizard.task is None, timeout=10000)
    text = wizard.file_page.error.text()
    assert wizard.currentId() == FILE and "choose the sheet to read" in text and text.count("'Day 1'") == 1
    assert wizard.file_page.sheets.count() == 2


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_layout_is_named_with_an_article(layout: str) -> None:
    assert layout_label(layout).split()[0] in ("a", "an", "the")


def test_an_unlisted_layout_gets_an_article_too() -> None:
    assert layout_label("new_tool") == "a new tool file"
