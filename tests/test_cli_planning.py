"""`todo`, `invite`, `duplicate`, `search`, `backup` and `restore` on the command line."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from iurc_desktop.core.db import open_database
from tests.cli_support import run
from tests.core import factories as f

pytest_plugins = ("tests.cli_fixtures",)  # demo_file, url

EVENT = "networking-seoul-2026"


def _participants(url: str, code: str) -> int:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        return int(conn.execute(
            "SELECT count(*) FROM participations p JOIN events e ON e.id = p.event_id WHERE e.code = ?", (code,)
        ).fetchone()[0])


# --- todo -----------------------------------------------------------------------


def test_todo_lists_what_needs_doing_most_urgent_first(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", url, "todo", "--today", "2026-10-05", "--json")
    assert code == 0
    entries = json.loads(out)
    assert {"not_confirmed", "no_pickup"} <= {e["rule"] for e in entries}
    assert EVENT in {e["event_code"] for e in entries}
    severities = [e["severity"] for e in entries]
    assert severities == sorted(severities, key=lambda s: s != "high")  # the urgent ones first
    code, text, _ = run(capsys, "--db", url, "todo", "--today", "2026-10-05")
    assert "TO DO" in text and "confirm or chase" in text


def test_todo_of_one_event_lists_only_its_own(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, everything, _ = run(capsys, "--db", url, "todo", "--today", "2026-10-05", "--json")
    code, out, _ = run(capsys, "--db", url, "todo", "--today", "2026-10-05", "--event", EVENT, "--json")
    assert code == 0
    ours = [e for e in json.loads(everything) if e["event_code"] == EVENT]
    assert json.loads(out) == ours and len(ours) < len(json.loads(everything))
    code, _, err = run(capsys, "--db", url, "todo", "--event", "no-such-event")
    assert code == 1 and "There is no event with the code 'no-such-event'" in err


def test_todo_says_so_when_nothing_is_left(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", url, "todo", "--today", "2030-01-01")
    assert code == 0 and "Nothing to do" in out


def test_todo_counts_days_from_the_local_date_not_utc(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    import time
    from datetime import UTC, datetime, timedelta
    from zoneinfo import ZoneInfo

    # a zone whose date differs from UTC's right now: UTC+14 from 10:00 UTC on, UTC-11 before 11:00 UTC
    zone = "Pacific/Kiritimati" if datetime.now(UTC).hour >= 10 else "Pacific/Pago_Pago"
    utc_day, local_day = datetime.now(UTC).date(), datetime.now(ZoneInfo(zone)).date()
    assert utc_day != local_day
    db_url = f"sqlite:///{tmp_path / 'todo.db'}"
    db = open_database(db_url)
    with db.transaction() as s:
        ev = f.event(s, "visit-soon", start=utc_day + timedelta(days=5))
        f.participate(s, ev, f.person(s, "Ane", "Etxeberria", email="ane@example.eus"), status="registered")
    db.dispose()
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        code, out, _ = run(capsys, "--db", db_url, "todo", "--json")
    finally:
        monkeypatch.undo()
        time.tzset()
    message = next(e["message"] for e in json.loads(out) if e["rule"] == "not_confirmed")
    assert f"{(utc_day + timedelta(days=5) - local_day).days} days before visit-soon" in message


# --- invite -----------------------------------------------------------------------


def test_invite_dry_run_lists_people_and_changes_nothing(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = _participants(url, EVENT)
    code, out, _ = run(capsys, "--db", url, "invite", EVENT, "--country", "JP", "--dry-run", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["dry_run"] and data["already"]
    assert "s.ito@example.hamamatsu.jp" in [p["email"] for p in data["added"]]
    assert _participants(url, EVENT) == before
    code, out, _ = run(capsys, "--db", url, "invite", EVENT, "--country", "JP", "--json")
    assert json.loads(out)["added"] == data["added"]  # the dry run told the truth
    assert _participants(url, EVENT) == before + len(data["added"])


def test_invite_from_a_cluster_adds_the_rest_once(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = _participants(url, EVENT)
    code, out, err = run(capsys, "--db", url, "invite", EVENT, "--cluster", "energy-transition")
    assert code == 0, err
    added = int(out.split()[1])
    assert added > 0 and _participants(url, EVENT) == before + added
    code, out, _ = run(capsys, "--db", url, "invite", EVENT, "--cluster", "energy-transition")
    assert out.startswith("Invited 0 people") and _participants(url, EVENT) == before + added


def test_invite_needs_criteria_and_names_unknown_clusters(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", url, "invite", EVENT)
    assert code == 1 and "Say whom to invite" in err
    code, _, err = run(capsys, "--db", url, "invite", EVENT, "--cluster", "nope")
    assert code == 1 and "no thematic cluster 'nope'" in err and "energy-transition" in err


# --- duplicate ----------------------------------------------------------------------


def _dst_db(tmp_path: Path) -> str:
    """An event with an ordinary talk at 10:00 and a one-hour call at 02:30 Brussels time."""
    from datetime import date, datetime

    db_url = f"sqlite:///{tmp_path / 'dst.db'}"
    db = open_database(db_url)
    with db.transaction() as s:
        ev = f.event(s, "webinar-2026", kind="webinar", start=date(2026, 3, 19))
        f.item(s, ev, "talk", datetime(2026, 3, 19, 10), datetime(2026, 3, 19, 11))
        f.item(s, ev, "night", datetime(2026, 3, 19, 2, 30), datetime(2026, 3, 19, 3, 30))
    db.dispose()
    return db_url


@pytest.mark.parametrize(("new_start", "said"), [
    ("2026-03-29", "02:30 on Sun 29 Mar 2026 does not exist in Europe/Brussels (the clocks go forward): choose 01:30 CET (00:30 UTC)"),
    ("2026-10-25", "02:30 on Sun 25 Oct 2026 happens twice in Europe/Brussels (the clocks go back): choose 02:30 CEST (00:30 UTC)"),
])
def test_duplicate_onto_a_gap_or_fold_is_refused_with_the_readings_and_the_option(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], new_start: str, said: str) -> None:
    db_url = _dst_db(tmp_path)
    code, out, err = run(capsys, "--db", db_url, "duplicate", "webinar-2026", "--code", "webinar-2026-b", "--start", new_start)
    assert code == 1 and out == ""
    assert "Night (night), start: " + said in err and "Run again with --dst earlier or --dst later" in err
    assert "Traceback" not in err
    code, out, _ = run(capsys, "--db", db_url, "events", "--json")
    assert [e["code"] for e in json.loads(out)] == ["webinar-2026"]


@pytest.mark.parametrize(("new_start", "dst", "night"), [
    ("2026-03-29", "later", ("2026-03-29T03:30:00+02:00", "2026-03-29T04:30:00+02:00")),
    ("2026-03-29", "earlier", ("2026-03-29T01:30:00+01:00", "2026-03-29T03:30:00+02:00")),
    ("2026-10-25", "earlier", ("2026-10-25T02:30:00+02:00", "2026-10-25T02:30:00+01:00")),
    ("2026-10-25", "later", ("2026-10-25T02:30:00+01:00", "2026-10-25T03:30:00+01:00")),
])
def test_duplicate_with_dst_keeps_local_times_and_each_item_length(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], new_start: str, dst: str, night: tuple[str, str]) -> None:
    db_url = _dst_db(tmp_path)
    code, out, err = run(capsys, "--db", db_url, "duplicate", "webinar-2026", "--code", "webinar-2026-b", "--start", new_start,
                         "--dst", dst)
    assert code == 0, err
    assert "Created webinar-2026-b" in out and "2 items" in out
    assert "warning: Night (night), start: 02:30 on Sun" in err and f"the {dst} reading" in err and "1 h as before" in err
    code, out, _ = run(capsys, "--db", db_url, "show", "webinar-2026-b", "--json")
    items = {i["key"]: i for i in json.loads(out)["items"]}
    assert items["talk"]["start"] == f"{new_start}T10:00:00{'+02:00' if new_start.endswith('29') else '+01:00'}"  # same wall time
    assert (items["night"]["start"], items["night"]["end"]) == night


def test_duplicate_refuses_an_existing_code_and_a_bad_date(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", url, "duplicate", EVENT, "--code", "r2r-japan-2022", "--start", "2027-10-14")
    assert code == 1 and "already exists" in err
    code, _, err = run(capsys, "--db", url, "duplicate", EVENT, "--code", "seoul-2027", "--start", "14/10/2027")
    assert code == 2 and "YYYY-MM-DD" in err


def test_duplicate_with_participants_invites_them_again(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", url, "duplicate", EVENT, "--code", "seoul-2027", "--start", "2027-10-14", "--with-participants", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["participants"] > 0 and _participants(url, "seoul-2027") == data["participants"]


# --- search -----------------------------------------------------------------------------


def test_search_finds_across_scripts_and_accents(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", url, "search", "浜松", "--json")
    assert code == 0
    assert ("organisation", "hamamatsu") in [(h["kind"], h["key"]) for h in json.loads(out)]
    code, out, _ = run(capsys, "--db", url, "search", "Umea")
    assert "Umeå Municipality" in out
    code, out, _ = run(capsys, "--db", url, "search", "ＵＭＥＡ")  # full-width letters
    assert "Umeå Municipality" in out
    code, out, _ = run(capsys, "--db", url, "search", "zzzz")
    assert code == 0 and "Nothing matches" in out


# --- backup and restore -------------------------------------------------------------------


def _dump(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> str:
    out_file = tmp_path / name
    assert run(capsys, "--db", url, "dump", "-o", str(out_file))[0] == 0
    text = out_file.read_text(encoding="utf-8")
    return text


def test_backup_then_restore_round_trips_and_keeps_the_current_database_aside(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    backup = tmp_path / "backup.db"
    code, out, err = run(capsys, "--db", url, "backup", "-o", str(backup))
    assert code == 0, err
    assert f"Wrote {backup}" in out
    before = _dump(url, tmp_path, capsys, "before.json")
    # A status change, not an erasure: restore erases erased people again (tests/test_cli_erasure.py).
    assert run(capsys, "--db", url, "status", EVENT, "aroha.ngata@example.nz", "--to", "confirmed")[0] == 0
    assert _dump(url, tmp_path, capsys, "changed.json") != before
    code, out, err = run(capsys, "--db", url, "restore", str(backup))
    assert code == 0, err
    aside = Path(out.split("kept as ")[1].strip().rstrip("."))
    assert aside.exists() and aside.parent == Path(url.removeprefix("sqlite:///")).parent
    assert _dump(url, tmp_path, capsys, "after.json") == before


def test_a_corrupt_backup_is_refused_and_the_database_left_alone(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    before = _dump(url, tmp_path, capsys, "before.json")
    code, _, err = run(capsys, "--db", url, "restore", str(corrupt))
    assert code == 1 and "was not restored" in err and "unchanged" in err
    assert "Traceback" not in err
    assert _dump(url, tmp_path, capsys, "after.json") == before
    code, _, err = run(capsys, "--db", url, "restore", str(tmp_path / "missing.db"))
    assert code == 1 and "does not exist" in err


def test_backup_of_a_server_database_points_to_its_own_tools(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", "backup", "-o", str(tmp_path / "b.db"))
    assert code == 1 and "pg_dump" in err
    assert not (tmp_path / "b.db").exists()


# --- copy -----------------------------------------------------------------------------------


def test_copy_to_another_database_gives_the_same_programme_and_refuses_a_full_target(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("iurc_desktop.core.team.copying")
    target = f"sqlite:///{tmp_path / 'copy.db'}"
    code, out, err = run(capsys, "--db", url, "copy", "--to", target, "--json")
    assert code == 0, err
    events = len(json.loads(run(capsys, "--db", url, "events", "--json")[1]))
    assert json.loads(out)["tables"]["events"] == events > 0
    assert _dump(target, tmp_path, capsys, "copy.json") == _dump(url, tmp_path, capsys, "source.json")
    code, _, err = run(capsys, "--db", url, "copy", "--to", target)
    assert code == 1 and "not empty" in err and "--overwrite" in err
    code, out, err = run(capsys, "--db", url, "copy", "--to", target, "--overwrite")
    assert code == 0, err
    assert out.startswith("Copied ")


def test_backup_refuses_to_replace_an_existing_file_unless_told_to(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    backup = tmp_path / "monday.db"
    backup.write_bytes(b"last week's backup")
    code, out, err = run(capsys, "--db", url, "backup", "-o", str(backup))
    assert code == 1 and out == "" and "already exists" in err and "--overwrite" in err
    assert backup.read_bytes() == b"last week's backup"  # on refusal nothing changed
    code, out, err = run(capsys, "--db", url, "backup", "-o", str(backup), "--overwrite")
    assert code == 0, err
    assert f"Wrote {backup}" in out and backup.read_bytes().startswith(b"SQLite format 3")


def test_search_says_when_a_kind_has_more_than_it_shows(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", url, "search", "e", "--limit", "1")
    assert code == 0 and "1 of " in err and "people shown; --limit N shows more." in err
    code, out, err = run(capsys, "--db", url, "search", "Umea")
    assert "Umeå Municipality" in out and "shows more" not in err  # every hit shown: nothing to say
