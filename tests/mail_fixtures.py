"""Fixtures of the mail tests: servers stopped after each test, an in-memory keychain.

A test module takes them with `pytest_plugins = ("tests.mail_fixtures",)`.
"""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest

from tests.mail_server import MemoryKeyring, Server


@pytest.fixture
def servers() -> Iterator[list[Server]]:
    """Servers a test starts go here and are stopped after it, whatever happens."""
    started: list[Server] = []
    yield started
    for server in started:
        server.stop()


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(before)
