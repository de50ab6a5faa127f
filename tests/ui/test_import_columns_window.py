"""The import wizard lists every column of the file with what it becomes, or "Not imported", and each can be mapped."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack

from iurc_desktop.ui.commands.base import Changes
from iurc_desktop.ui.dialogs.import_wizard import MAPPING, PREVIEW, ImportWizard, open_import_wizard
from iurc_desktop.ui.models.import_preview import EMPTY_COLUMN, NOT_IMPORTED, MappingModel
from iurc_desktop.ui.shell.context import Context
from iurc_desktop.ui.worker import TaskRunner

ROSTER = ("No.,氏名,Name (Roman),E-mail,Arrival,Shoe size,Remarks 2\n"
          "1,山田　太郎,Yamada Taro,taro@roster.example,令和4年11月19日,42,\n"
          "2,,iPhone de Marie,,,,\n")


@pytest.fixture
def ctx(qtbot, sample_db):  # type: ignore[no-untyped-def]
    context = Context(sample_db, QUndoStack(), TaskRunner(), Changes(), "Europe/Brussels", lambda _e: None)
    yield context
    context.tasks.shutdown()


def _mapping_page(qtbot, ctx, tmp_path: Path) -> ImportWizard:  # type: ignore[no-untyped-def]
    path = tmp_path / "roster.csv"
    path.write_text(ROSTER, encoding="utf-8")
    wizard = open_import_wizard(ctx, None, event_code="r2r-test")
    assert isinstance(wizard, ImportWizard)
    qtbot.addWidget(wizard)
    wizard.file_page.path.setText(str(path))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == MAPPING, timeout=10000)
    return wizard


def _shown(model: MappingModel) -> dict[str, tuple[str, str]]:
    return {model.index(r, 0).data(): (model.index(r, 1).data(), model.index(r, MappingModel.FIELD).data())
            for r in range(model.rowCount())}


def test_each_column_is_listed_with_its_field_or_not_imported(qtbot, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard = _mapping_page(qtbot, ctx, tmp_path)
    shown = _shown(wizard.mapping_page.model)
    assert list(shown) == ["No.", "氏名", "Name (Roman)", "E-mail", "Arrival", "Shoe size", "Remarks 2"]
    assert shown["氏名"] == ("山田　太郎", "Local name") and shown["Name (Roman)"] == ("Yamada Taro", "Full name")
    assert shown["Arrival"][1] == "Arrival (in registration notes)" and shown["Shoe size"] == ("42", NOT_IMPORTED)
    assert shown["Remarks 2"] == (EMPTY_COLUMN, NOT_IMPORTED)
    page = wizard.mapping_page
    combo = page.table.indexWidget(page.model.index(5, MappingModel.FIELD))
    assert combo.currentText() == NOT_IMPORTED


def test_a_column_not_imported_can_be_mapped_and_a_device_is_skipped_in_the_preview(qtbot, ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard = _mapping_page(qtbot, ctx, tmp_path)
    page = wizard.mapping_page
    combo = page.table.indexWidget(page.model.index(5, MappingModel.FIELD))
    combo.setCurrentIndex(combo.findData("notes"))
    assert page.model.mapping()["Shoe size"] == "notes" and page.problems.text() == ""
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == PREVIEW, timeout=10000)
    assert wizard.planned is not None and wizard.planned.plan.mapping["Shoe size"] == "notes"
    preview = wizard.preview_page.model
    fates = [(preview.index(r, 1).data(), preview.index(r, 6).data()) for r in range(preview.rowCount())]
    assert fates[0] == ("New person", "")
    assert fates[1][0] == "Skipped: not a person" and "device" in fates[1][1]
