"""Erasing a person removes every e-mail to them from the outbox, queued and sent, and leaves no trace in the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from iurc_desktop.core.db import Database
from iurc_desktop.core.mail import outbox
from iurc_desktop.core.mail.draft import Draft
from iurc_desktop.core.mail.message import Sender
from iurc_desktop.core.models import OutboxMessage
from iurc_desktop.core.people.erasure import erase_person, scrub_file

from .factories import person

EMAIL = "zebulon.quixotemann@uniq-mail.example"
TEXT = "Your room at the Hotel Xyzzyplex is booked"


def _queue(db: Database) -> int:
    with db.transaction() as session:
        zebulon = person(session, "Zebulon", "Quixotemann", email=EMAIL)
        person(session, "Olga", "Other", email="olga@example.eu")
        sender = Sender("info-aa@example.eu")
        drafts = [Draft(EMAIL, "Zebulon Quixotemann", "Hotel", TEXT, "practical-information", person_id=zebulon.id),
                  Draft(EMAIL.upper(), "Z. Quixotemann", "Typed by hand", TEXT, "free"),  # no person link, same address
                  Draft("olga@example.eu", "Olga Other", "Hotel", "Your room is booked", "practical-information")]
        ids = outbox.queue(session, drafts, sender=sender)
        session.get(OutboxMessage, ids[0]).state = "sent"  # type: ignore[union-attr]
        return zebulon.id


def test_erasure_removes_their_queued_and_sent_messages_and_keeps_others(db: Database) -> None:
    _queue(db)
    with db.transaction() as session:
        report = erase_person(session, EMAIL)
    assert report.messages_removed == 2
    with db.reading() as session:
        assert session.scalars(select(OutboxMessage.to_address)).all() == ["olga@example.eu"]


@pytest.mark.sqlite_only("greps the SQLite file and its WAL")
def test_no_trace_of_their_messages_is_left_in_the_database_file(db: Database) -> None:
    _queue(db)
    with db.transaction() as session:
        erase_person(session, EMAIL)
    scrub_file(db.engine)
    path = db.file
    assert path is not None
    data = b"".join(Path(f"{path}{suffix}").read_bytes() for suffix in ("", "-wal", "-shm") if Path(f"{path}{suffix}").exists())
    for trace in (EMAIL.encode(), EMAIL.upper().encode(), b"Quixotemann", b"Xyzzyplex"):
        assert trace not in data
