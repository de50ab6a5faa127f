"""first_line: what a failure says in one line, even when it says nothing."""

from __future__ import annotations

from sqlalchemy.exc import OperationalError

from iurc_desktop.core.errors import first_line


def test_the_first_line_of_a_message_or_of_the_drivers_own_error() -> None:
    assert first_line(OSError("disk full\nerrno 28")) == "disk full"
    wrapped = OperationalError("SELECT 1", {}, Exception("server closed the connection\n\tThis probably means…"))
    assert first_line(wrapped) == "server closed the connection"


def test_a_failure_without_words_is_named_by_its_kind() -> None:
    assert first_line(ConnectionResetError()) == "ConnectionResetError"
    assert first_line(RuntimeError("  \n ")) == "RuntimeError"
