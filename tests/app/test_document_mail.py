"""Letters and booklets by mail: each person's own PDF attached, numbered and logged in the same transaction."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlalchemy import func, select

from iurc_desktop.app import booklets, documents, outbox, people, visas
from iurc_desktop.app.outbox import MailSettings
from iurc_desktop.core.db import Database
from iurc_desktop.core.errors import Cancelled, ValidationError
from iurc_desktop.core.models import BookletPrint, LetterIssue, OutboxMessage
from iurc_desktop.core.progress import CancelToken
from tests.app.test_documents import PASSPORT, TODAY, VISIT, needs_visas
from tests.mail_server import Recorder, Server
from tests.pdf_checks import pdf_text

pytest_plugins = ("tests.mail_fixtures",)

JAPAN = "r2r-japan-2022"
NOW = datetime(2022, 11, 1, 8, 0, tzinfo=timezone.utc)
LATIN = {"haruto": "SATO Haruto", "dohyun": "JEONG Do-hyun", "somchai": "Somchai JAIDEE"}


@pytest.fixture(autouse=True)
def own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Mail settings of this test alone, with a sender address."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("IURC_SMTP_PASSWORD", raising=False)
    configure(2525)


def configure(port: int, sender: str = "team@example.eu") -> None:
    outbox.save_settings(MailSettings(host="127.0.0.1", port=port, security="none", from_address=sender,
                                      from_name="IURC team"))


def messages(db: Database) -> dict[str, EmailMessage]:
    """Every queued message by recipient, parsed from the bytes the outbox holds."""
    with db.reading() as session:
        rows = session.execute(select(OutboxMessage.to_address, OutboxMessage.raw, OutboxMessage.kind)).all()
    found = {}
    for address, raw, kind in rows:
        assert address not in found  # one message each
        found[address] = message_from_bytes(raw, policy=policy.default)
        found[address]["X-Kind"] = kind
    return found


def pdf_of(message: EmailMessage) -> tuple[str, str]:
    """(file name, text) of the one PDF a message carries."""
    [part] = [p for p in message.iter_attachments() if p.get_content_type() == "application/pdf"]
    return part.get_filename(), " ".join(pdf_text(part.get_payload(decode=True)).split())


def counts(db: Database) -> tuple[int, int, int]:
    with db.reading() as session:
        return tuple(session.scalar(select(func.count()).select_from(t))  # type: ignore[return-value]
                     for t in (OutboxMessage, LetterIssue, BookletPrint))


def test_each_delegate_gets_their_own_letter_numbered_logged_once_and_their_visa_moved(demo_db: Database) -> None:
    needs_visas(demo_db)
    queued = documents.queue_letters(demo_db, VISIT, today=TODAY).value
    assert queued.count == 3 and queued.numbers == ("R2R-KOREA-2027/001", "R2R-KOREA-2027/002", "R2R-KOREA-2027/003")
    assert queued.visas_moved == 3 and queued.with_passport == 0
    got = messages(demo_db)
    assert len(got) == 3
    for address, message in got.items():
        name, text = pdf_of(message)
        number = next(n for n in queued.numbers if n in text)
        mine = [latin for latin in LATIN.values() if latin in text]
        assert len(mine) == 1  # their own letter, nobody else's
        assert name.endswith(".pdf") and message["X-Kind"] == "letter"
        assert f"(number {number})" in message.get_body(("plain",)).get_content() and number in message["Subject"]
        assert PASSPORT not in text  # never without consent
    assert [row.number for row in documents.letter_log(demo_db, VISIT)] == list(queued.numbers)  # logged once each
    assert {visas.visa(demo_db, VISIT, a).state for a in got} == {"letter sent"}


def test_the_letter_message_is_in_the_recipients_language_and_says_its_number(demo_db: Database) -> None:
    needs_visas(demo_db)
    haruto = next(r.email for r in documents.letter_recipients(demo_db, VISIT) if r.has_passport_number)
    people.edit_person(demo_db, haruto, {"preferred_language": "ja"})
    queued = documents.queue_letters(demo_db, VISIT, email=haruto, today=TODAY).value
    message = messages(demo_db)[haruto]
    assert message["Subject"].startswith("【招へい状】") and queued.numbers[0] in message["Subject"]
    assert f"招へい状（番号 {queued.numbers[0]}）を添付" in message.get_body(("plain",)).get_content()


def test_the_passport_number_is_mailed_only_with_consent(demo_db: Database) -> None:
    needs_visas(demo_db)
    haruto = next(r.email for r in documents.letter_recipients(demo_db, VISIT) if r.has_passport_number)
    documents.queue_letters(demo_db, VISIT, email=haruto, today=TODAY)
    assert PASSPORT not in pdf_of(messages(demo_db)[haruto])[1]
    with demo_db.transaction() as session:
        session.query(OutboxMessage).delete()
    consented = documents.queue_letters(demo_db, VISIT, email=haruto, include_passport=True, today=TODAY).value
    assert consented.with_passport == 1 and PASSPORT in pdf_of(messages(demo_db)[haruto])[1]


def test_a_refusal_queues_and_logs_nothing(demo_db: Database, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="No confirmed participant of r2r-korea-2027 needs a visa"):
        documents.queue_letters(demo_db, VISIT, today=TODAY)
    needs_visas(demo_db)
    configure(2525, sender="")
    with pytest.raises(ValidationError, match="sender's address is not set.*\n.*Nothing was queued"):
        documents.queue_letters(demo_db, VISIT, today=TODAY)
    with pytest.raises(ValidationError, match="sender's address is not set"):
        booklets.queue_booklets(demo_db, JAPAN, now=NOW)
    assert counts(demo_db) == (0, 0, 0)
    assert {r.issued for r in documents.letter_recipients(demo_db, VISIT)} == {0}
    assert {visas.visa(demo_db, VISIT, r.email).state for r in documents.letter_recipients(demo_db, VISIT)} != {"letter sent"}


def test_a_cancel_midway_queues_and_logs_nothing(demo_db: Database) -> None:
    needs_visas(demo_db)
    token = CancelToken()

    def stop_after_one(done: int, total: int, line: str = "") -> None:
        if done == 1:
            token.cancel()

    with pytest.raises(Cancelled):
        documents.queue_letters(demo_db, VISIT, today=TODAY, progress=stop_after_one, cancel=token)
    assert counts(demo_db) == (0, 0, 0)


def test_a_filter_chooses_among_those_who_need_a_letter(demo_db: Database) -> None:
    needs_visas(demo_db)
    queued = documents.queue_letters(demo_db, VISIT, to="email=somchai@example.th", today=TODAY).value
    assert queued.count == 1 and set(messages(demo_db)) == {"somchai@example.th"}
    with pytest.raises(ValidationError, match="The filter chose no confirmed participant"):
        documents.queue_letters(demo_db, VISIT, to="email=nc@x.org", today=TODAY)


def test_erasing_a_person_takes_their_letter_message_with_them(demo_db: Database) -> None:
    from iurc_desktop.app import erasure

    needs_visas(demo_db)
    documents.queue_letters(demo_db, VISIT, today=TODAY)
    erasure.erase_person(demo_db, "somchai@example.th")
    assert "somchai@example.th" not in messages(demo_db) and len(messages(demo_db)) == 2


def test_each_participant_gets_their_own_booklet_logged_once(demo_db: Database) -> None:
    subjects = [value.removeprefix("person:") for _label, value in booklets.booklet_subjects(demo_db, JAPAN)
                if value.startswith("person:")]
    queued = booklets.queue_booklets(demo_db, JAPAN, now=NOW).value
    assert queued.count == len(subjects) and all(v.startswith("2022-11-01 08:00 UTC · content ") for v in queued.numbers)
    got = messages(demo_db)
    assert set(got) == set(subjects)
    ane = got["ane.etxeberria@example.eus"]
    name, text = pdf_of(ane)
    assert "Itinerary: Ane ETXEBERRIA" in text and name.endswith(".pdf") and ane["X-Kind"] == "booklet"
    assert sum("Itinerary: Ane ETXEBERRIA" in pdf_of(m)[1] for m in got.values()) == 1  # nobody else has hers
    version = next(v for v in queued.numbers if v in ane["Subject"])
    assert f"version {version}, is attached" in ane.get_body(("plain",)).get_content()
    assert "m.suzuki@example.aichi.jp" not in text  # host contacts only with consent
    with demo_db.reading() as session:
        assert session.scalar(select(func.count()).select_from(BookletPrint)) == len(subjects)


def test_booklets_carry_host_contacts_only_with_consent(demo_db: Database) -> None:
    one = "ane.etxeberria@example.eus"
    booklets.queue_booklets(demo_db, JAPAN, email=one, with_contacts=True, now=NOW)
    assert any("m.suzuki@example.aichi.jp" in pdf_of(m)[1] for m in messages(demo_db).values())
    with pytest.raises(ValidationError, match="nobody@x.org does not take part"):
        booklets.queue_booklets(demo_db, JAPAN, email="nobody@x.org", now=NOW)


def test_a_letter_and_a_booklet_arrive_once_at_a_real_server_with_their_pdf(demo_db: Database,
                                                                             servers: list[Server]) -> None:
    handler = Recorder()
    server = Server(handler).start()
    servers.append(server)
    configure(server.port)
    needs_visas(demo_db)
    letters = documents.queue_letters(demo_db, VISIT, today=TODAY).value
    booklet = booklets.queue_booklets(demo_db, JAPAN, email="ane.etxeberria@example.eus", now=NOW).value
    report = outbox.send_queued(demo_db, only=letters.ids + booklet.ids)
    assert report.sent == 4 and report.complete
    assert Counter(handler.message_ids()) == Counter({m: 1 for m in handler.message_ids()}) and len(handler.received) == 4
    for got in handler.received:
        types = [part.get_content_type() for part in got.message.walk()]
        assert types == ["multipart/mixed", "text/plain", "application/pdf"]
        assert pdf_of(got.message)[1]


def test_the_send_dialog_templates_refuse_a_document_template_in_words(demo_db: Database) -> None:
    from iurc_desktop.app import mail

    needs_visas(demo_db)
    with pytest.raises(ValidationError, match="visa-letter attaches each person's own invitation letter"):
        mail.queue_template(demo_db, VISIT, "visa-letter")
    assert counts(demo_db) == (0, 0, 0)



def test_a_delegate_without_an_address_is_named_as_skipped_and_gets_no_number(demo_db: Database) -> None:
    from iurc_desktop.core.models import Person

    needs_visas(demo_db)
    with demo_db.transaction() as session:
        session.scalar(select(Person).where(Person.email == "somchai@example.th")).email = None
    queued = documents.queue_letters(demo_db, VISIT, today=TODAY).value
    assert queued.count == 2 and queued.skipped == ("Somchai Jaidee has no e-mail address.",)
    assert len(documents.letter_log(demo_db, VISIT)) == 2  # numbered only what goes out


def test_a_cancel_midway_through_booklets_queues_and_logs_nothing(demo_db: Database) -> None:
    token = CancelToken()

    def stop_after_two(done: int, total: int, line: str = "") -> None:
        if done == 2:
            token.cancel()

    with pytest.raises(Cancelled):
        booklets.queue_booklets(demo_db, JAPAN, now=NOW, progress=stop_after_two, cancel=token)
    assert counts(demo_db) == (0, 0, 0)


def test_a_booklet_cancelled_in_the_outbox_is_not_the_version_the_next_marks_changes_since(demo_db: Database) -> None:
    ane = "ane.etxeberria@example.eus"

    def latest() -> str:
        with demo_db.reading() as session:
            raw = session.scalar(select(OutboxMessage.raw).where(OutboxMessage.to_address == ane)
                                 .order_by(OutboxMessage.id.desc()).limit(1))
        return pdf_of(message_from_bytes(raw, policy=policy.default))[1]

    first = booklets.queue_booklets(demo_db, JAPAN, email=ane, now=NOW).value
    assert "changed since" not in latest()  # her first booklet
    second = booklets.queue_booklets(demo_db, JAPAN, email=ane, now=NOW.replace(hour=9)).value
    assert f"Nothing changed since Version {first.numbers[0]}" in latest()  # the first is still on its way to her
    outbox.cancel(demo_db, second.ids + first.ids)  # neither reached her
    booklets.queue_booklets(demo_db, JAPAN, email=ane, now=NOW.replace(hour=10))
    assert "changed since" not in latest()  # so the third is her first again
