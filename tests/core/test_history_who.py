"""Every recorded status change says who made it: the name given, else IURC_USER, else the login name."""

from __future__ import annotations

from datetime import date

from iurc_desktop.core.models import Cluster, StatusChange
from iurc_desktop.core.registrations.invitations import InviteCriteria, invite
from iurc_desktop.core.registrations.participations import set_status

from .factories import event, org, person


def test_status_changes_and_invites_record_the_current_user(db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("IURC_USER", "Sofía Navarro")
    with db.transaction() as s:
        essen = org(s, "essen", country="DE", zone="Europe/Berlin")
        s.add(Cluster(key="h2", name="Hydrogen", members=[essen]))
        event(s, "h2-webinar", kind="webinar", start=date(2027, 3, 25))
        jonas = person(s, "Jonas", "Weber", organisation=essen)
        invite(s, "h2-webinar", InviteCriteria(cluster="h2"))
        set_status(s, "h2-webinar", [jonas.email], "confirmed")
        set_status(s, "h2-webinar", [jonas.email], "attended", by="Aroha Ngata")
        assert [c.by for c in s.query(StatusChange).order_by(StatusChange.id)] == ["Sofía Navarro", "Sofía Navarro", "Aroha Ngata"]
