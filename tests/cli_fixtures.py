"""Fixtures of the command-line tests: the demo database once per module, a private copy per test.

A test module takes them with `pytest_plugins = ("tests.cli_fixtures",)`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_support import copy_db, make_demo


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database, loaded once per test module."""
    return make_demo(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def url(demo_file: Path, tmp_path: Path) -> str:
    """A private copy of the demo database for one test; its URL."""
    return copy_db(demo_file, tmp_path)
