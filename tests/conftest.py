"""Test set-up shared by every test.

Qt must see QT_QPA_PLATFORM=offscreen before it loads, or with no display it
aborts the whole run; the user data directory must point at a temporary folder
so no test touches a real user's database.

Database-facing tests take the `db_url` (or `db`, `demo_db`) fixture. With
IURC_TEST_PG set to a PostgreSQL server URL (see scripts/pg-test-server.sh),
each of them runs twice: on a SQLite file and on a fresh PostgreSQL database
copied from a template migrated once per run. A test that is about SQLite
itself (pragmas, WAL, file backups, the raw file) is marked `sqlite_only` or
listed in `SQLITE_ONLY` below, and runs on SQLite alone.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_DATA_HOME = tempfile.mkdtemp(prefix="iurc-test-data-")
os.environ["XDG_DATA_HOME"] = _DATA_HOME
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="iurc-test-config-")
os.environ.pop("IURC_DB", None)

import pytest  # noqa: E402

from iurc_desktop.core.db import Database, open_database  # noqa: E402

# Real-world sample files (public, anonymised exports) kept in the repository.
SAMPLES = Path(__file__).resolve().parent / "data" / "samples"
PG_ENV = "IURC_TEST_PG"

# Tests about SQLite itself, by node id prefix (file or file::test), with the reason.
# Owners may instead mark a test `@pytest.mark.sqlite_only`; both are honoured.
SQLITE_ONLY: dict[str, str] = {
    "tests/core/test_backup.py": "backups are SQLite online-backup files; a server is backed up with its own tools",
    "tests/core/test_db.py::test_foreign_keys_are_enforced": "checks the SQLite foreign_keys pragma",
    "tests/core/test_erasure.py::test_erasure_leaves_no_trace_in_the_database_file_or_its_log": "greps the SQLite file and its WAL",
    "tests/ui/test_desktop.py::test_recent_databases_menu_lists_opened_ones_and_reopens": "expects the database to be a file named test.db",
    "tests/ui/test_desktop.py::test_geometry_is_restored_and_closing_writes_a_rotating_backup": "closing backs up SQLite files only",
}


@pytest.fixture(autouse=True)
def _gui_thread_collector(request: pytest.FixtureRequest) -> Iterator[None]:
    """A window test collects Python's garbage on its GUI thread only, as the app does (ui/collector.py)."""
    if not {"qtbot", "qapp"} & set(request.fixturenames):
        yield
        return
    from iurc_desktop.ui.collector import GuiThreadCollector

    request.getfixturevalue("qapp")
    if not gc.get_freeze_count():  # what was loaded before is never garbage: full collections skip it
        gc.collect()
        gc.freeze()
    collector = GuiThreadCollector()
    collector.start()
    yield
    collector.stop()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only(reason): about SQLite itself; not run against PostgreSQL")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every database-facing test on each configured backend."""
    backends = ["sqlite", "postgresql"] if os.environ.get(PG_ENV) else ["sqlite"]
    if "db_url" in metafunc.fixturenames:
        metafunc.parametrize("db_url", backends, indirect=True)
    if "scaled_dbs" in metafunc.fixturenames:
        metafunc.parametrize("scaled_backend", backends, indirect=True, scope="module")


def _sqlite_only_reason(node: pytest.Item) -> str | None:
    marker = node.get_closest_marker("sqlite_only")
    if marker is not None:
        return str(marker.args[0]) if marker.args else "about SQLite itself"
    nodeid = node.nodeid.split("[", 1)[0]
    for prefix, reason in SQLITE_ONLY.items():
        if nodeid == prefix or nodeid.startswith(prefix + "::"):
            return reason
    return None


class _PgServer:
    """Fresh databases on the configured server, each a copy of one migrated template."""

    def __init__(self, url: str) -> None:
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        self.base = make_url(url)
        self.admin = create_engine(self.base.set(database="postgres"), isolation_level="AUTOCOMMIT", poolclass=_null_pool())
        self.template = f"iurc_tmpl_{uuid.uuid4().hex[:12]}"
        self._execute(f'CREATE DATABASE "{self.template}"')
        migrated = open_database(self.url_of(self.template))  # migrations run on PostgreSQL here, once per run
        migrated.dispose()

    def url_of(self, name: str) -> str:
        return self.base.set(database=name).render_as_string(hide_password=False)

    def _execute(self, sql: str) -> None:
        from sqlalchemy import text

        with self.admin.connect() as conn:
            conn.execute(text(sql))

    def create(self) -> str:
        name = f"iurc_t_{uuid.uuid4().hex[:16]}"
        self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        return name

    def create_empty(self) -> str:
        """A new database with no schema at all (for copies and migrations to fill)."""
        name = f"iurc_t_{uuid.uuid4().hex[:16]}"
        self._execute(f'CREATE DATABASE "{name}"')
        return name

    def drop(self, name: str) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        self.drop(self.template)
        self.admin.dispose()


def _null_pool() -> type:
    from sqlalchemy.pool import NullPool

    return NullPool


@pytest.fixture(scope="session")
def pg_server() -> Iterator[_PgServer | None]:
    """The PostgreSQL test server named by IURC_TEST_PG, or None."""
    url = os.environ.get(PG_ENV)
    if not url:
        yield None
        return
    server = _PgServer(url)
    yield server
    server.close()


@pytest.fixture
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh database: a SQLite file under tmp_path, or a new PostgreSQL database."""
    backend = getattr(request, "param", "sqlite")
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    reason = _sqlite_only_reason(request.node)
    if reason is not None:
        pytest.skip(f"SQLite only: {reason}")
    server: _PgServer = request.getfixturevalue("pg_server")
    name = server.create()
    yield server.url_of(name)
    server.drop(name)


class _SqliteTemplates:
    """SQLite files made once per run and copied per test: one migrated, one with the demo loaded."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._made: dict[str, Path] = {}

    def path(self, kind: str) -> Path:
        if kind not in self._made:
            path = self.folder / f"{kind}.db"
            database = open_database(f"sqlite:///{path}")
            if kind == "demo":
                from iurc_desktop.core.programme.demo import load_demo

                with database.transaction() as session:
                    load_demo(session)
            database.dispose()  # the last connection closing folds the WAL into the file
            self._made[kind] = path
        return self._made[kind]


@pytest.fixture(scope="session")
def sqlite_templates(tmp_path_factory: pytest.TempPathFactory) -> _SqliteTemplates:
    return _SqliteTemplates(tmp_path_factory.mktemp("templates"))


@pytest.fixture
def db(db_url: str, request: pytest.FixtureRequest, sqlite_templates: _SqliteTemplates) -> Iterator[Database]:
    """A fresh, migrated database (SQLite, and PostgreSQL too when IURC_TEST_PG is set).

    On SQLite it starts as a copy of a template (with the demo when the test asks for `demo_db`),
    which is what migrating and loading would give, without doing it again for every test.
    """
    if db_url.startswith("sqlite:///"):
        target = Path(db_url.removeprefix("sqlite:///"))
        if not target.exists():
            kind = "demo" if "demo_db" in request.fixturenames else "migrated"
            shutil.copyfile(sqlite_templates.path(kind), target)
    database = open_database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def demo_db(db: Database) -> Database:
    """A fresh database with the demo programme loaded (on SQLite, copied in by `db`)."""
    if db.is_sqlite:
        return db
    from iurc_desktop.core.programme.demo import load_demo

    with db.transaction() as session:
        load_demo(session)
    return db


@pytest.fixture(scope="module")
def scaled_backend(request: pytest.FixtureRequest) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="module")
def scaled_dbs(scaled_backend: str, pg_server: _PgServer | None, tmp_path_factory: pytest.TempPathFactory,
               ) -> Iterator[tuple[Database, Database]]:
    """A small and a larger generated programme on the current backend, for statement-count tests.

    The larger has twice the people, organisations and events, and the demo's own events
    (`r2r-japan-2022`, ...) have twice the participants, travel and stays: a screen whose
    statement count differs between the two grows with its rows.
    """
    from iurc_desktop.core.programme.file import load_programme_file
    from iurc_desktop.core.programme.scaled import scaled_programme

    folder = tmp_path_factory.mktemp("scaled")
    made: list[tuple[Database, str | None]] = []
    for times in (1, 2):
        path = folder / f"season{times}.json"
        path.write_text(json.dumps(scaled_programme(times, people=120, attendees=30, event_scale=times)),
                        encoding="utf-8")
        name = pg_server.create() if scaled_backend == "postgresql" and pg_server else None
        url = pg_server.url_of(name) if name else f"sqlite:///{folder / f'season{times}.db'}"
        database = open_database(url)
        with database.transaction() as session:
            load_programme_file(session, path)
        made.append((database, name))
    yield made[0][0], made[1][0]
    for database, name in made:
        database.dispose()
        if name and pg_server:
            pg_server.drop(name)
