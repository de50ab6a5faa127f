"""`visa EVENT EMAIL [--to STATE] [--note TEXT] [--json]` on the demo: moves, refusals, the deadline in `todo`."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.cli_support import run

pytest_plugins = ("tests.cli_fixtures",)  # demo_file, url

EVENT = "r2r-korea-2027"  # Seoul, 10 May 2027; the first delegate flies out on 9 May


def _delegate(url: str) -> str:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        return str(conn.execute(
            "SELECT pe.email FROM participations p JOIN events e ON e.id = p.event_id JOIN people pe ON pe.id = p.person_id"
            " WHERE e.code = ? AND p.role = 'delegate' AND p.status = 'confirmed' ORDER BY pe.email", (EVENT,)
        ).fetchone()[0])


def _state(url: str, email: str) -> tuple[int, str, int]:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        return conn.execute(
            "SELECT p.visa_needed, p.visa_status, (SELECT count(*) FROM visa_changes v WHERE v.participation_id = p.id)"
            " FROM participations p JOIN events e ON e.id = p.event_id JOIN people pe ON pe.id = p.person_id"
            " WHERE e.code = ? AND pe.email = ?", (EVENT, email)).fetchone()


def test_visa_moves_step_by_step_with_notes_and_json(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    email = _delegate(url)
    code, out, _ = run(capsys, "--db", url, "visa", EVENT, email)
    assert code == 0 and "visa not recorded" in out and "Next: needed, not needed." in out
    code, out, _ = run(capsys, "--db", url, "visa", EVENT, email, "--to", "needed", "--note", "asked on 2 Dec")
    assert code == 0 and "not recorded -> needed" in out and "Apply by 2027-04-25" in out and "(asked on 2 Dec)" in out
    code, out, _ = run(capsys, "--db", url, "visa", EVENT, email, "--to", "letter sent", "--json")
    data = json.loads(out)
    assert code == 0 and (data["state"], data["changed"], data["allowed"], data["destination"]) == (
        "letter sent", True, ["appointment", "not needed"], "KR")
    assert (data["deadline"], data["processing_days"]) == ("2027-04-25", 14)
    assert [(h["from"], h["to"], h["note"], h["by"]) for h in data["history"]] == [
        ("", "needed", "asked on 2 Dec", "command line"), ("needed", "letter sent", "", "command line")]
    code, out, _ = run(capsys, "--db", url, "visa", EVENT, email, "--to", "letter sent")
    assert code == 0 and "already letter sent; nothing changed" in out
    assert _state(url, email) == (1, "letter sent", 2)


def test_a_refused_move_names_the_allowed_ones_and_changes_nothing(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    email = _delegate(url)
    run(capsys, "--db", url, "visa", EVENT, email, "--to", "needed")
    before = _state(url, email)
    code, out, err = run(capsys, "--db", url, "visa", EVENT, email, "--to", "granted", "--json")
    assert code == 1 and out == ""
    assert err.strip() == "error: The visa cannot go from needed to granted; allowed next: letter sent, not needed."
    code, _, err = run(capsys, "--db", url, "visa", EVENT, email, "--to", "stamped")
    assert code == 1 and "'stamped' is not a visa state; use one of: needed, letter sent" in err
    code, _, err = run(capsys, "--db", url, "visa", EVENT, "nobody@example.org", "--to", "needed")
    assert code == 1 and "is not a participant of the event" in err and "Traceback" not in err
    code, _, err = run(capsys, "--db", url, "visa", "no-such-event", email)
    assert code == 1 and "There is no event with the code 'no-such-event'" in err
    assert _state(url, email) == before


def test_todo_lists_the_delegate_once_the_deadline_is_within_14_days(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    email = _delegate(url)
    run(capsys, "--db", url, "visa", EVENT, email, "--to", "needed")

    def visa_lines(today: str) -> list[dict[str, str]]:
        _, out, _ = run(capsys, "--db", url, "todo", "--today", today, "--event", EVENT, "--json")
        return [e for e in json.loads(out) if e["rule"] == "visa_deadline"]

    assert visa_lines("2027-04-10") == []
    [entry] = visa_lines("2027-04-11")
    assert entry["key"] == email and entry["due"] == "2027-04-25"
    run(capsys, "--db", url, "visa", EVENT, email, "--to", "letter sent")
    run(capsys, "--db", url, "visa", EVENT, email, "--to", "appointment")
    run(capsys, "--db", url, "visa", EVENT, email, "--to", "granted")
    assert visa_lines("2027-04-11") == []


def test_edit_event_visa_days_moves_the_deadline(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    email = _delegate(url)
    code, _, _ = run(capsys, "--db", url, "edit", "event", EVENT, "--visa-days", "30")
    assert code == 0
    _, out, _ = run(capsys, "--db", url, "visa", EVENT, email, "--json")
    data = json.loads(out)
    assert (data["processing_days"], data["processing_default"], data["deadline"]) == (30, False, "2027-04-09")
    code, _, err = run(capsys, "--db", url, "edit", "event", EVENT, "--visa-days", "999")
    assert code == 1 and "at most 365" in err
    run(capsys, "--db", url, "edit", "event", EVENT, "--visa-days", "0")
    _, out, _ = run(capsys, "--db", url, "visa", EVENT, email, "--json")
    assert json.loads(out)["processing_default"] is True
