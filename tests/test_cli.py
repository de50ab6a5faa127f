"""The command line: exit statuses, plain error messages, and what each command prints."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from iurc_desktop import cli
from iurc_desktop.cli.database import optional
from iurc_desktop.cli.output import OutputError, display_width, format_table, write_text_atomically
from iurc_desktop.core.db import head_revision, open_database
from tests.cli_support import run
from tests.core import factories as f


def run_process(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m iurc_desktop ARGV` in a real process, as a user would run it."""
    return subprocess.run(
        [sys.executable, "-m", "iurc_desktop", *argv],
        capture_output=True, text=True, encoding="utf-8", timeout=120, env={**os.environ, **(env or {})},
    )


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


# --- init and the database ------------------------------------------------


def test_init_creates_a_migrated_sqlite_database_in_wal_mode(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "new.db"
    code, out, err = run(capsys, "--db", sqlite_url(path), "init")
    assert code == 0, err
    assert str(path) in out and "Created" in out
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()


def test_init_accepts_a_plain_path_and_says_when_already_up_to_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plain.db"
    assert run(capsys, "--db", str(path), "init")[0] == 0
    code, out, _ = run(capsys, "--db", str(path), "init")
    assert code == 0
    assert "up to date" in out and str(path) in out


def test_init_honours_the_iurc_db_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "from-env.db"
    monkeypatch.setenv("IURC_DB", str(path))
    code, out, _ = run(capsys, "init")
    assert code == 0
    assert path.exists() and str(path) in out


def test_init_without_any_setting_uses_the_user_data_folder(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "init")
    assert code == 0
    assert str(Path(os.environ["XDG_DATA_HOME"]) / "iurc-desktop" / "iurc.db") in out


def test_database_from_a_newer_version_exits_1_and_is_left_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "newer.db"
    open_database(sqlite_url(path)).dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num='9999_future'")
    for command in (["init"], ["events"], ["show", "x"]):
        code, out, err = run(capsys, "--db", sqlite_url(path), *command)
        assert code == 1
        assert err.startswith("error: ") and "newer version" in err
        assert "Traceback" not in err and out == ""
    assert sqlite3.connect(path).execute("SELECT version_num FROM alembic_version").fetchone()[0] == "9999_future"


@pytest.mark.parametrize("make_url", [
    lambda tmp: sqlite_url(tmp / "no-such-folder" / "x.db"),
    lambda tmp: str(tmp),  # a folder, not a file
    lambda tmp: "nosuchdialect://host/db",
    lambda tmp: "postgresql+nosuchdriver://host/db",
], ids=["missing-folder", "folder-as-file", "unknown-dialect", "unknown-driver"])
def test_unusable_path_or_url_exits_1_with_one_clear_message(tmp_path: Path, capsys: pytest.CaptureFixture[str], make_url) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "--db", make_url(tmp_path), "init")
    assert code == 1
    assert err.startswith("error: ") and "database" in err.lower()
    assert "Traceback" not in err and out == ""


# --- usage ------------------------------------------------------------------


@pytest.mark.parametrize("argv", [
    ["frobnicate"],
    ["dump"],  # -o is required
    ["show"],  # EVENT is required
    ["show", "x", "--group", "A", "--person", "a@example.eu"],  # one or the other
    ["events", "--bogus"],
], ids=["unknown-command", "dump-without-output", "show-without-event", "group-and-person", "unknown-option"])
def test_usage_errors_exit_2(argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", sqlite_url(tmp_path / "u.db"), *argv)
    assert code == 2
    assert "usage:" in err and "Traceback" not in err


def test_version_prints_the_version_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    from iurc_desktop import __version__

    code, out, _ = run(capsys, "--version")
    assert code == 0 and __version__ in out


def test_internal_error_is_one_short_message_without_traceback(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def boom(_args: object) -> int:
        raise RuntimeError("something broke")

    monkeypatch.setattr(cli, "cmd_events", boom)
    monkeypatch.delenv(cli.DEBUG_ENV, raising=False)
    code, _, err = run(capsys, "events")
    assert code == 1
    assert err.splitlines()[0] == "internal error: RuntimeError: something broke"
    assert cli.DEBUG_ENV in err and "Traceback" not in err


def test_internal_error_shows_the_traceback_when_debugging(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(_args: object) -> int:
        raise RuntimeError("something broke")

    monkeypatch.setattr(cli, "cmd_events", boom)
    monkeypatch.setenv(cli.DEBUG_ENV, "1")
    with pytest.raises(RuntimeError, match="something broke"):
        cli.main(["events"])


def test_a_missing_part_of_the_app_is_a_user_error_not_a_crash() -> None:
    with pytest.raises(cli.Unavailable, match="not available"):
        optional("iurc_desktop.no_such_part", "That part")


# --- events -----------------------------------------------------------------


def test_events_on_an_empty_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = sqlite_url(tmp_path / "empty.db")
    code, out, _ = run(capsys, "--db", url, "events", "--json")
    assert code == 0 and json.loads(out) == []
    code, out, _ = run(capsys, "--db", url, "events")
    assert code == 0 and "No events yet" in out and "demo" in out


def _tokyo_visit(db_url: str) -> None:
    """A small study visit in Tokyo with one Brussels-side participant, built without the demo."""
    db = open_database(db_url)
    with db.transaction() as s:
        brussels = f.org(s, "brussels", name="Brussels-Capital Region", kind="region")
        hamamatsu = f.org(s, "hamamatsu", name="Hamamatsu", local_name="浜松市", country="JP", zone="Asia/Tokyo")
        ev = f.event(s, "tokyo-visit", zone="Asia/Tokyo", start=date(2022, 11, 20), end=date(2022, 11, 26), capacity=10)
        f.item(s, ev, "opening", datetime(2022, 11, 22, 9, 30), datetime(2022, 11, 22, 12, 0), place="Nagoya")
        f.item(s, ev, "dinner", datetime(2022, 11, 22, 19, 0), datetime(2022, 11, 22, 21, 0), place="Hamamatsu", kind="meal")
        f.participate(s, ev, f.person(s, "Ane", "Etxeberria", organisation=brussels))
        f.participate(s, ev, f.person(s, "Haruto", "Suzuki", organisation=hamamatsu, local_name="鈴木 陽翔"), status="invited")
    db.dispose()


def test_events_json_gives_code_kind_title_dates_zone_and_counts(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _tokyo_visit(db_url)
    code, out, _ = run(capsys, "--db", db_url, "events", "--json")
    assert code == 0
    [row] = json.loads(out)
    assert row["code"] == "tokyo-visit" and row["kind"] == "study_visit" and row["title"] == "Tokyo Visit"
    assert (row["start"], row["end"], row["zone"]) == ("2022-11-20", "2022-11-26", "Asia/Tokyo")
    assert row["counts"] == {"participants": 2, "confirmed": 1, "items": 2, "groups": 0}


def test_events_text_is_an_aligned_table(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _tokyo_visit(db_url)
    code, out, _ = run(capsys, "--db", db_url, "events")
    header, line = out.splitlines()
    assert header.split()[:5] == ["CODE", "KIND", "START", "END", "ZONE"]
    assert line.index("2022-11-20") == header.index("START")
    assert line.index("Asia/Tokyo") == header.index("ZONE")


# --- show -------------------------------------------------------------------


def test_show_json_has_iso_local_times_with_offsets_and_zone_names(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _tokyo_visit(db_url)
    code, out, _ = run(capsys, "--db", db_url, "show", "tokyo-visit", "--json")
    assert code == 0
    data = json.loads(out)
    first = data["items"][0]
    assert (first["key"], first["start"], first["end"], first["zone"]) == (
        "opening", "2022-11-22T09:30:00+09:00", "2022-11-22T12:00:00+09:00", "Asia/Tokyo")
    assert datetime.fromisoformat(first["start"]).utcoffset() is not None
    assert "viewer_start" not in first and data["viewer_zone"] is None
    names = {p["name"]: p for p in data["participants"]}
    assert names["Haruto Suzuki"]["local_name"] == "鈴木 陽翔"
    assert "鈴木 陽翔" in out  # names stay readable in the JSON text, not escaped


def test_show_zone_adds_the_viewer_zones_times(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _tokyo_visit(db_url)
    code, out, _ = run(capsys, "--db", db_url, "show", "tokyo-visit", "--zone", "Europe/Brussels", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["viewer_zone"] == "Europe/Brussels"
    first, dinner = data["items"]
    assert (first["viewer_start"], first["viewer_end"]) == ("2022-11-22T01:30:00+01:00", "2022-11-22T04:00:00+01:00")
    assert dinner["viewer_start"] == "2022-11-22T11:00:00+01:00"
    assert datetime.fromisoformat(first["viewer_start"]) == datetime.fromisoformat(first["start"])


def test_show_viewer_times_follow_daylight_saving_of_the_date(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Brussels 10:00 the week before and after 29 March 2026 is 18:00 then 17:00 in Tokyo."""
    db = open_database(db_url)
    with db.transaction() as s:
        ev = f.event(s, "brussels-webinar", kind="webinar", start=date(2026, 3, 26), end=date(2026, 4, 2))
        f.item(s, ev, "before", datetime(2026, 3, 26, 10), datetime(2026, 3, 26, 11))
        f.item(s, ev, "after", datetime(2026, 4, 2, 10), datetime(2026, 4, 2, 11))
    db.dispose()
    code, out, _ = run(capsys, "--db", db_url, "show", "brussels-webinar", "--zone", "Asia/Tokyo", "--json")
    assert code == 0
    before, after = json.loads(out)["items"]
    assert (before["start"], before["viewer_start"]) == ("2026-03-26T10:00:00+01:00", "2026-03-26T18:00:00+09:00")
    assert (after["start"], after["viewer_start"]) == ("2026-04-02T10:00:00+02:00", "2026-04-02T17:00:00+09:00")


def test_show_text_lists_items_in_local_time_with_the_viewer_zone_beside(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _tokyo_visit(db_url)
    code, out, _ = run(capsys, "--db", db_url, "show", "tokyo-visit", "--zone", "Europe/Brussels")
    assert code == 0
    opening = next(line for line in out.splitlines() if "Opening" in line)
    assert "09:30–12:00 JST" in opening and "2022-11-22 01:30–04:00 CET" in opening and "Nagoya" in opening
    assert "鈴木 陽翔" in out and "Ane Etxeberria" in out


def test_show_unknown_event_exits_1_naming_the_known_ones(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _tokyo_visit(db_url)
    code, out, err = run(capsys, "--db", db_url, "show", "tokio-visit")
    assert code == 1 and out == ""
    assert err.startswith("error: ") and "tokio-visit" in err and "tokyo-visit" in err


def test_show_unknown_zone_exits_1_suggesting_the_right_name(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _tokyo_visit(db_url)
    code, out, err = run(capsys, "--db", db_url, "show", "tokyo-visit", "--zone", "Brussels")
    assert code == 1 and out == ""
    assert "Brussels" in err and "Europe/Brussels" in err and "Traceback" not in err


def test_show_with_a_region_for_a_zone_exits_1_asking_for_a_city(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _tokyo_visit(db_url)
    code, out, err = run(capsys, "--db", db_url, "show", "tokyo-visit", "--zone", "Europe")
    assert (code, out) == (1, "")
    assert err.startswith("error: Europe is a region, not a time zone") and "internal error" not in err


# --- show --group / --person and check ---------------------------------------------


def _split_visit(db_url: str) -> None:
    """A Tokyo visit whose group A flies in overnight from Paris and visits Nagoya; group B stays home."""
    from iurc_desktop.core.models import Group, Stay, TravelLeg

    db = open_database(db_url)
    with db.transaction() as s:
        ev = f.event(s, "split-visit", zone="Asia/Tokyo", start=date(2022, 11, 20), end=date(2022, 11, 23), capacity=1)
        group_a, group_b = Group(event=ev, name="A"), Group(event=ev, name="B")
        s.add_all([group_a, group_b])
        visit = f.item(s, ev, "aichi-visit", datetime(2022, 11, 21, 9, 30), datetime(2022, 11, 21, 12, 0), place="Nagoya", kind="site_visit")
        visit.groups.append(group_a)
        osaka = f.item(s, ev, "osaka-visit", datetime(2022, 11, 21, 9, 30), datetime(2022, 11, 21, 12, 0), place="Osaka")
        osaka.groups.append(group_b)
        ane = f.person(s, "Ane", "Etxeberria", email="ane@example.eus")
        ane_part = f.participate(s, ev, ane)
        ane_part.group = group_a
        marta_part = f.participate(s, ev, f.person(s, "Marta", "Puig", email="marta@example.cat"))
        marta_part.group = group_b
        s.add(TravelLeg(event=ev, person=ane, kind="flight", carrier="AF", number="AF276", from_place="CDG", from_zone="Europe/Paris",
                        depart_utc=datetime.fromisoformat("2022-11-19T23:25+01:00"), to_place="HND", to_zone="Asia/Tokyo",
                        arrive_utc=datetime.fromisoformat("2022-11-20T19:05+09:00")))
        s.add(Stay(event=ev, person=ane, hotel="Hotel Nagoya Castle", zone="Asia/Tokyo", check_in=date(2022, 11, 20), check_out=date(2022, 11, 22)))
    db.dispose()


def _entries(data: dict) -> list[dict]:  # type: ignore[type-arg]
    return [entry for day in data["days"] for entry in day["entries"]]


def test_show_group_json_gives_each_entry_local_times_with_offsets_and_zones(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _split_visit(db_url)
    code, out, err = run(capsys, "--db", db_url, "show", "split-visit", "--group", "A", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["group"] == "A" and data["people"] == ["ane@example.eus"]
    entries = {e["key"]: e for e in _entries(data)}
    assert "osaka-visit" not in entries  # group B's item
    flight = next(e for e in entries.values() if e["kind"] == "travel")
    assert (flight["start"], flight["start_zone"]) == ("2022-11-19T23:25:00+01:00", "Europe/Paris")
    assert (flight["end"], flight["end_zone"]) == ("2022-11-20T19:05:00+09:00", "Asia/Tokyo")
    assert (entries["aichi-visit"]["start"], entries["aichi-visit"]["start_zone"]) == ("2022-11-21T09:30:00+09:00", "Asia/Tokyo")
    assert [d["date"] for d in data["days"]] == ["2022-11-19", "2022-11-20", "2022-11-21"]
    assert all("viewer_start" not in e for e in entries.values())


def test_show_person_zone_adds_the_viewers_times_to_every_entry(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _split_visit(db_url)
    code, out, err = run(capsys, "--db", db_url, "show", "split-visit", "--person", "ane@example.eus", "--zone", "Europe/Brussels", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["viewer_zone"] == "Europe/Brussels"
    for entry in _entries(data):
        assert datetime.fromisoformat(entry["viewer_start"]) == datetime.fromisoformat(entry["start"])
        assert datetime.fromisoformat(entry["viewer_end"]) == datetime.fromisoformat(entry["end"])
    visit = next(e for e in _entries(data) if e["key"] == "aichi-visit")
    assert visit["viewer_start"] == "2022-11-21T01:30:00+01:00"


def test_show_group_text_has_day_headings_and_the_overnight_flight(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _split_visit(db_url)
    code, out, _ = run(capsys, "--db", db_url, "show", "split-visit", "--group", "A", "--zone", "Europe/Brussels")
    assert code == 0
    assert "Saturday 2022-11-19" in out and "Monday 2022-11-21" in out
    flight = next(line for line in out.splitlines() if "AF276" in line)
    assert "23:25 CET → 19:05 JST +1d" in flight
    assert "Osaka" not in out


def test_show_unknown_group_or_person_exits_1_with_a_clear_message(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _split_visit(db_url)
    code, out, err = run(capsys, "--db", db_url, "show", "split-visit", "--group", "C")
    assert code == 1 and out == "" and err.startswith("error: ") and "A, B" in err
    code, out, err = run(capsys, "--db", db_url, "show", "split-visit", "--person", "nobody@example.eu")
    assert code == 1 and out == "" and "nobody@example.eu" in err and "Traceback" not in err


def test_check_lists_problems_with_kind_severity_people_and_items_and_exits_0(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _split_visit(db_url)  # capacity 1, two confirmed
    code, out, err = run(capsys, "--db", db_url, "check", "split-visit", "--json")
    assert code == 0, err
    problems = json.loads(out)
    assert problems and all(set(p) == {"kind", "severity", "message", "people", "items"} for p in problems)
    over = [p for p in problems if p["kind"] == "over_capacity"]
    assert len(over) == 1 and over[0]["severity"] in ("error", "warning")
    code, out, _ = run(capsys, "--db", db_url, "check", "split-visit")
    assert code == 0 and "over_capacity" in out


def test_check_of_a_well_planned_event_finds_nothing(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = open_database(db_url)
    with db.transaction() as s:
        ev = f.event(s, "quiet-meeting", kind="meeting", capacity=5)
        f.item(s, ev, "talk", datetime(2026, 3, 23, 10), datetime(2026, 3, 23, 11))
        f.participate(s, ev, f.person(s, "Jan", "Peeters"))
    db.dispose()
    code, out, _ = run(capsys, "--db", db_url, "check", "quiet-meeting", "--json")
    assert code == 0 and json.loads(out) == []
    code, out, _ = run(capsys, "--db", db_url, "check", "quiet-meeting")
    assert code == 0 and "no logistics problems" in out


# --- output helpers -----------------------------------------------------------


def test_table_columns_align_by_display_width_with_cjk_names() -> None:
    assert display_width("浜松市") == 6 and display_width("Gdańsk") == 6
    text = format_table(["NAME", "ZONE"], [["浜松市", "Asia/Tokyo"], ["Gdańsk", "Europe/Warsaw"]])
    lines = text.splitlines()
    starts = {display_width(line[: line.index(zone)]) for line, zone in zip(lines[1:], ["Asia", "Europe"])}
    assert starts == {display_width(lines[0][: lines[0].index("ZONE")])}


def test_writing_a_file_replaces_it_whole_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    write_text_atomically(target, "新しい\n")
    assert target.read_text(encoding="utf-8") == "新しい\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_writing_into_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        write_text_atomically(tmp_path / "missing" / "out.json", "x")


# --- real processes -------------------------------------------------------------


def test_commands_other_than_the_window_never_load_qt(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "noqt.db")
    code = (
        "import sys\n"
        "import iurc_desktop.cli as cli\n"
        "assert not any(m.split('.')[0] in ('PySide6', 'shiboken6') for m in sys.modules), 'import'\n"
        f"for argv in (['init'], ['events'], ['events', '--json'], ['show', 'nothing']):\n"
        f"    cli.main(['--db', {url!r}, *argv])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print('QT:', loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "QT: []" in result.stdout


def test_real_process_exit_statuses_and_plain_stderr(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "proc.db")
    ok = run_process("--db", url, "init")
    assert ok.returncode == 0 and "Created" in ok.stdout and ok.stderr == ""
    listed = run_process("--db", url, "events", "--json")
    assert listed.returncode == 0 and json.loads(listed.stdout) == []
    missing = run_process("--db", url, "show", "no-such-event")
    assert missing.returncode == 1 and missing.stderr.startswith("error: ") and "Traceback" not in missing.stderr
    unusable = run_process("--db", sqlite_url(tmp_path / "nope" / "x.db"), "events")
    assert unusable.returncode == 1 and "does not exist" in unusable.stderr and "Traceback" not in unusable.stderr
    usage = run_process("--db", url, "no-such-command")
    assert usage.returncode == 2 and "usage:" in usage.stderr and "Traceback" not in usage.stderr


def test_the_package_main_runs_as_a_plain_script_as_a_bundle_runs_it(tmp_path: Path) -> None:
    """PyInstaller runs __main__.py as a top-level script, where a relative import fails."""
    script = Path(cli.__file__).parents[1] / "__main__.py"  # the package's, beside the cli package
    result = subprocess.run([sys.executable, str(script), "--db", sqlite_url(tmp_path / "s.db"), "init"],
                            capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Created" in result.stdout


def test_screenshot_writes_a_png_of_a_page_and_refuses_an_unknown_page(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path / "shot.db")
    _tokyo_visit(url)
    png = tmp_path / "event.png"
    done = run_process("--db", url, "screenshot", "event", "--event", "tokyo-visit", "--zone", "Europe/Brussels", "-o", str(png))
    assert done.returncode == 0, done.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    unknown = run_process("--db", url, "screenshot", "no-such-page", "-o", str(tmp_path / "x.png"))
    assert unknown.returncode == 1 and "error: " in unknown.stderr and "no-such-page" in unknown.stderr
    assert "Traceback" not in unknown.stderr and not (tmp_path / "x.png").exists()


def test_no_command_opens_the_window_on_the_chosen_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import iurc_desktop.ui.shell.app as app

    opened: list[str | None] = []
    monkeypatch.setattr(app, "run", lambda url: opened.append(url) or 0)
    url = sqlite_url(tmp_path / "gui.db")
    assert cli.main(["--db", url]) == 0
    assert opened == [url]


# --- the demo programme and programme files ---------------------------------------

DEMO_CODES = {"r2r-japan-2022", "ruggedised-japan-2021"}


def test_demo_twice_gives_the_same_events(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", db_url, "demo")
    assert code == 0, err
    assert "r2r-japan-2022" in out
    first = run(capsys, "--db", db_url, "events", "--json")[1]
    dump_first = run(capsys, "--db", db_url, "dump", "-o", "-")[1]
    assert run(capsys, "--db", db_url, "demo")[0] == 0
    assert run(capsys, "--db", db_url, "events", "--json")[1] == first
    assert run(capsys, "--db", db_url, "dump", "-o", "-")[1] == dump_first


def test_events_json_lists_the_demo_events_with_their_fields(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", db_url, "demo")[0] == 0
    code, out, _ = run(capsys, "--db", db_url, "events", "--json")
    assert code == 0
    rows = {row["code"]: row for row in json.loads(out)}
    assert DEMO_CODES <= set(rows)
    later = [r for r in rows.values() if "2025-01-01" <= r["start"] <= "2027-12-31"]
    assert len(later) >= 2 and {"webinar", "networking"} <= {r["kind"] for r in later}
    for row in rows.values():
        assert {"code", "kind", "title", "start", "end", "zone", "counts"} <= set(row)
        assert set(row["counts"]) == {"participants", "confirmed", "items", "groups"}
    visit = rows["r2r-japan-2022"]
    assert (visit["kind"], visit["zone"], visit["start"]) == ("study_visit", "Asia/Tokyo", "2022-11-20")
    assert visit["counts"]["groups"] == 2 and visit["counts"]["items"] > 0 and visit["counts"]["participants"] > 0


def test_dump_load_dump_through_the_command_line_is_identical(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, target = sqlite_url(tmp_path / "source.db"), sqlite_url(tmp_path / "target.db")
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert run(capsys, "--db", source, "demo")[0] == 0
    assert run(capsys, "--db", source, "dump", "-o", str(first))[0] == 0
    code, out, err = run(capsys, "--db", target, "load", str(first))
    assert code == 0, err
    assert run(capsys, "--db", target, "dump", "-o", str(second))[0] == 0
    assert first.read_bytes() == second.read_bytes()
    assert json.loads(first.read_text(encoding="utf-8"))["format"] == "iurc-programme/1"


def test_dump_of_chosen_events_and_to_standard_output(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", db_url, "demo")[0] == 0
    code, out, _ = run(capsys, "--db", db_url, "dump", "ruggedised-japan-2021", "-o", "-")
    assert code == 0
    assert [e["code"] for e in json.loads(out)["events"]] == ["ruggedised-japan-2021"]


def test_dump_into_a_missing_folder_exits_1(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", db_url, "demo")[0] == 0
    code, _, err = run(capsys, "--db", db_url, "dump", "-o", str(tmp_path / "missing" / "out.json"))
    assert code == 1 and err.startswith("error: ") and "does not exist" in err


def _bad_copy_of_the_demo(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, str]:
    """A dump of the demo with one impossible date deep inside, and the path that names it."""
    data = json.loads(run(capsys, "--db", db_url, "dump", "-o", "-")[1])
    index = next(i for i, e in enumerate(data["events"]) if len(e["items"]) > 3)
    data["events"][index]["items"][3]["start"] = "2022-11-31T09:00"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return bad, f"events[{index}].items[3].start"


def test_load_of_a_file_with_one_bad_value_exits_1_names_it_and_changes_nothing(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", db_url, "demo")[0] == 0
    bad, where = _bad_copy_of_the_demo(db_url, tmp_path, capsys)
    before = run(capsys, "--db", db_url, "dump", "-o", "-")[1]
    code, out, err = run(capsys, "--db", db_url, "load", str(bad), "--replace")
    assert code == 1 and out == ""
    assert err.startswith("error: ") and str(bad) in err and where in err and "2022-11-31" in err
    assert "Traceback" not in err
    assert run(capsys, "--db", db_url, "dump", "-o", "-")[1] == before
    empty = sqlite_url(tmp_path / "empty.db")
    assert run(capsys, "--db", empty, "load", str(bad))[0] == 1
    assert json.loads(run(capsys, "--db", empty, "events", "--json")[1]) == []


def test_load_refuses_existing_codes_unless_replace(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", db_url, "demo")[0] == 0
    copy = tmp_path / "copy.json"
    assert run(capsys, "--db", db_url, "dump", "-o", str(copy))[0] == 0
    code, _, err = run(capsys, "--db", db_url, "load", str(copy))
    assert code == 1 and "--replace" in err and "r2r-japan-2022" in err
    code, out, err = run(capsys, "--db", db_url, "load", str(copy), "--replace")
    assert code == 0, err
    assert "r2r-japan-2022" in out


@pytest.mark.parametrize("content", [None, "not json {", '{"format": "something-else/9"}'], ids=["missing", "not-json", "wrong-format"])
def test_load_of_an_unreadable_file_exits_1_naming_it(content: str | None, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "programme.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "--db", db_url, "load", str(path))
    assert code == 1 and out == ""
    assert err.startswith("error: ") and str(path) in err and "Traceback" not in err


def test_show_of_the_study_visit_in_json_with_a_viewer_zone(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", db_url, "demo")[0] == 0
    code, out, _ = run(capsys, "--db", db_url, "show", "r2r-japan-2022", "--zone", "Europe/Brussels", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["groups"] == ["A", "B"] and data["items"] and data["participants"]
    for item in data["items"]:
        start, viewer = datetime.fromisoformat(item["start"]), datetime.fromisoformat(item["viewer_start"])
        assert start == viewer and start.utcoffset() is not None
        assert item["zone"] == "Asia/Tokyo" and item["start"].endswith("+09:00")
        assert item["viewer_start"].endswith("+01:00")  # November: Brussels on winter time


def test_check_of_the_demo_study_visit_exits_0_with_a_realistic_handful(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", db_url, "demo")[0] == 0
    code, out, err = run(capsys, "--db", db_url, "check", "r2r-japan-2022", "--json")
    assert code == 0, err
    problems = json.loads(out)
    assert 0 < len(problems) < 20
    assert all(p["severity"] in ("error", "warning") and p["message"] for p in problems)
