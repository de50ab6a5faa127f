"""The import wizard with workbooks: a sheet chooser when the sheets do not tell, hidden rows shown and included on request."""

from __future__ import annotations

from PySide6.QtCore import Qt

from iurc_desktop.ui.dialogs.import_wizard import FILE, MAPPING, PREVIEW, RESULT
from iurc_desktop.ui.models.import_preview import WARNING_BG
from tests.exchange.test_import_sheets import NOTES, people, workbook
from tests.ui.test_import_wizard import _commit, _emails, _go, _notes_only, _wizard


def _fates(wizard) -> dict[str, str]:  # type: ignore[no-untyped-def]
    model = wizard.preview_page.model
    return {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}


def test_the_matching_sheet_is_read_and_the_preview_says_so(qtbot, ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = workbook(tmp_path / "export.xlsx", {"Notes": NOTES, "Participants": people(2), "Sheet3": []})
    wizard = _wizard(qtbot, ctx, path)
    _go(qtbot, wizard, MAPPING)
    assert "sheet 'Participants'" in wizard.mapping_page.detected.text()
    _go(qtbot, wizard, PREVIEW)
    assert "Read sheet &#x27;Participants&#x27; (its columns name people); also in the file: &#x27;Notes&#x27;, &#x27;Sheet3&#x27;" \
        in wizard.preview_page.counts.text()
    page = wizard.file_page  # the sheets are listed on the file page, the one read chosen, for Back
    assert page.form.isRowVisible(page.sheets) and page.sheet() == "Participants"


def test_a_sheet_chooser_appears_when_the_sheets_do_not_tell(qtbot, ctx, sample_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = workbook(tmp_path / "days.xlsx", {"Day 1": people(2), "Day 2": people(2, 5), "Old": people(1, 9)},
                    hidden_sheets=("Old",))
    before = _emails(sample_db)
    wizard = _wizard(qtbot, ctx, path)
    page = wizard.file_page
    assert not page.form.isRowVisible(page.sheets)
    wizard.next()
    qtbot.waitUntil(lambda: page.error.text() != "", timeout=10000)
    assert wizard.currentId() == FILE and "choose the sheet to read" in page.error.text()
    assert page.form.isRowVisible(page.sheets)
    assert [page.sheets.itemText(i) for i in range(page.sheets.count())] == ["Day 1", "Day 2", "Old (hidden)"]
    assert page.sheet() is None and not page.isComplete()  # Next waits for a choice
    page.sheets.setCurrentIndex(1)
    assert page.isComplete()
    _go(qtbot, wizard, MAPPING)
    _go(qtbot, wizard, PREVIEW)
    assert set(_fates(wizard)) == {"2", "3"}
    _notes_only(wizard)
    _commit(wizard).click()
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT, timeout=10000)
    assert _emails(sample_db) - before == {"p5@example.eu", "p6@example.eu"}


def test_hidden_rows_are_shown_and_imported_only_when_ticked(qtbot, ctx, sample_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = workbook(tmp_path / "filtered.xlsx", {"People": people(4)}, hidden_rows={"People": (3, 5)})
    before = _emails(sample_db)
    wizard = _wizard(qtbot, ctx, path)
    _go(qtbot, wizard, MAPPING)
    _go(qtbot, wizard, PREVIEW)
    preview = wizard.preview_page
    assert _fates(wizard) == {"2": "New person", "3": "Hidden in the file: left out", "4": "New person", "5": "Hidden in the file: left out"}
    model = preview.model
    hidden = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "3")
    assert model.index(hidden, 2).data() == "Given1 Family1"
    assert model.index(hidden, 1).data(Qt.ItemDataRole.BackgroundRole).color().name() == WARNING_BG
    assert "hidden in the workbook" in model.index(hidden, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert preview.hidden.isVisibleTo(preview) and preview.hidden.text().startswith("Include 2 hidden rows")
    assert "2 hidden rows left out" in preview.counts.text()
    preview.hidden.setChecked(True)  # read again with them included
    qtbot.waitUntil(lambda: wizard.task is None and "Hidden in the file: left out" not in _fates(wizard).values(), timeout=10000)
    assert set(_fates(wizard).values()) == {"New person"} and preview.hidden.isChecked()
    assert "imported as chosen" in preview.counts.text()
    _notes_only(wizard)
    _commit(wizard).click()
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT, timeout=10000)
    assert _emails(sample_db) - before == {f"p{i}@example.eu" for i in range(4)}


def test_left_out_hidden_rows_are_not_imported(qtbot, ctx, sample_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = workbook(tmp_path / "filtered.xlsx", {"People": people(3)}, hidden_rows={"People": (3,)})
    before = _emails(sample_db)
    wizard = _wizard(qtbot, ctx, path)
    _go(qtbot, wizard, MAPPING)
    _go(qtbot, wizard, PREVIEW)
    _notes_only(wizard)
    _commit(wizard).click()
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT, timeout=10000)
    assert _emails(sample_db) - before == {"p0@example.eu", "p2@example.eu"}


def test_when_every_row_is_hidden_import_waits_for_the_tick(qtbot, ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = workbook(tmp_path / "all-hidden.xlsx", {"People": people(2)}, hidden_rows={"People": (2, 3)})
    wizard = _wizard(qtbot, ctx, path)
    _go(qtbot, wizard, MAPPING)
    _go(qtbot, wizard, PREVIEW)
    assert not _commit(wizard).isEnabled() and "Every row is hidden" in wizard.preview_page.note.text()
    wizard.preview_page.hidden.setChecked(True)
    qtbot.waitUntil(lambda: _commit(wizard).isEnabled(), timeout=10000)


def test_another_sheet_can_be_chosen_after_the_pick(qtbot, ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Back on the file page the sheets are listed, the one read chosen; choosing another reads that one."""
    path = workbook(tmp_path / "export.xlsx", {"Notes": NOTES, "Participants": people(2), "Late": [("Remarks",), ("none",)]})
    wizard = _wizard(qtbot, ctx, path)
    _go(qtbot, wizard, MAPPING)
    wizard.back()
    page = wizard.file_page
    assert page.sheet() == "Participants"
    wizard.next()  # the same sheet: nothing is read again
    assert wizard.currentId() == MAPPING and wizard.task is None
    wizard.back()
    page.sheets.setCurrentIndex(page.sheets.findData("Notes"))
    wizard.next()
    qtbot.waitUntil(lambda: page.error.text() != "", timeout=10000)
    assert wizard.currentId() == FILE and "no table of people" in page.error.text()
