"""Invites of an event without an organiser come from the organiser given (the window's settings); others keep theirs."""

from __future__ import annotations

import email
import sqlite3
from pathlib import Path

import pytest
from icalendar import Calendar

from iurc_desktop.app import calendars, database
from iurc_desktop.core.errors import ValidationError

pytest_plugins = ("tests.cli_fixtures",)  # demo_database, url

EVENT = "networking-seoul-2026"
TEAM = calendars.Organiser("IURC AA team", "team@example.eu")


@pytest.fixture
def db(demo_database: database.Database, url: str) -> database.Database:
    """The demo, with EVENT's own organiser removed."""
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        conn.execute("UPDATE events SET organiser_name = '', organiser_email = '' WHERE code = ?", (EVENT,))
    return demo_database


def _organizers(data: bytes) -> set[tuple[str, str]]:
    return {(str(e["ORGANIZER"]).lower(), str(e["ORGANIZER"].params.get("CN", ""))) for e in Calendar.from_ical(data).walk("VEVENT")}


def test_without_an_organiser_anywhere_the_invite_says_where_to_set_one(db: database.Database) -> None:
    with pytest.raises(ValidationError, match="in Settings"):
        calendars.invite_preview(db, EVENT)


def test_the_given_organiser_signs_invites_cancellations_and_emails(db: database.Database, tmp_path: Path) -> None:
    expected = {("mailto:team@example.eu", "IURC AA team")}
    assert _organizers(calendars.invite_preview(db, EVENT, organiser=TEAM)) == expected
    item = calendars.send_invite(db, EVENT, tmp_path / "i.ics", organiser=TEAM).value.paths[0]
    assert _organizers(item.read_bytes()) == expected
    assert _organizers(calendars.cancellation_preview(db, EVENT, "lunch", organiser=TEAM)) == expected
    mails = calendars.write_emails(db, EVENT, tmp_path / "mail", item_key="lunch", organiser=TEAM).value.paths
    message = email.message_from_bytes(mails[0].read_bytes())
    assert message["From"] == "IURC AA team <team@example.eu>"


def test_an_event_with_its_own_organiser_keeps_it(db: database.Database) -> None:
    own = _organizers(calendars.invite_preview(db, "r2r-japan-2022", organiser=TEAM))
    assert own and all(address != "mailto:team@example.eu" for address, _name in own)
