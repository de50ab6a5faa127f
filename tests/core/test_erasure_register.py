"""The erasure register: a salted hash of the e-mail and the day, written with the erasure, replayed after a merge."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from sqlalchemy import select

from iurc_desktop.core.models import Erasure, ErasureSalt, Person
from iurc_desktop.core.people import erasure_register
from iurc_desktop.core.people.erasure import ERASED_NAME, erase_person, replay
from iurc_desktop.core.timeutil import utc_now

from .factories import person

EMAIL = "Zebulon.Quixotemann@Uniq-Mail.example"


def test_erasing_enters_a_salted_hash_of_the_normalised_email_and_the_day_nothing_else(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        person(s, "Zebulon", "Quixotemann", email=EMAIL)
        erase_person(s, f"  {EMAIL.upper()} ")
    with db.reading() as s:
        salt = s.scalar(select(ErasureSalt.salt))
        entry = s.execute(select(Erasure)).scalar_one()
        expected = hmac.new(bytes.fromhex(salt), EMAIL.lower().encode(), hashlib.sha256).hexdigest()
        assert (entry.salt, entry.digest, entry.erased_on) == (salt, expected, utc_now().date())
        assert len(salt) == 32 and "zebulon" not in f"{entry.salt}{entry.digest}".lower()
        assert erasure_register.is_registered(s, EMAIL) and not erasure_register.is_registered(s, "other@example.eu")


def test_the_register_entry_is_written_in_the_erasures_own_transaction(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        person(s, "Zebulon", "Quixotemann", email=EMAIL)
    with pytest.raises(RuntimeError), db.transaction() as s:
        erase_person(s, EMAIL)
        raise RuntimeError("the user's action failed after the erasure")
    with db.reading() as s:
        assert s.scalar(select(Erasure.id)) is None
        assert s.scalar(select(Person.family_name).where(Person.email == EMAIL)) == "Quixotemann"


def test_each_database_salts_its_own_register(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from iurc_desktop.core.db import open_database

    other = open_database(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        entries = []
        for database in (db, other):
            with database.transaction() as s:
                person(s, "Zebulon", "Quixotemann", email=EMAIL)
                erase_person(s, EMAIL)
                entries.append(erasure_register.entries(s))
    finally:
        other.dispose()
    assert entries[0][0][0] != entries[1][0][0] and entries[0][0][1] != entries[1][0][1]


def test_a_merged_register_erases_again_whoever_it_names_and_only_them(db) -> None:  # type: ignore[no-untyped-def]
    foreign = "ab" * 16  # another database's salt: its entries keep it
    with db.transaction() as s:
        person(s, "Zebulon", "Quixotemann", email=EMAIL)
        person(s, "Olga", "Other", email="olga@example.eu")
        added = erasure_register.merge(s, [(foreign, erasure_register.digest(foreign, EMAIL.lower()), utc_now().date())])
        assert added == 1 and replay(s) == 1
        assert replay(s) == 0  # erased people have no e-mail left to match
    with db.reading() as s:
        names = dict(s.execute(select(Person.given_name, Person.family_name)).all())
        assert names == {"": ERASED_NAME, "Olga": "Other"}
        assert erasure_register.is_registered(s, EMAIL)


def test_copying_an_older_database_over_one_whose_register_names_someone_erases_them_again(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from iurc_desktop.core.db import open_database
    from iurc_desktop.core.people.listing import find_person_by_email
    from iurc_desktop.core.team.copying import copy_database

    old_url = f"sqlite:///{tmp_path / 'old.db'}"
    old = open_database(old_url)
    try:
        with old.transaction() as s:  # a copy kept from before the erasure
            person(s, "Zebulon", "Quixotemann", email=EMAIL)
            person(s, "Olga", "Other", email="olga@example.eu")
    finally:
        old.dispose()
    with db.transaction() as s:
        person(s, "Zebulon", "Quixotemann", email=EMAIL)
        erase_person(s, EMAIL)
    report = copy_database(old_url, db.url, overwrite=True)
    assert report.erased_again == 1
    with db.reading() as s:
        assert find_person_by_email(s, EMAIL) is None and find_person_by_email(s, "olga@example.eu") is not None
        assert erasure_register.is_registered(s, EMAIL)  # the replaced database's register outlived its rows
