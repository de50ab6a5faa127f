"""Programme file read one record at a time: memory bounded by a batch, and every refusal as the whole-file reader's."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from iurc_desktop.core.db import Database
from iurc_desktop.core.errors import ValidationError
from iurc_desktop.core.models import Base
from iurc_desktop.core.programme import file as programme_file, reading, write
from iurc_desktop.core.programme.file import dump_programme, load_programme_file, read_programme_file
from iurc_desktop.core.programme.scaled import scaled_programme
from tests.core.test_programme_bulk import canonical


def season(times: int = 2) -> dict[str, Any]:
    return scaled_programme(times, people=200, attendees=50)


@pytest.fixture
def small_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of 50 rows and chunks of 4 kB, so a test-sized file takes many of each."""
    monkeypatch.setattr(programme_file, "BATCH", 50)
    monkeypatch.setattr(write, "BATCH", 50)
    monkeypatch.setattr(reading, "CHUNK", 4096)


def written(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def rows(db: Database) -> int:
    with db.reading() as session:
        return sum(session.scalar(select(func.count()).select_from(t)) or 0 for t in Base.metadata.sorted_tables)


def dumped(db: Database) -> Any:
    with db.reading() as session:
        return canonical(dump_programme(session))


def test_a_file_is_loaded_without_being_read_whole(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  small_steps: None) -> None:
    def whole(path: Path) -> None:
        raise AssertionError("read whole")

    monkeypatch.setattr(programme_file, "read_programme_file", whole)
    data = season()
    with db.transaction() as session:
        summary = load_programme_file(session, written(tmp_path / "season.json", data))
    assert summary.people == len(data["people"]) and summary.events == len(data["events"])
    assert dumped(db) == canonical(data)


def test_loading_holds_little_more_than_a_batch(db: Database, tmp_path: Path, small_steps: None) -> None:
    """Read whole, a file takes about 6 times its size as objects; read record by record, a batch's worth."""
    path = written(tmp_path / "season.json", season(8))
    session = db.sessions()
    load_programme_file(session, path)  # first: imports and compiled statements, which are not the file's
    session.rollback()
    tracemalloc.start()
    try:
        load_programme_file(session, path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        session.rollback()
        session.close()
    assert peak < 1.5 * path.stat().st_size, f"{peak:,} bytes at the peak for a file of {path.stat().st_size:,}"


def test_records_cut_anywhere_by_the_chunks_load_the_same(db: Database, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "CHUNK", 7)  # numbers, escapes and multi-byte characters split between reads
    data = season(1)
    data["people"][0]["notes"] = "emoji \U0001F600, quote \", back\\slash, 浜松市"
    path = tmp_path / "season.json"
    path.write_text(json.dumps(data, ensure_ascii=True, indent=1), encoding="utf-8")
    with db.transaction() as session:
        load_programme_file(session, path)
    assert dumped(db) == canonical(data)


def test_sections_in_another_order_load_the_same(db: Database, tmp_path: Path, small_steps: None) -> None:
    data = season()
    reordered = {name: data[name] for name in ("events", "pairings", "people", "clusters", "organisations", "format")}
    with db.transaction() as session:
        load_programme_file(session, written(tmp_path / "reordered.json", reordered))
    assert dumped(db) == canonical(data)


def test_an_unknown_field_after_the_sections_is_named_and_nothing_is_written(db: Database, tmp_path: Path,
                                                                            small_steps: None) -> None:
    data = {**season(), "colour": "blue"}
    with pytest.raises(ValidationError) as refused, db.transaction() as session:
        load_programme_file(session, written(tmp_path / "season.json", data))
    assert refused.value.problems[0].startswith("colour: unknown field (expected one of: format, organisations")
    assert rows(db) == 0


def _late(text: str, broken: str) -> str:
    """`text` (a whole file) with its last participant's notes replaced by `broken`, raw JSON text."""
    at = text.rindex('"person"')
    return text[:at] + f'"notes": {broken}, ' + text[at:]


@pytest.mark.parametrize(("what", "change"), [
    ("broken JSON", lambda text: _late(text, '"unfinished')),
    ("a field twice", lambda text: _late(text, '"a", "notes": "b"')),
    ("half a surrogate pair", lambda text: _late(text, '"x\\ud800y"')),
    ("a number of thousands of digits", lambda text: _late(text, "9" * 5000)),
    ("deep nesting", lambda text: _late(text, "[" * 100_000 + "]" * 100_000)),
    ("more after the object", lambda text: text + ' {"format": "iurc-programme/1"}'),
    ("format not the first field", lambda text: '{"format": "iurc-programme/2", ' + text[1:]),
])
def test_a_file_refused_late_says_what_the_whole_file_reader_says_and_writes_nothing(
    db: Database, tmp_path: Path, small_steps: None, what: str, change: Any,
) -> None:
    path = tmp_path / "season.json"
    path.write_text(change(json.dumps(season(), ensure_ascii=False)), encoding="utf-8")
    with pytest.raises(ValidationError) as whole:
        read_programme_file(path)
    with pytest.raises(ValidationError) as streamed, db.transaction() as session:
        load_programme_file(session, path)
    assert str(streamed.value) == str(whole.value)
    assert rows(db) == 0


def test_a_byte_that_is_not_utf8_late_in_the_file_is_named_as_the_whole_file_reader_names_it(
    db: Database, tmp_path: Path, small_steps: None,
) -> None:
    text = json.dumps(season(), ensure_ascii=False).encode("utf-8")
    at = text.rindex(b'"person"')
    path = tmp_path / "season.json"
    path.write_bytes(text[:at] + b'"notes": "caf\xe9", ' + text[at:])
    with pytest.raises(ValidationError, match=r"is not UTF-8 text \(byte \d+\)") as streamed, db.transaction() as session:
        load_programme_file(session, path)
    assert f"(byte {at + 13})" in str(streamed.value)
    assert rows(db) == 0
