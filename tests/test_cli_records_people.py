"""`add|edit|remove organisation|person|cluster|pairing` on the command line."""

from __future__ import annotations

import json

import pytest

from tests.cli_support import digest, run

pytest_plugins = ("tests.cli_fixtures",)  # demo_file, url

ORG = ("--key", "graz", "--name", "Graz", "--kind", "city", "--country", "AT", "--zone", "Europe/Vienna")
PERSON = ("--given", "Jo", "--family", "Bloggs", "--email", "jo@example.org")


def _refused(capsys: pytest.CaptureFixture[str], url: str, *argv: str) -> str:
    """Run a command that must fail: exit 1, one message, the database file untouched."""
    before = digest(url)
    code, out, err = run(capsys, "--db", url, *argv)
    assert code == 1, (out, err)
    assert out == "" and "Traceback" not in err
    assert digest(url) == before
    return err


def test_add_organisation_prints_the_record_as_stored(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", url, "add", "organisation", *ORG, "--local-name", "Graz Stadt", "--json")
    assert code == 0
    assert json.loads(out) == {"key": "graz", "name": "Graz", "local_name": "Graz Stadt", "kind": "city",
                               "sector": "government", "country": "AT", "zone": "Europe/Vienna"}
    code, out, _ = run(capsys, "--db", url, "search", "Stadt", "--json")
    assert "Graz" in out


def test_the_sector_follows_the_kind_unless_given(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", url, "add", "organisation", "--key", "tug", "--name", "TU Graz", "--kind",
                       "university", "--country", "AT", "--zone", "Europe/Vienna", "--json")
    assert code == 0 and json.loads(out)["sector"] == "research"


@pytest.mark.parametrize(("flags", "message"), [
    (("--zone", "Europe"), "zone: Europe is a region, not a time zone"),
    (("--zone", "Mars/Olympus"), "zone:"),
    (("--country", "ZZ"), "country: 'ZZ' is not an ISO 3166"),
    (("--kind", "village"), "kind: 'village' is not one of"),
    (("--key", "aichi"), "key: 'aichi' is already the key of Aichi Prefecture"),
])
def test_a_bad_organisation_is_refused_with_one_message(url: str, capsys: pytest.CaptureFixture[str],
                                                         flags: tuple[str, ...], message: str) -> None:
    argv = list(ORG)
    argv[argv.index(flags[0]) + 1] = flags[1]
    assert message in _refused(capsys, url, "add", "organisation", *argv)


def test_edit_organisation_renames_it_and_people_keep_their_link(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", url, "edit", "organisation", "aichi", "--key", "aichi-pref", "--place", "Nagoya city",
                       "--json")
    assert code == 0 and json.loads(out)["key"] == "aichi-pref" and json.loads(out)["place"] == "Nagoya city"
    code, out, _ = run(capsys, "--db", url, "dump", "-o", "-")
    people = json.loads(out)["people"]
    assert any(p.get("organisation") == "aichi-pref" for p in people)
    assert "Nothing to change" in _refused(capsys, url, "edit", "organisation", "aichi-pref")
    assert "no organisation with the key 'nope'" in _refused(capsys, url, "edit", "organisation", "nope", "--name", "X")


def test_remove_organisation_says_what_it_clears(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", url, "remove", "organisation", "aichi")
    assert code == 0
    assert "1 person and 2 hosted items no longer name it" in out
    code, out, _ = run(capsys, "--db", url, "dump", "-o", "-")
    data = json.loads(out)
    assert "aichi" not in {o["key"] for o in data["organisations"]}
    assert any(p["key"] for p in data["people"] if p.get("organisation") is None)


def test_add_edit_and_remove_a_person(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", url, "add", "person", *PERSON, "--organisation", "aichi", "--name-order",
                       "family-first", "--nationality", "jp", "--passport-expiry", "2030-01-31", "--dietary", "halal",
                       "--json")
    assert code == 0
    assert json.loads(out) == {
        "key": "jo-example-org", "given_name": "Jo", "family_name": "Bloggs", "name_order": "family_first",
        "email": "jo@example.org", "organisation": "aichi", "nationality": "JP", "passport_expiry": "2030-01-31",
        "dietary": "halal",
    }
    code, out, _ = run(capsys, "--db", url, "edit", "person", "jo@example.org", "--email", "joe@example.org",
                       "--organisation", "", "--passport-expiry", "", "--json")
    record = json.loads(out)
    assert code == 0 and record["email"] == "joe@example.org"
    assert "organisation" not in record and "passport_expiry" not in record
    code, out, _ = run(capsys, "--db", url, "remove", "person", "joe@example.org")
    assert code == 0 and out.startswith("Removed Bloggs Jo (joe@example.org)")
    assert "no person with the e-mail" in _refused(capsys, url, "remove", "person", "joe@example.org")


def test_removing_a_person_says_what_goes_with_them(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", url, "remove", "person", "aoife.byrne@example.ie")
    assert code == 0
    assert "with 3 participations, 4 travel legs, 1 hotel stay and 2 item assignments" in out


@pytest.mark.parametrize(("argv", "message"), [
    (("--email", "ane.etxeberria@example.eus"), "is already the e-mail of Ane Etxeberria"),
    (("--email", "jo@@example"), "email: jo@@example is not an e-mail address"),
    (("--organisation", "nope"), "organisation: unknown organisation 'nope'"),
    (("--nationality", "XX"), "nationality: 'XX' is not an ISO 3166"),
    (("--passport-expiry", "2030-02-30"), "--passport-expiry: 2030-02-30 is not a date"),
    (("--name-order", "surname"), "--name-order: 'surname' is not one of"),
])
def test_a_bad_person_is_refused_with_one_message(url: str, capsys: pytest.CaptureFixture[str],
                                                   argv: tuple[str, ...], message: str) -> None:
    base = list(PERSON)
    if argv[0] == "--email":
        base[base.index("--email") + 1] = argv[1]
        argv = ()
    assert message in _refused(capsys, url, "add", "person", *base, *argv)


def test_edit_person_refuses_another_persons_email(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    err = _refused(capsys, url, "edit", "person", "aoife.byrne@example.ie", "--email", "Ane.Etxeberria@example.eus")
    assert "email: Ane.Etxeberria@example.eus is already the e-mail of Ane Etxeberria" in err


def test_clusters_and_their_members(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", url, "add", "cluster", "--key", "green", "--name", "Green cities", "--member",
                       "aichi", "--json")
    assert code == 0 and json.loads(out) == {"key": "green", "name": "Green cities", "members": ["aichi"]}
    code, out, _ = run(capsys, "--db", url, "edit", "cluster", "green", "--theme", "energy", "--add-member",
                       "basque-country", "--remove-member", "aichi", "--json")
    assert code == 0 and json.loads(out)["members"] == ["basque-country"] and json.loads(out)["theme"] == "energy"
    assert "members: aichi is not a member of green" in _refused(capsys, url, "edit", "cluster", "green", "--remove-member", "aichi")
    assert "members[0]: unknown organisation 'nope'" in _refused(capsys, url, "add", "cluster", "--key", "c2", "--name", "C",
                                                                 "--member", "nope")
    code, out, _ = run(capsys, "--db", url, "remove", "cluster", "green", "--json")
    assert code == 0 and json.loads(out)["key"] == "green"


def test_pairings(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", url, "add", "pairing", "--key", "eus-aichi", "--eu", "basque-country",
                       "--partner", "aichi", "--theme", "innovation", "--json")
    assert code == 0 and json.loads(out)["partner"] == "aichi"
    code, out, _ = run(capsys, "--db", url, "edit", "pairing", "eus-aichi", "--status", "completed",
                       "--fund-application", "submitted", "--json")
    assert code == 0 and json.loads(out)["fund_application"] == "submitted"
    assert "partner: a pairing needs two different organisations" in _refused(
        capsys, url, "add", "pairing", "--key", "p2", "--eu", "aichi", "--partner", "aichi")
    assert "partner: unknown organisation 'nope'" in _refused(
        capsys, url, "add", "pairing", "--key", "p2", "--eu", "aichi", "--partner", "nope")
    code, out, _ = run(capsys, "--db", url, "remove", "pairing", "eus-aichi")
    assert code == 0 and "Removed the pairing eus-aichi" in out


def test_a_bad_kind_without_a_sector_is_told_once(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    message = _refused(capsys, url, "add", "organisation", "--key", "v", "--name", "V", "--kind", "village",
                       "--country", "JP", "--zone", "Asia/Tokyo")
    assert "kind: 'village' is not one of" in message and "sector" not in message
