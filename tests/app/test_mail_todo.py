"""The home page's to-dos know what the outbox sent: who has not been sent the invitation, what was not delivered."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import select

from iurc_desktop.app import calendars, mail, outbox, registrations
from iurc_desktop.app.outbox import MailSettings
from iurc_desktop.app.planning import TodoEntry, todo
from iurc_desktop.app.programme import load_programme
from iurc_desktop.core.db import Database
from iurc_desktop.core.mail import outbox as core_outbox
from iurc_desktop.core.models import OutboxMessage
from tests.mail_programme import write_programme

TODAY = date(2026, 10, 1)  # both events of the mail programme are still to come
SENT_AT = datetime(2026, 9, 28, 9, 0, tzinfo=timezone.utc)
ANE, HANAKO, BO = "ane@example.eus", "hanako@example.jp", "bo@example.se"


@pytest.fixture
def programme(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Database:
    """The mail programme (Hanako and Ane confirmed for the webinar web-2026) and a sender address."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    load_programme(db, write_programme(tmp_path))
    outbox.save_settings(MailSettings(host="127.0.0.1", port=2525, security="none", from_address="team@example.eu"))
    return db


def entries(db: Database, rule: str, today: date = TODAY) -> list[TodoEntry]:
    return [e for e in todo(db, today=today) if e.rule == rule]


def uninvited(db: Database, today: date = TODAY) -> list[str]:
    return [e.key for e in entries(db, "not_invited", today)]


def invite(db: Database, to: str | None = None) -> dict[str, int]:
    """Queue the webinar's invitation (to the filter `to`); the message ids by recipient."""
    ids = mail.queue_template(db, "web-2026", "invitation", to=to).value.ids
    with db.reading() as s:
        return {a: i for i, a in s.execute(select(OutboxMessage.id, OutboxMessage.to_address)
                                           .where(OutboxMessage.id.in_(ids))).all()}


def settle(db: Database, message: int, state: str, reason: str = "") -> None:
    """What the sender records of one message: claimed, then sent, failed or left for review."""
    with db.transaction() as s:
        assert core_outbox.claim(s, message) is not None
        core_outbox.settle(s, message, state, reason=reason, now=SENT_AT)


def test_invitations_queued_then_sent_leave_nobody_to_invite(programme: Database) -> None:
    assert uninvited(programme) == []  # nothing in the outbox: no line
    ids = invite(programme, to=f"email={HANAKO}")
    assert uninvited(programme) == [ANE]  # Hanako's is on its way: Ane is still to invite
    ids |= invite(programme, to=f"email={ANE}")
    assert set(ids) == {ANE, HANAKO} and uninvited(programme) == []  # queued: on its way
    for message in ids.values():
        settle(programme, message, "sent")
    assert uninvited(programme) == [] and entries(programme, "mail_not_delivered") == []


def test_an_invitation_cancelled_in_the_outbox_is_to_send_again(programme: Database) -> None:
    ids = invite(programme)
    settle(programme, ids[HANAKO], "sent")
    outbox.cancel(programme, [ids[ANE]])
    [entry] = entries(programme, "not_invited")
    assert (entry.key, entry.target, entry.event_code, entry.severity) == (ANE, "participants", "web-2026", "normal")
    assert entry.message == ("Ane Etxeberria has not been sent the invitation to web-2026 (the others' went out on"
                             " Mon 28 Sep 2026): send theirs.")
    assert uninvited(programme, date(2026, 10, 23)) == [ANE]  # the same line, now urgent
    assert entries(programme, "not_invited", date(2026, 10, 23))[0].severity == "high"
    outbox.retry(programme, [ids[ANE]])  # back in the queue: on its way again
    assert uninvited(programme) == []


def test_a_participant_added_after_the_invitations_went_out_is_named_alone(programme: Database) -> None:
    for message in invite(programme).values():
        settle(programme, message, "sent")
    registrations.add_participant(programme, "web-2026", {"person": BO, "status": "invited"})
    assert uninvited(programme) == [BO]  # invited, so the Send dialog would write to them: named
    registrations.set_status(programme, "web-2026", [BO], "confirmed")
    assert uninvited(programme) == [BO]
    registrations.set_status(programme, "web-2026", [BO], "declined")  # no longer taking part: nothing to send
    assert uninvited(programme) == []


def test_only_queued_invitations_say_when_they_were_queued(programme: Database) -> None:
    invite(programme, to=f"email={HANAKO}")
    [entry] = entries(programme, "not_invited")
    assert entry.key == ANE and "(the others' were queued on " in entry.message


def test_failed_and_review_messages_make_one_line_naming_the_counts(programme: Database) -> None:
    ids = invite(programme)
    free = mail.queue_template(programme, "web-2026", "practical-information", to=f"email={ANE}").value.ids
    settle(programme, ids[ANE], "failed", "550 no such user")
    settle(programme, free[0], "failed", "550 no such user")
    settle(programme, ids[HANAKO], "review")
    [entry] = entries(programme, "mail_not_delivered")
    assert entry.message == ("3 e-mails about web-2026 were not delivered (2 refused by the server, 1 to check):"
                             " retry or cancel them in the Outbox.")
    assert (entry.severity, entry.target, entry.key, entry.event_code) == ("high", "outbox", "", "web-2026")
    outbox.cancel(programme, [ids[HANAKO], free[0]])
    [entry] = entries(programme, "mail_not_delivered")
    assert entry.message == ("1 e-mail about web-2026 was not delivered (1 refused by the server): retry or cancel it"
                             " in the Outbox.")
    assert entry.key == "failed"  # the Outbox opens on that state
    outbox.cancel(programme, [ids[ANE]])
    assert entries(programme, "mail_not_delivered") == []


def test_invitations_only_exported_as_files_raise_no_line(programme: Database, tmp_path: Path) -> None:
    calendars.send_invite(programme, "web-2026", tmp_path / "web-2026.ics")
    registrations.add_participant(programme, "web-2026", {"person": BO, "status": "confirmed"})
    mail.queue_template(programme, "visit-2026", "invitation", to=f"email={HANAKO}")  # the visit's go through the outbox
    assert [(e.event_code, e.key) for e in entries(programme, "not_invited")] == [("visit-2026", ANE)]


def test_a_past_event_raises_no_line(programme: Database) -> None:
    ids = invite(programme)
    settle(programme, ids[HANAKO], "sent")
    settle(programme, ids[ANE], "failed", "550 no such user")
    assert uninvited(programme) == [ANE] and len(entries(programme, "mail_not_delivered")) == 1
    after = date(2026, 10, 27)  # the webinar was on 26 October
    assert uninvited(programme, after) == [] and entries(programme, "mail_not_delivered", after) == []
