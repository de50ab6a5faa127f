"""One place turns exceptions into messages: domain errors as written, bugs with details to copy."""

from __future__ import annotations

import logging
import sqlite3

from PySide6.QtWidgets import QMessageBox
from sqlalchemy.exc import IntegrityError, OperationalError

from iurc_desktop.core.errors import Cancelled, NotFound
from iurc_desktop.ui.shell.errors import describe, show_error

SECRET = "Zbigniewa Quellhorst"  # a person's data that a driver's error carries in its parameters
STATEMENT, PARAMETERS = "UPDATE people SET email=? WHERE people.id = ?", (f"{SECRET}@example.org", 7)


def test_domain_error_is_shown_with_its_own_text():
    message = describe(NotFound("There is no event with the code 'x'."))
    assert message.text == "There is no event with the code 'x'."
    assert (message.severity, message.details) == ("warning", "")


def test_unexpected_error_gets_short_text_and_traceback_details():
    try:
        {}["missing"]
    except KeyError as exc:
        message = describe(exc)
    assert message.severity == "critical"
    assert "KeyError" in message.text and "did not expect" in message.text
    assert "Traceback" in message.details and "test_errors.py" in message.details


def test_a_full_disk_is_a_warning_naming_where_to_make_room_not_a_bug():
    message = describe(OSError(28, "No space left on device", "/media/usb/rooming.xlsx"))
    assert message.severity == "warning" and "did not expect" not in message.text
    assert message.text == "The disk is full: free space on /media/usb and try again. Nothing was changed."


def test_another_failing_file_says_what_to_check():
    message = describe(PermissionError(13, "Permission denied", "/media/usb/rooming.xlsx"))
    assert "/media/usb/rooming.xlsx: Permission denied" in message.text and "disk has room" in message.text


def test_a_database_full_outside_a_transaction_is_the_same_message_without_the_statement():
    message = describe(OperationalError("INSERT INTO people (given_name) VALUES (?)", (SECRET,),
                                        sqlite3.OperationalError("database or disk is full")))
    assert message.text.startswith("The disk is full:") and message.severity == "warning"
    assert "INSERT" not in message.text and SECRET not in message.text


def test_an_unexpected_driver_error_shows_and_logs_no_statement_and_no_parameters(qtbot, monkeypatch, caplog):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    try:
        raise IntegrityError(STATEMENT, PARAMETERS, sqlite3.IntegrityError("UNIQUE constraint failed: people.email"))
    except IntegrityError as exc:
        with caplog.at_level(logging.ERROR):
            box = show_error(None, exc)
    assert "IntegrityError: UNIQUE constraint failed: people.email" in box.text()
    assert "Traceback" in box.detailedText() and "test_errors.py" in box.detailedText()
    shown = box.text() + box.detailedText() + caplog.text
    assert "unexpected error" in caplog.text
    assert "UPDATE people" not in shown and SECRET not in shown and "example.org" not in shown


def test_cancelled_is_information_not_an_error():
    assert describe(Cancelled()).severity == "info"


def test_show_error_builds_a_box_with_copyable_details(qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        box = show_error(None, exc)
    assert box.icon() == QMessageBox.Icon.Critical
    assert "RuntimeError: boom" in box.text()
    assert "Traceback" in box.detailedText()
