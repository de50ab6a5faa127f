"""An event's host region (migration 0007): optional in the programme file, kept by dump and load, editable."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from iurc_desktop.core.db import open_database
from iurc_desktop.core.errors import ValidationError
from iurc_desktop.core.events import admin
from iurc_desktop.core.events.listing import get_event, host_choices
from iurc_desktop.core.programme.file import dump_programme, load_programme

from . import factories as f

RECORD = {"code": "visit", "kind": "study_visit", "title": "Visit", "zone": "Asia/Tokyo",
          "start": "2027-11-08", "end": "2027-11-12"}


def test_host_is_stored_dumped_and_loaded_again(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        f.org(s, "aichi", country="JP", zone="Asia/Tokyo", kind="prefecture", name="Aichi Prefecture")
        f.org(s, "nagoya", country="JP", zone="Asia/Tokyo", kind="city")
        assert admin.create_event(s, {**RECORD, "host": "aichi"})["host"] == "aichi"
        assert host_choices(s) == [("aichi", "Aichi Prefecture")]  # cities do not host a visit
    with db.reading() as s:
        assert get_event(s, "visit").host == "Aichi Prefecture"
        dumped = dump_programme(s, ["visit"])
    assert dumped["events"][0]["host"] == "aichi" and [o["key"] for o in dumped["organisations"]] == ["aichi"]
    other = open_database(f"sqlite:///{tmp_path / 'other.db'}")
    with other.transaction() as s:
        load_programme(s, dumped)
    with other.reading() as s:
        assert dump_programme(s, ["visit"]) == dumped
    other.dispose()


def test_host_edited_cleared_and_refused_when_unknown(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        f.org(s, "aichi", kind="prefecture")
        admin.create_event(s, RECORD)
    with db.transaction() as s:
        old, new = admin.update_event(s, "visit", {"host": "aichi"})
    assert (old, new) == ({"host": None}, {"host": "aichi"})
    with db.transaction() as s, pytest.raises(ValidationError, match="host: unknown organisation 'osaka'"):
        admin.update_event(s, "visit", {"host": "osaka"})
    with db.transaction() as s:
        admin.update_event(s, "visit", {"host": ""})
        assert "host" not in admin.event_record(s, "visit")


def test_a_file_without_hosts_stays_valid_and_an_old_database_is_upgraded(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from iurc_desktop.core.db import _alembic_config

    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0006")  # type: ignore[arg-type]
        conn.exec_driver_sql(
            "INSERT INTO events (code, kind, title, theme, zone, start_date, end_date, organiser_name, organiser_email,"
            " status, url, description, uid, sequence, search_text, version) VALUES ('old', 'study_visit', 'Old', '',"
            " 'Asia/Tokyo', '2022-11-20', '2022-11-26', '', '', 'planned', '', '', 'u1', 0, '', 1)"
        )
    engine.dispose()
    db = open_database(f"sqlite:///{path}")
    with db.reading() as s:
        entry = dump_programme(s, ["old"])["events"][0]
        assert "host" not in entry and get_event(s, "old").row.start == date(2022, 11, 20)
    db.dispose()
