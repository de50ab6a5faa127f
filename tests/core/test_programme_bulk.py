"""Programme file at a season's scale: a bulk load keeps everything the file says, and nothing of a refused one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from iurc_desktop.app import programme
from iurc_desktop.core.db import Database
from iurc_desktop.core.errors import Cancelled, ValidationError
from iurc_desktop.core.models import Base, Person
from iurc_desktop.core.programme import write
from iurc_desktop.core.programme.file import dump_programme, load_programme
from iurc_desktop.core.programme.scaled import scaled_programme
from iurc_desktop.core.progress import CancelToken

from ..statements import statements


def season() -> dict[str, Any]:
    return scaled_programme(2, people=200, attendees=50)


def load(db: Database, data: dict[str, Any], **kw: Any) -> None:
    with db.transaction() as session:
        load_programme(session, data, **kw)


def canonical(value: Any) -> Any:
    """The programme as a dump gives it back: blank fields left out, lists in a fixed order."""
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items() if v not in ("", None, [], False)}
    if isinstance(value, list):
        return sorted((canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def every_row(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    with db.reading() as session:
        return {table.name: sorted(session.execute(select(table)).all(), key=repr)
                for table in Base.metadata.sorted_tables}


def row_counts(db: Database) -> dict[str, int]:
    with db.reading() as session:
        return {table.name: session.scalar(select(func.count()).select_from(table)) or 0
                for table in Base.metadata.sorted_tables}


def test_a_season_loaded_then_dumped_gives_back_the_same_programme(db: Database) -> None:
    data = season()
    load(db, data)
    with db.reading() as session:
        dumped = dump_programme(session)
    assert canonical(dumped) == canonical(data)


def test_loading_the_same_file_again_with_replace_changes_nothing(db: Database) -> None:
    data = season()
    load(db, data)
    before = every_row(db)
    load(db, data, replace=True)
    assert every_row(db) == before  # ids, calendar uids, sequences and versions alike


def test_a_refused_file_leaves_nothing(db: Database) -> None:
    data = season()
    data["events"][-1]["participants"][-1]["person"] = "nobody-at-all"
    with pytest.raises(ValidationError) as refused:
        load(db, data)
    assert any("unknown person 'nobody-at-all'" in problem for problem in refused.value.problems)
    assert not any(row_counts(db).values())


def test_a_load_cancelled_between_batches_leaves_nothing(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "season.json"
    path.write_text(json.dumps(season()), encoding="utf-8")
    token, reports = CancelToken(), []

    def progress(done: int, total: int, message: str) -> None:
        reports.append((done, total))
        if done:
            token.cancel()  # the user presses Cancel once rows are being written

    with pytest.raises(Cancelled):
        programme.load_programme(db, path, progress=progress, cancel=token)
    assert any(done for done, _total in reports)
    assert not any(row_counts(db).values())


def _search_triggers_and_index_check(db: Database) -> set[str]:
    """The search tables' insert triggers, once each index is seen to find what LIKE finds (the last row's first word)."""
    with db.reading() as session:
        for table in ("people", "organisations", "events", "items"):
            last = session.scalar(text(f"SELECT search_text FROM {table} ORDER BY id DESC LIMIT 1"))
            if last:
                word = last[:3]
                indexed = set(session.scalars(text(f"SELECT rowid FROM {table}_search WHERE {table}_search MATCH :q"),
                                              {"q": '"' + word.replace('"', '""') + '"'}))
                scanned = set(session.scalars(text(f"SELECT id FROM {table} WHERE instr(search_text, :w) > 0"), {"w": word}))
                assert indexed == scanned and scanned, table
        return set(session.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_search_insert'")))


def test_a_bulk_load_rebuilds_the_search_index_and_puts_the_triggers_back(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    if not db.is_sqlite:
        pytest.skip("SQLite's trigram tables; PostgreSQL's index is not kept by triggers")
    monkeypatch.setattr(write, "BATCH", 40)  # a season of 400 people is then a bulk: indexed by rebuilding
    triggers = _search_triggers_and_index_check(db)
    load(db, season())
    assert _search_triggers_and_index_check(db) == triggers == {f"{t}_search_insert" for t in ("people", "organisations", "events", "items")}
    with db.transaction() as session:  # the trigger indexes a person added afterwards
        session.add(Person(key="zebedee", given_name="Zebedee", family_name="Quixwell"))
    with db.reading() as session:
        assert session.scalar(text("SELECT count(*) FROM people_search WHERE people_search MATCH '\"quixwell\"'")) == 1


def test_a_bulk_load_fills_the_name_keys_once_and_puts_their_trigger_back(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    if not db.is_sqlite:
        pytest.skip("SQLite's name keys (migration 0018)")
    monkeypatch.setattr(write, "BATCH", 40)  # a bulk: the keys' trigger is dropped with the index's
    with statements(db) as sql:
        load(db, season())
    assert 'DROP TRIGGER "people_name_keys_insert"' in sql  # not a key inserted row by row
    with db.transaction() as session:  # the trigger keys a person added afterwards
        session.add(Person(key="zebedee", given_name="Zebedee", family_name="Quixwell"))
    with db.reading() as session:
        stale = session.scalar(text("SELECT count(*) FROM people p LEFT JOIN people_name_keys k ON k.id = p.id "
                                    "WHERE k.name_key IS NOT lower(p.family_name || ' ' || p.given_name)"))
        assert stale == 0
        assert session.scalar(text("SELECT count(*) FROM sqlite_master WHERE name = 'people_name_keys_insert'")) == 1


def test_a_refused_bulk_load_leaves_the_search_triggers(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    if not db.is_sqlite:
        pytest.skip("SQLite's trigram tables")
    monkeypatch.setattr(write, "BATCH", 40)
    triggers = _search_triggers_and_index_check(db)
    data = season()
    data["events"][-1]["participants"][-1]["person"] = "nobody-at-all"
    with pytest.raises(ValidationError):
        load(db, data)
    assert _search_triggers_and_index_check(db) == triggers
