"""Sending the outbox to a real SMTP server on localhost (aiosmtpd): once each, never twice, refusals kept, TLS checked."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
from sqlalchemy import update

from iurc_desktop.app import outbox
from iurc_desktop.app.outbox import MailServerError, MailSettings
from iurc_desktop.core.db import Database
from iurc_desktop.core.mail.draft import Attachment, Draft
from iurc_desktop.core.models import OutboxMessage
from iurc_desktop.core.timeutil import utc_now
from tests.mail_server import Recorder, Server, self_signed, server_context

pytest_plugins = ("tests.mail_fixtures",)

SENDER = "info-aa@example.eu"
CALENDAR = b"BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nVERSION:2.0\r\nPRODID:-//test//\r\nEND:VCALENDAR\r\n"


@pytest.fixture(autouse=True)
def own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Mail settings of this test alone; no password from the environment."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("IURC_SMTP_PASSWORD", raising=False)
    return tmp_path / "config"


def _configure(port: int, **more: object) -> None:
    values: dict[str, object] = {"host": "127.0.0.1", "port": port, "security": "none", "from_address": SENDER,
                                 "from_name": "IURC AA team", **more}
    outbox.save_settings(MailSettings(**values))  # type: ignore[arg-type]


def _drafts(n: int) -> list[Draft]:
    return [Draft(f"p{i:02d}@example.org", f"Person {i:02d}" if i % 7 else f"鈴木 {i:02d}", f"Invitation {i:02d}",
                  f"Dear Person {i:02d},\n\nplease accept.\n", "invitation",
                  attachments=(Attachment("invite.ics", "text/calendar", CALENDAR),), calendar_method="REQUEST")
            for i in range(1, n + 1)]


def _rows(db: Database) -> dict[str, outbox.OutboxRow]:
    return {row.to_address: row for row in outbox.outbox(db, limit=None).rows}


def _start(servers: list[Server], handler: Recorder, **smtp: object) -> Server:
    server = Server(handler, **smtp).start()
    servers.append(server)
    return server


def test_a_batch_to_50_recipients_arrives_once_each_with_its_headers_and_parts(db: Database, servers: list[Server]) -> None:
    handler = Recorder()
    _configure(_start(servers, handler).port)
    queued = outbox.queue(db, _drafts(50)).value
    assert queued.count == 50

    report = outbox.send_queued(db)

    assert (report.sent, report.failed, report.left_queued, report.stopped, report.complete) == (50, 0, 0, None, True)
    assert sorted(r for got in handler.received for r in got.rcpt_tos) == [f"p{i:02d}@example.org" for i in range(1, 51)]
    assert {got.mail_from for got in handler.received} == {SENDER}
    rows = _rows(db)
    assert sorted(handler.message_ids()) == sorted(row.message_id for row in rows.values())  # once each, no more
    for got in handler.received:
        message, to = got.message, got.rcpt_tos[0]
        i = int(to[1:3])
        assert message["To"].addresses[0].addr_spec == to
        assert message["To"].addresses[0].display_name == (f"Person {i:02d}" if i % 7 else f"鈴木 {i:02d}")
        assert message["Subject"] == f"Invitation {i:02d}"
        assert message["From"].addresses[0].addr_spec == SENDER
        assert abs(parsedate_to_datetime(message["Date"]) - rows[to].queued_at) < timedelta(seconds=2)
        assert message["Message-ID"] == rows[to].message_id
        types = [part.get_content_type() for part in message.walk()]
        assert types == ["multipart/mixed", "multipart/alternative", "text/plain", "text/calendar", "application/ics"]
        calendar = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
        assert calendar.get_param("method") == "REQUEST" and calendar.get_content().encode() == CALENDAR
        assert message.get_body(("plain",)).get_content().startswith(f"Dear Person {i:02d},")
    assert {row.state for row in rows.values()} == {"sent"} and all(r.attempts == 1 and r.sent_at for r in rows.values())


def test_a_server_gone_mid_batch_leaves_the_rest_queued_and_a_later_send_delivers_them_once(
        db: Database, servers: list[Server]) -> None:
    first = Recorder(die_at_mail=21)  # takes 20 messages, then goes away as the 21st begins
    server = _start(servers, first)
    _configure(server.port)
    outbox.queue(db, _drafts(50))
    done: list[str] = []

    report = outbox.send_queued(db, progress=lambda n, total, line: done.append(line))

    assert (report.sent, report.failed, report.left_queued, report.review) == (20, 0, 30, 0)
    assert report.stopped is not None and "was lost" in report.stopped and "30 messages stay queued" in report.stopped
    assert len(done) == 21 and "stays queued" in done[-1]
    assert outbox.outbox(db).counts["queued"] == 30
    server.stop()

    second = Recorder()
    _start(servers, second, port=server.port)  # the server is back
    again = outbox.send_queued(db)

    assert (again.sent, again.left_queued, again.stopped) == (30, 0, None)
    seen = Counter(first.message_ids() + second.message_ids())
    assert len(seen) == 50 and max(seen.values()) == 1  # every message arrived, none twice
    assert set(seen) == {row.message_id for row in _rows(db).values()}


def test_a_message_the_server_took_without_answering_waits_for_review_and_is_not_sent_again(
        db: Database, servers: list[Server]) -> None:
    first = Recorder(die_after_data=5)  # the 5th message arrives, but the line breaks before the server says so
    server = _start(servers, first)
    _configure(server.port)
    outbox.queue(db, _drafts(10))

    report = outbox.send_queued(db)

    assert (report.sent, report.left_queued, report.review) == (4, 5, 1)
    unsure = _rows(db)["p05@example.org"]
    assert unsure.state == "review" and "may have arrived" in unsure.last_error
    server.stop()
    second = Recorder()
    _start(servers, second, port=server.port)
    again = outbox.send_queued(db)
    assert (again.sent, again.review) == (5, 1)
    assert unsure.message_id not in second.message_ids()  # not resent on its own: the user decides
    assert Counter(first.message_ids() + second.message_ids())[unsure.message_id] == 1

    outbox.retry(db, [unsure.id])  # the user chose to send it again: same bytes, same Message-ID
    assert outbox.send_queued(db).sent == 1
    assert second.message_ids()[-1] == unsure.message_id


def test_messages_left_sending_by_a_crash_go_to_review_and_are_not_resent_blindly(db: Database, servers: list[Server]) -> None:
    handler = Recorder()
    _configure(_start(servers, handler).port)
    ids = outbox.queue(db, _drafts(3)).value.ids
    with db.transaction() as session:  # a sender that died between "sending" and "sent", and one still at work
        session.execute(update(OutboxMessage).where(OutboxMessage.id == ids[0])
                        .values(state="sending", tried_at=utc_now() - timedelta(hours=1), attempts=1))
        session.execute(update(OutboxMessage).where(OutboxMessage.id == ids[1])
                        .values(state="sending", tried_at=utc_now(), attempts=1))

    report = outbox.send_queued(db)

    assert (report.sent, report.review) == (1, 1)
    rows = {row.id: row for row in outbox.outbox(db).rows}
    assert rows[ids[0]].state == "review" and "stopped while sending" in rows[ids[0]].last_error
    assert rows[ids[1]].state == "sending"  # another sender's: left to it
    assert handler.message_ids() == [rows[ids[2]].message_id]


def test_a_refused_recipient_fails_with_the_servers_reason_and_a_greylisted_one_stays_queued(
        db: Database, servers: list[Server]) -> None:
    handler = Recorder(refuse={"p03@example.org"}, later={"p04@example.org"})
    _configure(_start(servers, handler).port)
    outbox.queue(db, _drafts(6))

    report = outbox.send_queued(db)

    assert (report.sent, report.failed, report.left_queued, report.stopped) == (4, 1, 1, None)
    rows = _rows(db)
    refused, later = rows["p03@example.org"], rows["p04@example.org"]
    assert refused.state == "failed" and refused.last_error.startswith("550 5.1.1")
    assert "User unknown" in refused.last_error
    assert later.state == "queued" and later.attempts == 1 and later.last_error.startswith("451 4.7.1 Greylisted")
    assert rows["p05@example.org"].state == "sent"  # the session went on after the refusals
    handler.later.clear()
    assert outbox.send_queued(db).sent == 1 and _rows(db)["p04@example.org"].attempts == 2


@pytest.mark.parametrize("security", ["tls", "starttls"])
def test_tls_to_a_self_signed_server_is_refused_unless_its_certificate_is_trusted(
        db: Database, servers: list[Server], tmp_path: Path, security: str) -> None:
    cert, key = self_signed(tmp_path)
    handler = Recorder()
    smtp = ({"ssl_context": server_context(cert, key)} if security == "tls"
            else {"tls_context": server_context(cert, key), "require_starttls": True})
    server = _start(servers, handler, **smtp)
    _configure(server.port, host="localhost", security=security)
    outbox.queue(db, _drafts(2))

    with pytest.raises(MailServerError) as refused:
        outbox.send_queued(db)
    assert "is not trusted" in str(refused.value) and "self-signed certificate" in str(refused.value)
    assert "--trust-cert" in str(refused.value) and "Nothing was sent" in str(refused.value)
    assert handler.received == [] and {r.state for r in _rows(db).values()} == {"queued"}
    assert {r.attempts for r in _rows(db).values()} == {0}

    _configure(server.port, host="localhost", security=security, trust_cert=str(cert))
    assert outbox.send_queued(db).sent == 2 and len(handler.received) == 2


def test_no_server_listening_is_told_plainly_and_nothing_changes(db: Database) -> None:
    from tests.mail_server import free_port

    _configure(free_port())
    outbox.queue(db, _drafts(1))
    with pytest.raises(MailServerError, match="connection was refused"):
        outbox.send_queued(db)
    assert [(r.state, r.attempts) for r in _rows(db).values()] == [("queued", 0)]


def test_stop_asked_between_messages_leaves_the_rest_queued(db: Database, servers: list[Server]) -> None:
    handler = Recorder()
    _configure(_start(servers, handler).port)
    outbox.queue(db, _drafts(5))
    report = outbox.send_queued(db, should_stop=lambda: len(handler.received) >= 2)
    assert (report.sent, report.left_queued) == (2, 3)
    assert report.stopped is not None and "Stopped" in report.stopped and "3 messages stay queued" in report.stopped


def test_a_line_starting_with_a_dot_and_an_address_in_another_script_arrive_intact(
        db: Database, servers: list[Server]) -> None:
    text = "Programme:\n.\n.. two dots\n.end of the line\n"
    drafts = [Draft("ane@example.eus", "Ane", "Dots", text, "free"), Draft("用户@例子.广告", "李伟", "你好", "您好\n", "free")]
    plain = Recorder()
    _configure(_start(servers, plain, enable_SMTPUTF8=False).port)
    outbox.queue(db, drafts)

    report = outbox.send_queued(db)  # a server without SMTPUTF8 cannot take the second

    assert (report.sent, report.failed) == (1, 1)
    assert plain.received[0].message.get_body(("plain",)).get_content().replace("\r\n", "\n") == text
    assert "SMTPUTF8" in _rows(db)["用户@例子.广告"].last_error
    international = Recorder()
    _configure(_start(servers, international, enable_SMTPUTF8=True).port)
    outbox.retry(db, [_rows(db)["用户@例子.广告"].id])
    assert outbox.send_queued(db).sent == 1
    got = international.received[0]
    assert got.rcpt_tos == ["用户@例子.广告"] and got.message["To"].addresses[0].display_name == "李伟"


def test_starttls_asked_of_a_server_without_it_is_refused_rather_than_sent_in_clear(db: Database, servers: list[Server]) -> None:
    handler = Recorder()
    _configure(_start(servers, handler).port, security="starttls")
    outbox.queue(db, _drafts(1))
    with pytest.raises(MailServerError, match="does not offer STARTTLS"):
        outbox.send_queued(db)
    assert handler.received == []
