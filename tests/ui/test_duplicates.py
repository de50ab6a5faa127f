"""The Duplicates page: a planted pair is listed side by side and merging keeps the participations."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox

from iurc_desktop.core.models import Event, Participation, Person
from iurc_desktop.ui.commands.base import Changes
from iurc_desktop.ui.pages.duplicates_page import DuplicatesPage
from iurc_desktop.ui.shell.context import Context
from iurc_desktop.ui.worker import TaskRunner


@pytest.fixture
def planted(sample_db):  # type: ignore[no-untyped-def]
    """Hanako Suzuki again, typed full-width and family-first, registered for the webinar."""
    with sample_db.transaction() as s:
        twin = Person(given_name="Ｈａｎａｋｏ", family_name="ＳＵＺＵＫＩ", email="h.suzuki@example.org")
        s.add(Participation(event=s.query(Event).filter_by(code="webinar-test").one(), person=twin, role="delegate", status="registered"))
    return sample_db


@pytest.fixture
def page(qtbot, planted):  # type: ignore[no-untyped-def]
    ctx = Context(planted, QUndoStack(), TaskRunner(), Changes(), "Europe/Brussels", lambda exc: pytest.fail(str(exc)))
    widget = DuplicatesPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    widget.refresh()  # what the window does when the page is shown
    qtbot.waitUntil(lambda: not widget.searching, timeout=10000)
    yield widget
    ctx.tasks.shutdown()


def test_the_planted_pair_is_listed_with_both_sides(page: DuplicatesPage) -> None:
    assert page.model.rowCount() == 1
    pair = page.model.row_at(0)
    assert {pair.keep_email, pair.drop_email} == {"hanako@example.jp", "h.suzuki@example.org"}
    assert pair.reason == "same name" and page.model.index(0, 5).data() == "99%"
    assert "1 possible duplicate" in page.summary.text()
    left, right = page.sides[0].text(), page.sides[1].text()
    assert "鈴木花子" in left and "r2r-test (host, confirmed)" in left
    assert "h.suzuki@example.org" in right and "webinar-test (delegate, registered)" in right


def test_merge_asks_then_keeps_every_participation(page: DuplicatesPage, planted, monkeypatch, qtbot) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def answer(parent, title, text, *args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    assert page.merge_into(0) is False  # said No: nothing happens
    with planted.reading() as s:
        assert s.query(Person).count() == 4
    messages: list[str] = []
    page.status.connect(messages.append)
    assert page.merge_into(0) is True
    assert "cannot be undone" in asked[-1]
    assert asked[-1].startswith("Keep Suzuki Hanako <hanako@example.jp> of ")  # each side told apart, names alike or not
    assert "merge into it Ｈａｎａｋｏ ＳＵＺＵＫＩ <h.suzuki@example.org>" in asked[-1]
    with planted.reading() as s:
        hanako = s.query(Person).filter_by(email="hanako@example.jp").one()
        assert s.query(Person).count() == 3
        assert sorted(p.event.code for p in hanako.participations) == ["r2r-test", "webinar-test"]
    assert messages[0] == "Merged Ｈａｎａｋｏ ＳＵＺＵＫＩ into Suzuki Hanako: 1 participation kept"
    qtbot.waitUntil(lambda: not page.searching, timeout=10000)
    assert page.model.rowCount() == 0 and "0 possible duplicates" in page.summary.text()


def test_suggestions_model(qtmodeltester, page: DuplicatesPage) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(page.model)


def test_window_has_the_page_and_looks_only_when_it_is_shown(window) -> None:  # type: ignore[no-untyped-def]
    page = window.pages["duplicates"]
    assert isinstance(page, DuplicatesPage) and page.summary.text() == "Shown when you open this page."
    window.show_page("duplicates")
    assert page.summary.text() == "0 possible duplicates: no two people look alike by name or e-mail."
    assert [side.text() for side in page.sides] == ["<i>Nothing to compare.</i>"] * 2  # no pair to choose either


def test_a_large_database_is_searched_on_the_worker(page: DuplicatesPage, monkeypatch, qtbot) -> None:  # type: ignore[no-untyped-def]
    import iurc_desktop.ui.pages.duplicates_page as module

    monkeypatch.setattr(module, "AT_ONCE_LIMIT", 0)
    page.model.set_rows([])
    page.search()
    assert page.searching and page.summary.text() == "Looking for people recorded twice…"
    qtbot.waitUntil(lambda: not page.searching, timeout=10000)
    assert page.model.rowCount() == 1


def test_only_the_likeliest_pairs_are_listed_and_the_summary_says_how_many_there_are(page: DuplicatesPage, monkeypatch,
                                                                                     qtbot) -> None:  # type: ignore[no-untyped-def]
    import iurc_desktop.ui.pages.duplicates_page as module

    with page.ctx.db.transaction() as s:  # a third Hanako Suzuki: three pairs
        s.add(Person(given_name="Hanako", family_name="Suzuki", email="hanako.s@example.com"))
    monkeypatch.setattr(module, "SHOWN", 2)
    page.search()
    qtbot.waitUntil(lambda: not page.searching, timeout=10000)
    assert page.model.rowCount() == 2
    assert page.summary.text() == "Showing the 2 likeliest of 3 possible duplicates: choose a pair to compare them."
