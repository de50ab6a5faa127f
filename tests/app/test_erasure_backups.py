"""Erasure reaches the app's backups, and no restore or copy brings an erased person back.

Every test greps raw bytes: the database file and its log, the app's own folders
and every backup, for the person's name, e-mail and needs.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from iurc_desktop.app import backups, database, erasure
from iurc_desktop.core.backup import sqlite_path
from iurc_desktop.core.db import _alembic_config, make_engine
from iurc_desktop.core.output_files import STAGED_MARK
from iurc_desktop.core.people import erasure_backups
from iurc_desktop.core.people.listing import find_person_by_email

from ..core.test_erasure import DIET, EMAIL, FAMILY, NAME, _build, _traces

pytestmark = pytest.mark.sqlite_only("greps SQLite files and backups; backups are of SQLite files")


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user data folder of the test's own, so the list of backups made is only this test's."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path


def _live(folders: Path, name: str = "live.db") -> str:
    url = f"sqlite:///{folders / name}"
    db = database.open(url)
    try:
        _build(db)
    finally:
        db.dispose()
    return url


def _erase(url: str) -> None:
    db = database.open(url)
    try:
        assert erasure.erase_person(db, EMAIL).value.log_truncated
    finally:
        db.dispose()


def _present(url: str) -> bool:
    db = database.open(url)
    try:
        with db.reading() as s:
            return find_person_by_email(s, EMAIL) is not None
    finally:
        db.dispose()


def _leaks(root: Path) -> dict[str, list[bytes]]:
    """Every file under `root` (databases, logs, backups, the app's data and config folders) that holds a trace."""
    found = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if hits := [t for t in _traces() if t in data]:
            found[str(path.relative_to(root))] = hits
    return found


def test_erasure_lists_the_apps_backups_holding_the_person_and_purging_leaves_no_trace_anywhere(folders: Path) -> None:
    url = _live(folders)
    chosen = backups.backup(url, folders / "elsewhere.db")  # a backup put anywhere is on the app's list
    auto = backups.rotating_backup(url, folders / "data" / "iurc-desktop" / "backups")
    custom = backups.rotating_backup(url, folders / "my-backups")
    unlisted = folders / "my-backups" / "copied-by-hand.db"
    unlisted.write_bytes(custom.path.read_bytes())  # not made by the app: found through the settings' folder
    assert set(_leaks(folders)) >= {"live.db", "elsewhere.db", "my-backups/copied-by-hand.db"}

    _erase(url)
    held = erasure.backups_holding(url, EMAIL.upper(), [folders / "my-backups"])
    assert {b.path for b in held} == {chosen.path, auto.path, custom.path, unlisted.resolve()}
    assert [b.made for b in held] == sorted(b.made for b in held)
    assert erasure.backups_holding(url, "olga@example.eu") != ()  # others stay in the backups, as they should

    purged = erasure.purge_backups(EMAIL, [b.path for b in held])
    assert (set(purged.rewritten), purged.failed) == ({b.path for b in held}, ())
    assert _leaks(folders) == {}
    assert erasure.backups_holding(url, EMAIL, [folders / "my-backups"]) == ()
    for backup in held:  # each is still a whole backup, restorable, with everyone else in it
        assert backups.check_backup(backup.path).revision is not None
    restored = backups.restore(f"sqlite:///{folders / 'from-backup.db'}", chosen.path)
    assert restored.erased_again == 0 and not _present(f"sqlite:///{folders / 'from-backup.db'}")


def test_restoring_a_backup_made_before_the_erasure_erases_the_person_again_and_says_how_many(folders: Path) -> None:
    url = _live(folders)
    old = backups.backup(url, folders / "old.db")
    _erase(url)
    restored = backups.restore(url, old.path)
    assert restored.erased_again == 1 and not _present(url)
    assert backups.erased_again_text(restored.erased_again) == "1 erased person was erased again."
    assert backups.erased_again_text(3) == "3 erased people were erased again." and backups.erased_again_text(0) == ""
    leaks = _leaks(folders)
    assert "live.db" not in leaks and not any(name.startswith("live.db-") for name in leaks)
    db = database.open(url)
    try:
        assert erasure.was_erased(db, EMAIL)  # the register survived the restore: a later restore replays it too
    finally:
        db.dispose()
    assert backups.restore(url, old.path).erased_again == 1 and not _present(url)


def test_a_backup_from_an_older_version_is_upgraded_and_replayed_before_it_replaces_the_database(folders: Path) -> None:
    old_url = f"sqlite:///{folders / 'older-version.db'}"
    engine = make_engine(old_url)
    try:
        with engine.begin() as conn:  # as a version from before the register (and before 0007 rebuilt events) left it
            command.upgrade(_alembic_config(conn), "0006")
            conn.execute(text(
                "INSERT INTO events (code, kind, title, theme, zone, start_date, end_date, organiser_name, organiser_email,"
                " status, url, description, uid, sequence, search_text) VALUES ('sv-0', 'study_visit', 'Visit', '',"
                " 'Europe/Brussels', '2026-03-23', '2026-03-23', :name, :email, 'planned', '', '', 'u0', 0, '')"),
                {"name": f"{NAME} {FAMILY}", "email": EMAIL})
            conn.execute(text("INSERT INTO people (given_name, family_name, name_order, local_name, email, phone, job_title,"
                              " gender, nationality, dietary, accessibility, notes, search_text) VALUES (:given, :family,"
                              " 'given_first', '', :email, '', '', '', '', :diet, '', '', '')"),
                         {"given": NAME, "family": FAMILY, "email": EMAIL, "diet": DIET})
    finally:
        engine.dispose()
    url = _live(folders)
    _erase(url)
    restored = backups.restore(url, folders / "older-version.db")
    assert restored.erased_again == 1 and not _present(url)
    assert not (folders / "backups").exists()  # the upgrade of the restored copy kept no copy of it as it was
    assert "live.db" not in _leaks(folders)  # nor did the table the upgrade rebuilt leave old rows in free pages


def test_a_restore_keeps_the_registers_of_both_the_database_it_replaces_and_the_backup(folders: Path) -> None:
    url = _live(folders)
    old = backups.backup(url, folders / "old.db")
    _erase(url)
    erased_here = backups.backup(url, folders / "erased.db")  # its register names the person
    other = f"sqlite:///{folders / 'other.db'}"
    assert backups.restore(other, erased_here.path).erased_again == 0
    assert backups.restore(other, old.path).erased_again == 1 and not _present(other)  # the replaced one's register


def test_copying_keeps_the_register_so_an_older_copy_cannot_bring_the_person_back(folders: Path) -> None:
    url = _live(folders)
    old = backups.backup(url, folders / "old.db")
    _erase(url)
    new = f"sqlite:///{folders / 'new.db'}"
    assert backups.copy(url, new).erased_again == 0 and not _present(new)
    assert backups.restore(new, old.path).erased_again == 1 and not _present(new)  # the copy carried the register

    report = backups.copy(f"sqlite:///{old.path}", url, overwrite=True)  # an old database copied over the live one
    assert report.erased_again == 1 and not _present(url)
    assert "live.db" not in _leaks(folders)


def test_a_backup_that_cannot_be_rewritten_is_named_with_why_and_left_as_it_was(folders: Path) -> None:
    url = _live(folders)
    good = backups.backup(url, folders / "good.db")
    damaged = folders / "damaged.db"
    damaged.write_bytes(good.path.read_bytes()[:8192])
    _erase(url)
    purged = erasure.purge_backups(EMAIL, [good.path, damaged])
    assert purged.rewritten == (good.path,)
    assert [path for path, _why in purged.failed] == [damaged]
    assert EMAIL not in purged.failed[0][1] and "delete it" in purged.failed[0][1]
    assert damaged.stat().st_size == 8192
    assert sqlite_path(url).exists()


def test_a_backup_is_rewritten_in_a_staged_copy_with_no_journal_or_log_beside_it(
        folders: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A crash mid-rewrite leaves only the staged copy, which the next start removes."""
    url = _live(folders)
    (folders / "kept").mkdir()
    backup = backups.backup(url, folders / "kept" / "b.db")
    _erase(url)
    seen: list[list[str]] = []
    real = erasure_backups.erasure.erase_person

    def watching(session, email):  # type: ignore[no-untyped-def]
        report = real(session, email)
        session.flush()  # the erasure's writes reach the file: a journal or log would exist now
        seen.append(sorted(path.name for path in backup.path.parent.iterdir()))
        return report

    monkeypatch.setattr(erasure_backups.erasure, "erase_person", watching)
    assert erasure.purge_backups(EMAIL, [backup.path]).rewritten == (backup.path,)
    assert len(seen) == 1 and len(seen[0]) == 2 and seen[0][1] == "b.db" and seen[0][0].endswith(STAGED_MARK)
    assert sorted(path.name for path in backup.path.parent.iterdir()) == ["b.db"]


def test_purging_a_backup_keeps_the_date_it_was_made(folders: Path) -> None:
    import os

    url = _live(folders)
    made = backups.backup(url, folders / "monday.db").path
    os.utime(made, (1_000_000_000, 1_000_000_000))
    assert erasure.purge_backups(EMAIL, [made]).rewritten == (made,)
    assert made.stat().st_mtime == 1_000_000_000 and not erasure_backups.holds(made, EMAIL)
