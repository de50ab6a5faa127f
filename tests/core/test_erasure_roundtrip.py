"""An erased person shows as "(erased person)", dumps and loads back unchanged, and is no one's duplicate."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import update

from iurc_desktop.core.db import open_database
from iurc_desktop.core.models import Person
from iurc_desktop.core.people.duplicates import find_duplicates, similar_people
from iurc_desktop.core.people.erasure import ERASED, ERASED_NAME, erase_person, is_erased
from iurc_desktop.core.programme.demo import load_demo
from iurc_desktop.core.programme.dump import dump_programme_text
from iurc_desktop.core.programme.file import load_programme

from .factories import person


def _dump(db) -> str:  # type: ignore[no-untyped-def]
    with db.reading() as s:
        return dump_programme_text(s, None)


def _load_into_new(tmp_path: Path, name: str, text: str):  # type: ignore[no-untyped-def]
    other = open_database(f"sqlite:///{tmp_path / name}")
    with other.transaction() as s:
        load_programme(s, json.loads(text))
    return other


def test_after_an_erasure_the_programme_dumps_loads_and_dumps_identically(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        load_demo(s)
    with db.transaction() as s:
        erase_person(s, "ane.etxeberria@example.eus")
    first = _dump(db)
    erased = [p for p in json.loads(first)["people"] if p.get("notes") == ERASED]
    assert len(erased) == 1 and erased[0]["family_name"] == ERASED_NAME and "email" not in erased[0]
    other = _load_into_new(tmp_path, "other.db", first)
    assert _dump(other) == first
    with other.reading() as s:
        loaded = s.query(Person).filter_by(notes=ERASED).one()
        assert is_erased(loaded) and loaded.display_name == ERASED_NAME
    other.dispose()


def test_an_erased_person_displays_as_erased_not_blank(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        person(s, "Zygmunt", "Wrzesniewski", email="zw@example.pl")
    with db.transaction() as s:
        erase_person(s, "zw@example.pl")
    with db.reading() as s:
        p = s.query(Person).one()
        assert (p.display_name, p.given_name, p.local_name, p.email) == (ERASED_NAME, "", "", None)


def test_a_person_erased_before_the_label_existed_still_dumps_loadably(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        person(s, "Olga", "Other", email="olga@example.eu")
        person(s, "Zygmunt", "Wrzesniewski", email="zw@example.pl")
    with db.transaction() as s:
        erase_person(s, "zw@example.pl")
        s.execute(update(Person).where(Person.notes == ERASED).values(family_name=""))  # as an older erasure left it
    text = _dump(db)
    other = _load_into_new(tmp_path, "legacy.db", text)
    with other.reading() as s:
        assert sorted(p.display_name for p in s.query(Person)) == [ERASED_NAME, "Olga Other"]
    other.dispose()


def test_erased_people_are_not_suggested_as_duplicates_of_each_other(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        person(s, "Zygmunt", "Wrzesniewski", email="zw@example.pl")
        person(s, "Ane", "Etxeberria", email="ane@example.eus")
    with db.transaction() as s:
        erase_person(s, "zw@example.pl")
        erase_person(s, "ane@example.eus")
    with db.reading() as s:
        assert find_duplicates(s) == []
        assert similar_people(s, "", ERASED_NAME) == []
