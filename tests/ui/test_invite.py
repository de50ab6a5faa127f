"""Invite from a cluster: the preview shows who is in and who would be added; one undo takes exactly those out."""

from __future__ import annotations

import pytest

from sqlalchemy import select

from iurc_desktop.core.models import Cluster, Event, Organisation, Participation, Person


@pytest.fixture(autouse=True)
def errors(monkeypatch):
    """Errors the window would show in a dialog, collected instead (a modal box would stop the test)."""
    shown: list[BaseException] = []
    monkeypatch.setattr("iurc_desktop.ui.shell.main_window.show_error", lambda parent, exc: shown.append(exc))
    return shown


def participants(db, code):
    with db.reading() as s:
        stmt = (select(Person.email, Participation.status).join(Participation, Participation.person_id == Person.id)
                .join(Event, Participation.event_id == Event.id).where(Event.code == code))
        return dict(s.execute(stmt).all())


def add_cluster(db):
    with db.transaction() as s:
        members = s.scalars(select(Organisation).where(Organisation.key.in_(("aichi", "seoul")))).all()
        s.add(Cluster(key="smart-cities", name="Smart cities", members=list(members)))


def test_invite_from_cluster_previews_adds_and_undo_removes_exactly_them(window, sample_db, qtmodeltester):
    from iurc_desktop.ui.dialogs.invite_dialog import InviteDialog

    add_cluster(sample_db)
    before = participants(sample_db, "webinar-test")
    assert before == {"minjun@example.kr": "registered"}
    window.open_event("webinar-test")
    dialog = window.menu_actions["invite"].trigger() or window.invite_dialog
    assert isinstance(dialog, InviteDialog) and dialog.code == "webinar-test"
    assert dialog.source.currentData() == "cluster" and dialog.choice.currentText() == "Smart cities"
    shown = {(c.email, c.state) for c in dialog.model._rows}
    assert shown == {("hanako@example.jp", "add"), ("minjun@example.kr", "in (registered)")}
    assert dialog.summary.text().startswith("1 would be added as invited; 1 already in the event")
    assert dialog.add_button.text() == "Add 1 as invited"
    qtmodeltester.check(dialog.model)

    dialog.add_button.click()
    assert participants(sample_db, "webinar-test") == {"minjun@example.kr": "registered", "hanako@example.jp": "invited"}
    assert window.undo_action.text() == "&Undo Invite 1 person to webinar-test"
    assert not dialog.add_button.isEnabled()  # everyone is in now: nothing more to add

    window.undo_stack.undo()
    assert participants(sample_db, "webinar-test") == before
    window.undo_stack.redo()
    assert participants(sample_db, "webinar-test")["hanako@example.jp"] == "invited"


def test_filters_combine_with_the_cluster_and_no_event_means_a_clear_message(window, sample_db, monkeypatch):
    from iurc_desktop.ui.dialogs.invite_dialog import InviteDialog

    add_cluster(sample_db)
    dialog = InviteDialog(window.ctx, "r2r-test", window)
    dialog.country.setCurrentIndex(dialog.country.findData("KR"))
    assert [(c.email, c.state) for c in dialog.model._rows] == [("minjun@example.kr", "add")]
    dialog.source.setCurrentIndex(dialog.source.findData(""))  # filters only
    dialog.country.setCurrentIndex(dialog.country.findData("JP"))
    assert [(c.email, c.state) for c in dialog.model._rows] == [("hanako@example.jp", "in (confirmed)")]
    assert not dialog.add_button.isEnabled()

    shown = []
    monkeypatch.setattr(window, "report", lambda exc: shown.append(str(exc)))
    window.show_page("people")
    assert window.menu_actions["invite"].trigger() is None
    assert shown and "Open an event" in shown[0]
