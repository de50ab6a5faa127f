"""`add|edit|remove item` and `add|edit|remove participant`: the programme file's fields, --json, clean refusals."""

from __future__ import annotations

import json

import pytest

from tests.cli_support import run

pytest_plugins = ("tests.cli_fixtures",)  # demo_file, url

EVENT = "r2r-japan-2022"
ANE = "ane.etxeberria@example.eus"
NEWCOMER = "aoife.byrne@example.ie"  # in the demo, not in the study visit
TEA = ("--key", "tea", "--title", "Tea ceremony", "--start", "2022-11-23T15:00", "--end", "2022-11-23T16:00")


def _dump(capsys: pytest.CaptureFixture[str], url: str) -> str:
    code, out, _ = run(capsys, "--db", url, "dump", EVENT, "-o", "-")
    assert code == 0
    return out


def _show(capsys: pytest.CaptureFixture[str], url: str) -> dict:  # type: ignore[type-arg]
    return json.loads(run(capsys, "--db", url, "show", EVENT, "--json")[1])


def test_add_item_prints_it_as_the_programme_file_writes_it(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", url, "add", "item", EVENT, *TEA, "--kind", "reception", "--place", "Nagoya",
                         "--host", "aichi", "--group", "A", "--person", f"{ANE}:host", "--json")
    assert code == 0, err
    item = json.loads(out)
    assert item["start"] == "2022-11-23T15:00" and item["zone"] == "Asia/Tokyo"  # the event's zone by default
    assert (item["host"], item["groups"], item["kind"]) == ("aichi", ["A"], "reception")
    assert item["people"] == [{"person": ANE, "role": "host"}]
    assert "tea" in {i["key"] for i in _show(capsys, url)["items"]}
    code, out, _ = run(capsys, "--db", url, "add", "item", EVENT, "--key", "tea2", "--title", "More tea",
                       "--start", "2022-11-24T15:00", "--end", "2022-11-24T16:00")
    assert code == 0 and out.startswith("Added item tea2 of r2r-japan-2022: More tea")


def test_edit_item_changes_only_the_fields_given(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", url, "add", "item", EVENT, *TEA, "--group", "A")[0] == 0
    code, out, err = run(capsys, "--db", url, "edit", "item", EVENT, "tea", "--start", "2022-11-23T14:00",
                         "--place", "Kyoto", "--everyone", "--json")
    assert code == 0, err
    item = json.loads(out)
    assert (item["start"], item["end"], item["place"], item["groups"]) == ("2022-11-23T14:00", "2022-11-23T16:00", "Kyoto", [])
    assert item["title"] == "Tea ceremony" and item["sequence"] == 1  # a calendar takes the new time as an update


def test_remove_item_prints_what_it_removed(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", url, "add", "item", EVENT, *TEA)[0] == 0
    code, out, _ = run(capsys, "--db", url, "remove", "item", EVENT, "tea", "--json")
    assert code == 0 and json.loads(out)["key"] == "tea"
    assert "tea" not in {i["key"] for i in _show(capsys, url)["items"]}
    code, _, err = run(capsys, "--db", url, "remove", "item", EVENT, "tea")
    assert code == 1 and "has no item 'tea'" in err


REFUSED = {
    "unknown zone": (("--zone", "Asia/Tokio"), "zone: Asia/Tokio is not a known time zone"),
    "DST gap": (("--zone", "Europe/Brussels", "--start", "2022-03-27T02:30", "--end", "2022-03-27T04:00"),
                "does not exist in Europe/Brussels"),
    "DST fold": (("--zone", "Europe/Brussels", "--start", "2022-10-30T02:30", "--end", "2022-10-30T04:00"),
                 "happens twice in Europe/Brussels"),
    "end before start": (("--end", "2022-11-23T14:00",), "end: 2022-11-23T14:00 is before the start"),
    "unknown host": (("--host", "atlantis",), "host: unknown organisation 'atlantis'"),
    "unknown person": (("--person", "nobody@example.org",), "unknown person 'nobody@example.org'"),
    "unknown group": (("--group", "Z",), "group 'Z' is not declared"),
    "a year early": (("--start", "2021-11-23T15:00", "--end", "2021-11-23T16:00"),
                     "start: 2021-11-23 is before the event's first day"),
    "361 days long": (("--end", "2023-11-19T16:00",), "end: 2023-11-19 is after the event's last day"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_refused_item_exits_1_with_one_message_and_changes_nothing(
        case: str, url: str, capsys: pytest.CaptureFixture[str]) -> None:
    extra, message = REFUSED[case]
    before = _dump(capsys, url)
    args = list(TEA)
    for flag, value in zip(extra[::2], extra[1::2]):  # a later flag replaces the same one in TEA
        if flag in args:
            args[args.index(flag) + 1] = value
        else:
            args += [flag, value]
    code, out, err = run(capsys, "--db", url, "add", "item", EVENT, *args)
    assert code == 1 and out == ""
    assert message in err and "Traceback" not in err
    assert _dump(capsys, url) == before


def test_editing_an_item_outside_the_dates_is_refused(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = _dump(capsys, url)
    code, _, err = run(capsys, "--db", url, "edit", "item", EVENT, "aichi-visit", "--start", "2022-11-19T09:00")
    assert code == 1 and "start: 2022-11-19 is before the event's first day" in err
    assert _dump(capsys, url) == before


def test_add_edit_remove_participant(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", url, "add", "participant", EVENT, NEWCOMER, "--role", "observer",
                         "--group", "B", "--visa-needed", "--json")
    assert code == 0, err
    part = json.loads(out)
    assert (part["person"], part["role"], part["status"], part["group"], part["visa_needed"]) == (
        NEWCOMER, "observer", "invited", "B", True)
    code, out, err = run(capsys, "--db", url, "edit", "participant", EVENT, NEWCOMER, "--status", "confirmed",
                         "--group", "", "--visa-needed", "no", "--visa-status", "n/a", "--notes", "vegan lunch", "--json")
    assert code == 0, err
    part = json.loads(out)
    assert (part["status"], part["group"], part["visa_needed"], part["visa_status"], part["notes"]) == (
        "confirmed", None, False, "n/a", "vegan lunch")
    code, out, _ = run(capsys, "--db", url, "remove", "participant", EVENT, NEWCOMER)
    assert code == 0 and out.startswith(f"Removed {NEWCOMER} from {EVENT}")
    assert NEWCOMER not in {p["email"] for p in _show(capsys, url)["participants"]}


@pytest.mark.parametrize(("args", "message"), [
    (("add", "participant", EVENT, "nobody@example.org"), "person: unknown person 'nobody@example.org' (no person in the database has this e-mail)"),
    (("add", "participant", EVENT, ANE), f"person: {ANE} is already a participant"),
    (("add", "participant", EVENT, NEWCOMER, "--group", "Z"), "group: group 'Z' is not declared"),
    (("add", "participant", EVENT, NEWCOMER, "--role", "boss"), "role: 'boss' is not one of"),
    (("edit", "participant", EVENT, ANE, "--status", "invited"), "cannot go from confirmed to invited"),
    (("edit", "participant", EVENT, NEWCOMER, "--role", "host"), f"{NEWCOMER} is not a participant"),
    (("remove", "participant", EVENT, "nobody@example.org"), "is not a participant"),
], ids=["unknown person", "twice", "unknown group", "bad role", "forbidden move", "not in it", "remove unknown"])
def test_a_refused_participant_exits_1_and_changes_nothing(
        args: tuple[str, ...], message: str, url: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = _dump(capsys, url)
    code, out, err = run(capsys, "--db", url, *args)
    assert code == 1 and out == "" and message in err
    assert _dump(capsys, url) == before
