"""The import wizard: mapping guessed and correctable, preview with fates and problems, import on the worker."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QPushButton, QWizard

from iurc_desktop.core.models import Person
from iurc_desktop.ui.dialogs.import_wizard import FILE, MAPPING, PREVIEW, RESULT, ImportWizard, open_import_wizard
from iurc_desktop.ui.models.import_preview import REJECTED_BG, MappingModel, PreviewModel
from tests.conftest import SAMPLES

EVENTBRITE = SAMPLES / "real" / "eventbrite_attendee_report.csv"
ZOOM_WEBINAR = SAMPLES / "real" / "zoom_webinar_attendee_report_structure.csv"
BAD = ("First name,Last name,Email,Status\n"
       "Lea,Novak,lea@example.si,registered\n"
       "Bad,Mail,not-an-email,registered\n"
       ",,nobody@example.eu,registered\n"
       "Marta,Rossi,marta@example.it,registered\n")


def _wizard(qtbot, ctx, path: Path, code: str = "r2r-test") -> ImportWizard:  # type: ignore[no-untyped-def]
    wizard = open_import_wizard(ctx, None, event_code=code)
    assert isinstance(wizard, ImportWizard)
    qtbot.addWidget(wizard)
    wizard.file_page.path.setText(str(path))
    return wizard


def _go(qtbot, wizard: ImportWizard, page: int) -> None:  # type: ignore[no-untyped-def]
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == page, timeout=10000)


def _commit(wizard: ImportWizard):  # type: ignore[no-untyped-def]
    return wizard.button(QWizard.WizardButton.CommitButton)


def _notes_only(wizard: ImportWizard) -> None:
    """Untick the organisations the file names: their names go to the people's notes."""
    for line in wizard.preview_page.organisations.lines:
        line.create.setChecked(False)


def _emails(db) -> set[str]:  # type: ignore[no-untyped-def]
    with db.reading() as s:
        return {p.email for p in s.query(Person)}


def _mapping_row(model: MappingModel, header: str) -> int:
    return next(r for r in range(model.rowCount()) if model.index(r, 0).data() == header)


def test_eventbrite_sample_mapping_preview_and_import(qtbot, ctx, sample_db) -> None:  # type: ignore[no-untyped-def]
    before = _emails(sample_db)
    wizard = _wizard(qtbot, ctx, EVENTBRITE)
    _go(qtbot, wizard, MAPPING)
    page = wizard.mapping_page
    assert "Eventbrite attendee report" in page.detected.text()
    mapping = page.model.mapping()
    assert (mapping["Email"], mapping["First Name"], mapping["Last Name"]) == ("email", "given_name", "family_name")
    assert page.model.index(_mapping_row(page.model, "Email"), 1).data() == "jdoe1@test1mail.com"  # an example value
    combo = page.table.indexWidget(page.model.index(_mapping_row(page.model, "Email"), MappingModel.FIELD))
    assert combo.currentData() == "email"
    _go(qtbot, wizard, PREVIEW)
    preview = wizard.preview_page.model
    assert [preview.index(r, 1).data() for r in range(preview.rowCount())] == ["New person"] * 3
    assert "3 new people" in wizard.preview_page.counts.text()
    # the companies are not stored and their .com addresses tell no country: each asks for it, or to be unticked
    lines = wizard.preview_page.organisations.lines
    assert [line.org.name for line in lines] == ["Company1Name", "Company2Name", "Company3Name"]
    assert not _commit(wizard).isEnabled() and "untick" in wizard.preview_page.note.text()
    _notes_only(wizard)
    assert _commit(wizard).isEnabled() and _commit(wizard).text() == "Import"
    assert _emails(sample_db) == before  # nothing written before Import
    _commit(wizard).click()
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT, timeout=10000)
    assert _emails(sample_db) - before == {"jdoe1@test1mail.com", "jdoe2@test2mail.com", "jbloggs@test3mail.com"}
    assert "3 new people" in wizard.result_page.summary.text()


def test_a_corrected_mapping_is_used(qtbot, ctx, sample_db) -> None:  # type: ignore[no-untyped-def]
    wizard = _wizard(qtbot, ctx, EVENTBRITE)
    _go(qtbot, wizard, MAPPING)
    page = wizard.mapping_page
    combo = page.table.indexWidget(page.model.index(_mapping_row(page.model, "Job Title"), MappingModel.FIELD))
    combo.setCurrentIndex(combo.findData("email"))  # a mistake: two columns for the e-mail
    assert "both map to email" in page.problems.text() and not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    combo.setCurrentIndex(combo.findData(""))  # ignore the job title
    assert page.problems.text() == "" and page.model.mapping()["Job Title"] == ""
    _go(qtbot, wizard, PREVIEW)
    _notes_only(wizard)
    _commit(wizard).click()
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT, timeout=10000)
    with sample_db.reading() as s:
        assert s.query(Person).filter_by(email="jdoe1@test1mail.com").one().job_title == ""


def test_invalid_rows_are_red_and_import_refused_until_valid_only_is_chosen(qtbot, ctx, sample_db, errors, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.csv"
    path.write_text(BAD, encoding="utf-8")
    before = _emails(sample_db)
    wizard = _wizard(qtbot, ctx, path)
    _go(qtbot, wizard, MAPPING)
    _go(qtbot, wizard, PREVIEW)
    model = wizard.preview_page.model
    fates = {model.index(r, 0).data(): model.index(r, 1).data() for r in range(model.rowCount())}
    assert fates == {"2": "New person", "3": "Rejected", "4": "Rejected", "5": "New person"}
    bad = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "3")
    assert model.index(bad, 3).data(Qt.ItemDataRole.BackgroundRole).color().name() == REJECTED_BG
    assert "not-an-email" in model.index(bad, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert not _commit(wizard).isEnabled() and "2 rows cannot be imported" in wizard.preview_page.note.text()
    wizard.imported(skip_invalid=False)  # even if pressed: refused, and nothing changes
    qtbot.waitUntil(lambda: wizard.task is None, timeout=10000)
    assert len(errors) == 1 and "nothing was changed" in str(errors[0])
    assert _emails(sample_db) == before and wizard.currentId() == PREVIEW
    wizard.preview_page.skip.setChecked(True)
    assert _commit(wizard).isEnabled() and wizard.preview_page.note.text() == ""
    _commit(wizard).click()
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT, timeout=10000)
    assert _emails(sample_db) - before == {"lea@example.si", "marta@example.it"}
    assert "2 rows left out" in wizard.result_page.summary.text()


def test_cancel_leaves_nothing(qtbot, ctx, sample_db) -> None:  # type: ignore[no-untyped-def]
    before = _emails(sample_db)
    wizard = _wizard(qtbot, ctx, EVENTBRITE)
    _go(qtbot, wizard, MAPPING)
    _go(qtbot, wizard, PREVIEW)
    _notes_only(wizard)
    gate = threading.Event()
    ctx.tasks.submit("busy", lambda progress, token: gate.wait(10))  # the worker is busy: the import waits its turn
    _commit(wizard).click()
    assert wizard.task is not None and wizard.progress is not None
    # this import's own dialog: the reading step's, closed but not yet deleted, may still be a child of the wizard
    wizard.progress.findChild(QPushButton).click()  # the progress dialog's Cancel button
    gate.set()
    qtbot.waitUntil(lambda: wizard.task is None, timeout=10000)
    assert wizard.currentId() == PREVIEW and "cancelled" in wizard.preview_page.note.text()
    assert _emails(sample_db) == before


def test_attendance_report_marks_attended_and_no_show(qtbot, ctx, sample_db) -> None:  # type: ignore[no-untyped-def]
    wizard = _wizard(qtbot, ctx, ZOOM_WEBINAR, code="webinar-test")
    _go(qtbot, wizard, MAPPING)
    _go(qtbot, wizard, PREVIEW)
    _commit(wizard).click()
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT, timeout=10000)
    again = _wizard(qtbot, ctx, ZOOM_WEBINAR, code="webinar-test")
    again.file_page.attendance.setChecked(True)
    _go(qtbot, again, MAPPING)
    _go(qtbot, again, PREVIEW)
    assert "marked no-show" in again.preview_page.counts.text()
    assert "Note: the report&#x27;s times are on" in again.preview_page.counts.text()  # a 2025 report for a 2026 webinar
    _commit(again).click()
    qtbot.waitUntil(lambda: again.currentId() == RESULT, timeout=10000)
    text = again.result_page.summary.text()
    assert "3 marked attended" in text and "marked no-show" in text


def test_an_unreadable_file_is_explained_on_the_first_page(qtbot, ctx, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "notes.csv"
    path.write_text("just some words\nnothing tabular\n", encoding="utf-8")
    wizard = _wizard(qtbot, ctx, path)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.file_page.error.text() != "", timeout=10000)
    assert wizard.currentId() == FILE and "no table of people" in wizard.file_page.error.text()


def test_dropping_a_file_fills_it_in(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    wizard = open_import_wizard(ctx, None, event_code="r2r-test")
    qtbot.addWidget(wizard)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(EVENTBRITE))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    wizard.dropEvent(event)
    assert wizard.file_page.path.text() == str(EVENTBRITE) and wizard.file_page.isComplete()


def test_opened_with_a_file_it_reads_at_once(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    wizard = open_import_wizard(ctx, None, event_code="r2r-test", path=EVENTBRITE)
    qtbot.addWidget(wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == MAPPING, timeout=10000)
    assert not wizard.file_page.event_combo.isEnabled()


def test_models(qtmodeltester, qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    wizard = _wizard(qtbot, ctx, EVENTBRITE)
    _go(qtbot, wizard, MAPPING)
    qtmodeltester.check(wizard.mapping_page.model)
    _go(qtbot, wizard, PREVIEW)
    qtmodeltester.check(wizard.preview_page.model)
    qtmodeltester.check(MappingModel())
    qtmodeltester.check(PreviewModel())


def test_the_participants_tab_opens_it_for_its_event(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    tab = window.open_event("r2r-test").select_tab("participants")
    tab.import_button.click()
    wizard = tab.import_wizard
    qtbot.addWidget(wizard)
    assert wizard.file_page.event_combo.currentData() == "r2r-test" and wizard.isVisible()
