"""Calendar exports as use cases: the command line and the window do the same, and files follow the commit."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from icalendar import Calendar

from iurc_desktop.app import calendars, database
from iurc_desktop.app.changes import Topic
from iurc_desktop.core.errors import ValidationError
from iurc_desktop.core.progress import CancelToken, no_progress
from iurc_desktop.ui import operations_export as ops
from tests.cli_support import run

pytest_plugins = ("tests.cli_fixtures",)  # demo_file, url

EVENT = "networking-seoul-2026"


@pytest.fixture
def db(demo_database: database.Database) -> database.Database:
    return demo_database


def _items(url: str, code: str = EVENT) -> dict[str, tuple[str, int, int | None]]:
    """Item key -> (status, sequence, sent_sequence)."""
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        rows = conn.execute("SELECT i.key, i.status, i.sequence, i.sent_sequence FROM items i "
                            "JOIN events e ON e.id = i.event_id WHERE e.code = ?", (code,)).fetchall()
    return {key: (status, seq, sent) for key, status, seq, sent in rows}


def _event_status(url: str, code: str = EVENT) -> str:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        return conn.execute("SELECT status FROM events WHERE code = ?", (code,)).fetchone()[0]


def _run_job(job: ops.Job) -> ops.Saved:
    return job(no_progress, CancelToken())


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


# --- a. a failed commit leaves no file, from either front end ----------------------------------

CLI_WRITES = {
    "invite": lambda out: ["export", "ics", EVENT, "-o", str(out / "invite.ics")],
    "per-item": lambda out: ["export", "ics", EVENT, "--per-item", "-o", str(out / "invites")],
    "cancel": lambda out: ["export", "ics", EVENT, "--cancel", "lunch", "-o", str(out / "cancel.ics")],
    "mail": lambda out: ["export", "mail", EVENT, "--item", "lunch", "-o", str(out / "mail")],
    "mail-cancel": lambda out: ["export", "mail", EVENT, "--item", "lunch", "--cancel", "-o", str(out / "mail")],
}
WINDOW_WRITES = {
    "invite": lambda db, out: ops.invite_job(db, EVENT, None, out / "invite.ics"),
    "per-item": lambda db, out: ops.invites_per_item_job(db, EVENT, out / "invites"),
    "cancel": lambda db, out: ops.cancel_item_job(db, EVENT, "lunch", out / "cancel.ics"),
    "mail": lambda db, out: ops.emails_job(db, EVENT, "lunch", out / "mail"),
    "mail-cancel": lambda db, out: ops.emails_job(db, EVENT, "lunch", out / "mail", cancel=True),
}


def _failing_commit(monkeypatch: pytest.MonkeyPatch) -> None:
    from iurc_desktop.core import db as core_db

    def failing_commit(self: object) -> None:
        raise core_db.DatabaseError("The database is locked by another program; try again.")

    monkeypatch.setattr(core_db.Session, "commit", failing_commit)


@pytest.mark.parametrize("action", sorted(CLI_WRITES))
def test_a_failed_commit_leaves_no_file_on_the_command_line(action: str, url: str, out: Path, capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    before = _items(url)
    _failing_commit(monkeypatch)
    code, _, err = run(capsys, "--db", url, *CLI_WRITES[action](out))
    monkeypatch.undo()
    assert code == 1 and "locked" in err
    assert _files(out) == []
    assert _items(url) == before


@pytest.mark.parametrize("action", sorted(WINDOW_WRITES))
def test_a_failed_commit_leaves_no_file_in_the_window(action: str, db: database.Database, url: str, out: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    before = _items(url)
    _failing_commit(monkeypatch)
    with pytest.raises(Exception, match="locked"):
        _run_job(WINDOW_WRITES[action](db, out))
    monkeypatch.undo()
    assert _files(out) == []
    assert _items(url) == before


@pytest.mark.parametrize("action", ["invite", "cancel", "mail-cancel"])
def test_a_file_that_cannot_be_put_in_place_takes_back_what_was_recorded(action: str, db: database.Database, url: str,
                                                                          out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The commit went through but the file could not replace its target: the sent record (and cancellation) go."""
    from iurc_desktop.core import output_files

    before = _items(url)

    def disk_full(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output_files.os, "replace", disk_full)
    with pytest.raises(OSError):
        _run_job(WINDOW_WRITES[action](db, out))
    monkeypatch.undo()
    assert _files(out) == []
    assert _items(url) == before and _event_status(url) != "cancelled"


def test_cancel_leaves_no_file_and_records_nothing(db: database.Database, url: str, out: Path) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Exception, match="ancel"):
        WINDOW_WRITES["per-item"](db, out)(no_progress, token)
    assert _files(out) == [] and all(sent is None for *_, sent in _items(url).values())


# --- b. per-item invites of an event without scheduled items are refused by both -------------

NO_ITEMS = "no-items-2027"
REFUSAL = f"The event {NO_ITEMS} has no scheduled items to invite people to."


@pytest.fixture
def empty_event(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    programme = tmp_path / "empty.json"
    programme.write_text(json.dumps({"format": "iurc-programme/1", "events": [
        {"code": NO_ITEMS, "kind": "webinar", "title": "Not planned yet", "zone": "Europe/Brussels",
         "start": "2027-05-04", "end": "2027-05-04", "organiser": {"name": "IURC", "email": "info@example.eu"}}]}))
    assert run(capsys, "--db", url, "load", str(programme))[0] == 0
    return NO_ITEMS


def test_per_item_invites_without_scheduled_items_are_refused_on_the_command_line(
        empty_event: str, url: str, out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", url, "export", "ics", empty_event, "--per-item", "-o", str(out / "invites"))
    assert code == 1 and REFUSAL in err
    assert _files(out) == []


def test_per_item_invites_without_scheduled_items_are_refused_in_the_window(
        empty_event: str, url: str, out: Path) -> None:
    opened = database.open(url)
    try:
        with pytest.raises(ValidationError, match=REFUSAL):
            _run_job(ops.invites_per_item_job(opened, empty_event, out / "invites"))
    finally:
        opened.dispose()
    assert _files(out) == []


# --- c. cancelling from the window stores the cancellation and marks it sent, as the CLI does --


def test_cancel_emails_from_the_window_store_and_mark_as_the_command_line_does(
        db: database.Database, url: str, out: Path, demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.cli_support import copy_db

    (tmp_path / "cli").mkdir()
    cli_url = copy_db(demo_file, tmp_path / "cli")
    assert run(capsys, "--db", cli_url, "export", "mail", EVENT, "--item", "lunch", "--cancel", "-o", str(out / "cli"))[0] == 0
    saved = _run_job(ops.emails_job(db, EVENT, "lunch", out / "window", cancel=True))
    assert _items(url) == _items(cli_url) and _items(url)["lunch"] == ("cancelled", 1, 1)
    assert Topic.ITEMS in saved.changed
    assert sorted(p.name for p in (out / "window").iterdir()) == sorted(p.name for p in (out / "cli").iterdir())


def test_cancelling_the_whole_event_by_email_from_the_window_matches_the_command_line(
        db: database.Database, url: str, out: Path, demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.cli_support import copy_db

    (tmp_path / "cli").mkdir()
    cli_url = copy_db(demo_file, tmp_path / "cli")
    assert run(capsys, "--db", cli_url, "export", "mail", EVENT, "--cancel", "-o", str(out / "cli"))[0] == 0
    saved = _run_job(ops.emails_job(db, EVENT, None, out / "window", cancel=True))
    assert _items(url) == _items(cli_url)
    assert {(status, seq == sent) for status, seq, sent in _items(url).values()} == {("cancelled", True)}
    assert _event_status(url) == _event_status(cli_url) == "cancelled"
    assert Topic.EVENTS in saved.changed


def test_the_cancel_dialog_path_stores_and_marks_as_export_ics_cancel_does(
        db: database.Database, url: str, out: Path, demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.cli_support import copy_db

    (tmp_path / "cli").mkdir()
    cli_url = copy_db(demo_file, tmp_path / "cli")
    assert run(capsys, "--db", cli_url, "export", "ics", EVENT, "--cancel", "lunch", "-o", str(out / "cli.ics"))[0] == 0
    _run_job(ops.cancel_item_job(db, EVENT, "lunch", out / "window.ics"))
    assert _items(url) == _items(cli_url) and _items(url)["lunch"] == ("cancelled", 1, 1)
    cli, window = (Calendar.from_ical((out / n).read_bytes()).walk("VEVENT")[0] for n in ("cli.ics", "window.ics"))
    assert (cli["UID"], cli["SEQUENCE"], cli["STATUS"]) == (window["UID"], window["SEQUENCE"], window["STATUS"])
    # saving the cancellation again changes nothing stored and is recorded as sent once more
    _run_job(ops.cancellation_file_job(db, EVENT, "lunch", out / "again.ics"))
    assert _items(url)["lunch"] == ("cancelled", 1, 1)


def test_cancelling_without_a_file_stores_the_cancellation_but_nothing_as_sent(db: database.Database, url: str) -> None:
    saved = _run_job(ops.cancel_item_job(db, EVENT, "lunch", None))
    assert saved.paths == () and _items(url)["lunch"] == ("cancelled", 1, None)


# --- the rest of the calendar use cases -------------------------------------------------------


def test_invite_itinerary_and_feed_use_cases_write_and_say_what_they_wrote(db: database.Database, url: str, out: Path) -> None:
    outcome = calendars.send_invite(db, EVENT, out / "lunch.ics", item_key="lunch")
    assert outcome.value.sent == ("lunch",) and outcome.changed == frozenset({Topic.ITEMS})
    assert Calendar.from_ical((out / "lunch.ics").read_bytes())["METHOD"] == "REQUEST"
    assert calendars.write_itinerary(db, "r2r-japan-2022", out / "a.ics", group="A").paths == (out / "a.ics",)
    assert calendars.write_feed(db, out / "feed.ics").paths == (out / "feed.ics",)
    assert _files(out) == ["a.ics", "feed.ics", "lunch.ics"]


def test_previews_record_nothing(db: database.Database, url: str) -> None:
    before = _items(url)
    assert b"METHOD:REQUEST" in calendars.invite_preview(db, EVENT)
    assert b"METHOD:CANCEL" in calendars.cancellation_preview(db, EVENT, "lunch")
    assert b"METHOD:PUBLISH" in calendars.itinerary_preview(db, EVENT)
    assert calendars.invited_count(db, EVENT, "lunch") > 0
    assert _items(url) == before
