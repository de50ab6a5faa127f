"""Who did what (history_user): the name recorded with a change defaults to the login name."""

from __future__ import annotations

import getpass

import pytest

from iurc_desktop.core.team import who as history_user


def test_a_configured_name_wins_and_is_tidied(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IURC_USER", "from-env")
    assert history_user.current_user("  Ane   Etxeberria \n") == "Ane Etxeberria"
    assert history_user.by_or_current("staff") == "staff"


def test_without_a_name_the_environment_then_the_login_name_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IURC_USER", "coordinator-bkk")
    assert history_user.by_or_current("") == "coordinator-bkk"
    monkeypatch.delenv("IURC_USER")
    assert history_user.current_user() == getpass.getuser() != ""


def test_no_login_name_gives_empty_rather_than_failing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IURC_USER", raising=False)

    def no_user() -> str:
        raise KeyError("getpwuid(): uid not found")

    monkeypatch.setattr(history_user.getpass, "getuser", no_user)
    assert history_user.current_user() == ""


def test_long_names_fit_the_history_column() -> None:
    assert len(history_user.current_user("x" * 500)) == history_user.LIMIT
