"""`todo --next N`: the home page's to-do (the next N events not over) on the command line."""

from __future__ import annotations

import json

import pytest

from tests.cli_support import run

pytest_plugins = ("tests.cli_fixtures",)  # demo_file, url

TODAY = "2026-10-05"


def test_todo_of_the_next_events_lists_only_theirs(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--db", url, "events", "--json")
    events = sorted((e for e in json.loads(out) if e["end"] >= TODAY and e["status"] != "cancelled"),
                    key=lambda e: (e["start"], e["code"]))
    _, everything, _ = run(capsys, "--db", url, "todo", "--today", TODAY, "--json")
    code, out, _ = run(capsys, "--db", url, "todo", "--today", TODAY, "--next", "1", "--json")
    assert code == 0
    first = [e for e in json.loads(everything) if e["event_code"] == events[0]["code"]]
    assert json.loads(out) == first and 0 < len(first) < len(json.loads(everything))
    _, out, _ = run(capsys, "--db", url, "todo", "--today", TODAY, "--next", str(len(events)), "--json")
    assert json.loads(out) == json.loads(everything)


@pytest.mark.parametrize("value", ["0", "-2", "six"])
def test_todo_next_refuses_what_is_not_a_number_of_events(url: str, capsys: pytest.CaptureFixture[str], value: str) -> None:
    code, _, err = run(capsys, "--db", url, "todo", "--next", value)
    assert code == 2 and "is not a number of events; write a whole number from 1" in err


def test_todo_next_says_so_when_nothing_is_left(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", url, "todo", "--today", "2030-01-01", "--next", "6")
    assert code == 0 and out.strip() == "Nothing to do for the next 6 events."


def test_next_and_event_are_one_or_the_other(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", url, "todo", "--next", "6", "--event", "r2r-japan-2022")
    assert code == 2 and "not allowed with argument" in err
