"""`add|edit|remove event|group` and `cancel` on the command line: the programme file's rules, nothing half-done."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.cli_support import run

pytest_plugins = ("tests.cli_fixtures",)  # demo_file, url

NEW = ("add", "event", "--code", "r2r-test-2027", "--kind", "study_visit", "--title", "Test visit",
       "--zone", "Asia/Tokyo", "--start", "2027-11-08", "--end", "2027-11-12")


def _dump(url: str, capsys: pytest.CaptureFixture[str]) -> str:
    code, out, _ = run(capsys, "--db", url, "dump", "-o", "-")
    assert code == 0
    return hashlib.sha256(out.encode()).hexdigest()


def test_add_event_prints_the_record_as_stored(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", url, *NEW, "--capacity", "12", "--theme", "innovation",
                       "--organiser-name", "IURC team", "--organiser-email", "team@example.eu",
                       "--group", "A", "--group", "B", "--json")
    assert code == 0
    record = json.loads(out)
    assert record["code"] == "r2r-test-2027" and record["capacity"] == 12 and record["groups"] == ["A", "B"]
    assert record["organiser"] == {"name": "IURC team", "email": "team@example.eu"}
    code, out, _ = run(capsys, "--db", url, "events", "--json")
    assert "r2r-test-2027" in {e["code"] for e in json.loads(out)}


@pytest.mark.parametrize(("change", "message"), [
    (("--zone", "Europe"), "zone: Europe is a region, not a time zone"),
    (("--zone", "Mars/Olympus"), "zone:"),
    (("--end", "2027-11-01"), "end: 2027-11-01 is before the start 2027-11-08"),
    (("--organiser-email", "info@@example"), "--organiser-email: info@@example is not an e-mail address"),
    (("--kind", "party"), "kind: 'party' is not one of"),
    (("--start", "2027-02-30"), "start:"),
])
def test_add_event_refuses_bad_values_and_changes_nothing(url: str, capsys: pytest.CaptureFixture[str],
                                                          change: tuple[str, str], message: str) -> None:
    before = _dump(url, capsys)
    args = list(NEW)
    flag = args.index(change[0]) if change[0] in args else None
    if flag is None:
        args += list(change)
    else:
        args[flag + 1] = change[1]
    code, out, err = run(capsys, "--db", url, *args)
    assert code == 1 and out == ""
    assert err.startswith("error: ") and message in err
    assert "Traceback" not in err
    assert _dump(url, capsys) == before


def test_add_event_refuses_a_code_in_use(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = list(NEW)
    args[args.index("--code") + 1] = "r2r-japan-2022"
    code, _, err = run(capsys, "--db", url, *args)
    assert code == 1 and "code: another event already has the code 'r2r-japan-2022'" in err


def test_edit_event_changes_fields_and_keeps_the_event_under_a_new_code(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, before, _ = run(capsys, "--db", url, "show", "r2r-japan-2022", "--json")
    code, out, _ = run(capsys, "--db", url, "edit", "event", "r2r-japan-2022", "--code", "r2r-japan-22",
                       "--title", "Renamed visit", "--capacity", "30", "--organiser-name", "Someone", "--json")
    assert code == 0
    record = json.loads(out)
    assert (record["code"], record["title"], record["capacity"]) == ("r2r-japan-22", "Renamed visit", 30)
    assert record["organiser"]["name"] == "Someone" and record["organiser"]["email"]  # the e-mail is kept
    _, after, _ = run(capsys, "--db", url, "show", "r2r-japan-22", "--json")
    old, new = json.loads(before), json.loads(after)
    assert [i["start"] for i in old["items"]] == [i["start"] for i in new["items"]]  # the items stayed
    assert len(old["participants"]) == len(new["participants"])


def test_edit_event_zone_keeps_item_instants(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, before, _ = run(capsys, "--db", url, "dump", "r2r-japan-2022", "-o", "-")
    assert run(capsys, "--db", url, "edit", "event", "r2r-japan-2022", "--zone", "Europe/Brussels")[0] == 0
    _, after, _ = run(capsys, "--db", url, "dump", "r2r-japan-2022", "-o", "-")
    old, new = json.loads(before)["events"][0], json.loads(after)["events"][0]
    assert new["zone"] == "Europe/Brussels"
    assert [(i["start"], i["zone"]) for i in old["items"]] == [(i["start"], i["zone"]) for i in new["items"]]


def test_edit_event_refused_changes_nothing(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = _dump(url, capsys)
    code, _, err = run(capsys, "--db", url, "edit", "event", "r2r-japan-2022", "--title", "Fine", "--end", "2022-01-01")
    assert code == 1 and "end: 2022-01-01 is before the start 2022-11-20" in err
    code, _, err = run(capsys, "--db", url, "edit", "event", "r2r-japan-2022", "--code", "r2r-korea-2027")
    assert code == 1 and "another event already has the code" in err
    code, _, err = run(capsys, "--db", url, "edit", "event", "no-such-event", "--title", "X")
    assert code == 1 and "no event with the code 'no-such-event'" in err
    assert _dump(url, capsys) == before


def test_remove_event(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", url, "remove", "event", "r2r-japan-2022", "--json")
    assert code == 0 and json.loads(out)["code"] == "r2r-japan-2022"
    code, _, err = run(capsys, "--db", url, "show", "r2r-japan-2022")
    assert code == 1 and "no event with the code" in err


def test_groups_add_rename_remove(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", url, "add", "group", "r2r-japan-2022", "C", "--json")
    assert code == 0 and json.loads(out) == {"event": "r2r-japan-2022", "name": "C"}
    code, out, _ = run(capsys, "--db", url, "edit", "group", "r2r-japan-2022", "A", "--name", "Aichi")
    assert code == 0 and "Renamed group A of r2r-japan-2022 to Aichi" in out
    _, shown, _ = run(capsys, "--db", url, "show", "r2r-japan-2022", "--group", "Aichi", "--json")
    assert len(json.loads(shown)["people"]) == 8  # the members followed the group
    code, out, _ = run(capsys, "--db", url, "remove", "group", "r2r-japan-2022", "C")
    assert code == 0 and "Removed group C" in out
    _, dumped, _ = run(capsys, "--db", url, "dump", "r2r-japan-2022", "-o", "-")
    assert json.loads(dumped)["events"][0]["groups"] == ["Aichi", "B"]


def test_groups_refused_change_nothing(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = _dump(url, capsys)
    code, _, err = run(capsys, "--db", url, "add", "group", "r2r-japan-2022", "A")
    assert code == 1 and "already has a group 'A'" in err
    code, _, err = run(capsys, "--db", url, "add", "group", "r2r-japan-2022", " ")
    assert code == 1 and "name: a group needs a name" in err
    code, _, err = run(capsys, "--db", url, "edit", "group", "r2r-japan-2022", "Z", "--name", "Y")
    assert code == 1 and "has no group 'Z'" in err
    code, _, err = run(capsys, "--db", url, "remove", "group", "r2r-japan-2022", "Z")
    assert code == 1
    assert _dump(url, capsys) == before


def test_cancel_an_item_and_the_event(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", url, "cancel", "r2r-japan-2022", "--item", "aichi-visit", "--json")
    assert code == 0 and json.loads(out) == {"event": "r2r-japan-2022", "items": ["aichi-visit"], "event_cancelled": False}
    code, out, _ = run(capsys, "--db", url, "cancel", "r2r-japan-2022")
    assert code == 0 and "Cancelled the event r2r-japan-2022 and 24 items" in out
    _, dumped, _ = run(capsys, "--db", url, "dump", "r2r-japan-2022", "-o", "-")
    event = json.loads(dumped)["events"][0]
    assert event["status"] == "cancelled" and all(i["status"] == "cancelled" for i in event["items"])
    assert all(i["sequence"] >= 1 for i in event["items"])  # calendars take the CANCEL as news
    code, _, err = run(capsys, "--db", url, "cancel", "r2r-japan-2022")
    assert code == 1 and "already cancelled" in err


def test_duplicate_warns_about_a_weekend_on_stderr(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", url, "duplicate", "r2r-japan-2022", "--code", "r2r-japan-2023", "--start", "2023-11-20")
    assert code == 0 and "Created r2r-japan-2023" in out
    assert "warning: r2r-japan-2023 has 5 sessions on a weekend" in err and "final-meeting (Sat 25 Nov 2023)" in err
    code, _, err = run(capsys, "--db", url, "duplicate", "r2r-japan-2022", "--code", "r2r-japan-2024", "--start", "2024-11-17")
    assert code == 0 and "weekend" not in err


def test_built_by_commands_dumps_and_loads_identically(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", url, *NEW, "--group", "A")[0] == 0
    assert run(capsys, "--db", url, "add", "group", "r2r-test-2027", "B")[0] == 0
    first = tmp_path / "first.json"
    assert run(capsys, "--db", url, "dump", "r2r-test-2027", "-o", str(first))[0] == 0
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    assert run(capsys, "--db", empty, "load", str(first))[0] == 0
    second = tmp_path / "second.json"
    assert run(capsys, "--db", empty, "dump", "r2r-test-2027", "-o", str(second))[0] == 0
    assert first.read_text() == second.read_text()


def test_host_region_on_add_and_edit(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", url, *NEW, "--host", "aichi", "--json")
    assert code == 0 and json.loads(out)["host"] == "aichi"
    code, _, err = run(capsys, "--db", url, "edit", "event", "r2r-test-2027", "--host", "nowhere")
    assert code == 1 and "host: unknown organisation 'nowhere'" in err
    code, out, _ = run(capsys, "--db", url, "edit", "event", "r2r-test-2027", "--host", "", "--json")
    assert code == 0 and "host" not in json.loads(out)


def test_a_webinars_zones_are_stored_dumped_loaded_and_a_bad_one_refused(url: str, capsys: pytest.CaptureFixture[str],
                                                                        tmp_path: Path) -> None:
    webinar = ("add", "event", "--code", "web-zones-2027", "--kind", "webinar", "--title", "Zones", "--zone",
               "Europe/Brussels", "--start", "2027-04-01", "--end", "2027-04-01")
    code, out, _ = run(capsys, "--db", url, *webinar, "--zones", "Asia/Tokyo, Pacific/Auckland Europe/Brussels", "--json")
    assert code == 0 and json.loads(out)["zones"] == ["Asia/Tokyo", "Pacific/Auckland"]  # its own zone is not repeated
    before = _dump(url, capsys)
    code, _, err = run(capsys, "--db", url, "edit", "event", "web-zones-2027", "--zones", "Asia/Tokyo Mars/Base")
    assert code == 1 and "zones[1]: Mars/Base is not a known time zone" in err and _dump(url, capsys) == before
    dumped = tmp_path / "dumped.json"
    assert run(capsys, "--db", url, "dump", "web-zones-2027", "-o", str(dumped))[0] == 0
    [event] = json.loads(dumped.read_text(encoding="utf-8"))["events"]
    assert event["zones"] == ["Asia/Tokyo", "Pacific/Auckland"]
    fresh = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert run(capsys, "--db", fresh, "load", str(dumped))[0] == 0
    code, out, _ = run(capsys, "--db", fresh, "dump", "web-zones-2027", "-o", "-")
    assert code == 0 and json.loads(out)["events"][0]["zones"] == ["Asia/Tokyo", "Pacific/Auckland"]
    code, out, _ = run(capsys, "--db", url, "edit", "event", "web-zones-2027", "--zones", "", "--json")
    assert code == 0 and "zones" not in json.loads(out)
