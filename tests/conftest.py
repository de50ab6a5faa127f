"""Test set-up shared by every test.

Qt must see QT_QPA_PLATFORM=offscreen before it loads, or with no display it
aborts the whole run; the user data directory must point at a temporary folder
so no test touches a real user's database.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_DATA_HOME = tempfile.mkdtemp(prefix="iurc-test-data-")
os.environ["XDG_DATA_HOME"] = _DATA_HOME
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="iurc-test-config-")
os.environ.pop("IURC_DB", None)

import pytest  # noqa: E402

from iurc_desktop.core.db import Database, open_database  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
def db(db_url: str) -> Database:
    """A fresh, migrated SQLite database in a file under tmp_path."""
    database = open_database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def demo_db(db: Database) -> Database:
    """A fresh database with the demo programme loaded."""
    from iurc_desktop.core.demo import load_demo

    with db.transaction() as session:
        load_demo(session)
    return db
