"""Counts on the command line read as words: '1 event', not '1 events'."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from iurc_desktop.core.counts import counted
from iurc_desktop.core.db import open_database
from tests.cli_support import run
from tests.core import factories as f


def test_counted_is_singular_for_one_only() -> None:
    assert (counted(0, "event"), counted(1, "event"), counted(2, "event")) == ("0 events", "1 event", "2 events")
    assert (counted(1, "person", "people"), counted(3, "person", "people")) == ("1 person", "3 people")


def test_load_of_one_of_each_says_it_in_the_singular(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, target = f"sqlite:///{tmp_path / 'source.db'}", f"sqlite:///{tmp_path / 'target.db'}"
    assert run(capsys, "--db", source, "init")[0] == 0
    db = open_database(source)
    with db.transaction() as s:
        ev = f.event(s, "solo")
        f.item(s, ev, "talk", datetime(2026, 3, 23, 10), datetime(2026, 3, 23, 11))
        f.participate(s, ev, f.person(s, "Ane", "Etxeberria", email="ane@example.eu", organisation=f.org(s, "basque")))
    db.engine.dispose()
    programme = tmp_path / "solo.json"
    assert run(capsys, "--db", source, "dump", "-o", str(programme))[0] == 0
    code, out, err = run(capsys, "--db", target, "load", str(programme))
    assert code == 0, err
    assert "1 event, 1 item, 1 participant, 1 person, 1 organisation (solo)" in out
