"""Small, precise data for GUI tests, and a main window on it."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from iurc_desktop.core.db import Database
from iurc_desktop.core.models import Event, Group, Item, Organisation, Participation, Person
from iurc_desktop.core.timeutil import to_utc

VIEWER_ZONE = "Europe/Brussels"


@pytest.fixture(autouse=True)
def _own_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each window test has its own user data and settings folders: backups and settings another test left are not seen."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "user-config"))


def _item(event: Event, key: str, title: str, start: str, end: str, zone: str, **extra: object) -> Item:
    return Item(event=event, key=key, title=title, kind=extra.pop("kind", "site_visit"),
                start_utc=to_utc(datetime.fromisoformat(start), zone), end_utc=to_utc(datetime.fromisoformat(end), zone),
                zone=zone, **extra)


@pytest.fixture
def sample_db(db: Database) -> Database:
    """Two events (a Tokyo study visit with groups, a Brussels webinar), organisations and people in several scripts."""
    with db.transaction() as s:
        aichi = Organisation(key="aichi", name="Aichi Prefecture", local_name="愛知県", kind="prefecture",
                             sector="government", country="JP", zone="Asia/Tokyo")
        basque = Organisation(key="basque", name="Basque Country", local_name="Euskadi", kind="region",
                              sector="government", country="ES", zone="Europe/Madrid")
        seoul = Organisation(key="seoul", name="Seoul Metropolitan Government", local_name="서울특별시", kind="city",
                             sector="government", country="KR", zone="Asia/Seoul")
        ane = Person(given_name="Ane", family_name="Etxeberria", email="ane@example.eus", organisation=basque, job_title="Policy officer")
        minjun = Person(given_name="Minjun", family_name="Kim", name_order="family_first", local_name="김민준",
                        email="minjun@example.kr", organisation=seoul, job_title="Researcher")
        hanako = Person(given_name="Hanako", family_name="Suzuki", name_order="family_first", local_name="鈴木花子",
                        email="hanako@example.jp", organisation=aichi, job_title="International relations")
        visit = Event(code="r2r-test", kind="study_visit", title="EU-Japan study visit", zone="Asia/Tokyo",
                      start_date=date(2022, 11, 20), end_date=date(2022, 11, 26), capacity=20,
                      organiser_name="IURC AA team", organiser_email="info-aa@example.eu")
        group_a = Group(event=visit, name="A")
        Group(event=visit, name="B")
        _item(visit, "aichi-visit", "Aichi Science & Technology Foundation", "2022-11-22T09:30", "2022-11-22T12:00",
              "Asia/Tokyo", place="Nagoya", host=aichi, groups=[group_a])
        _item(visit, "final", "Final meeting at Keihanna", "2022-11-25T14:00", "2022-11-25T17:00", "Asia/Tokyo",
              kind="meeting", place="Kyoto")
        Participation(event=visit, person=ane, role="delegate", status="confirmed", group=group_a)
        Participation(event=visit, person=hanako, role="host", status="confirmed")
        webinar = Event(code="webinar-test", kind="webinar", title="Green cities webinar", zone="Europe/Brussels",
                        start_date=date(2026, 3, 26), end_date=date(2026, 3, 26))
        _item(webinar, "session", "Cluster session", "2026-03-26T10:00", "2026-03-26T11:30", "Europe/Brussels", kind="session")
        Participation(event=webinar, person=minjun, role="speaker", status="registered")
        s.add_all([visit, webinar])
    return db


@pytest.fixture
def window(qtbot, sample_db):
    """The main window on the sample data, seen from Brussels."""
    from iurc_desktop.ui.shell.main_window import MainWindow

    win = MainWindow(sample_db, viewer_zone=VIEWER_ZONE)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.tasks.shutdown()


@pytest.fixture
def errors() -> list[BaseException]:
    """What a page or dialog reported to the user (the context's `report`)."""
    return []


@pytest.fixture
def ctx(qtbot, sample_db, errors):  # type: ignore[no-untyped-def]
    """A page's context on the sample data, seen from Brussels, its reports collected in `errors`."""
    from PySide6.QtGui import QUndoStack

    from iurc_desktop.ui.commands.base import Changes
    from iurc_desktop.ui.shell.context import Context
    from iurc_desktop.ui.worker import TaskRunner

    context = Context(sample_db, QUndoStack(), TaskRunner(), Changes(), "Europe/Brussels", errors.append)
    yield context
    context.tasks.shutdown()


@pytest.fixture(autouse=True)
def _dialogs_closed_after_each_test():  # type: ignore[no-untyped-def]
    """A dialog a test left open (a send log, say) would stand in the next test's window list: closed here."""
    yield
    widgets = sys.modules.get("PySide6.QtWidgets")
    app = widgets.QApplication.instance() if widgets is not None else None
    if app is not None:
        for widget in app.topLevelWidgets():
            if isinstance(widget, widgets.QDialog) and widget.isVisible():
                widget.close()
