"""Sending from an event: the Send dialog beside the e-mail exports previews each recipient and queues (undoable);
Mail… on the participants tab writes to a selection; the send logs of the participants tab and the person page."""

from __future__ import annotations

import pytest

from iurc_desktop.app import outbox
from iurc_desktop.app.outbox import MailSettings
from iurc_desktop.core.mail.draft import Draft
from iurc_desktop.ui.dialogs.send_dialog import FREE, SendDialog
from iurc_desktop.ui.pages.exports_tab import ExportsTab
from iurc_desktop.ui.pages.participants_tab import ParticipantsTab
from iurc_desktop.ui.pages.person_page import PersonPage
from tests.mail_server import Recorder, Server

pytest_plugins = ("tests.mail_fixtures",)


@pytest.fixture(autouse=True)
def _sender(monkeypatch: pytest.MonkeyPatch) -> None:
    """Mail settings with a sender address (the outbox refuses to queue without one); no password given."""
    monkeypatch.delenv("IURC_SMTP_PASSWORD", raising=False)
    outbox.save_settings(MailSettings(host="127.0.0.1", port=25, security="none", from_address="info-aa@example.eu"))


@pytest.fixture
def exports(qtbot, ctx) -> ExportsTab:  # type: ignore[no-untyped-def]
    tab = ExportsTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_event("r2r-test")
    return tab


@pytest.fixture
def participants(qtbot, ctx) -> ParticipantsTab:  # type: ignore[no-untyped-def]
    tab = ParticipantsTab(ctx)
    qtbot.addWidget(tab)
    tab.resize(1300, 500)
    tab.show()
    tab.show_event("r2r-test")
    return tab


def recipients(dialog: SendDialog) -> list[str]:
    return [dialog.recipients.item(i).text() for i in range(dialog.recipients.count())]


def test_send_beside_the_invitation_e_mails_previews_each_recipient_then_queues_undoably(
        exports: ExportsTab, sample_db, errors) -> None:  # type: ignore[no-untyped-def]
    dialog = exports.open_send_dialog("invitation")
    assert isinstance(dialog, SendDialog) and dialog.template_name == "invitation"
    assert recipients(dialog) == ["Ane Etxeberria <ane@example.eus>", "Suzuki Hanako <hanako@example.jp>"]
    dialog.recipients.setCurrentRow(1)
    heading = dialog.preview_heading.text()
    assert "To: Suzuki Hanako <hanako@example.jp>" in heading and "Subject: " in heading
    assert ".ics" in heading  # the invite goes with it
    assert "Hanako" in dialog.preview.toPlainText()
    dialog.recipients.setCurrentRow(0)
    assert "Ane" in dialog.preview.toPlainText()

    assert dialog.queue(send=False)
    page = outbox.outbox(sample_db, "queued")
    assert sorted(r.to_address for r in page.rows) == ["ane@example.eus", "hanako@example.jp"]
    assert {r.kind for r in page.rows} == {"invitation"} and {r.event_code for r in page.rows} == {"r2r-test"}
    undo = exports.ctx.undo
    assert undo.undoText() == "Queue 2 messages for r2r-test"
    undo.undo()
    assert outbox.outbox(sample_db).counts["queued"] == 0 and outbox.outbox(sample_db).counts["cancelled"] == 2
    undo.redo()  # the same messages, not two more
    assert outbox.outbox(sample_db).counts["queued"] == 2 and outbox.outbox(sample_db).total == 2
    assert errors == []


def test_a_recipients_filter_chooses_and_a_bad_one_is_said_in_the_dialog(exports: ExportsTab) -> None:
    dialog = exports.open_send_dialog("cancellation")
    assert dialog is not None
    dialog.to.setText("group=A")
    dialog.find_recipients()
    assert recipients(dialog) == ["Ane Etxeberria <ane@example.eus>"]
    dialog.to.setText("colour=blue")
    dialog.find_recipients()
    assert dialog.problem.isVisibleTo(dialog) and "is not a filter term" in dialog.problem.text()
    assert recipients(dialog) == [] and not dialog.queue_button.isEnabled()


def test_send_beside_the_invites_is_about_the_item_chosen_there(exports: ExportsTab, sample_db, errors) -> None:  # type: ignore[no-untyped-def]
    """The Invites choice holds for Send… as for E-mails… beside it: one item chosen, one calendar file each."""
    exports.invite_item.setCurrentIndex(1)  # the first item, after "The whole event"
    key = exports.invite_item.currentData()
    dialog = exports.open_send_dialog("invitation")
    assert isinstance(dialog, SendDialog) and dialog.item == key
    dialog.recipients.setCurrentRow(0)
    assert "Attached: invite.ics" in dialog.preview_heading.text()
    assert dialog.queue(send=False) and errors == []
    from email import message_from_bytes, policy

    from iurc_desktop.core.models import OutboxMessage

    with sample_db.reading() as session:  # what went into the outbox: that item's file alone
        messages = list(session.query(OutboxMessage))
        files = [[p.get_filename() for p in message_from_bytes(m.raw, policy=policy.default).walk() if p.get_filename()]
                 for m in messages]
    assert messages and files == [["invite.ics"]] * len(messages)


def test_queue_and_send_now_sends_with_progress(exports: ExportsTab, sample_db, servers, qtbot, ctx, errors) -> None:  # type: ignore[no-untyped-def]
    """It sends what this dialog queued, and only that: a message held back in the outbox before stays queued."""
    handler = Recorder()
    server = Server(handler).start()
    servers.append(server)
    outbox.save_settings(MailSettings(host="127.0.0.1", port=server.port, security="none",
                                      from_address="info-aa@example.eu"))
    held = outbox.queue(sample_db, [Draft(to_address="held@example.eu", to_name="Held Back", subject="Not yet",
                                          text="Later.", kind="free")]).value.ids
    said: list[str] = []
    exports.status.connect(said.append)
    dialog = exports.open_send_dialog("invitation")
    assert dialog is not None
    dialog.queue(send=True)
    qtbot.waitUntil(lambda: any(s.startswith("Sent 2") for s in said), timeout=20000)
    assert sorted(r for got in handler.received for r in got.rcpt_tos) == ["ane@example.eus", "hanako@example.jp"]
    counts = outbox.outbox(sample_db).counts
    assert (counts["sent"], counts["queued"]) == (2, 1)
    assert [row.id for row in outbox.outbox(sample_db, "queued").rows] == list(held)
    ctx.undo.undo()  # sent mail cannot be called back: said, and nothing changes
    assert errors and "already sent: an e-mail cannot be taken back" in str(errors[-1])
    assert outbox.outbox(sample_db).counts["sent"] == 2


def test_mail_to_the_selected_participants_a_free_message_and_their_send_log(
        participants: ParticipantsTab, sample_db, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert not participants.mail_button.isEnabled()  # nobody selected
    participants.select_emails("hanako@example.jp")
    assert participants.mail_button.isEnabled()
    participants.open_mail()
    dialog = participants.send_dialog
    assert dialog is not None
    assert dialog.template.currentData() == FREE  # a free message first: never a cancellation by chance
    assert recipients(dialog) == ["Suzuki Hanako <hanako@example.jp>"]
    assert not dialog.queue(send=False)  # no subject or text yet: said in the dialog
    assert "Write a subject" in dialog.problem.text()
    dialog.subject.setText("Bus at 8:00")
    dialog.body.setPlainText("The bus leaves the hotel at 8:00 sharp.")
    assert "Dear Suzuki Hanako," in dialog.preview.toPlainText()
    assert dialog.queue(send=False)
    rows = outbox.outbox(sample_db).rows
    assert [(r.to_address, r.subject, r.kind, r.event_code) for r in rows] == [
        ("hanako@example.jp", "Bus at 8:00", "free", "r2r-test")]

    participants.open_send_log()
    log = participants.send_log
    assert log.model.rowCount() == 1
    texts = [log.model.index(0, c).data() for c in range(log.model.columnCount())]
    assert "Bus at 8:00" in texts and "queued" in texts and "Suzuki Hanako <hanako@example.jp>" in texts
    participants.select_emails("ane@example.eus")
    participants.open_send_log()
    assert participants.send_log.model.rowCount() == 0
    assert "no message sent or queued yet" in participants.send_log.heading.text()


def test_the_person_page_lists_what_was_sent_to_them(qtbot, ctx, sample_db) -> None:  # type: ignore[no-untyped-def]
    from iurc_desktop.app import mail

    mail.queue_template(sample_db, "r2r-test", "practical-information", to="email=ane@example.eus")
    page = PersonPage(ctx)
    qtbot.addWidget(page)
    page.show()
    person_id = mail.recipients(sample_db, "r2r-test", to="email=ane@example.eus")[0].person_id
    page.show_person(person_id)
    assert page.messages_title.text() == "<b>Messages</b> (1)"
    row = [page.messages_model.index(0, c).data() for c in range(page.messages_model.columnCount())]
    assert row[2:5] == ["practical-information", "r2r-test", "queued"]
    outbox.cancel(sample_db, [outbox.outbox(sample_db).rows[0].id])
    ctx.changes.notify("outbox")
    assert page.messages_model.index(0, 4).data() == "cancelled"


def test_cancellations_with_no_item_cancelled_are_refused_in_the_dialog_and_nothing_is_queued(
        exports: ExportsTab, sample_db) -> None:  # type: ignore[no-untyped-def]
    dialog = exports.open_send_dialog("cancellation")
    assert dialog is not None
    assert dialog.preview_heading.text().startswith("No preview for Ane Etxeberria:")
    assert not dialog.queue(send=False)
    assert dialog.isVisible() and "Nobody to write cancellation to in r2r-test" in dialog.problem.text()
    assert outbox.outbox(sample_db).total == 0 and exports.ctx.undo.count() == 0


def test_the_status_line_says_how_many_were_queued_and_whom_a_template_skipped(exports: ExportsTab, sample_db) -> None:  # type: ignore[no-untyped-def]
    from iurc_desktop.ui.commands.outbox import QueueMessages
    from iurc_desktop.ui.dialogs.send_dialog import queued_text

    command = QueueMessages(sample_db, exports.ctx.changes, exports.ctx.report, lambda: None, "Queue")  # type: ignore[arg-type,return-value]
    command.ids, command.skipped = (1, 2), ("Hanako is invited to no cancelled item.",)
    assert queued_text(command) == ("Queued 2 messages (1 skipped: Hanako is invited to no cancelled item.): the Outbox"
                                    " page lists them (Ctrl+Z takes them out again)")
