"""Inviting from a cluster adds each member contact once; undo removes exactly those added."""

from __future__ import annotations

from datetime import date

import pytest

from iurc_desktop.core.errors import Conflict, NotFound, ValidationError
from iurc_desktop.core.models import Cluster, Participation
from iurc_desktop.core.registrations.invitations import InviteCriteria, invite, remove_invited

from .factories import event, org, participate, person


def _setup(s):  # type: ignore[no-untyped-def]
    essen = org(s, "essen", country="DE", zone="Europe/Berlin")
    toyota = org(s, "toyota", country="JP", zone="Asia/Tokyo", local_name="豊田市")
    other = org(s, "other", country="FR", zone="Europe/Paris")
    s.add(Cluster(key="hydrogen", name="Hydrogen economy", members=[essen, toyota]))
    a = person(s, "Jonas", "Weber", organisation=essen)
    b = person(s, "Haruto", "Sato", organisation=toyota)
    person(s, "Léa", "Martin", organisation=other)
    ev = event(s, "h2-webinar", kind="webinar", start=date(2026, 5, 7))
    participate(s, ev, a, status="confirmed")
    return ev, a, b


def test_invite_from_cluster_adds_only_missing_members(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev, a, b = _setup(s)
        result = invite(s, "h2-webinar", InviteCriteria(cluster="hydrogen"))
        assert result.added_people == (b.id,) and result.already == (a.id,)
        again = invite(s, "h2-webinar", InviteCriteria(cluster="Hydrogen economy"))
        assert again.added == () and set(again.already) == {a.id, b.id}
        statuses = {p.person_id: p.status for p in s.query(Participation).filter_by(event_id=ev.id)}
        assert statuses == {a.id: "confirmed", b.id: "invited"}


def test_a_cancelled_event_invites_nobody(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev, _a, _b = _setup(s)
        ev.status = "cancelled"
    with db.transaction() as s, pytest.raises(Conflict, match="h2-webinar is cancelled: reinstate it first"):
        invite(s, "h2-webinar", InviteCriteria(cluster="hydrogen"))


def test_undo_removes_exactly_the_added(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev, a, b = _setup(s)
        result = invite(s, "h2-webinar", InviteCriteria(cluster="hydrogen"))
        assert remove_invited(s, result.added) == 1
        assert [p.person_id for p in s.query(Participation).filter_by(event_id=ev.id)] == [a.id]


def test_filter_by_country_and_unknown_cluster(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev, a, b = _setup(s)
        result = invite(s, "h2-webinar", InviteCriteria(countries=("jp",)))
        assert result.added_people == (b.id,)
        with pytest.raises(NotFound, match="no thematic cluster"):
            invite(s, "h2-webinar", InviteCriteria(cluster="nope"))
        with pytest.raises(ValidationError):
            invite(s, "h2-webinar", InviteCriteria())
