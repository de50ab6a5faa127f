"""`remove participant|group|person` say what went with the record; a cancelled event takes nothing new."""

from __future__ import annotations

import json

import pytest

from tests.cli_support import run

pytest_plugins = ("tests.cli_fixtures",)  # demo_file, url

EVENT = "r2r-japan-2022"
IKER = "iker.zubizarreta@example.eus"  # 4 legs, 4 twin stays shared with Julien
JULIEN = "julien.moreau@example.fr"


def _show(capsys: pytest.CaptureFixture[str], url: str) -> dict:  # type: ignore[type-arg]
    return json.loads(run(capsys, "--db", url, "show", EVENT, "--json")[1])


def _dump(capsys: pytest.CaptureFixture[str], url: str) -> str:
    code, out, _ = run(capsys, "--db", url, "dump", EVENT, "-o", "-")
    assert code == 0
    return out


def test_remove_participant_takes_their_legs_and_stays(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", url, "remove", "participant", EVENT, IKER)
    assert code == 0, err
    assert out.startswith(f"Removed {IKER} from {EVENT} with 4 legs and 4 stays (4 room-mate links cleared):")
    shown = _show(capsys, url)
    assert IKER not in {leg["person"] for leg in shown["travel"]}
    assert IKER not in {stay["person"] for stay in shown["stays"]} | {stay["shares_with"] for stay in shown["stays"]}
    assert JULIEN in {stay["person"] for stay in shown["stays"]}  # the room-mate keeps their own room


def test_remove_group_refuses_a_group_with_items_of_its_own(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = _dump(capsys, url)
    code, out, err = run(capsys, "--db", url, "remove", "group", EVENT, "A")
    assert code == 1 and out == ""
    assert "shinkansen-nagoya" in err and "are for group A only: give them to another group or remove them first." in err
    assert _dump(capsys, url) == before


def test_remove_group_counts_its_members(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", url, "add", "group", EVENT, "C")[0] == 0
    code, out, _ = run(capsys, "--db", url, "remove", "group", EVENT, "C")
    assert code == 0 and out.strip() == f"Removed group C of {EVENT}; it had no members."


def test_remove_person_counts_only_their_own_stays(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", url, "remove", "person", IKER)
    assert code == 0 and "4 hotel stays and 1 item assignment (4 room-mate links cleared)." in out


def test_check_warns_of_a_stay_a_year_off(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", url, "add", "stay", EVENT, "--person", JULIEN, "--hotel", "Hotel X",
               "--check-in", "2021-11-20", "--check-out", "2021-11-21")[0] == 0
    code, out, _ = run(capsys, "--db", url, "check", EVENT, "--json")
    (found,) = [p for p in json.loads(out) if p["kind"] == "stay_outside_dates"]
    assert found["people"] == [JULIEN] and "Hotel X" in found["message"]


@pytest.mark.parametrize("args", [
    ("add", "participant", EVENT, "aoife.byrne@example.ie"),
    ("add", "item", EVENT, "--key", "tea", "--title", "Tea", "--start", "2022-11-23T15:00", "--end", "2022-11-23T16:00"),
], ids=["participant", "item"])
def test_a_cancelled_event_refuses_additions(args: tuple[str, ...], url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", url, "cancel", EVENT)[0] == 0
    before = _dump(capsys, url)
    code, out, err = run(capsys, "--db", url, *args)
    assert code == 1 and out == ""
    assert f"{EVENT} is cancelled: reinstate it first (edit event {EVENT} --status planned)." in err
    assert _dump(capsys, url) == before
