"""Mail lists: the addresses of filtered participants in To/Bcc form, on the clipboard and in .txt/.csv files."""

from __future__ import annotations

import pytest

from PySide6.QtGui import QGuiApplication

from iurc_desktop.core.models import Participation, Person
from iurc_desktop.core.registrations.participations import RegistrationRow


@pytest.fixture(autouse=True)
def errors(monkeypatch):
    """Errors the window would show in a dialog, collected instead (a modal box would stop the test)."""
    shown: list[BaseException] = []
    monkeypatch.setattr("iurc_desktop.ui.shell.main_window.show_error", lambda parent, exc: shown.append(exc))
    return shown


def row(name, email, status="confirmed", org="X"):
    return RegistrationRow(1, 1, name, "", email, org, "BE", "delegate", status, "", None, False, "", "", "", None, None)


def test_address_list_quotes_names_with_specials_and_drops_duplicates_and_blanks():
    from iurc_desktop.ui.dialogs.mail_list import address_list

    rows = [row("Ane Etxeberria", "ane@example.eus"), row("Kim, Minjun", "minjun@example.kr"),
            row("Ane again", "ANE@example.eus"), row("No Mail", "")]
    assert address_list(rows) == 'Ane Etxeberria <ane@example.eus>; "Kim, Minjun" <minjun@example.kr>'
    assert address_list(rows, with_names=False) == "ane@example.eus; minjun@example.kr"


def test_event_menu_copies_the_filtered_addresses_and_saves_txt_and_csv(window, sample_db, tmp_path):
    from iurc_desktop.ui.dialogs.mail_list import MailListDialog

    with sample_db.transaction() as s:
        visit = s.query(Participation).filter_by(role="host").one().event
        s.add(Participation(event=visit, person=Person(given_name="Eve", family_name="=Evil", email="eve@example.eu"),
                            role="delegate", status="invited"))
    window.open_event("r2r-test")
    window.menu_actions["mail"].trigger()
    dialog = window.mail_dialog
    assert isinstance(dialog, MailListDialog)
    assert dialog.status.currentData() == "confirmed"  # the usual case first
    assert dialog.text.toPlainText() == "Ane Etxeberria <ane@example.eus>; Suzuki Hanako <hanako@example.jp>"
    dialog.role.setCurrentIndex(dialog.role.findData("host"))
    assert dialog.text.toPlainText() == "Suzuki Hanako <hanako@example.jp>"
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == "Suzuki Hanako <hanako@example.jp>"
    assert dialog.count.text().startswith("Copied 1 addresses")

    dialog.role.setCurrentIndex(0)
    dialog.status.setCurrentIndex(0)  # everyone, the invited included
    assert dialog.save(tmp_path / "all.txt") == tmp_path / "all.txt"
    assert (tmp_path / "all.txt").read_text(encoding="utf-8").count("<") == 3
    dialog.save(tmp_path / "all.csv")
    lines = (tmp_path / "all.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Name,E-mail,Organisation,Role,Status,Group" and len(lines) == 4
    assert any(line.startswith("'Eve =Evil") or line.startswith("Eve =Evil") for line in lines[1:])
    assert not any(line.startswith("=") for line in lines)
