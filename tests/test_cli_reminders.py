"""`reminders EVENT [--add|--edit|--remove] [--due|--queue-due] [--now ISO] [--json]` on the demo's mobility webinar."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.cli_support import run

pytest_plugins = ("tests.cli_fixtures",)  # demo_file, url

WEBINAR = "cluster-mobility-webinar-2027"  # 25 Mar 2027, five back-to-back talks from 10:00 Brussels (09:00Z)


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Mail settings of this test alone, without a sender address until a test sets one."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config"


def _outbox(url: str) -> list[tuple[str, str]]:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        return conn.execute("SELECT kind, to_address FROM outbox ORDER BY id").fetchall()


def _active(url: str) -> int:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        return conn.execute(
            "SELECT count(*) FROM participations p JOIN events e ON e.id = p.event_id JOIN people pe ON pe.id = p.person_id"
            " WHERE e.code = ? AND p.status IN ('invited', 'registered', 'confirmed', 'attended') AND pe.email <> ''",
            (WEBINAR,)).fetchone()[0]


def test_rules_are_added_changed_and_removed_and_listed_with_what_they_will_send(
        url: str, config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", url, "reminders", WEBINAR)
    assert code == 0 and "has no reminder rules" in out
    code, out, _ = run(capsys, "--db", url, "reminders", WEBINAR, "--add", "reminder", "--before", "1h", "--anchor", "webinar")
    assert code == 0 and "Added rule 1: reminder, 1 hour before each day's first online session" in out
    code, out, _ = run(capsys, "--db", url, "reminders", WEBINAR, "--edit", "1", "--before", "2h", "--to", "status=confirmed",
                       "--off", "--json")
    data = json.loads(out)
    assert data["rules"] == [{"id": 1, "event_code": WEBINAR, "template": "reminder", "before": "2h", "before_label": "2 hours",
                              "anchor": "webinar", "anchor_label": "each day's first online session",
                              "to": "status=confirmed", "enabled": False}]
    code, out, _ = run(capsys, "--db", url, "reminders", WEBINAR, "--remove", "1")
    assert code == 0 and "Removed rule 1" in out and "has no reminder rules" in out


def test_a_webinars_back_to_back_talks_make_one_reminder_each_an_hour_before_the_first_in_their_own_time(
        url: str, config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "--db", url, "reminders", WEBINAR, "--add", "reminder", "--before", "1h", "--anchor", "webinar")
    code, out, _ = run(capsys, "--db", url, "reminders", WEBINAR, "--now", "2027-03-25T07:59Z", "--json")
    rows = json.loads(out)["reminders"]
    assert code == 0 and len(rows) == _active(url) > 5  # one each, not one a talk
    assert {(r["state"], r["due_utc"], r["item_title"]) for r in rows} == {
        ("later", "2027-03-25T08:00:00+00:00", "Welcome and cluster introduction")}
    code, out, _ = run(capsys, "--db", url, "reminders", WEBINAR, "--now", "2027-03-25T07:59Z")
    assert "2027-03-25 21:00 Pacific/Auckland" in out and "2027-03-25 17:00 Asia/Tokyo" in out  # 09:00 Brussels' clock


def test_queue_due_needs_a_sender_then_queues_each_reminder_once_and_never_one_whose_start_passed(
        url: str, config: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("iurc_desktop.exchange.mail.reminders.BATCH", 3)  # several transactions, each reminder once
    run(capsys, "--db", url, "reminders", WEBINAR, "--add", "practical-information", "--before", "14d")
    run(capsys, "--db", url, "reminders", WEBINAR, "--add", "reminder", "--before", "1d", "--anchor", "item")
    code, _, err = run(capsys, "--db", url, "reminders", "--queue-due", "--now", "2027-03-20T10:00Z")
    assert code == 1 and "no sender address" in err and "Nothing was queued" in err and _outbox(url) == []
    assert run(capsys, "--db", url, "mail-settings", "--from", "team@example.eu", "--host", "localhost")[0] == 0
    code, out, _ = run(capsys, "--db", url, "reminders", "--due", "--now", "2027-03-20T10:00Z", "--json")
    assert code == 0 and json.loads(out)["due_total"] == _active(url)  # the 14-day ones; the 1-day ones are later
    code, out, _ = run(capsys, "--db", url, "reminders", "--queue-due", "--now", "2027-03-20T10:00Z")
    assert code == 0 and f"Queued {_active(url)} reminders" in out
    assert run(capsys, "--db", url, "reminders", "--queue-due", "--now", "2027-03-20T10:05Z")[1].startswith("Queued 0 reminders")
    # the 1-day rule's reminders come due the day before and are missed once the talks began: never sent late
    code, out, _ = run(capsys, "--db", url, "reminders", WEBINAR, "--queue-due", "--now", "2027-03-25T12:00Z")
    assert code == 0 and "Queued 0 reminders" in out and f"Missed {5 * _active(url)} reminders" in out
    assert [kind for kind, _ in _outbox(url)] == ["practical-information"] * _active(url)


@pytest.mark.parametrize(("argv", "words"), [
    (["--add", "reminder", "--before", "0d"], "at least 1 hour before"),
    (["--add", "reminder", "--before", "3 weeks"], "whole number of days or hours"),
    (["--add", "reminder", "--before", "400d"], "more than a year before"),
    (["--add", "invitation", "--before", "1d"], "cannot send the invitation template"),
    (["--add", "visa-letter", "--before", "1d"], "cannot send the visa-letter template"),
    (["--add", "booklet", "--before", "1d"], "carries a numbered, logged document"),
    (["--add", "no-such", "--before", "1d"], "no-such"),
    (["--add", "reminder", "--before", "1d", "--to", "colour=red"], "'colour=red' is not a filter term"),
    (["--add", "reminder"], "--add needs --before"),
    (["--before", "1d"], "--before go with --add or --edit"),
    (["--edit", "7", "--before", "1d"], "has no reminder rule 7"),
    (["--remove", "7"], "has no reminder rule 7"),
    (["--now", "2027-03-20"], "has no offset"),
    (["--now", "soon"], "is not a date and time"),
])
def test_bad_rules_are_refused_in_words_and_nothing_is_made(
        url: str, config: Path, capsys: pytest.CaptureFixture[str], argv: list[str], words: str) -> None:
    code, out, err = run(capsys, "--db", url, "reminders", WEBINAR, *argv)
    assert code != 0 and words in err and "Traceback" not in err + out
    assert "has no reminder rules" in run(capsys, "--db", url, "reminders", WEBINAR)[1]


def test_an_unknown_event_and_a_missing_event_are_said(url: str, config: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", url, "reminders", "no-such-event")
    assert code != 0 and "no-such-event" in err
    code, _, err = run(capsys, "--db", url, "reminders")
    assert code != 0 and "Name the event" in err
