"""`people` and `organisations`: the window's lists, filtered, sorted and windowed as there, for scripts."""

from __future__ import annotations

import json

import pytest

from iurc_desktop.app.database import open as open_database
from iurc_desktop.app.people import count_people, list_organisations, list_people
from iurc_desktop.core.paging import ListQuery
from tests.cli_support import run

pytest_plugins = ("tests.cli_fixtures",)  # demo_file, url


def test_people_lists_what_the_people_page_shows(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = open_database(url)
    try:
        page = list_people(db, ListQuery(text="ane", sort="email", descending=True, offset=1, limit=3))
        total = count_people(db, "ane")
    finally:
        db.dispose()
    code, out, err = run(capsys, "--db", url, "people", "--search", "ane", "--sort", "email", "--descending",
                         "--offset", "1", "--limit", "3", "--json")
    assert code == 0 and [row["email"] for row in json.loads(out)] == [row.email for row in page]
    assert f"Rows 2–{1 + len(page)} of {total} shown" in err  # the rest are said to exist, apart from the rows
    code, out, err = run(capsys, "--db", url, "people", "--search", "Etxeberria, Ane")
    assert code == 0 and out.splitlines()[0].split() == ["NAME", "OWN", "SCRIPT", "E-MAIL", "ORGANISATION", "COUNTRY",
                                                         "JOB", "TITLE", "EVENTS"]
    assert "ane.etxeberria@example.eus" in out and err == ""


def test_organisations_lists_with_people_counted_and_a_bad_column_is_named(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    db = open_database(url)
    try:
        every = list_organisations(db, ListQuery(sort="people", descending=True))
    finally:
        db.dispose()
    code, out, _ = run(capsys, "--db", url, "organisations", "--sort", "people", "--descending", "--limit", "0", "--json")
    assert code == 0 and [(o["key"], o["people"]) for o in json.loads(out)] == [(o.key, o.people) for o in every]
    code, _, err = run(capsys, "--db", url, "organisations", "--sort", "size")
    assert code != 0 and "--sort 'size' is not a column of organisations: use one of name," in err
    code, _, err = run(capsys, "--db", url, "people", "--limit", "-1")
    assert code != 0 and "--offset and --limit take 0 or more." in err
