"""Migrations on the database at hand (PostgreSQL too): an older schema with rows is brought to head intact."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from iurc_desktop.core.db import _alembic_config, head_revision, open_database
from iurc_desktop.core.models import Person


@pytest.fixture
def empty_url(request: pytest.FixtureRequest, db_url: str, tmp_path: Path) -> str:
    """An empty database with no schema, on the backend of this run of the test."""
    if db_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'old.db'}"
    server = request.getfixturevalue("pg_server")
    name = server.create_empty()
    request.addfinalizer(lambda: server.drop(name))
    return server.url_of(name)


def test_a_0004_database_with_rows_upgrades_to_versions_and_the_change_counter(empty_url: str) -> None:
    engine = create_engine(empty_url, poolclass=NullPool)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0004")  # type: ignore[arg-type]
        conn.execute(text(
            "INSERT INTO events (code, kind, title, theme, zone, start_date, end_date, organiser_name, organiser_email,"
            " status, url, description, uid, sequence, search_text)"
            " VALUES ('old-visit', 'study_visit', 'Old visit', '', 'Asia/Tokyo', '2022-11-20', '2022-11-26', '', '',"
            " 'planned', '', '', 'u1', 0, '')"
        ))
    engine.dispose()
    db = open_database(empty_url)
    try:
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT code, version FROM events")).one() == ("old-visit", 1)
            assert conn.execute(text("SELECT counter FROM data_changes")).scalar() == 0
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()
        with db.transaction() as s:  # 'family_first' did not fit PostgreSQL's old varchar(10)
            s.add(Person(given_name="Minjun", family_name="Kim", name_order="family_first", email="mj@example.kr"))
        with db.reading() as s:
            assert s.query(Person).one().display_name == "Kim Minjun"
    finally:
        db.dispose()
