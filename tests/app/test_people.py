"""People and organisations through the app: paged lists, field edits with undo values, typed change topics."""

from __future__ import annotations

import pytest
from sqlalchemy import event as sa_event

from iurc_desktop.app import people
from iurc_desktop.app.changes import Topic
from iurc_desktop.core.models import Person
from iurc_desktop.core.paging import ListQuery
from iurc_desktop.core.team.concurrency import EditConflict, version_of
from iurc_desktop.ui.commands.base import Changes
from iurc_desktop.ui.commands.people import SetPersonField
from iurc_desktop.ui.models.table import Column, QueryTableModel


def _statements(db, action) -> int:  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def record(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        seen.append(statement)

    sa_event.listen(db.engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", record)
    return len(seen)


def test_people_list_is_paged_and_filtered_in_sql(demo_db) -> None:  # type: ignore[no-untyped-def]
    total = people.count_people(demo_db)
    page = people.list_people(demo_db, ListQuery(sort="name", offset=0, limit=10))
    assert len(page) == min(10, total)
    assert 0 < people.count_people(demo_db, "ane") == len(people.list_people(demo_db, ListQuery(text="ane"))) < total
    assert people.count_organisations(demo_db) == len(people.list_organisations(demo_db))


def test_a_table_block_costs_the_same_statements_however_many_rows(qapp, demo_db) -> None:  # type: ignore[no-untyped-def]
    columns = (Column("Name", "name", "name"), Column("Events", "events", "events"))
    small = QueryTableModel(demo_db, people.list_people, people.count_people, columns, default_sort="name", block_size=5)
    large = QueryTableModel(demo_db, people.list_people, people.count_people, columns, default_sort="name", block_size=50)
    assert _statements(demo_db, lambda: small.row_at(0)) == _statements(demo_db, lambda: large.row_at(0))


def test_set_person_field_returns_the_old_value_and_refuses_a_stale_version(demo_db) -> None:  # type: ignore[no-untyped-def]
    row = people.list_people(demo_db, ListQuery(sort="name", limit=1))[0]
    outcome = people.set_person_field(demo_db, row.id, "job_title", "Head of desk", expected_version=row.version)
    assert outcome.value == row.job_title and outcome.changed == frozenset({Topic.PEOPLE})
    with pytest.raises(EditConflict):
        people.set_person_field(demo_db, row.id, "job_title", "Mayor", expected_version=row.version)
    with demo_db.reading() as s:
        assert s.get(Person, row.id).job_title == "Head of desk" and version_of(s, Person, row.id) > row.version


def test_changes_carry_topics_and_still_take_strings(qapp) -> None:  # type: ignore[no-untyped-def]
    changes, seen = Changes(), []
    changes.changed.connect(seen.append)
    changes.notify("participants")
    changes.notify(Topic.PEOPLE)
    changes.notify_all({Topic.PEOPLE, "*"})
    assert seen == [Topic.PARTICIPANTS, Topic.PEOPLE, Topic.EVERYTHING]
    assert all(isinstance(t, Topic) for t in seen)
    assert seen[-1].concerns(Topic.ITEMS) and not seen[0].concerns(Topic.ITEMS)


def test_person_field_command_undo_writes_back_what_the_app_returned(qapp, demo_db) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QUndoStack

    row = people.list_people(demo_db, ListQuery(sort="name", limit=1))[0]
    stack, errors = QUndoStack(), []
    stack.push(SetPersonField(demo_db, Changes(), errors.append, row.id, row.name, "job_title", "stale shown value",
                              "Head of desk", version=row.version))
    stack.undo()
    assert errors == []
    with demo_db.reading() as s:
        assert s.get(Person, row.id).job_title == row.job_title  # the stored old value, not the one the page showed


def test_merge_people_says_people_changed(demo_db) -> None:  # type: ignore[no-untyped-def]
    total = people.count_people(demo_db)
    keep, drop = people.list_people(demo_db, ListQuery(sort="name", limit=2))
    outcome = people.merge_people(demo_db, keep.id, drop.id)
    assert outcome.changed == frozenset({Topic.PEOPLE})
    assert people.count_people(demo_db) == total - 1
