"""A database file is backed up before a migration changes it; a current one is not copied."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from iurc_desktop.core.db import head_revision, open_database


def test_an_old_database_is_backed_up_before_it_is_upgraded(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from iurc_desktop.core.db import _alembic_config

    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0002")  # type: ignore[arg-type]
        conn.exec_driver_sql("INSERT INTO organisations (key, name, local_name, kind, sector, country, zone, place, notes)"
                             " VALUES ('umea', 'Umeå', '', 'city', 'government', 'SE', 'Europe/Stockholm', '', '')")
    engine.dispose()
    db = open_database(f"sqlite:///{path}")
    db.dispose()
    backups = list((tmp_path / "backups").glob("iurc-before-upgrade-0002-*.db"))
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    assert copy.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0002"  # as it was before
    assert copy.execute("SELECT name FROM organisations").fetchall() == [("Umeå",)]
    copy.close()
    current = sqlite3.connect(path)
    assert current.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
    current.close()

    open_database(f"sqlite:///{path}").dispose()  # already current: no new copy
    assert len(list((tmp_path / "backups").glob("*.db"))) == 1


def test_a_new_database_needs_no_backup(tmp_path: Path) -> None:
    open_database(f"sqlite:///{tmp_path / 'new.db'}").dispose()
    assert not (tmp_path / "backups").exists()
