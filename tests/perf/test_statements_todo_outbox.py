"""`todo` and the home page read the outbox in as many statements with ten times the messages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

import pytest
from sqlalchemy import insert, select

from iurc_desktop.app.home import home
from iurc_desktop.app.planning import todo
from iurc_desktop.core.db import Database
from iurc_desktop.core.events.agenda import not_over
from iurc_desktop.core.models import Event, OutboxMessage, Participation, Person
from iurc_desktop.core.vocab import TAKING_PART

from ..statements import count_statements
from .test_statements_home import TODAY, _cli

AT = datetime(2022, 10, 1, 9, 0, tzinfo=timezone.utc)


def _fill(db: Database, times: int) -> int:
    """Outbox rows for every upcoming event, `times` as many in each kind: invitations and updates sent to all but
    `times` active participants (left to invite), `times` failed and `times` for review; how many rows."""
    with db.transaction() as s:
        people = s.execute(select(Participation.event_id, Person.id, Person.email)
                           .join(Person, Person.id == Participation.person_id)
                           .where(Participation.event_id.in_(select(Event.id).where(*not_over(TODAY))),
                                  Participation.status.in_(TAKING_PART), Person.email.is_not(None))
                           .order_by(Participation.event_id, Participation.id)).all()
        by_event: dict[int, list[tuple[int, str]]] = {}
        for event_id, person_id, email in people:
            by_event.setdefault(event_id, []).append((person_id, email))
        rows: list[dict[str, Any]] = []
        for event_id, them in by_event.items():
            for number, (person_id, email) in enumerate(them):
                sent = number >= times
                kinds = (["invitation"] + ["update"] * (times - 1)) if sent else []
                states = ["failed"] * (number < times) + ["review"] * (number < times)
                rows += [_row(len(rows) + i, event_id, person_id, email, kind, "sent") for i, kind in enumerate(kinds)]
                rows += [_row(len(rows) + i, event_id, person_id, email, "reminder", st) for i, st in enumerate(states)]
        s.execute(insert(OutboxMessage), rows)
    return len(rows)


def _row(number: int, event_id: int, person_id: int, email: str, kind: str, state: str) -> dict[str, Any]:
    return {"state": state, "kind": kind, "person_id": person_id, "event_id": event_id, "to_address": email,
            "to_name": "", "subject": kind, "language": "en", "message_id": f"<{number}.{event_id}@example.eu>",
            "raw": b"Subject: test\r\n\r\n", "queued_at": AT, "sent_at": AT if state == "sent" else None,
            "tried_by": "", "attempts": 1, "last_error": ""}


@pytest.fixture(scope="module")
def with_outbox(scaled_dbs: tuple[Database, Database]) -> tuple[Database, Database]:
    """The small programme with its outbox at 1×, the larger with ten times the messages of each kind."""
    small, large = scaled_dbs
    assert _fill(large, 10) > 5 * _fill(small, 1)
    return small, large


def _lines(db: Database, rule: str) -> int:
    return sum(1 for e in todo(db, today=TODAY) if e.rule == rule)


def test_the_outbox_raises_lines_in_both(with_outbox: tuple[Database, Database]) -> None:
    small, large = with_outbox
    assert 0 < _lines(small, "not_invited") < _lines(large, "not_invited")
    assert _lines(small, "mail_not_delivered") > 0 and _lines(large, "mail_not_delivered") > 0


@pytest.mark.parametrize("count", [
    pytest.param(lambda db: count_statements(db, lambda: todo(db, today=TODAY)), id="todo"),
    pytest.param(lambda db: count_statements(db, lambda: home(db, TODAY, cards=6)), id="home"),
    pytest.param(lambda db: _cli(db, "todo", "--today", TODAY.isoformat()), id="cli-todo"),
])
def test_statements_do_not_grow_with_the_outbox(with_outbox: tuple[Database, Database],
                                                count: Callable[[Database], int]) -> None:
    small, large = with_outbox
    assert count(small) == count(large)
