"""One place turns exceptions into messages: domain errors as written, bugs with details to copy."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from iurc_desktop.core.errors import Cancelled, NotFound
from iurc_desktop.ui.shell.errors import describe, show_error


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


def test_a_full_disk_is_a_warning_naming_the_file_not_a_bug():
    message = describe(OSError(28, "No space left on device", "/media/usb/rooming.xlsx"))
    assert message.severity == "warning" and "did not expect" not in message.text
    assert "/media/usb/rooming.xlsx: No space left on device" in message.text and "disk has room" in message.text


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
