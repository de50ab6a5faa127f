"""The Outbox page: messages by state with counts, Retry and Cancel undoable, Send now with progress and Cancel."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QProgressDialog, QPushButton

from iurc_desktop.app import outbox
from iurc_desktop.app.outbox import MailSettings
from iurc_desktop.core.mail.draft import Draft
from iurc_desktop.ui.commands.base import Changes
from iurc_desktop.ui.pages.outbox_page import OutboxPage
from iurc_desktop.ui.shell.context import Context
from iurc_desktop.ui.worker import TaskRunner
from tests.mail_server import Recorder, Server

pytest_plugins = ("tests.mail_fixtures",)

PEOPLE = ("ane@example.eus", "hanako@example.jp", "minjun@example.kr")


@pytest.fixture(autouse=True)
def _no_password_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IURC_SMTP_PASSWORD", raising=False)


def configure(port: int) -> None:
    outbox.save_settings(MailSettings(host="127.0.0.1", port=port, security="none", from_address="info-aa@example.eu",
                                      from_name="IURC AA team"))


def queue(db, *addresses: str) -> tuple[int, ...]:  # type: ignore[no-untyped-def]
    drafts = [Draft(a, a.split("@")[0].title(), f"Practical information for {a.split('@')[0]}", "Dear you,\n", "free")
              for a in addresses]
    return outbox.queue(db, drafts).value.ids


@pytest.fixture
def errors() -> list[BaseException]:
    return []


@pytest.fixture
def page(qtbot, sample_db, errors):  # type: ignore[no-untyped-def]
    configure(25)  # a sender address, so drafts can be queued; tests that send start a server and set its port
    ctx = Context(sample_db, QUndoStack(), TaskRunner(), Changes(), "Europe/Brussels", errors.append)
    widget = OutboxPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 500)
    widget.show()
    yield widget
    ctx.tasks.shutdown()


def tab_texts(page: OutboxPage) -> list[str]:
    return [page.tabs.tabText(i) for i in range(page.tabs.count())]


def listed(page: OutboxPage) -> list[str]:
    return [page.model.index(r, 0).data() for r in range(page.model.rowCount())]


def test_an_empty_outbox_says_nothing_is_queued(page: OutboxPage) -> None:
    page.refresh()
    assert page.body.currentWidget() is page.empty and page.empty.isVisible()
    assert page.empty.text().startswith("Nothing queued.")
    assert tab_texts(page)[0] == "Queued (0)"
    assert not page.send_action.isEnabled()


def test_messages_are_listed_by_state_with_counts_and_columns(page: OutboxPage, sample_db) -> None:  # type: ignore[no-untyped-def]
    ids = queue(sample_db, *PEOPLE)
    outbox.cancel(sample_db, [ids[2]])
    page.refresh()
    assert tab_texts(page)[:5] == ["Queued (2)", "Sent (0)", "Failed (0)", "Review (0)", "Cancelled (1)"]
    assert tab_texts(page)[5] == "All (3)"
    assert sorted(listed(page)) == ["Ane <ane@example.eus>", "Hanako <hanako@example.jp>"]
    assert [page.model.columns[c].header for c in range(page.model.columnCount())] == [
        "To", "Subject", "Kind", "Event", "Queued", "Sent", "Attempts", "Last error"]
    assert page.model.index(0, 2).data() == "free" and page.model.index(0, 6).data() == "0"
    assert page.model.index(0, 4).data()  # when it was queued, on the viewer's clock
    page.show_state("cancelled")
    assert listed(page) == ["Minjun <minjun@example.kr>"]
    page.show_state("failed")
    assert page.body.currentWidget() is page.empty and page.empty.text() == "No failed message."
    page.show_state(None)
    assert len(listed(page)) == 3
    assert "2 queued" in page.summary.text()
    assert page.send_action.isEnabled()


def test_cancel_is_undone_and_redone_from_the_undo_stack(page: OutboxPage, sample_db) -> None:  # type: ignore[no-untyped-def]
    ids = queue(sample_db, *PEOPLE)
    page.refresh()
    page.select_ids(ids[0], ids[1])
    assert page.cancel_action.isEnabled() and not page.retry_action.isEnabled()
    page.cancel_action.trigger()
    assert tab_texts(page)[0] == "Queued (1)" and tab_texts(page)[4] == "Cancelled (2)"
    assert page.ctx.undo.undoText() == "Cancel 2 messages"
    page.ctx.undo.undo()
    assert tab_texts(page)[0] == "Queued (3)" and tab_texts(page)[4] == "Cancelled (0)"
    page.ctx.undo.redo()
    assert {r.state for r in outbox.outbox(sample_db, "cancelled").rows} == {"cancelled"}
    assert outbox.outbox(sample_db).counts["cancelled"] == 2


def test_retry_queues_a_failed_message_again_and_undo_makes_it_failed_again(
        page: OutboxPage, sample_db, servers) -> None:  # type: ignore[no-untyped-def]
    handler = Recorder(refuse={"hanako@example.jp"})
    server = Server(handler).start()
    servers.append(server)
    configure(server.port)
    queue(sample_db, "ane@example.eus", "hanako@example.jp")
    report = outbox.send_queued(sample_db)
    assert (report.sent, report.failed) == (1, 1)
    page.refresh()
    page.show_state("failed")
    assert listed(page) == ["Hanako <hanako@example.jp>"]
    assert "User unknown" in page.model.index(0, 7).data()  # the server's reason, in Last error
    assert page.model.index(0, 6).data() == "1"
    page.table.selectRow(0)
    page.retry_action.trigger()
    assert tab_texts(page)[:3] == ["Queued (1)", "Sent (1)", "Failed (0)"]
    page.ctx.undo.undo()
    assert tab_texts(page)[:3] == ["Queued (0)", "Sent (1)", "Failed (1)"]


def test_send_now_sends_the_queue_and_says_what_happened(page: OutboxPage, sample_db, servers, qtbot) -> None:  # type: ignore[no-untyped-def]
    handler = Recorder()
    server = Server(handler).start()
    servers.append(server)
    configure(server.port)
    queue(sample_db, *PEOPLE)
    page.refresh()
    said: list[str] = []
    page.status.connect(said.append)
    with qtbot.waitSignal(page.sent, timeout=20000) as sent:
        assert page.send_now() is not None
        assert not page.send_action.isEnabled()  # one sending at a time
    assert (sent.args[0].sent, sent.args[0].left_queued) == (3, 0)
    qtbot.waitUntil(lambda: page.sending is None)
    assert said[-1] == "Sent 3"
    assert sorted(r for got in handler.received for r in got.rcpt_tos) == sorted(PEOPLE)
    assert tab_texts(page)[:2] == ["Queued (0)", "Sent (3)"]
    page.show_state("sent")
    assert all(page.model.index(r, 5).data() for r in range(3))  # when each went


class SlowRecorder(Recorder):
    """A server that takes its time over each message, so Cancel arrives mid-batch."""

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        await asyncio.sleep(0.3)
        return await super().handle_DATA(server, session, envelope)


def test_cancel_in_the_progress_dialog_stops_after_the_message_in_flight(
        page: OutboxPage, sample_db, servers, qtbot) -> None:  # type: ignore[no-untyped-def]
    handler = SlowRecorder()
    server = Server(handler).start()
    servers.append(server)
    configure(server.port)
    queue(sample_db, *(f"p{i}@example.org" for i in range(8)))
    page.refresh()
    with qtbot.waitSignal(page.sent, timeout=30000) as sent:
        task = page.send_now()
        assert task is not None
        dialog = page.findChildren(QProgressDialog)[-1]
        with qtbot.waitSignal(task.progressed, timeout=10000):
            pass  # the first message went
        dialog.findChild(QPushButton).click()  # the dialog's Cancel
    report = sent.args[0]
    assert 1 <= report.sent < 8 and report.left_queued == 8 - report.sent
    assert report.stopped and "stay queued" in report.stopped
    assert len(handler.received) == report.sent  # nothing sent that the outbox does not know of
    qtbot.waitUntil(lambda: page.sending is None)
    assert tab_texts(page)[0] == f"Queued ({8 - report.sent})"


def test_a_needed_password_is_asked_for_and_none_given_sends_nothing(page: OutboxPage, sample_db, memory_keyring,  # type: ignore[no-untyped-def]
                                                                      monkeypatch) -> None:
    outbox.save_settings(MailSettings(host="127.0.0.1", port=2, security="none", user="aa-team",
                                      from_address="info-aa@example.eu"))
    queue(sample_db, "ane@example.eus")
    page.refresh()
    from iurc_desktop.ui.pages import outbox_page

    asked: list[object] = []
    monkeypatch.setattr(outbox_page, "ask_password", lambda parent: asked.append(parent))
    assert outbox_page.start_sending(page.ctx, page, lambda _r: None, password=outbox_page.ask_password) is None
    assert asked == [page]
    assert outbox.outbox(sample_db).counts["queued"] == 1


def test_the_outbox_is_a_page_of_the_window(window) -> None:  # type: ignore[no-untyped-def]
    page = window.show_page("outbox")
    assert isinstance(page, OutboxPage)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "Outbox" in titles



def test_the_page_runs_as_many_statements_for_ten_times_the_messages(page: OutboxPage, sample_db) -> None:  # type: ignore[no-untyped-def]
    from tests.statements import count_statements

    queue(sample_db, *PEOPLE)
    few = count_statements(sample_db, page.refresh)
    queue(sample_db, *(f"p{i}@example.org" for i in range(30)))
    assert count_statements(sample_db, page.refresh) == few
    assert page.model.rowCount() == 33


def test_the_keyboard_reaches_every_action(page: OutboxPage, sample_db, qtbot) -> None:  # type: ignore[no-untyped-def]
    ids = queue(sample_db, *PEOPLE)
    page.refresh()
    page.table.setFocus()
    page.select_ids(ids[0])
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert outbox.outbox(sample_db).counts["cancelled"] == 1
    qtbot.keyClick(page.table, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert page.state == "sent"
    page.show_state("cancelled")
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert outbox.outbox(sample_db).counts["queued"] == 3
    assert [a.shortcut().toString() for a in (page.send_action, page.retry_action)] == ["Ctrl+Return", "Ctrl+R"]
    assert "Ctrl+Z" in page.cancel_action.toolTip()


def test_a_server_that_cannot_be_reached_is_told_and_the_messages_stay_queued(page: OutboxPage, sample_db, errors,  # type: ignore[no-untyped-def]
                                                                              qtbot) -> None:
    from tests.mail_server import free_port

    configure(free_port())  # nobody listens there
    queue(sample_db, *PEOPLE)
    page.refresh()
    task = page.send_now()
    assert task is not None
    qtbot.waitUntil(lambda: page.sending is None, timeout=20000)
    assert len(errors) == 1 and "127.0.0.1" in str(errors[0])
    assert tab_texts(page)[0] == "Queued (3)" and page.send_action.isEnabled()


def test_a_long_outbox_says_it_shows_the_newest(page: OutboxPage, sample_db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    real = outbox.outbox
    monkeypatch.setattr(outbox, "outbox", lambda db, state=None, **kw: real(db, state, limit=2, **kw))
    queue(sample_db, *PEOPLE)
    page.refresh()
    assert page.model.rowCount() == 2
    assert page.summary.text().startswith("Showing the newest 2 of 3 · 3 queued")


def test_what_a_send_did_is_said_in_one_line() -> None:
    from iurc_desktop.app.outbox import SendReport
    from iurc_desktop.ui.pages.outbox_page import report_text

    assert report_text(SendReport(3, 0, 0, None)) == "Sent 3"
    assert report_text(SendReport(2, 1, 4, None, review=1)) == (
        "Sent 2; 1 failed (see the Failed tab); 4 left queued; 1 to review (see the Review tab)")
    stopped = "Stopped before the next message. 5 messages stay queued; send again to deliver them."
    assert report_text(SendReport(1, 0, 5, stopped)) == f"Sent 1. {stopped}"


def test_the_page_shows_one_events_messages_and_send_now_still_sends_the_others(page: OutboxPage, sample_db) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from iurc_desktop.core.models import Event

    with sample_db.reading() as s:
        visit, webinar = (s.scalar(select(Event.id).where(Event.code == c)) for c in ("r2r-test", "webinar-test"))
    drafts = [Draft(a, a.split("@")[0].title(), f"About {code}", "Dear you,\n", "free", event_id=event)
              for a, code, event in (("ane@example.eus", "visit", visit), ("hanako@example.jp", "webinar", webinar),
                                     ("minjun@example.kr", "webinar", webinar))]
    outbox.queue(sample_db, drafts)
    page.show_state("queued", "r2r-test")
    assert [r.to_address for r in page.model._rows] == ["ane@example.eus"] and page.event_choice.currentText() == "r2r-test"
    assert page.tabs.tabText(0) == "Queued (1)" and "and 2 of other events" in page.summary.text()
    page.show_state("sent", "r2r-test")
    assert page.model.rowCount() == 0 and page.send_action.isEnabled()  # three wait, whichever event is shown
    page.show_state("queued")
    assert page.model.rowCount() == 3 and page.event_choice.currentText() == "All events"
    assert [page.event_choice.itemText(i) for i in range(page.event_choice.count())] == [
        "All events", "r2r-test", "webinar-test"]
