"""The import wizard offers the organisations a file names for creation, and an import is one undoable step."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

from iurc_desktop.core.models import Organisation, Person
from iurc_desktop.ui.dialogs.import_organisations import OrganisationLine
from iurc_desktop.ui.dialogs.import_wizard import MAPPING, PREVIEW, RESULT, ImportWizard

ROWS = ("First Name,Last Name,Email,Organisation\n"
        "Lea,Novak,lea.novak@ljubljana.si,Mestna občina Ljubljana\n"
        "Marta,Rossi,marta@comune.milano.it,Comune di Milano\n"
        "Iker,Goñi,iker@example.eus,BASQUE COUNTRY\n"
        "Yui,Sato,yui@example.jp,Aichi Préfecture\n"
        "Ana,Ruiz,ana@startup.com,Acme Robotics\n"
        "Pablo,Gil,pablo@valencia.es,Generalitat Valenciana\n")
NEW = ["Mestna občina Ljubljana", "Comune di Milano", "Acme Robotics", "Generalitat Valenciana"]


@pytest.fixture
def window(window):  # type: ignore[no-untyped-def]
    """The main window, its undo stack emptied after the test.

    A command on the stack holds the window's error reporter, so the window would wait for the garbage collector,
    which may run on the worker thread of a later test and destroy the widgets there.
    """
    yield window
    window.ctx.undo.clear()


@pytest.fixture
def registrations(tmp_path: Path) -> Path:
    path = tmp_path / "registrations.csv"
    path.write_text(ROWS, encoding="utf-8")
    return path


def _keys(db) -> set[str]:  # type: ignore[no-untyped-def]
    with db.reading() as s:
        return {o.key for o in s.query(Organisation)}


def _people(db) -> int:  # type: ignore[no-untyped-def]
    with db.reading() as s:
        return s.query(Person).count()


def _no_message_box() -> bool:
    return not any(isinstance(w, QMessageBox) and w.isVisible() for w in QApplication.topLevelWidgets())


def _open_preview(qtbot, window, path: Path) -> tuple[ImportWizard, object]:  # type: ignore[no-untyped-def]
    page = window.open_event("r2r-test")
    tab = page.select_tab("participants")
    qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    wizard = tab.import_wizard
    qtbot.keyClicks(wizard.file_page.path, str(path))
    for wanted in (MAPPING, PREVIEW):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda wanted=wanted: wizard.currentId() == wanted, timeout=10000)
    return wizard, tab


def _retype(qtbot, field, text: str) -> None:  # type: ignore[no-untyped-def]
    field.clear()
    qtbot.keyClicks(field, text)


def _participants(tab) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {r.name: r.organisation for r in tab.all_rows}


def _organisation_names(window) -> set[str]:  # type: ignore[no-untyped-def]
    page = window.show_page("organisations")
    model = page.model
    return {model.index(r, 0).data() for r in range(model.rowCount())}


def test_new_organisations_are_offered_created_and_undone_with_the_import(qtbot, window, sample_db, registrations) -> None:  # type: ignore[no-untyped-def]
    keys, people = _keys(sample_db), _people(sample_db)
    wizard, tab = _open_preview(qtbot, window, registrations)
    panel = wizard.preview_page.organisations
    assert panel.isVisible() and [line.org.name for line in panel.lines] == NEW  # Basque and Aichi link to the stored ones
    lines: dict[str, OrganisationLine] = {line.org.name: line for line in panel.lines}
    ljubljana, milano, acme, valencia = (lines[n] for n in NEW)
    assert (ljubljana.country.text(), ljubljana.zone.zone(), ljubljana.kind.currentText()) == ("SI", "Europe/Ljubljana", "city")
    assert (milano.key.text(), milano.country.text(), milano.zone.zone()) == ("comune-di-milano", "IT", "Europe/Rome")
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    # a .com address tells no country; Spain keeps two clocks (the Canaries): each asks beside its line
    assert acme.problem.isVisibleTo(wizard) and "Country: needed to create it" in acme.problem.text()
    assert valencia.country.text() == "ES" and "Zone: needed to create it" in valencia.problem.text()
    assert not commit.isEnabled() and "untick" in wizard.preview_page.note.text()
    qtbot.keyClicks(acme.country, "de")
    assert (acme.country.text(), acme.zone.zone()) == ("DE", "Europe/Berlin") and not acme.problem.isVisibleTo(wizard)
    qtbot.keyClicks(valencia.zone.lineEdit(), "Europe")  # a region, not a zone: said beside the field
    assert "region, not a time zone" in valencia.problem.text() and not commit.isEnabled()
    _retype(qtbot, valencia.zone.lineEdit(), "Europe/Madrid")
    assert not valencia.problem.isVisibleTo(wizard) and commit.isEnabled()
    _retype(qtbot, milano.key, "aichi")  # the key of a stored organisation: refused beside it, nothing imported
    qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)
    assert wizard.currentId() == PREVIEW and "Key: 'aichi' is already the key of a stored organisation" in milano.problem.text()
    assert _no_message_box() and _people(sample_db) == people
    _retype(qtbot, milano.key, "milano")
    qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT, timeout=10000)
    assert "4 new organisations" in wizard.result_page.summary.text()
    wizard.accept()

    tab.refresh()
    rows = _participants(tab)
    assert rows["Lea Novak"] == "Mestna občina Ljubljana" and rows["Iker Goñi"] == "Basque Country"
    assert rows["Yui Sato"] == "Aichi Prefecture" and rows["Ana Ruiz"] == "Acme Robotics"
    assert _keys(sample_db) - keys == {"mestna-obcina-ljubljana", "milano", "acme-robotics", "generalitat-valenciana"}
    assert set(NEW) <= _organisation_names(window)
    assert window.ctx.undo.count() == 1 and window.ctx.undo.undoText() == "Import registrations.csv into r2r-test"

    window.ctx.undo.undo()  # one step takes back the people, their registrations and the organisations
    tab = window.open_event("r2r-test").select_tab("participants")
    assert "Lea Novak" not in _participants(tab) and not set(NEW) & _organisation_names(window)
    assert _keys(sample_db) == keys and _people(sample_db) == people

    window.ctx.undo.redo()  # imports again, with the same choices
    tab = window.open_event("r2r-test").select_tab("participants")
    assert _participants(tab)["Marta Rossi"] == "Comune di Milano" and set(NEW) <= _organisation_names(window)
    assert _keys(sample_db) - keys == {"mestna-obcina-ljubljana", "milano", "acme-robotics", "generalitat-valenciana"}


def test_unticked_organisations_go_to_the_notes_as_before(qtbot, window, sample_db, registrations) -> None:  # type: ignore[no-untyped-def]
    keys = _keys(sample_db)
    wizard, _tab = _open_preview(qtbot, window, registrations)
    for line in wizard.preview_page.organisations.lines:
        qtbot.mouseClick(line.create, Qt.MouseButton.LeftButton)
    assert not any(line.problem.isVisibleTo(wizard) for line in wizard.preview_page.organisations.lines)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == RESULT, timeout=10000)
    assert _keys(sample_db) == keys
    with sample_db.reading() as s:
        lea = s.query(Person).filter_by(email="lea.novak@ljubljana.si").one()
        assert lea.organisation_id is None and "Organisation: Mestna občina Ljubljana" in lea.notes


