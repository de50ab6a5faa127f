"""Fixtures of the command-line tests: the demo database once per module, a private copy per test.

A test module takes them with `pytest_plugins = ("tests.cli_fixtures",)`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from iurc_desktop.app import database
from iurc_desktop.app.database import Database
from tests.cli_support import copy_db, make_demo


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, loaded once per test module."""
    return make_demo(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def url(demo_file: Path, tmp_path: Path) -> str:
    """A private copy of the demo database for one test; its URL."""
    return copy_db(demo_file, tmp_path)


@pytest.fixture
def demo_database(url: str) -> Iterator[Database]:
    """The private copy of the demo (`url`), opened as the app opens a database."""
    opened = database.open(url)
    yield opened
    opened.dispose()


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A folder for exported files, apart from the database's own."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder
