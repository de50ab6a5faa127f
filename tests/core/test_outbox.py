"""The outbox's rules without a server: all-or-nothing queuing, states, retry and cancel with undo, send logs."""

from __future__ import annotations

from datetime import datetime, timezone
from email import message_from_bytes, policy

import pytest
from sqlalchemy import select

from iurc_desktop.core.db import Database
from iurc_desktop.core.errors import ValidationError
from iurc_desktop.core.mail import outbox
from iurc_desktop.core.mail.draft import Attachment, Draft
from iurc_desktop.core.mail.message import Sender
from iurc_desktop.core.models import OutboxMessage

from .factories import event, person

SENDER = Sender("info-aa@example.eu", "IURC AA team")


def _draft(address: str, name: str = "Ane Etxeberria", **more: object) -> Draft:
    return Draft(address, name, "Practical information", "Dear Ane,\n", "practical-information", **more)  # type: ignore[arg-type]


def _count(db: Database) -> int:
    with db.reading() as session:
        return len(session.scalars(select(OutboxMessage.id)).all())


def test_a_bad_address_refuses_the_whole_batch_naming_the_recipient(db: Database) -> None:
    with pytest.raises(ValidationError) as refused:
        with db.transaction() as session:
            outbox.queue(session, [_draft("ane@example.eus"), _draft("kim@@example.kr", "Kim Min-jun"), _draft("", "Li Wei")],
                         sender=SENDER)
    problems = refused.value.problems
    assert problems[0].startswith("message 2 (to Kim Min-jun): kim@@example.kr is not an e-mail address")
    assert problems[1] == "message 3 (to Li Wei): no e-mail address"
    assert problems[-1] == "Nothing was queued."
    assert _count(db) == 0


def test_without_a_sender_address_nothing_is_queued(db: Database) -> None:
    with pytest.raises(ValidationError, match="mail-settings --from ADDRESS"):
        with db.transaction() as session:
            outbox.queue(session, [_draft("ane@example.eus")], sender=Sender(""))
    assert _count(db) == 0


def test_a_queued_message_is_built_once_with_a_unique_message_id_and_no_header_injection(db: Database) -> None:
    at = datetime(2026, 3, 1, 9, tzinfo=timezone.utc)
    with db.transaction() as session:
        ids = outbox.queue(session, [_draft("ane@example.eus", "Ane\r\nBcc: spy@example.org",
                                            attachments=(Attachment("plan.pdf", "application/pdf", b"%PDF-1.7"),)),
                                     _draft("kim@example.kr", "김민준", language="ko")], sender=SENDER, now=at)
    with db.reading() as session:
        rows = [session.get(OutboxMessage, i) for i in ids]
        assert all(r is not None for r in rows)
        first, second = rows  # type: ignore[misc]
        assert first.message_id != second.message_id and first.message_id.endswith("@example.eu>")
        message = message_from_bytes(first.raw, policy=policy.default)
        assert message["Bcc"] is None and first.to_name == "Ane Bcc: spy@example.org"
        assert message["Message-ID"] == first.message_id and message["Content-Language"] == "en"
        assert [p.get_content_type() for p in message.walk()] == ["multipart/mixed", "text/plain", "application/pdf"]
        assert first.raw.isascii() and b"\r\n" in first.raw  # 7-bit on the wire, CRLF line ends
        korean = message_from_bytes(second.raw, policy=policy.default)
        assert korean["To"].addresses[0].display_name == "김민준" and korean["Content-Language"] == "ko"
        assert (first.state, first.attempts, first.queued_at) == ("queued", 0, at)


def test_cancel_and_retry_move_only_what_they_may_and_put_back_undoes_them(db: Database) -> None:
    with db.transaction() as session:
        a, b, c = outbox.queue(session, [_draft(f"p{i}@example.org") for i in range(3)], sender=SENDER)
        session.get(OutboxMessage, b).state = "sent"  # type: ignore[union-attr]
        session.get(OutboxMessage, c).state = "failed"  # type: ignore[union-attr]
    with db.transaction() as session:
        cancelled = outbox.cancel(session, [a, b, c])
    assert cancelled == [(a, "queued"), (c, "failed")]  # a sent message cannot be cancelled
    with db.transaction() as session:
        assert outbox.restore(session, "cancelled", cancelled) == 2
        assert outbox.counts(session) == {"queued": 1, "sending": 0, "sent": 1, "failed": 1, "cancelled": 0, "review": 0}
        assert outbox.retry(session, [a, b, c]) == [(c, "failed")]  # queued and sent ones stay as they are
        assert outbox.counts(session)["queued"] == 2


def test_the_send_log_of_a_person_and_of_an_event(db: Database) -> None:
    with db.transaction() as session:
        ane = person(session, "Ane", "Etxeberria", email="ane@example.eus")
        visit = event(session, "sv-1")
        outbox.queue(session, [_draft("ane@example.eus", person_id=ane.id, event_id=visit.id),
                               _draft("ane@example.eus", person_id=ane.id), _draft("kim@example.kr", event_id=visit.id)],
                     sender=SENDER)
        ane_id, visit_id = ane.id, visit.id
    with db.reading() as session:
        assert [(m.to_address, code) for m, code in outbox.messages_for(session, person_id=ane_id)] == [
            ("ane@example.eus", None), ("ane@example.eus", "sv-1")]
        assert [m.to_address for m, _ in outbox.messages_for(session, event_id=visit_id)] == ["kim@example.kr", "ane@example.eus"]
        assert len(outbox.messages_for(session, person_id=ane_id, event_id=visit_id)) == 1
        assert [m.state for m, _ in outbox.listing(session, "queued", limit=2)] == ["queued", "queued"]
    with pytest.raises(ValidationError, match="not a state of the outbox"):
        with db.reading() as session:
            outbox.listing(session, "lost")


def test_two_senders_never_claim_the_same_message(db: Database) -> None:
    with db.transaction() as session:
        (one,) = outbox.queue(session, [_draft("ane@example.eus")], sender=SENDER)
    with db.transaction() as session:
        assert outbox.claim(session, one) is not None
    with db.transaction() as session:
        assert outbox.claim(session, one) is None  # already being sent by the first


def test_removing_a_person_takes_their_messages_and_undo_brings_them_back_an_event_leaves_them(db: Database) -> None:
    from iurc_desktop.core.events.admin import remove_event
    from iurc_desktop.core.people.records import remove_person, restore_person

    with db.transaction() as session:
        ane = person(session, "Ane", "Etxeberria", email="ane@example.eus")
        visit = event(session, "sv-1")
        ids = outbox.queue(session, [_draft("ane@example.eus", person_id=ane.id, event_id=visit.id),
                                     _draft("kim@example.kr", event_id=visit.id)], sender=SENDER)
        ane_id = ane.id
    with db.transaction() as session:
        removed = remove_person(session, "ane@example.eus")
        assert session.scalars(select(OutboxMessage.id)).all() == [ids[1]]
    with db.transaction() as session:
        restore_person(session, removed)
        back = session.get(OutboxMessage, ids[0])
        assert back is not None and back.person_id == ane_id and back.raw.startswith(b"From:")
    with db.transaction() as session:
        remove_event(session, "sv-1")
    with db.reading() as session:
        assert [(m.id, code) for m, code in outbox.listing(session)] == [(ids[1], None), (ids[0], None)]
