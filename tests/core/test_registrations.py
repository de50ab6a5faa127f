"""Registration pipeline: explicit transitions, recorded history, capacity and the waitlist, needs."""

from __future__ import annotations

from datetime import date

import pytest

from iurc_desktop.core.errors import Conflict, NotFound, ValidationError
from iurc_desktop.core.models import Group, Participation, StatusChange
from iurc_desktop.core.registrations import participations as reg

from .factories import event, participate, person


def _people(session, n: int):  # type: ignore[no-untyped-def]
    return [person(session, f"P{i}", f"Family{i}", email=f"p{i}@example.eu") for i in range(n)]


def test_register_records_the_first_status_in_history(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        event(s, "web-1", kind="webinar")
        (p,) = _people(s, 1)
        change = reg.register(s, "web-1", p.id, role="speaker", status="registered", by="staff")
        hist = reg.history(s, change.participation_id)
    assert change.to_status == "registered" and change.from_status == ""
    assert [(h.from_status, h.to_status, h.by) for h in hist] == [("", "registered", "staff")]


def test_registering_twice_is_a_conflict(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        event(s, "web-1")
        (p,) = _people(s, 1)
        reg.register(s, "web-1", p.id)
        with pytest.raises(Conflict, match="already a participant"):
            reg.register(s, "web-1", p.id)


def test_unknown_role_and_status_are_refused(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        event(s, "web-1")
        (p,) = _people(s, 1)
        with pytest.raises(ValidationError, match="not a role"):
            reg.register(s, "web-1", p.id, role="king")
        with pytest.raises(ValidationError, match="not a participation status"):
            reg.register(s, "web-1", p.id, status="maybe")


def test_forbidden_transition_names_from_to_and_what_is_allowed(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = event(s, "sv-1")
        (p,) = _people(s, 1)
        participate(s, ev, p, status="attended")
        with pytest.raises(Conflict) as info:
            reg.set_status(s, "sv-1", ["p0@example.eu"], "invited")
    text = str(info.value)
    assert "from attended to invited" in text and "allowed statuses are no_show" in text


def test_bulk_change_is_all_or_nothing_and_lists_every_refusal(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = event(s, "sv-1")
        a, b, c = _people(s, 3)
        participate(s, ev, a, status="registered")
        participate(s, ev, b, status="attended")
        participate(s, ev, c, status="no_show")
    with db.transaction() as s, pytest.raises(Conflict) as info:
        reg.set_status(s, "sv-1", ["p0@example.eu", "p1@example.eu", "p2@example.eu", "nobody@example.eu"], "declined")
    assert str(info.value).count("cannot go from") == 2 and "nobody@example.eu is not a participant" in str(info.value)
    with db.reading() as s:
        assert s.query(Participation).filter_by(person_id=a.id).one().status == "registered"
        assert s.query(StatusChange).count() == 0


def test_bulk_change_by_email_ignores_case_and_spaces_and_accepts_ids(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = event(s, "sv-1")
        a, b = _people(s, 2)
        participate(s, ev, a, status="registered")
        pb = participate(s, ev, b, status="registered")
        changes = reg.set_status(s, "sv-1", ["  P0@Example.EU ", pb.id], "confirmed", by="me", reason="paid")
    assert [(c.email, c.to_status) for c in changes] == [("p0@example.eu", "confirmed"), ("p1@example.eu", "confirmed")]
    with db.reading() as s:
        assert [h.reason for h in reg.history(s, pb.id)] == ["paid"]


def test_confirming_past_capacity_waitlists_in_order(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = event(s, "sv-1", capacity=2)
        ps = _people(s, 4)
        for p in ps:
            participate(s, ev, p, status="registered")
        changes = reg.set_status(s, "sv-1", [p.email for p in ps], "confirmed")
        queue = reg.waitlist(s, "sv-1")
    assert [c.to_status for c in changes] == ["confirmed", "confirmed", "waitlisted", "waitlisted"]
    assert [c.waitlist_position for c in changes[2:]] == [1, 2]
    assert "event full (capacity 2)" in changes[2].reason
    assert queue == [changes[2].participation_id, changes[3].participation_id]


def test_cancelling_a_confirmed_promotes_the_first_waitlisted_and_history_shows_both(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        event(s, "sv-1", capacity=1)
        a, b, c = _people(s, 3)
        reg.register(s, "sv-1", a.id, status="confirmed")
        wb = reg.register(s, "sv-1", b.id, status="confirmed")
        wc = reg.register(s, "sv-1", c.id, status="confirmed")
    assert (wb.to_status, wc.to_status) == ("waitlisted", "waitlisted")
    with db.transaction() as s:
        changes = reg.set_status(s, "sv-1", ["p0@example.eu"], "cancelled", by="desk", reason="ill")
    assert [(c.email, c.from_status, c.to_status) for c in changes] == [
        ("p0@example.eu", "confirmed", "cancelled"), ("p1@example.eu", "waitlisted", "confirmed"),
    ]
    with db.reading() as s:
        a_hist = reg.history(s, changes[0].participation_id)
        b_hist = reg.history(s, wb.participation_id)
        assert reg.waitlist(s, "sv-1") == [wc.participation_id]
        assert s.get(Participation, wc.participation_id).waitlist_position == 1
    assert [(h.from_status, h.to_status) for h in a_hist] == [("", "confirmed"), ("confirmed", "cancelled")]
    assert [(h.from_status, h.to_status) for h in b_hist] == [("", "waitlisted"), ("waitlisted", "confirmed")]
    assert "promoted from the waitlist" in b_hist[-1].reason


def test_reordered_waitlist_decides_who_is_promoted(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        event(s, "sv-1", capacity=1)
        a, b, c = _people(s, 3)
        reg.register(s, "sv-1", a.id, status="confirmed")
        wb = reg.register(s, "sv-1", b.id, status="confirmed")
        wc = reg.register(s, "sv-1", c.id, status="confirmed")
        reg.reorder_waitlist(s, "sv-1", [wc.participation_id, wb.participation_id])
        changes = reg.set_status(s, "sv-1", ["p0@example.eu"], "declined")
    assert changes[1].participation_id == wc.participation_id and changes[1].to_status == "confirmed"


def test_reorder_must_name_exactly_the_waitlist(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        event(s, "sv-1", capacity=0)
        a, b = _people(s, 2)
        wa = reg.register(s, "sv-1", a.id, status="confirmed")
        reg.register(s, "sv-1", b.id, status="confirmed")
        with pytest.raises(ValidationError, match="each waitlisted participation once"):
            reg.reorder_waitlist(s, "sv-1", [wa.participation_id])


def test_no_capacity_means_no_waitlisting(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        event(s, "web-1", kind="webinar")
        ps = _people(s, 5)
        out = [reg.register(s, "web-1", p.id, status="confirmed").to_status for p in ps]
    assert out == ["confirmed"] * 5


def test_unknown_participant_and_event_are_not_found(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        event(s, "web-1")
        with pytest.raises(NotFound):
            reg.set_status(s, "nope", [1], "confirmed")
        with pytest.raises(Conflict, match="Participation 99 is not part"):
            reg.set_status(s, "web-1", [99], "confirmed")


def test_needs_visa_role_and_group_are_updated_and_listed(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = event(s, "sv-1")
        s.add(Group(event=ev, name="A"))
        (p,) = _people(s, 1)
        ch = reg.register(s, "sv-1", p.id)
        reg.set_needs(s, p.id, dietary=" halal ", accessibility="wheelchair", passport_expiry=date(2027, 1, 31))
        reg.set_visa(s, ch.participation_id, needed=True, status="applied")
        reg.set_role(s, ch.participation_id, "interpreter")
        reg.set_group(s, ch.participation_id, "A")
        with pytest.raises(ValidationError, match="not a group"):
            reg.set_group(s, ch.participation_id, "Z")
    with db.reading() as s:
        (row,) = reg.list_registrations(s, "sv-1", group="A", role="interpreter")
        assert reg.list_registrations(s, "sv-1", status="confirmed") == []
    assert (row.dietary, row.accessibility, row.passport_expiry) == ("halal", "wheelchair", date(2027, 1, 31))
    assert (row.visa_needed, row.visa_status, row.role, row.group) == (True, "applied", "interpreter", "A")


def test_every_status_has_a_transition_rule() -> None:
    from iurc_desktop.core.vocab import PARTICIPATION_STATUSES

    assert set(reg.TRANSITIONS) == set(PARTICIPATION_STATUSES)
    assert all(set(v) <= set(PARTICIPATION_STATUSES) for v in reg.TRANSITIONS.values())
