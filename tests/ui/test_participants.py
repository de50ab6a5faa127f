"""The Participants tab: filters, bulk status changes with undo, capacity and waitlist, history."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from iurc_desktop.core.registrations import participations as reg
from iurc_desktop.ui.commands.base import Changes
from iurc_desktop.ui.commands.participants import moved, summary
from iurc_desktop.ui.models.participants import WAITLIST_COLUMN, ParticipantsModel
from iurc_desktop.ui.pages.participants_tab import ParticipantsTab
from iurc_desktop.ui.shell.context import Context
from iurc_desktop.ui.worker import TaskRunner
from tests.core import factories as f


@pytest.fixture
def visit_db(db):  # type: ignore[no-untyped-def]
    """A study visit with two places: two confirmed, two registered, in groups A and B, four countries."""
    from iurc_desktop.core.models import Group, Participation

    with db.transaction() as s:
        ev = f.event(s, "sv", capacity=2, zone="Asia/Tokyo")
        a, b = Group(event=ev, name="A"), Group(event=ev, name="B")
        s.add_all([a, b])
        people = {
            "ane": (f.org(s, "basque", country="ES"), "Ane", "Etxeberria", "confirmed", "delegate", a),
            "hanako": (f.org(s, "aichi", country="JP"), "Hanako", "Suzuki", "confirmed", "host", None),
            "lea": (f.org(s, "ljubljana", country="SI"), "Lea", "Novak", "registered", "speaker", b),
            "marta": (f.org(s, "turin", country="IT"), "Marta", "Rossi", "registered", "delegate", None),
        }
        for key, (org, given, family, status, role, group) in people.items():
            p = f.person(s, given, family, email=f"{key}@example.eu", organisation=org)
            s.add(Participation(event=ev, person=p, status=status, role=role, group=group))
    return db


@pytest.fixture
def errors() -> list[BaseException]:
    return []


@pytest.fixture
def tab(qtbot, visit_db, errors):  # type: ignore[no-untyped-def]
    ctx = Context(visit_db, QUndoStack(), TaskRunner(), Changes(), "Europe/Brussels", errors.append)
    widget = ParticipantsTab(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 500)
    widget.show()
    widget.show_event("sv")
    yield widget
    ctx.tasks.shutdown()


def _emails(tab: ParticipantsTab) -> list[str]:
    return [r.email for r in tab.model.rows()]


def _cell(tab: ParticipantsTab, email: str, header: str) -> str:
    row = next(i for i, r in enumerate(tab.model.rows()) if r.email == email)
    column = next(c for c in range(tab.model.columnCount()) if tab.model.headerData(c, Qt.Orientation.Horizontal) == header)
    return tab.model.index(row, column).data()


def _choose(combo, value: str) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findData(value))


def _set_status(tab: ParticipantsTab, status: str) -> None:
    tab._fill_status_menu()  # what opening the menu does
    action = next(a for a in tab.status_menu.actions() if a.data() == status)
    assert action.isEnabled()
    action.trigger()


def _statuses(db) -> dict[str, tuple[str, int | None]]:  # type: ignore[no-untyped-def]
    with db.reading() as s:
        return {r.email: (r.status, r.waitlist_position) for r in reg.list_registrations(s, "sv")}


def test_filters_by_status_role_group_country_and_text(tab: ParticipantsTab) -> None:
    assert len(_emails(tab)) == 4
    _choose(tab.status_filter, "confirmed")
    assert sorted(_emails(tab)) == ["ane@example.eu", "hanako@example.eu"]
    _choose(tab.status_filter, "")
    _choose(tab.role_filter, "host")
    assert _emails(tab) == ["hanako@example.eu"]
    _choose(tab.role_filter, "")
    _choose(tab.group_filter, "B")
    assert _emails(tab) == ["lea@example.eu"]
    _choose(tab.group_filter, "")
    assert [tab.country_filter.itemText(i) for i in range(tab.country_filter.count())] == ["All countries", "ES", "IT", "JP", "SI"]
    _choose(tab.country_filter, "JP")
    assert _emails(tab) == ["hanako@example.eu"]
    _choose(tab.country_filter, "")
    tab.search.setText("rossi")
    assert _emails(tab) == ["marta@example.eu"]
    assert tab.count_label.text().startswith("1 of 4 shown · 2 of 2 places taken")


def test_bulk_status_change_is_one_undoable_command(tab: ParticipantsTab, visit_db, errors) -> None:  # type: ignore[no-untyped-def]
    tab.select_emails("lea@example.eu", "marta@example.eu")
    _set_status(tab, "cancelled")
    assert errors == []
    assert _statuses(visit_db)["lea@example.eu"][0] == _statuses(visit_db)["marta@example.eu"][0] == "cancelled"
    assert _cell(tab, "lea@example.eu", "Status") == "Cancelled"
    assert tab.ctx.undo.count() == 1
    tab.ctx.undo.undo()
    assert _statuses(visit_db)["lea@example.eu"][0] == _statuses(visit_db)["marta@example.eu"][0] == "registered"
    assert _cell(tab, "marta@example.eu", "Status") == "Registered"
    tab.ctx.undo.redo()
    assert _statuses(visit_db)["marta@example.eu"][0] == "cancelled"


def test_confirming_past_capacity_waitlists_and_a_cancellation_promotes(tab: ParticipantsTab, visit_db, qtbot) -> None:  # type: ignore[no-untyped-def]
    messages: list[str] = []
    tab.status.connect(messages.append)
    assert tab.table.isColumnHidden(WAITLIST_COLUMN)  # nobody waiting: no empty column
    tab.select_emails("lea@example.eu")
    _set_status(tab, "confirmed")
    assert _statuses(visit_db)["lea@example.eu"] == ("waitlisted", 1)
    assert not tab.table.isColumnHidden(WAITLIST_COLUMN)
    assert (_cell(tab, "lea@example.eu", "Status"), _cell(tab, "lea@example.eu", "Waitlist")) == ("Waitlisted", "1")
    assert messages[-1] == "sv: 1 waitlisted (event full)"
    tab.select_emails("ane@example.eu")
    _set_status(tab, "cancelled")
    assert messages[-1] == "sv: 1 cancelled, 1 promoted from the waitlist"
    assert _statuses(visit_db)["lea@example.eu"] == ("confirmed", None)
    tab.ctx.undo.undo()  # the cancellation and the promotion it caused both go back
    assert _statuses(visit_db)["ane@example.eu"] == ("confirmed", None)
    assert _statuses(visit_db)["lea@example.eu"] == ("waitlisted", 1)


def test_forbidden_moves_are_disabled_in_the_menu(tab: ParticipantsTab) -> None:
    tab.select_emails("ane@example.eu", "lea@example.eu")  # confirmed and registered
    tab._fill_status_menu()
    enabled = {a.data() for a in tab.status_menu.actions() if a.isEnabled()}
    assert enabled == {"cancelled", "declined", "attended", "no_show", "confirmed"}  # "invited" is allowed for neither


def test_waitlist_move_up_and_undo(tab: ParticipantsTab, visit_db) -> None:  # type: ignore[no-untyped-def]
    tab.select_emails("lea@example.eu", "marta@example.eu")
    _set_status(tab, "waitlisted")
    assert _statuses(visit_db)["lea@example.eu"] == ("waitlisted", 1)
    tab.select_emails("marta@example.eu")
    assert tab.up_button.isEnabled() and not tab.down_button.isEnabled()
    tab.up_button.click()
    assert _statuses(visit_db)["marta@example.eu"] == ("waitlisted", 1)
    assert _statuses(visit_db)["lea@example.eu"] == ("waitlisted", 2)
    assert _emails(tab)[-2:] == ["marta@example.eu", "lea@example.eu"]  # the table shows the waitlist in order
    tab.ctx.undo.undo()
    assert _statuses(visit_db)["lea@example.eu"] == ("waitlisted", 1)


def test_history_dialog_lists_each_change(tab: ParticipantsTab, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab.select_emails("lea@example.eu")
    _set_status(tab, "confirmed")  # full: waitlisted
    tab.select_emails("ane@example.eu")
    _set_status(tab, "cancelled")  # Lea promoted
    tab.select_emails("lea@example.eu")
    tab.history_button.click()
    dialog = tab.history_dialog
    qtbot.addWidget(dialog)
    model = dialog.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:2] == ["When (Asia/Tokyo)", "Your time (Europe/Brussels)"]
    rows = [[model.index(r, c).data() for c in range(2, 6)] for r in range(model.rowCount())]
    assert [r[1:3] for r in rows] == [["Registered", "Waitlisted"], ["Waitlisted", "Confirmed"]]
    assert rows[0][3].startswith("event full") and rows[1][3].startswith("promoted from the waitlist")
    dialog.close()


def test_service_refusal_is_reported_and_not_recorded(tab: ParticipantsTab, errors) -> None:  # type: ignore[no-untyped-def]
    tab.select_emails("ane@example.eu")
    tab.set_status("invited")  # bypassing the menu, which would not offer it
    assert len(errors) == 1 and "cannot go from confirmed to invited" in str(errors[0])
    assert tab.ctx.undo.count() == 0


def test_participants_model(qtmodeltester, tab: ParticipantsTab) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(tab.model)
    qtmodeltester.check(ParticipantsModel())


def test_summary_and_moved() -> None:
    assert moved([1, 2, 3], 3, -1) == [1, 3, 2] and moved([1, 2, 3], 1, -1) == [1, 2, 3]
    assert summary([]) == "Nothing changed"


def test_window_has_the_tab(window) -> None:  # type: ignore[no-untyped-def]
    page = window.open_event("r2r-test")
    tab = page.select_tab("participants")
    assert sorted(r.email for r in tab.model.rows()) == ["ane@example.eus", "hanako@example.jp"]
    assert page.tabs.tabText(page.tabs.indexOf(tab)) == "Participants"
