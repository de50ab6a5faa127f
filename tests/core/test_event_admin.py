"""Deleting an event (undo of duplicate), upcoming events with checks, and the invite preview."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from iurc_desktop.core.errors import NotFound
from iurc_desktop.core.events.admin import delete_event
from iurc_desktop.core.events.agenda import upcoming_events
from iurc_desktop.core.events.templates import duplicate_event
from iurc_desktop.core.models import Cluster, Event, Group, Item, Participation, Person
from iurc_desktop.core.registrations.invitations import InviteCriteria
from iurc_desktop.core.registrations.invite_preview import invite_sources, preview_invite

from .factories import event, item, org, participate, person


def test_delete_event_removes_it_and_what_belongs_to_it_only(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = event(s, "visit-2026", start=date(2026, 3, 23), end=date(2026, 3, 27))
        ev.groups = [Group(name="A")]
        item(s, ev, "opening", datetime(2026, 3, 23, 9), datetime(2026, 3, 23, 10))
        ane = person(s, "Ane", "Etxeberria")
        part = participate(s, ev, ane)
        part.group = ev.groups[0]
        duplicate_event(s, "visit-2026", new_code="visit-2027", new_start=date(2027, 3, 22), with_participants=True)
    with db.transaction() as s:
        delete_event(s, "visit-2027")
    with db.reading() as s:
        assert s.scalars(select(Event.code)).all() == ["visit-2026"]
        assert s.scalar(select(func.count()).select_from(Item)) == 1
        assert s.scalar(select(func.count()).select_from(Participation)) == 1
        assert s.scalar(select(func.count()).select_from(Person)) == 1  # people stay
        with pytest.raises(NotFound):
            delete_event(s, "visit-2027")


def test_upcoming_events_count_days_and_problems_and_skip_past_ones(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        event(s, "past", start=date(2026, 1, 5))
        soon = event(s, "soon", kind="webinar", start=date(2026, 12, 1), capacity=1)
        participate(s, soon, person(s, "Ane", "Etxeberria"))
        participate(s, soon, person(s, "Jonas", "Weber"))  # two confirmed, one place: over capacity
        cancelled = event(s, "called-off", start=date(2026, 12, 2))
        cancelled.status = "cancelled"
        event(s, "later", start=date(2027, 2, 1))
    with db.reading() as s:
        found = upcoming_events(s, date(2026, 11, 24))
    assert [u.row.code for u in found] == ["soon", "later"]
    soon_row = found[0]
    assert soon_row.days_to_go == 7 and soon_row.row.confirmed == 2
    assert soon_row.errors + soon_row.warnings >= 1 and found[1].errors == found[1].warnings == 0


def test_invite_preview_marks_who_is_in_and_who_would_be_added(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        essen = org(s, "essen", country="DE", zone="Europe/Berlin")
        toyota = org(s, "toyota", country="JP", zone="Asia/Tokyo")
        s.add(Cluster(key="hydrogen", name="Hydrogen economy", members=[essen, toyota]))
        a = person(s, "Jonas", "Weber", organisation=essen)
        person(s, "Haruto", "Sato", organisation=toyota)
        ev = event(s, "h2-webinar", kind="webinar")
        event(s, "older", kind="webinar")
        participate(s, ev, a, status="registered")
    with db.reading() as s:
        sources = invite_sources(s, "h2-webinar")
        preview = preview_invite(s, "h2-webinar", InviteCriteria(cluster="hydrogen"))
    assert sources.clusters == (("hydrogen", "Hydrogen economy"),)
    assert [c for c, _ in sources.events] == ["older"] and sources.countries == ("DE", "JP")
    assert [(c.name, c.state) for c in preview] == [("Haruto Sato", "add"), ("Jonas Weber", "in (registered)")]
