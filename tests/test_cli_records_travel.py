"""`add|edit|remove leg|stay` on the command line: the programme file's fields, airports' zones, ids from `show --json`."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.cli_support import run

pytest_plugins = ("tests.cli_fixtures",)  # demo_file, url

EVENT = "r2r-japan-2022"
ANE, LAIA = "ane.etxeberria@example.eus", "laia.ferrer@example.es"
OVERNIGHT = ("--person", ANE, "--from", "bru", "--depart", "2022-11-18T21:05", "--to", "NRT", "--arrive", "2022-11-19T17:10")


def _rows(url: str) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Every leg and stay as stored, to see that a refusal changed nothing."""
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        return (conn.execute("SELECT * FROM travel_legs ORDER BY id").fetchall(),
                conn.execute("SELECT * FROM stays ORDER BY id").fetchall())


def _show(capsys: pytest.CaptureFixture[str], url: str) -> dict[str, object]:
    code, out, _ = run(capsys, "--db", url, "show", EVENT, "--json")
    assert code == 0
    return json.loads(out)


def test_show_json_lists_legs_and_stays_with_their_ids(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    shown = _show(capsys, url)
    legs, stays = shown["travel"], shown["stays"]
    assert len(legs) == 55 and len(stays) == 64  # type: ignore[arg-type]
    leg = next(leg for leg in legs if leg["number"] == "AF276" and leg["person"] == ANE)  # type: ignore[union-attr]
    assert {"id", "from", "from_zone", "depart", "to", "to_zone", "arrive"} <= set(leg)
    assert isinstance(leg["id"], int) and leg["to_zone"] == "Asia/Tokyo"
    assert {"id", "person", "hotel", "zone", "check_in", "check_out", "room", "shares_with"} <= set(stays[0])  # type: ignore[index]


def test_add_leg_fills_zones_from_the_airport_table_and_prints_it_as_stored(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", url, "add", "leg", EVENT, *OVERNIGHT, "--carrier", "NH", "--number", "NH9232",
                         "--booking-ref", "NHX1", "--json")
    assert (code, err) == (0, "")
    leg = json.loads(out)
    assert {k: leg[k] for k in ("person", "from", "from_zone", "depart", "to", "to_zone", "arrive", "kind", "booking_ref")} == {
        "person": ANE, "from": "BRU", "from_zone": "Europe/Brussels", "depart": "2022-11-18T21:05", "to": "NRT",
        "to_zone": "Asia/Tokyo", "arrive": "2022-11-19T17:10", "kind": "flight", "booking_ref": "NHX1",
    }
    assert leg in _show(capsys, url)["travel"]  # type: ignore[operator]
    code, out, _ = run(capsys, "--db", url, "add", "leg", EVENT, *OVERNIGHT, "--number", "NH9233")
    assert code == 0 and out.startswith("Added leg ") and "BRU" in out and "NRT Sat 2022-11-19 17:10" in out


def test_a_place_that_is_no_airport_needs_its_zone(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = _rows(url)
    args = ("--person", ANE, "--from", "Nagoya Station", "--depart", "2022-11-24T09:00", "--to", "Tokyo Station",
            "--arrive", "2022-11-24T10:40", "--kind", "train")
    code, out, err = run(capsys, "--db", url, "add", "leg", EVENT, *args)
    assert (code, out) == (1, "")
    assert "--from-zone: 'Nagoya Station' is not an airport code" in err and "give the zone" in err
    assert _rows(url) == before
    code, out, _ = run(capsys, "--db", url, "add", "leg", EVENT, *args, "--from-zone", "Asia/Tokyo", "--to-zone", "Asia/Tokyo", "--json")
    assert code == 0 and json.loads(out)["from"] == "Nagoya Station"


@pytest.mark.parametrize(("change", "message"), [
    (("--from-zone", "Europe"), "--from-zone: Europe is a region, not a time zone"),
    (("--depart", "2022-03-27T02:30", "--arrive", "2022-03-28T09:00"), "depart: 2022-03-27 02:30 does not exist in Europe/Brussels"),
    (("--arrive", "2022-11-18T22:00"), "arrive: 2022-11-18T22:00 (Asia/Tokyo) is before the departure"),
    (("--person", "nobody@example.org"), "person: unknown person 'nobody@example.org'"),
    (("--person", "marta.puig@example.cat"), "person: Marta Puig is not a participant of r2r-japan-2022"),
    (("--kind", "boat"), "kind: 'boat' is not one of"),
])
def test_a_refused_leg_exits_1_with_one_message_and_changes_nothing(
    url: str, capsys: pytest.CaptureFixture[str], change: tuple[str, ...], message: str,
) -> None:
    before = _rows(url)
    code, out, err = run(capsys, "--db", url, "add", "leg", EVENT, *OVERNIGHT, *change)
    assert (code, out) == (1, "")
    assert message in err and err.startswith("error: ")
    assert _rows(url) == before


def test_edit_leg_to_another_airport_takes_its_zone_and_remove_prints_what_went(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    leg = next(leg for leg in _show(capsys, url)["travel"] if leg["number"] == "AF276" and leg["person"] == ANE)  # type: ignore[union-attr]
    code, out, _ = run(capsys, "--db", url, "edit", "leg", EVENT, str(leg["id"]), "--to", "KIX", "--booking-ref", "NEW1", "--json")
    edited = json.loads(out)
    assert code == 0 and (edited["to"], edited["to_zone"], edited["booking_ref"], edited["arrive"]) == ("KIX", "Asia/Tokyo", "NEW1", leg["arrive"])
    before = _rows(url)
    code, _, err = run(capsys, "--db", url, "edit", "leg", EVENT, str(leg["id"]), "--arrive", "2022-11-01T10:00")
    assert code == 1 and "arrive:" in err and _rows(url) == before
    code, out, _ = run(capsys, "--db", url, "remove", "leg", EVENT, str(leg["id"]), "--json")
    assert code == 0 and json.loads(out)["id"] == leg["id"]
    assert leg["id"] not in {leg["id"] for leg in _show(capsys, url)["travel"]}  # type: ignore[union-attr]
    code, _, err = run(capsys, "--db", url, "remove", "leg", EVENT, str(leg["id"]))
    assert code == 1 and f"has no travel leg {leg['id']}" in err


def test_add_edit_remove_stay(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", url, "add", "stay", EVENT, "--person", ANE, "--hotel", "Hotel Nikko", "--check-in",
                       "2022-11-22", "--check-out", "2022-11-24", "--room", "twin", "--shares-with", LAIA, "--json")
    stay = json.loads(out)
    assert code == 0 and {k: stay[k] for k in ("person", "hotel", "zone", "check_in", "check_out", "room", "shares_with")} == {
        "person": ANE, "hotel": "Hotel Nikko", "zone": "Asia/Tokyo", "check_in": "2022-11-22", "check_out": "2022-11-24",
        "room": "twin", "shares_with": LAIA,
    }
    assert stay in _show(capsys, url)["stays"]  # type: ignore[operator]
    code, out, _ = run(capsys, "--db", url, "edit", "stay", EVENT, str(stay["id"]), "--shares-with", "", "--room", "single", "--json")
    assert code == 0 and (json.loads(out)["shares_with"], json.loads(out)["room"]) == (None, "single")
    code, out, _ = run(capsys, "--db", url, "remove", "stay", EVENT, str(stay["id"]))
    assert code == 0 and out.startswith(f"Removed stay {stay['id']}")


@pytest.mark.parametrize(("change", "message"), [
    (("--check-out", "2022-11-21"), "--check-out: 2022-11-21 is not after the check-in 2022-11-22"),
    (("--zone", "Asia/Tokio"), "zone: Asia/Tokio is not a known time zone (did you mean Asia/Tokyo?)"),
    (("--room", "single", "--shares-with", LAIA), "room: a single room cannot be shared"),
    (("--shares-with", ANE), "--shares-with: a person cannot share a room with themselves"),
    (("--shares-with", "ghost@example.org"), "--shares-with: unknown person 'ghost@example.org'"),
    (("--check-in", "22/11/2022"), "--check-in: 22/11/2022 is not a date (expected YYYY-MM-DD)"),
])
def test_a_refused_stay_exits_1_with_one_message_and_changes_nothing(
    url: str, capsys: pytest.CaptureFixture[str], change: tuple[str, ...], message: str,
) -> None:
    base = {"--person": ANE, "--hotel": "Hotel Nikko", "--check-in": "2022-11-22", "--check-out": "2022-11-24", "--room": "twin"}
    base.update(dict(zip(change[::2], change[1::2], strict=True)))
    before = _rows(url)
    code, out, err = run(capsys, "--db", url, "add", "stay", EVENT, *[x for pair in base.items() for x in pair])
    assert (code, out) == (1, "")
    assert message in err
    assert _rows(url) == before


def test_edit_without_a_field_says_what_can_change(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", url, "edit", "stay", EVENT, "1")
    assert code == 1 and "--hotel" in err and "--check-in" in err


def test_a_stays_local_name_and_address_are_set_and_shown(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", url, "add", "stay", EVENT, "--person", ANE, "--hotel", "Hotel Nikko Kanazawa",
                       "--check-in", "2022-11-22", "--check-out", "2022-11-24", "--hotel-local", "ホテル日航金沢",
                       "--address-local", "石川県金沢市本町2-15-1", "--json")
    stay = json.loads(out)
    assert code == 0 and (stay["hotel_local"], stay["address_local"]) == ("ホテル日航金沢", "石川県金沢市本町2-15-1")
    code, out, _ = run(capsys, "--db", url, "edit", "stay", EVENT, str(stay["id"]), "--address-local", "", "--json")
    assert code == 0 and json.loads(out)["address_local"] == ""
