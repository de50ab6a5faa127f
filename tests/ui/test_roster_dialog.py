"""The roster export dialog: columns with consent for personal data, saved layouts, preview, Save on the worker."""

from __future__ import annotations

import threading
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt

from iurc_desktop.ui.dialogs.export_roster import ExportRosterDialog


@pytest.fixture
def tab(window):
    window.open_event("r2r-test")
    return window.event_page.select_tab("exports")


@pytest.fixture
def dialog(tab, qtbot, tmp_path) -> ExportRosterDialog:
    found = tab.open_roster_dialog("participants")
    found.layouts_folder = tmp_path / "layouts"
    found._fill_layouts()
    yield found
    found.close()


def _sheet_rows(path: Path) -> list[tuple]:
    wb = openpyxl.load_workbook(path, read_only=True)
    return [tuple(r) for r in wb.worksheets[0].iter_rows(values_only=True)]


def test_opens_on_the_kind_with_its_default_columns_and_a_preview(dialog):
    assert dialog.isVisible() and dialog.current_kind == "participants"
    assert dialog.chosen_columns() == ("name", "local_name", "organisation", "country", "role", "status", "group")
    assert not dialog.warning.isVisible()
    names = [row[0] for row in dialog.preview_rows()]
    assert "Ane Etxeberria" in names and any("Suzuki" in n for n in names)
    assert dialog.preview_model.headerData(0, Qt.Orientation.Horizontal) == "Name"


def test_sensitive_column_warns_and_is_refused_without_confirmation(dialog, tmp_path):
    dialog.choose_path = lambda *a: tmp_path / "out.xlsx"
    dialog.set_column("phone", True)
    assert dialog.warning.isVisible() and "Phone (phone number)" in dialog.warning.text()
    assert dialog.confirm.isVisible() and not dialog.confirm.isChecked()
    assert not dialog.save_button.isEnabled()
    assert dialog.save() is None
    assert not (tmp_path / "out.xlsx").exists()
    assert "Not saved" in dialog.result_label.text()
    dialog.confirm.setChecked(True)
    assert dialog.save_button.isEnabled()
    assert "Phone" in dialog.preview_model.headerData(dialog.chosen_columns().index("phone"), Qt.Orientation.Horizontal)
    dialog.set_column("phone", False)  # unticking clears the consent: it was for that column
    assert not dialog.warning.isVisible() and not dialog.confirm.isChecked()



def test_the_dialog_says_which_personal_data_goes_out_per_column_and_why(dialog):
    assert dialog.personal.isVisible()
    assert dialog.personal.text() == "Personal data in this file: none beyond names and organisations."
    dialog.kind.setCurrentIndex(dialog.kind.findData("arrivals"))
    assert dialog.personal.text() == "Personal data in this file: Phone (phone number; the driver calls when a flight is late)."
    assert not dialog.warning.isVisible()  # the driver's need is written down: no consent asked
    dialog.kind.setCurrentIndex(dialog.kind.findData("host"))
    assert "Dietary needs (health-related; the host plans the meals for them)" in dialog.personal.text()
    dialog.set_column("email", True)  # ticked, its consent not yet given: the line must not say it was
    assert "E-mail (e-mail address; not included until you confirm the recipient needs it)" in dialog.personal.text()
    assert "as you confirmed" not in dialog.personal.text()
    dialog.confirm.setChecked(True)
    assert "E-mail (e-mail address; included as you confirmed the recipient needs it)" in dialog.personal.text()
    dialog.confirm.setChecked(False)
    assert "not included until you confirm" in dialog.personal.text()


def test_the_needs_roster_says_it_names_no_one_unless_who_is_chosen(dialog):
    dialog.kind.setCurrentIndex(dialog.kind.findData("needs"))
    assert "people" not in dialog.chosen_columns()
    assert dialog.personal.text() == "Personal data in this file: none: each item's needs are counted, with no names."
    dialog.set_column("people", True)
    assert dialog.personal.text().startswith("Personal data in this file: Who (names linked to health-related needs; "
                                             "not included until you confirm")



def test_the_exports_tab_says_beside_each_roster_which_personal_data_it_carries(tab):
    from PySide6.QtWidgets import QLabel

    hint = tab.findChild(QLabel, "roster-hint-arrivals")
    assert hint.text().endswith(" · personal data: Phone")
    assert hint.toolTip() == "Personal data in this file: Phone (phone number; the driver calls when a flight is late)."
    assert "personal data" not in tab.findChild(QLabel, "roster-hint-rooming").text()


def test_save_writes_xlsx_on_the_worker(dialog, qtbot, tmp_path):
    path = tmp_path / "participants.xlsx"
    names = []
    dialog.choose_path = lambda title, name, filters: names.append(name) or path
    dialog.set_column("email", True)
    dialog.confirm.setChecked(True)
    with qtbot.waitSignal(dialog.saved, timeout=10000) as saved:
        dialog.save()
    assert names == ["r2r-test-participants.xlsx"]
    assert saved.args[0].rows == 2
    rows = _sheet_rows(path)
    header = next(r for r in rows if r and r[0] == "Name")
    assert "E-mail" in header
    emails = {r[header.index("E-mail")] for r in rows[rows.index(header) + 1:]}
    assert emails == {"ane@example.eus", "hanako@example.jp"}
    assert "Saved 2 rows" in dialog.result_label.text()
    assert dialog.save_button.isEnabled() and not dialog.progress.isVisible()


def test_host_roster_needs_its_item_and_names_the_file_after_it(dialog):
    dialog.kind.setCurrentIndex(dialog.kind.findData("host"))
    assert dialog.item.isEnabled() and dialog.item.currentData() == "aichi-visit"
    assert dialog.default_file_name() == "r2r-test-aichi-visit-host.xlsx"
    assert [row[0] for row in dialog.preview_rows()] == ["Ane Etxeberria"]  # group A only


def test_cancel_leaves_no_file(dialog, qtbot, tmp_path):
    path = tmp_path / "cancelled.xlsx"
    dialog.choose_path = lambda *a: path
    gate = threading.Event()
    dialog.ctx.tasks.submit("busy", lambda progress, token: gate.wait(10))  # keeps the worker busy
    task = dialog.save()
    assert dialog.cancel_button.isEnabled() and dialog.progress.isVisible()
    dialog.cancel_export()
    gate.set()
    qtbot.waitUntil(lambda: dialog.task is None, timeout=10000)
    assert not path.exists() and list(tmp_path.glob("*.xlsx")) == []
    assert "nothing was changed" in dialog.result_label.text() or "no file" in dialog.result_label.text()
    assert task is not None


def test_layouts_are_saved_and_reloaded(dialog, tab, tmp_path):
    dialog.set_column("country", False)
    dialog.set_column("group", False)
    dialog.set_column("organisation_local", True)
    dialog.ask_name = lambda *a: "Osaka host"
    dialog.save_layout()
    chosen = dialog.chosen_columns()
    again = tab.open_roster_dialog("participants")
    again.layouts_folder = dialog.layouts_folder
    again._fill_layouts()
    assert [again.layout_choice.itemText(i) for i in range(again.layout_choice.count())][1:] == ["Osaka host"]
    assert again.chosen_columns() != chosen
    again.apply_layout("Osaka host")
    assert again.chosen_columns() == chosen
    again.layout_choice.setCurrentIndex(again.layout_choice.findData("Osaka host"))
    again.delete_layout()
    assert again.layout_choice.count() == 1
    again.close()


def test_preview_model(dialog, qtmodeltester):
    qtmodeltester.check(dialog.preview_model)
