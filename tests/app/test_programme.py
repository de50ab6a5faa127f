"""The programme as a whole through the app: init, the demo, loading (all or nothing) and writing programme files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from iurc_desktop.app import database, programme
from iurc_desktop.app.changes import Topic
from iurc_desktop.app.events import count_events
from iurc_desktop.core.db import Database, head_revision
from iurc_desktop.core.errors import Cancelled, Conflict, ValidationError
from iurc_desktop.core.progress import CancelToken


def test_init_says_created_then_up_to_date_and_where(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    first = programme.init_database(str(path))
    assert first.created and not first.upgraded
    assert first.where == str(path) and first.after == head_revision() and path.exists()
    again = programme.init_database(f"sqlite:///{path}")
    assert (again.created, again.upgraded, again.before, again.after) == (False, False, head_revision(), head_revision())


def test_a_server_is_named_without_its_password() -> None:
    url = "postgresql+psycopg://staff:secret@db.example.org/iurc"
    assert "secret" not in programme.where(url) and "db.example.org/iurc" in programme.where(url)
    assert "secret" not in programme.database_name(url)
    assert programme.database_name("sqlite:////srv/team/iurc.db") == "iurc.db"


def test_the_demo_loads_once_and_says_everything_changed(db: Database) -> None:
    outcome = programme.load_demo(db)
    assert outcome.changed == frozenset({Topic.EVERYTHING})
    assert outcome.value.events == count_events(db) > 0
    programme.load_demo(db)  # idempotent
    assert count_events(db) == outcome.value.events


def test_dump_then_load_elsewhere_gives_the_same_file(demo_db: Database, tmp_path: Path) -> None:
    written = tmp_path / "programme.json"
    text = programme.dump_programme(demo_db, output=written)
    assert written.read_text(encoding="utf-8") == text
    assert not list(tmp_path.glob(".*"))  # nothing staged left behind
    other = database.open(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        summary = programme.load_programme(other, written).value
        assert set(summary.event_codes) == {e["code"] for e in json.loads(text)["events"]}
        assert programme.dump_programme(other) == text
    finally:
        other.dispose()


def test_dump_of_chosen_events_only(demo_db: Database) -> None:
    code = json.loads(programme.dump_programme(demo_db))["events"][0]["code"]
    assert [e["code"] for e in json.loads(programme.dump_programme(demo_db, [code]))["events"]] == [code]


def test_dump_into_a_missing_folder_is_refused_and_writes_nothing(demo_db: Database, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="does not exist"):
        programme.dump_programme(demo_db, output=tmp_path / "missing" / "out.json")


def test_loading_existing_codes_is_a_conflict_until_replace(demo_db: Database, tmp_path: Path) -> None:
    written = tmp_path / "programme.json"
    programme.dump_programme(demo_db, output=written)
    before = programme.dump_programme(demo_db)
    with pytest.raises(Conflict):
        programme.load_programme(demo_db, written)
    assert programme.dump_programme(demo_db) == before
    assert programme.load_programme(demo_db, written, replace=True).changed == frozenset({Topic.EVERYTHING})


def test_a_cancelled_load_leaves_the_database_unchanged(db: Database, tmp_path: Path) -> None:
    token = CancelToken()
    said: list[str] = []

    def progress(done: int, total: int, message: str = "") -> None:
        said.append(message)
        token.cancel()  # the user presses Cancel while it loads

    with pytest.raises(Cancelled):
        programme.load_demo(db, progress=progress, cancel=token)
    assert said and count_events(db) == 0
