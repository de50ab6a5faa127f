"""Rows without an e-mail are matched by name against everyone in the database, read once per file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import event as sa_event

from iurc_desktop.core.models import Event, Person
from iurc_desktop.exchange.imports.people import plan_import


def _people_reads(db, run):  # type: ignore[no-untyped-def]
    """How many statements read the people table while `run` plans."""
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if "FROM people" in statement:
            seen.append(statement)

    sa_event.listen(db.engine, "before_cursor_execute", record)
    try:
        run()
    finally:
        sa_event.remove(db.engine, "before_cursor_execute", record)
    return len(seen)


def test_names_without_email_match_known_people_and_the_people_are_read_once(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        s.add(Event(code="web", kind="webinar", title="W", zone="UTC", start_date=date(2025, 3, 1), end_date=date(2025, 3, 1)))
        s.add_all([Person(given_name="Ane", family_name="Etxeberria", email="ane@example.eus"),
                   Person(given_name="Kim", family_name="Lee", email="kim1@example.kr"),
                   Person(given_name="Kim", family_name="Lee", email="kim2@example.kr")])
    rows = ["Ane Etxeberria", "Etxeberria Ane", "Kim Lee", "New Person"] + [f"Guest {n}" for n in range(20)]
    path = tmp_path / "names.csv"
    path.write_text("Name,Organisation\n" + "".join(f"{name},Org\n" for name in rows), encoding="utf-8")
    plans = []
    with db.transaction() as s:
        reads = _people_reads(db, lambda: plans.append(plan_import(s, "web", path)))
    fates = {r.name: r.fate for r in plans[0].rows}
    assert fates["Ane Etxeberria"] == "matched"
    assert fates["Etxeberria Ane"] == "duplicate"  # the same person again, by folded name
    assert fates["Kim Lee"] == "rejected"  # two Kim Lees: the e-mail must say which
    assert fates["New Person"] == "new"
    assert reads <= 2, f"people read {reads} times for {len(rows)} rows"
