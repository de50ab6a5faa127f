"""Rows inserted in batches get the ids the database gives one by one, in the order given."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select, text

from iurc_desktop.core.db import Database
from iurc_desktop.core.models import Person
from iurc_desktop.core.new_rows import insert_rows
from iurc_desktop.core.people.listing import count_people
from iurc_desktop.core.search_text import with_search_text
from tests.statements import statements


def _people(prefix: str, count: int) -> list[dict[str, object]]:
    return with_search_text(Person, [{"given_name": f"{prefix}{i}", "family_name": "Batch", "email": f"{prefix}{i}@example.eu"}
                                     for i in range(count)])


def test_each_row_gets_its_own_id_in_order_after_the_largest(db: Database) -> None:  # type: ignore[no-untyped-def]
    """The ids follow the largest one stored (a deleted last row's id is given again, as SQLite does by itself)."""
    with db.transaction() as s:
        first = insert_rows(s, Person, _people("a", 3))
        s.execute(delete(Person).where(Person.id == first[-1]))
    with db.transaction() as s:
        ids = insert_rows(s, Person, _people("b", 1500))
        stored = dict(s.execute(select(Person.id, Person.given_name).where(Person.id.in_(ids))).all())
    assert ids == sorted(ids) and len(set(ids)) == 1500
    assert [stored[i] for i in ids] == [f"b{i}" for i in range(1500)]
    if db.is_sqlite:
        assert ids[0] == first[-1]


def test_1500_rows_go_in_two_statements(db: Database) -> None:  # type: ignore[no-untyped-def]
    """Not one per row: SQLite's trigram index would flush after each."""
    with db.transaction() as s, statements(db) as sql:
        insert_rows(s, Person, _people("c", 1500))
    inserts = [q for q in sql if q.lstrip().upper().startswith("INSERT")]
    assert len(inserts) == 2


def test_a_batch_is_found_by_search_as_one_by_one(db: Database) -> None:  # type: ignore[no-untyped-def]
    """The rows' folded text reaches the trigram index the People page filters through."""
    with db.transaction() as s:
        insert_rows(s, Person, _people("Dö", 1500))
    with db.reading() as s:
        assert count_people(s, "do1499@") == 1 and count_people(s, "do14") == 111
        if db.is_sqlite:  # the FTS5 table agrees with the rows' text, term by term (raises otherwise)
            s.execute(text("INSERT INTO people_search(people_search, rank) VALUES ('integrity-check', 1)"))


def test_rows_naming_different_columns_are_refused_not_cut(db: Database) -> None:  # type: ignore[no-untyped-def]
    """A Core insert would take the first row's columns and silently drop a later row's extra one."""
    rows = _people("e", 2)
    rows[1] = {**rows[1], "job_title": "Mayor"}
    with db.transaction() as s, pytest.raises(ValueError, match="different columns"):
        insert_rows(s, Person, rows)
