"""Undoing status changes: statuses and waitlist places come back, each restoration in the history."""

from __future__ import annotations

from iurc_desktop.core.people.card import person_card
from iurc_desktop.core.registrations import participations as reg
from iurc_desktop.core.registrations.undo import restore, snapshot
from tests.core import factories as f


def test_restore_takes_back_a_cancellation_and_the_promotion_it_caused(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = f.event(s, "sv", capacity=1)
        a = f.participate(s, ev, f.person(s, "Ane", "Etxeberria"), status="confirmed")
        b = f.participate(s, ev, f.person(s, "Lea", "Novak"), status="registered")
        reg.set_status(s, "sv", [b.id], "confirmed")  # full: waitlisted
        ids = (a.id, b.id)
    with db.transaction() as s:
        saved = snapshot(s, "sv")
        changes = reg.set_status(s, "sv", [ids[0]], "cancelled")
        assert [(c.from_status, c.to_status) for c in changes] == [("confirmed", "cancelled"), ("waitlisted", "confirmed")]
    with db.transaction() as s:
        undone = restore(s, "sv", saved, by="me")
        assert {(c.participation_id, c.to_status) for c in undone} == {(ids[0], "confirmed"), (ids[1], "waitlisted")}
    with db.reading() as s:
        rows = {r.participation_id: (r.status, r.waitlist_position) for r in reg.list_registrations(s, "sv")}
        assert rows == {ids[0]: ("confirmed", None), ids[1]: ("waitlisted", 1)}
        last = reg.history(s, ids[1])[-1]
        assert (last.from_status, last.to_status, last.reason, last.by) == ("confirmed", "waitlisted", "undo", "me")


def test_restore_leaves_participations_added_since_alone(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = f.event(s, "sv")
        f.participate(s, ev, f.person(s, "Ane", "Etxeberria"), status="registered")
        saved = snapshot(s, "sv")
        late = f.participate(s, ev, f.person(s, "Lea", "Novak"), status="confirmed")
        assert restore(s, "sv", saved) == []
        assert late.status == "confirmed"


def test_person_card_lists_the_events(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = f.event(s, "sv")
        org = f.org(s, "aichi", country="JP")
        p = f.person(s, "Hanako", "Suzuki", organisation=org, local_name="鈴木花子")
        f.participate(s, ev, p, status="confirmed", role="host")
        card = person_card(s, p.id)
    assert (card.name, card.local_name, card.country, card.events) == ("Hanako Suzuki", "鈴木花子", "JP", ("sv (host, confirmed)",))
