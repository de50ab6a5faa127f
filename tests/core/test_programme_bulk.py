"""Programme file at a season's scale: a bulk load keeps everything the file says, and nothing of a refused one."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from iurc_desktop.app import programme
from iurc_desktop.core.db import Database
from iurc_desktop.core.errors import Cancelled, ValidationError
from iurc_desktop.core.models import Base
from iurc_desktop.core.programme.file import dump_programme, load_programme
from iurc_desktop.core.programme.scaled import scaled_programme
from iurc_desktop.core.progress import CancelToken


def season() -> dict[str, Any]:
    return scaled_programme(2, people=200, attendees=50)


def load(db: Database, data: dict[str, Any], **kw: Any) -> None:
    with db.transaction() as session:
        load_programme(session, data, **kw)


def canonical(value: Any) -> Any:
    """The programme as a dump gives it back: blank fields left out, lists in a fixed order."""
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items() if v not in ("", None, [], False)}
    if isinstance(value, list):
        return sorted((canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def every_row(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    with db.reading() as session:
        return {table.name: sorted(session.execute(select(table)).all(), key=repr)
                for table in Base.metadata.sorted_tables}


def row_counts(db: Database) -> dict[str, int]:
    with db.reading() as session:
        return {table.name: session.scalar(select(func.count()).select_from(table)) or 0
                for table in Base.metadata.sorted_tables}


def test_a_season_loaded_then_dumped_gives_back_the_same_programme(db: Database) -> None:
    data = season()
    load(db, data)
    with db.reading() as session:
        dumped = dump_programme(session)
    assert canonical(dumped) == canonical(data)


def test_loading_the_same_file_again_with_replace_changes_nothing(db: Database) -> None:
    data = season()
    load(db, data)
    before = every_row(db)
    load(db, data, replace=True)
    assert every_row(db) == before  # ids, calendar uids, sequences and versions alike


def test_a_refused_file_leaves_nothing(db: Database) -> None:
    data = season()
    data["events"][-1]["participants"][-1]["person"] = "nobody-at-all"
    with pytest.raises(ValidationError) as refused:
        load(db, data)
    assert any("unknown person 'nobody-at-all'" in problem for problem in refused.value.problems)
    assert not any(row_counts(db).values())


def test_a_load_cancelled_between_batches_leaves_nothing(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "season.json"
    path.write_text(json.dumps(season()), encoding="utf-8")
    token, reports = CancelToken(), []

    def progress(done: int, total: int, message: str) -> None:
        reports.append((done, total))
        if done:
            token.cancel()  # the user presses Cancel once rows are being written

    with pytest.raises(Cancelled):
        programme.load_programme(db, path, progress=progress, cancel=token)
    assert any(done for done, _total in reports)
    assert not any(row_counts(db).values())
