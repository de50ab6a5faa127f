"""Exchange reads files into plain data and builds files; it never writes domain state (core does, called by app).

Two checks: no module under iurc_desktop/exchange calls a session's writing
methods or builds an INSERT/UPDATE/DELETE statement (read from the source with
`ast`, and shown to find a planted write), and the main exchange entry points,
run on the demo programme, leave the session with nothing new, changed or
deleted and execute no write statement.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import ORMExecuteState, Session

import iurc_desktop.exchange
from iurc_desktop.core.db import Database
from iurc_desktop.core.models import Event, Item, Person
from iurc_desktop.exchange.ics import export as ics_export, reading as ics_import, mail as ics_mail
from iurc_desktop.exchange.imports import people as imports
from iurc_desktop.exchange.rosters import report, rosters
from tests.conftest import SAMPLES

EXCHANGE = Path(iurc_desktop.exchange.__file__).parent
WRITING_METHODS = {"add", "add_all", "delete", "merge", "flush", "commit", "bulk_save_objects", "bulk_insert_mappings",
                   "bulk_update_mappings"}
WRITE_STATEMENTS = {"insert", "update", "delete"}


def _session_names(tree: ast.Module) -> set[str]:
    """Names that hold a session: every argument annotated `Session`, and `session` itself."""
    names = {"session"}
    for node in ast.walk(tree):
        if isinstance(node, ast.arg) and node.annotation is not None and "Session" in ast.unparse(node.annotation):
            names.add(node.arg)
    return names


def _is_session(node: ast.expr, names: set[str]) -> bool:
    return (isinstance(node, ast.Name) and node.id in names) or (isinstance(node, ast.Attribute) and node.attr == "session")


def _statement_names(tree: ast.Module) -> set[str]:
    """Local names of sqlalchemy's insert/update/delete imported by the module."""
    return {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
            and (node.module or "").startswith("sqlalchemy") for alias in node.names if alias.name in WRITE_STATEMENTS}


def _builds_statement(call: ast.Call, statements: set[str]) -> bool:
    """insert(...)/update(...)/delete(...) of sqlalchemy, or a query's or table's .update()/.delete()."""
    func = call.func
    if isinstance(func, ast.Name):
        return func.id in statements
    if not isinstance(func, ast.Attribute) or func.attr not in WRITE_STATEMENTS:
        return False
    receiver = ast.unparse(func.value)
    return receiver in ("sqlalchemy", "sa") or "__table__" in receiver or ".query(" in receiver


def writes_in(source: str, name: str) -> list[str]:
    """'name:line: what' for each database write the module's source makes."""
    tree = ast.parse(source)
    sessions, statements = _session_names(tree), _statement_names(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in WRITING_METHODS and _is_session(func.value, sessions):
            found.append(f"{name}:{node.lineno}: {ast.unparse(func)}()")
        elif _builds_statement(node, statements):
            found.append(f"{name}:{node.lineno}: {ast.unparse(func)}(...) statement")
    return found


def writes_under(folder: Path) -> list[str]:
    """Every database write made by the modules under `folder`."""
    return [hit for path in sorted(folder.rglob("*.py")) for hit in writes_in(path.read_text(encoding="utf-8"), str(path.relative_to(folder)))]


def test_no_exchange_module_writes_to_the_database() -> None:
    assert writes_under(EXCHANGE) == []


PLANTED = [
    "def plant(session: Session, person: Person) -> None:\n    session.add(person)\n",
    "def plant(s: Session, people: list) -> None:\n    s.add_all(people)\n",
    "def plant(db: Session, person: Person) -> None:\n    db.delete(person)\n",
    "def plant(session: Session, person: Person) -> None:\n    session.merge(person)\n",
    "def plant(uow) -> None:\n    uow.session.flush()\n",
    "from sqlalchemy import insert\ndef plant(session: Session) -> None:\n    session.execute(insert(Person), [{}])\n",
    "from sqlalchemy import update as change\ndef plant(session: Session) -> None:\n    session.execute(change(Person).values(notes=''))\n",
    "from sqlalchemy import delete\ndef plant(session: Session) -> None:\n    session.execute(delete(Person))\n",
    "def plant(session: Session) -> None:\n    session.query(Person).filter_by(id=1).delete()\n",
    "def plant(session: Session) -> None:\n    session.execute(Person.__table__.update().values(notes=''))\n",
]


@pytest.mark.parametrize("planted", PLANTED)
def test_the_check_finds_a_write_planted_in_a_copy_of_exchange(tmp_path: Path, planted: str) -> None:
    """A copy of the real package with one write added: the check names it, and only it."""
    copy = tmp_path / "exchange"
    for path in EXCHANGE.rglob("*.py"):
        target = copy / path.relative_to(EXCHANGE)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    imports_py = copy / "imports" / "people.py"
    lines = len(imports_py.read_text(encoding="utf-8").splitlines())
    imports_py.write_text(imports_py.read_text(encoding="utf-8") + "\n\n" + planted, encoding="utf-8")
    found = writes_under(copy)
    assert len(found) == 1 and found[0].startswith("imports/people.py:") and int(found[0].split(":")[1]) > lines


def test_the_check_leaves_alone_what_only_looks_like_a_write() -> None:
    """A calendar's .add, a dict's .update and a set's .add are not database writes."""
    source = ("def build(session: Session, cal, values: dict, seen: set) -> None:\n"
              "    cal.add('prodid', 'x')\n    values.update(a=1)\n    seen.add(1)\n    session.execute(select(Person))\n")
    assert writes_in(source, "m.py") == []


@pytest.fixture
def guarded(demo_db: Database) -> Iterator[Session]:
    """A session on the demo programme that fails on anything new, changed or deleted, or any write statement."""
    with demo_db.reading() as session:

        def before_flush(session: Session, context: object, instances: object) -> None:
            _refuse_changes(session)

        def on_execute(state: ORMExecuteState) -> None:
            if state.is_insert or state.is_update or state.is_delete:
                raise AssertionError(f"exchange executed a write statement: {state.statement}")

        event.listen(session, "before_flush", before_flush)
        event.listen(session, "do_orm_execute", on_execute)
        yield session
        _refuse_changes(session)


def _refuse_changes(session: Session) -> None:
    changed = {"new": list(session.new), "dirty": list(session.dirty), "deleted": list(session.deleted)}
    if any(changed.values()):
        raise AssertionError(f"exchange changed the session: {changed}")


def test_the_guard_catches_a_write(demo_db: Database) -> None:
    with demo_db.reading() as session:
        event.listen(session, "before_flush", lambda s, c, i: _refuse_changes(s))
        session.scalars(select(Person)).first().notes = "changed"  # type: ignore[union-attr]
        with pytest.raises(AssertionError, match="dirty"):
            session.flush()


def test_exchange_entry_points_only_read(guarded: Session, tmp_path: Path) -> None:
    events = list(guarded.scalars(select(Event).order_by(Event.code)))
    visit = next(e.code for e in events if e.kind == "study_visit")
    item = guarded.scalar(select(Item.key).join(Event).where(Event.code == visit).order_by(Item.key))
    plan = imports.plan_import(guarded, visit, SAMPLES / "real" / "eventbrite_attendee_report.csv")
    assert imports.people_changes(guarded, plan).rows == len(plan.rows) - len(plan.rejected)
    assert ics_import.plan_ics(guarded, visit, SAMPLES / "ics" / "google_calendar_berlin.ics").entries
    for e in events:
        ics_export.invite_ics(guarded, e.code)
        ics_export.itinerary_ics(guarded, e.code)
        if e.organiser_email:
            ics_mail.invitation_emails(guarded, e.code)
    assert ics_export.feed_ics(guarded)
    for kind in rosters.KINDS:
        rosters.preview_roster(guarded, visit, kind, item_key=item if kind == "host" else None)
    rosters.write_roster(guarded, visit, rosters.KINDS[0], tmp_path / "roster.xlsx")
    report.write_report(guarded, tmp_path / "report.xlsx")
    assert (tmp_path / "roster.xlsx").exists() and (tmp_path / "report.xlsx").exists()
