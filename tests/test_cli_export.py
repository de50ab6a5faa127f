"""`export ics|mail|feed|roster|report` on the command line: files written, invites recorded as sent, failures plain."""

from __future__ import annotations

import csv
import email
import json
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from icalendar import Calendar

from tests.cli_support import run

pytest_plugins = ("tests.cli_fixtures",)  # demo_file, url

EVENT = "networking-seoul-2026"
VISIT = "r2r-japan-2022"


def _items(url: str) -> dict[str, tuple[str, int, int | None]]:
    """Item key -> (status, sequence, sent_sequence) of the networking event."""
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        rows = conn.execute(
            "SELECT i.key, i.status, i.sequence, i.sent_sequence FROM items i JOIN events e ON e.id = i.event_id WHERE e.code = ?", (EVENT,)
        ).fetchall()
    return {key: (status, seq, sent) for key, status, seq, sent in rows}


def _calendar(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def _todo_changed(url: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    code, out, _ = run(capsys, "--db", url, "todo", "--today", "2026-10-01", "--json")
    assert code == 0
    return [e["key"] for e in json.loads(out) if e["rule"] == "invite_changed"]


# --- invites and cancellations ------------------------------------------------------


def test_export_ics_writes_a_request_and_records_it_as_sent(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "invite.ics"
    code, out, err = run(capsys, "--db", url, "export", "ics", EVENT, "-o", str(out_file))
    assert code == 0, err
    cal = _calendar(out_file)
    assert cal["method"] == "REQUEST"
    items = _items(url)
    assert len(cal.walk("VEVENT")) == len(items) > 1 and all(e.get("attendee") for e in cal.walk("VEVENT"))
    assert all(sent == seq for _status, seq, sent in items.values())
    assert f"{len(items)} items" in out


def test_an_item_changed_after_its_invite_is_a_todo_until_re_exported(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", url, "export", "ics", EVENT, "--item", "lunch", "-o", str(tmp_path / "a.ics"))[0] == 0
    assert _todo_changed(url, capsys) == []
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        conn.execute("UPDATE items SET sequence = sequence + 1, place = 'elsewhere' WHERE key = 'lunch'")
    assert _todo_changed(url, capsys) == ["lunch"]
    assert run(capsys, "--db", url, "export", "ics", EVENT, "--item", "lunch", "-o", str(tmp_path / "b.ics"))[0] == 0
    assert _todo_changed(url, capsys) == []
    assert _items(url)["opening"][2] is None  # only the exported item counts as sent


def test_cancel_item_stores_the_cancellation_and_writes_cancel(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "cancel.ics"
    code, out, err = run(capsys, "--db", url, "export", "ics", EVENT, "--cancel", "lunch", "-o", str(out_file))
    assert code == 0, err
    entry = _calendar(out_file).walk("VEVENT")[0]
    assert _calendar(out_file)["method"] == "CANCEL" and entry["status"] == "CANCELLED" and entry["sequence"] == 1
    assert _items(url)["lunch"] == ("cancelled", 1, 1)
    assert _items(url)["opening"][0] == "scheduled"
    assert "Cancelled the item lunch" in out


def test_cancel_without_item_cancels_the_whole_event(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "cancel-all.ics"
    code, _, err = run(capsys, "--db", url, "export", "ics", EVENT, "--cancel", "-o", str(out_file))
    assert code == 0, err
    assert len(_calendar(out_file).walk("VEVENT")) == len(_items(url))
    assert {status for status, _seq, _sent in _items(url).values()} == {"cancelled"}
    code, out, _ = run(capsys, "--db", url, "events", "--json")
    assert {e["code"]: e["status"] for e in json.loads(out)}[EVENT] == "cancelled"


def test_unknown_item_fails_and_leaves_no_file_and_no_change(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "x.ics"
    code, _, err = run(capsys, "--db", url, "export", "ics", EVENT, "--cancel", "nope", "-o", str(out_file))
    assert code == 1 and "nope" in err
    assert not out_file.exists()
    assert {status for status, _s, _t in _items(url).values()} == {"scheduled"}


def test_a_failing_record_removes_the_written_file(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from iurc_desktop.core import db as core_db

    out_file = tmp_path / "invite.ics"
    real_commit = core_db.Session.commit

    def failing_commit(self: object) -> None:
        raise core_db.DatabaseError("The database is locked by another program; try again.")

    monkeypatch.setattr(core_db.Session, "commit", failing_commit)
    code, _, err = run(capsys, "--db", url, "export", "ics", EVENT, "-o", str(out_file))
    monkeypatch.setattr(core_db.Session, "commit", real_commit)
    assert code == 1 and "locked" in err
    assert not out_file.exists()
    assert all(sent is None for _status, _seq, sent in _items(url).values())


@pytest.mark.parametrize("argv", [("ics", EVENT), ("roster", VISIT, "--kind", "rooming")])
def test_a_failing_write_names_the_file_asked_for_and_records_nothing(argv: tuple[str, ...], url: str, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from iurc_desktop.core import output_files as output_file

    def disk_full(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output_file.os, "replace", disk_full)
    out_file = tmp_path / ("out.ics" if argv[0] == "ics" else "out.xlsx")
    code, _, err = run(capsys, "--db", url, "export", *argv, "-o", str(out_file))
    assert code == 1 and err == (f"error: The disk is full: free space on {tmp_path} and try again. "
                                 f"Nothing was written to {out_file}.\n")
    assert list(tmp_path.glob("*out*")) == []
    assert all(sent is None for _status, _seq, sent in _items(url).values())


def test_per_item_invites_go_into_a_folder(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "invites"
    code, out, err = run(capsys, "--db", url, "export", "ics", EVENT, "--per-item", "-o", str(folder))
    assert code == 0, err
    files = sorted(folder.glob("*.ics"))
    assert len(files) == len(_items(url)) and all(len(_calendar(f).walk("VEVENT")) == 1 for f in files)


def test_group_itinerary_is_published_without_attendees(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "group-a.ics"
    code, _, err = run(capsys, "--db", url, "export", "ics", VISIT, "--group", "A", "-o", str(out_file))
    assert code == 0, err
    cal = _calendar(out_file)
    assert cal["method"] == "PUBLISH" and not any(e.get("attendee") for e in cal.walk("VEVENT"))
    titles = [str(e["summary"]) for e in cal.walk("VEVENT")]
    assert "Aichi Science & Technology Foundation" in titles and "Osaka Innovation Hub" not in titles


def test_itinerary_options_do_not_mix_with_cancel(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", url, "export", "ics", VISIT, "--group", "A", "--cancel", "-o", str(tmp_path / "x.ics"))
    assert code == 1 and "itinerary" in err
    code, _, err = run(capsys, "--db", url, "export", "ics", VISIT, "--person", "nobody@example.eu", "-o", str(tmp_path / "x.ics"))
    assert code == 1 and "nobody@example.eu" in err
    assert not (tmp_path / "x.ics").exists()


def test_feed_publishes_every_event(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "feed.ics"
    assert run(capsys, "--db", url, "export", "feed", "-o", str(out_file))[0] == 0
    cal = _calendar(out_file)
    assert cal["method"] == "PUBLISH" and len(cal.walk("VEVENT")) >= 40


def test_output_in_a_missing_folder_is_a_plain_error(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", url, "export", "feed", "-o", str(tmp_path / "missing" / "feed.ics"))
    assert code == 1 and "does not exist" in err


# --- e-mails -------------------------------------------------------------------------------


def test_mail_writes_one_message_per_recipient_and_records_sent(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "mail"
    code, out, err = run(capsys, "--db", url, "export", "mail", EVENT, "--item", "opening", "-o", str(folder))
    assert code == 0, err
    files = sorted(folder.glob("*.eml"))
    assert len(files) > 1 and f"Wrote {len(files)} invitation e-mails" in out
    message = email.message_from_bytes(files[0].read_bytes())
    parts = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert parts and parts[0].get_param("method") == "REQUEST"
    assert _items(url)["opening"][2] == 0 and _items(url)["lunch"][2] is None


def test_mail_cancel_cancels_the_item_and_writes_cancellations(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "mail"
    code, out, err = run(capsys, "--db", url, "export", "mail", EVENT, "--item", "lunch", "--cancel", "--one-message", "-o", str(folder))
    assert code == 0, err
    (only,) = folder.glob("*.eml")
    part = next(p for p in email.message_from_bytes(only.read_bytes()).walk() if p.get_content_type() == "text/calendar")
    assert part.get_param("method") == "CANCEL"
    assert _items(url)["lunch"] == ("cancelled", 1, 1)


def _nobody_takes_part(url: str) -> None:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        conn.execute("UPDATE participations SET status = 'declined' WHERE event_id = (SELECT id FROM events WHERE code = ?)", (EVENT,))
        conn.execute("DELETE FROM item_people WHERE item_id IN (SELECT i.id FROM items i JOIN events e ON e.id = i.event_id WHERE e.code = ?)", (EVENT,))


def test_mail_and_invites_with_nobody_to_write_to_exit_1_and_write_nothing(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _nobody_takes_part(url)
    folder = tmp_path / "mail"
    for extra in ((), ("--one-message",)):
        code, _, err = run(capsys, "--db", url, "export", "mail", EVENT, *extra, "-o", str(folder))
        assert code == 1 and "Nobody active is invited" in err, err
    code, _, err = run(capsys, "--db", url, "export", "ics", EVENT, "--item", "lunch", "-o", str(tmp_path / "lunch.ics"))
    assert code == 1 and "Nobody is invited to" in err and "Traceback" not in err
    assert not folder.exists() or not any(folder.iterdir())
    assert not (tmp_path / "lunch.ics").exists()
    assert all(sent is None for _status, _seq, sent in _items(url).values())  # nothing recorded as sent


def test_feed_of_an_event_without_organiser_needs_one_given(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        conn.execute("UPDATE events SET organiser_name = '', organiser_email = '' WHERE code = ?", (EVENT,))
    out_file = tmp_path / "feed.ics"
    code, _, err = run(capsys, "--db", url, "export", "feed", "-o", str(out_file))
    assert code == 1 and EVENT in err and "--organiser-email" in err and not out_file.exists()
    code, _, err = run(capsys, "--db", url, "export", "feed", "--organiser-email", "not-an-address", "-o", str(out_file))
    assert code == 1 and "organiser_email" in err and not out_file.exists()
    code, _, err = run(capsys, "--db", url, "export", "feed", "--organiser-name", "Team", "-o", str(out_file))
    assert code == 1 and "--organiser-name needs --organiser-email" in err and not out_file.exists()
    code, _, err = run(capsys, "--db", url, "export", "feed", "--organiser-name", "Team", "--organiser-email", "team@example.eu",
                       "-o", str(out_file))
    assert code == 0, err
    organizers = {str(e["ORGANIZER"]) for e in _calendar(out_file).walk("VEVENT")}
    assert {"mailto:team@example.eu", "mailto:info-aa@example.eu"} <= organizers


# --- rosters and the report ---------------------------------------------------------------


def test_host_roster_xlsx_lists_group_a_without_sensitive_columns(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "host.xlsx"
    code, out, err = run(capsys, "--db", url, "export", "roster", VISIT, "--kind", "host", "--item", "aichi-visit", "-o", str(out_file))
    assert code == 0, err
    rows = list(openpyxl.load_workbook(out_file).active.iter_rows(values_only=True))
    header = next(r for r in rows if r and r[0] == "Name")
    assert "E-mail" not in header and "Passport expiry" not in header
    assert "Ane Etxeberria" in [r[0] for r in rows]
    assert "host roster" in out


def test_participants_csv_with_chosen_columns_needs_consent_for_email(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "people.csv"
    code, _, err = run(capsys, "--db", url, "export", "roster", VISIT, "--kind", "participants", "--columns", "name,email", "-o", str(out_file))
    assert code == 1 and "email is sensitive" in err and "--include-sensitive" in err
    assert "include_sensitive" not in err  # the option's name, never the code's
    assert not out_file.exists()
    code, out, err = run(capsys, "--db", url, "export", "roster", VISIT, "--kind", "participants", "--columns", "name", "email",
                         "--include-sensitive", "-o", str(out_file))
    assert code == 0, err
    rows = list(csv.reader(out_file.read_text(encoding="utf-8-sig").splitlines()))
    assert ["Name", "E-mail"] in rows and "E-mail" not in out
    assert "Personal data in this file: E-mail (e-mail address; included as you confirmed the recipient needs it)." in err


@pytest.mark.parametrize(("kind", "said"), [
    ("arrivals", "Personal data in this file: Phone (phone number; the driver calls when a flight is late)."),
    ("host", "Personal data in this file: Dietary needs (health-related; the host plans the meals for them), "
             "Accessibility needs (health-related; the host plans access to the site for them)."),
    ("rooming", "Personal data in this file: none beyond names and organisations."),
    ("needs", "Personal data in this file: none: each item's needs are counted, with no names."),
])
def test_each_roster_says_which_personal_columns_go_out_by_default_and_why(
        kind: str, said: str, url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / f"{kind}.csv"
    code, out, err = run(capsys, "--db", url, "export", "roster", VISIT, "--kind", kind, "--item", "aichi-visit", "-o", str(out_file))
    assert code == 0, err
    assert said in err and "Personal data" not in out


def test_roster_json_lists_the_personal_columns_with_why(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", url, "export", "roster", VISIT, "--kind", "arrivals", "--json", "-o", str(tmp_path / "a.xlsx"))
    assert code == 0
    reply = json.loads(out)
    assert reply["personal_data"] == [{"column": "phone", "header": "Phone", "what": "phone number",
                                       "why": "the driver calls when a flight is late"}]
    assert "Phone" in reply["columns"] and reply["rows"] >= 0


def test_list_columns_shows_defaults_and_sensitivity(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", url, "export", "roster", VISIT, "--kind", "participants", "--list-columns")
    assert code == 0
    line = next(l for l in out.splitlines() if l.startswith("passport_expiry"))
    assert "passport data (sensitive: only with --include-sensitive)" in line
    code, out, _ = run(capsys, "--db", url, "export", "roster", VISIT, "--kind", "host", "--list-columns")
    line = next(l for l in out.splitlines() if l.startswith("dietary"))
    assert "yes" in line and "health-related (dietary needs): the host plans the meals for them" in line


def test_roster_errors_are_plain(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", url, "export", "roster", VISIT, "--kind", "rooming", "-o", str(tmp_path / "r.txt"))
    assert code == 1 and ".xlsx or .csv" in err
    code, _, err = run(capsys, "--db", url, "export", "roster", VISIT, "--kind", "rooming")
    assert code == 1 and "-o FILE" in err
    code, _, err = run(capsys, "--db", url, "export", "roster", "nope", "--kind", "rooming", "-o", str(tmp_path / "r.xlsx"))
    assert code == 1 and "nope" in err


def test_report_writes_the_workbook_and_prints_targets(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "report.xlsx"
    code, out, err = run(capsys, "--db", url, "export", "report", "-o", str(out_file), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert "Targets" in openpyxl.load_workbook(out_file).sheetnames
    assert {t["category"]: t["target"] for t in data["targets"]} == {"cities": 60, "regions": 28}
    code, _, err = run(capsys, "--db", url, "export", "report", "-o", str(tmp_path / "report.csv"))
    assert code == 1 and ".xlsx" in err


def test_load_replace_of_a_changed_file_raises_sequence_only_for_changed_items(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", url, "export", "ics", EVENT, "-o", str(tmp_path / "sent.ics"))[0] == 0
    programme = tmp_path / "seoul.json"
    assert run(capsys, "--db", url, "dump", EVENT, "-o", str(programme))[0] == 0
    data = json.loads(programme.read_text(encoding="utf-8"))
    next(i for i in data["events"][0]["items"] if i["key"] == "lunch")["place"] = "Deoksugung, Seoul"
    programme.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert run(capsys, "--db", url, "load", str(programme), "--replace")[0] == 0
    assert {k: seq for k, (_status, seq, _sent) in _items(url).items() if seq} == {"lunch": 1}
    assert _todo_changed(url, capsys) == ["lunch"]
