"""The home page's mail lines: what was not delivered opens the Outbox on it, who was not invited their participants."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from iurc_desktop.core.models import Event, OutboxMessage, Participation, Person

from .conftest import VIEWER_ZONE, _item

TODAY = date(2026, 11, 24)
AT = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


def _message(event: Event, person: Person, kind: str, state: str) -> OutboxMessage:
    return OutboxMessage(state=state, kind=kind, person_id=person.id, event_id=event.id, to_address=person.email, to_name="",
                         subject=f"{kind} for {event.code}", language="en", raw=b"Subject: x\r\n\r\n", queued_at=AT,
                         message_id=f"<{kind}.{state}.{person.email}@example.eu>", sent_at=AT if state == "sent" else None,
                         attempts=1, last_error="550 no such user" if state == "failed" else "")


@pytest.fixture
def home(qtbot, sample_db, request):  # type: ignore[no-untyped-def]
    """An upcoming webinar: Hanako's invitation sent, Ane's failed (and, when asked, a reminder left for review)."""
    from iurc_desktop.ui.shell.main_window import MainWindow

    with sample_db.transaction() as s:
        ane, hanako = (s.scalars(select(Person).where(Person.email == e)).one()
                       for e in ("ane@example.eus", "hanako@example.jp"))
        webinar = Event(code="h2-2026", kind="webinar", title="Hydrogen cities webinar", zone="Europe/Brussels",
                        start_date=date(2026, 11, 29), end_date=date(2026, 11, 29))
        _item(webinar, "panel", "Panel on hydrogen buses", "2026-11-29T10:00", "2026-11-29T11:00", "Europe/Brussels",
              kind="session")
        for who in (ane, hanako):
            Participation(event=webinar, person=who, role="delegate", status="confirmed")
        s.add(webinar)
        s.flush()
        s.add_all([_message(webinar, hanako, "invitation", "sent"), _message(webinar, ane, "invitation", "failed")])
        if getattr(request, "param", False):
            s.add(_message(webinar, hanako, "reminder", "review"))
    win = MainWindow(sample_db, viewer_zone=VIEWER_ZONE)
    qtbot.addWidget(win)
    win.show()
    page = win.pages["home"]
    page.today = lambda: TODAY
    page.refresh()
    yield win, page
    win.tasks.shutdown()


def _open(qtbot, page, rule: str):  # type: ignore[no-untyped-def]
    row = next(r for r, e in enumerate(page.todo_model._rows) if e.rule == rule)
    rect = page.todo_table.visualRect(page.todo_model.index(row, 1))
    qtbot.mouseClick(page.todo_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.todo_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    return page.todo_model.row_at(row)


def test_a_failed_invitation_opens_the_outbox_on_the_failed_messages(home, qtbot) -> None:  # type: ignore[no-untyped-def]
    win, page = home
    entry = _open(qtbot, page, "mail_not_delivered")
    assert page.todo_model.data(page.todo_model.index(page.todo_model._rows.index(entry), 3)) == "Not delivered"
    assert win.current_page_key() == "outbox" and win.pages["outbox"].state == "failed"
    assert win.pages["outbox"].event_code == "h2-2026"  # that event's messages only
    assert [r.to_address for r in win.pages["outbox"].model._rows] == ["ane@example.eus"]


@pytest.mark.parametrize("home", [True], indirect=True)
def test_failed_and_review_messages_open_the_outbox_on_the_failed_ones(home, qtbot) -> None:  # type: ignore[no-untyped-def]
    win, page = home
    entry = _open(qtbot, page, "mail_not_delivered")
    assert "(1 refused by the server, 1 to check)" in entry.message
    assert win.current_page_key() == "outbox" and win.pages["outbox"].state == "failed"
    assert "Review (1)" in [win.pages["outbox"].tabs.tabText(i) for i in range(win.pages["outbox"].tabs.count())]


def test_the_participant_not_invited_opens_the_participants_filtered_to_them(home, qtbot) -> None:  # type: ignore[no-untyped-def]
    win, page = home
    entry = _open(qtbot, page, "not_invited")
    assert entry.key == "ane@example.eus" and "Not invited" in [
        page.todo_model.data(page.todo_model.index(r, 3)) for r in range(page.todo_model.rowCount())]
    assert win.current_page_key() == "event" and win.event_page.code == "h2-2026"
    tab = win.event_page.tabs.currentWidget()
    assert tab is win.event_page.tab_widgets.get("participants", win.event_page.overview)
    if hasattr(tab, "search"):
        assert tab.search.text() == "ane@example.eus"


@pytest.mark.parametrize("background", [False, True], ids=["read-at-once", "read-on-the-worker"])
def test_the_participant_not_invited_is_selected_so_mail_is_ready(home, qtbot, monkeypatch, background: bool) -> None:  # type: ignore[no-untyped-def]
    from iurc_desktop.ui.pages.event_tab import EventTab

    if background:  # a large event's rows arrive after the tab is shown: the person is selected when they do
        monkeypatch.setattr(EventTab, "BACKGROUND_FROM", 0)
    win, page = home
    _open(qtbot, page, "not_invited")
    tab = win.event_page.tab_widgets["participants"]
    qtbot.waitUntil(lambda: bool(tab.selected_rows()))
    assert [r.email for r in tab.selected_rows()] == ["ane@example.eus"]
    assert tab.mail_button.isEnabled() and tab.table.currentIndex().row() == 0
