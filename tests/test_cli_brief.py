"""The issue's brief, done by commands alone: a new study visit built record by record, checked, and dumped.

`dump` of an event built by commands loads into an empty database and dumps identically: the commands store
nothing the programme file cannot carry.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli_support import run

pytest_plugins = ("tests.cli_fixtures",)

CODE = "jp-visit-2027"
ANNA, BEN, CHLOE = "anna.peeters@vlaanderen.example", "ben.dubois@wallonie.example", "chloe.martin@grandest.example"


def _ok(capsys: pytest.CaptureFixture[str], url: str, *argv: str) -> dict | list:
    code, out, err = run(capsys, "--db", url, *argv, "--json")
    assert code == 0, f"{' '.join(argv)} failed: {err}"
    return json.loads(out)


def build_visit(capsys: pytest.CaptureFixture[str], url: str) -> None:
    """Two host prefectures, two groups, three delegates with needs, an overnight flight and a shared room."""
    for key, name, local, kind, cc, zone in (
        ("osaka-pref", "Osaka Prefecture", "大阪府", "prefecture", "JP", "Asia/Tokyo"),
        ("kyoto-pref", "Kyoto Prefecture", "京都府", "prefecture", "JP", "Asia/Tokyo"),
        ("flanders", "Flanders", "Vlaanderen", "region", "BE", "Europe/Brussels"),
    ):
        _ok(capsys, url, "add", "organisation", "--key", key, "--name", name, "--local-name", local,
            "--kind", kind, "--country", cc, "--zone", zone, "--sector", "government")
    people = (
        (ANNA, "Anna", "Peeters", "2027-06-30", "vegetarian", ""),
        (BEN, "Ben", "Dubois", "2031-01-31", "", "step-free access"),
        (CHLOE, "Chloé", "Martin", "2030-05-01", "no pork", ""),
    )
    for email, given, family, passport, dietary, access in people:
        _ok(capsys, url, "add", "person", "--given", given, "--family", family, "--email", email,
            "--organisation", "flanders", "--nationality", "BE", "--passport-expiry", passport,
            "--dietary", dietary, "--accessibility", access)
    _ok(capsys, url, "add", "event", "--code", CODE, "--kind", "study_visit", "--title", "Kansai study visit",
        "--zone", "Asia/Tokyo", "--start", "2027-04-12", "--end", "2027-04-16", "--capacity", "20")
    for group in ("A", "B"):
        _ok(capsys, url, "add", "group", CODE, group)
    for email, group in ((ANNA, "A"), (BEN, "A"), (CHLOE, "B")):
        _ok(capsys, url, "add", "participant", CODE, email, "--role", "delegate", "--group", group,
            "--status", "confirmed")
    _ok(capsys, url, "add", "item", CODE, "--key", "osaka-meeting", "--title", "Meeting at Osaka Prefecture",
        "--start", "2027-04-13T10:00", "--end", "2027-04-13T12:00", "--kind", "site_visit", "--place", "Osaka",
        "--host", "osaka-pref", "--group", "A")
    _ok(capsys, url, "add", "item", CODE, "--key", "kyoto-meeting", "--title", "Meeting at Kyoto Prefecture",
        "--start", "2027-04-13T14:00", "--end", "2027-04-13T16:00", "--kind", "site_visit", "--place", "Kyoto",
        "--host", "kyoto-pref", "--group", "B")
    _ok(capsys, url, "add", "leg", CODE, "--person", ANNA, "--from", "BRU", "--depart", "2027-04-11T19:00",
        "--to", "NRT", "--arrive", "2027-04-12T15:30", "--carrier", "NH", "--number", "232")
    _ok(capsys, url, "add", "stay", CODE, "--person", ANNA, "--hotel", "Hotel Osaka", "--check-in", "2027-04-12",
        "--check-out", "2027-04-16", "--room", "twin", "--shares-with", BEN)


def test_a_study_visit_built_by_commands_is_checked_for_what_is_missing(
    capsys: pytest.CaptureFixture[str], url: str
) -> None:
    build_visit(capsys, url)
    problems = _ok(capsys, url, "check", CODE)
    text = json.dumps(problems, ensure_ascii=False)
    assert "no arrival booked" in text  # Ben and Chloé have no flight yet
    assert "Anna Peeters" in text and "passport" in text  # expires within six months of the end


def test_dump_of_an_event_built_by_commands_loads_into_an_empty_database_and_dumps_identically(
    capsys: pytest.CaptureFixture[str], url: str, tmp_path: Path
) -> None:
    build_visit(capsys, url)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert run(capsys, "--db", url, "dump", CODE, "-o", str(first))[0] == 0
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    assert run(capsys, "--db", empty, "init")[0] == 0
    code, _, err = run(capsys, "--db", empty, "load", str(first))
    assert code == 0, err
    assert run(capsys, "--db", empty, "dump", CODE, "-o", str(second))[0] == 0
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    dumped = json.loads(first.read_text(encoding="utf-8"))
    event = dumped["events"][0]
    assert [g for g in event["groups"]] == ["A", "B"]
    assert {i["host"] for i in event["items"]} == {"osaka-pref", "kyoto-pref"}
    assert event["stays"][0]["shares_with"]
