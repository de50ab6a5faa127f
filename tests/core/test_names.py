"""A person's name in their own order and script: the Python rule and its SQL twin agree, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from iurc_desktop.core.db import Database
from iurc_desktop.core.models import Person
from iurc_desktop.core.names import display_name

CASES = [
    # given, family, stored order, shown
    ("지은", "박", "given_first", "박지은"),  # stored only in Hangul, order left at its default
    ("陽斗", "佐藤", "given_first", "佐藤陽斗"),  # only in Kanji
    ("太郎", "山田", "family_first", "山田太郎"),
    ("ゆい", "たなか", "given_first", "たなかゆい"),  # Hiragana
    ("Jieun", "Park", "family_first", "Park Jieun"),  # romanised: the stored order
    ("Ane", "Etxeberria", "given_first", "Ane Etxeberria"),
    ("Ane", "", "given_first", "Ane"),
    ("", "佐藤", "given_first", "佐藤"),
    ("Li", "王", "given_first", "Li 王"),  # mixed scripts: the stored order
]


@pytest.mark.parametrize(("given", "family", "order", "shown"), CASES)
def test_cjk_names_are_family_first_without_a_space(given: str, family: str, order: str, shown: str) -> None:
    assert display_name(given, family, order) == shown


def test_the_sql_expression_gives_what_python_gives(db: Database) -> None:
    with db.transaction() as s:
        s.add_all([Person(given_name=g, family_name=f, name_order=o, email=f"p{n}@example.org") for n, (g, f, o, _) in enumerate(CASES)])
    with db.reading() as s:
        rows = s.execute(select(Person.email, Person.display_name)).all()
        by_email = {p.email: p.display_name for p in s.scalars(select(Person))}
    assert {email: name for email, name in rows} == by_email
    assert [name for _, name in sorted(rows, key=lambda r: int(r[0][1:].split("@")[0]))] == [c[3] for c in CASES]
