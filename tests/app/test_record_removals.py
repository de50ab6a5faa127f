"""Removing a participant or a group takes or refuses what hangs on it, and undo puts everything back."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from iurc_desktop.app import events, registrations, visas
from iurc_desktop.app.changes import Topic
from iurc_desktop.core.models import Stay, TravelLeg

CODE = "r2r-japan-2022"
IKER = "iker.zubizarreta@example.eus"  # 4 legs, 4 twin stays shared with Julien
JULIEN = "julien.moreau@example.fr"


def _arrangements(demo_db) -> tuple[set[tuple[int, str]], set[tuple[int, str, int | None]]]:  # type: ignore[no-untyped-def]
    """The event's legs (id, UID) and stays (id, UID, room-mate id)."""
    with demo_db.reading() as s:
        legs = {(leg.id, leg.uid) for leg in s.scalars(select(TravelLeg).where(TravelLeg.event.has(code=CODE)))}
        stays = {(st.id, st.uid, st.shares_with_id) for st in s.scalars(select(Stay).where(Stay.event.has(code=CODE)))}
    return legs, stays


def test_removing_a_participant_takes_their_legs_and_stays_and_undo_puts_them_back(demo_db) -> None:  # type: ignore[no-untyped-def]
    before = _arrangements(demo_db)
    outcome = registrations.remove_participant(demo_db, CODE, IKER)
    removed = outcome.value
    assert {Topic.PARTICIPANTS, Topic.TRAVEL, Topic.STAYS} <= outcome.changed
    assert removed.went() == "with 4 legs and 4 stays (4 room-mate links cleared)"
    legs, stays = _arrangements(demo_db)
    assert len(legs) == len(before[0]) - 4 and len(stays) == len(before[1]) - 4
    iker_id = removed.person_id
    assert not any(mate == iker_id for _, _, mate in stays)  # Julien's twin no longer names Iker
    registrations.restore_participant(demo_db, CODE, removed)
    assert _arrangements(demo_db) == before  # same ids, same calendar UIDs, room-mates linked again
    assert IKER in {r.email for r in registrations.registrations(demo_db, CODE)}


def test_undo_of_a_removal_puts_the_visa_state_and_its_history_back(demo_db) -> None:  # type: ignore[no-untyped-def]
    visas.move(demo_db, CODE, IKER, "needed", note="asked at registration")
    visas.move(demo_db, CODE, IKER, "letter sent")
    before = visas.visa(demo_db, CODE, IKER)
    removed = registrations.remove_participant(demo_db, CODE, IKER).value
    registrations.restore_participant(demo_db, CODE, removed)
    after = visas.visa(demo_db, CODE, IKER)
    assert after.state == "letter sent" and after.history == before.history


def test_a_participant_without_travel_goes_without_a_word_about_it(demo_db) -> None:  # type: ignore[no-untyped-def]
    registrations.add_participant(demo_db, CODE, {"person": "aoife.byrne@example.ie"})
    assert registrations.remove_participant(demo_db, CODE, "aoife.byrne@example.ie").value.went() == ""


def test_removing_a_person_counts_their_own_stays_and_the_room_mate_links_apart(demo_db) -> None:  # type: ignore[no-untyped-def]
    from iurc_desktop.app import people

    removed = people.remove_person(demo_db, IKER).value
    assert people.person_removal_message(removed) == (
        "Removed Iker Zubizarreta (iker.zubizarreta@example.eus) with 1 participation, 4 travel legs, 4 hotel stays "
        "and 1 item assignment (4 room-mate links cleared).")


def test_a_cancelled_event_takes_no_new_items_or_participants_until_reinstated(demo_db) -> None:  # type: ignore[no-untyped-def]
    from iurc_desktop.app import items
    from iurc_desktop.core.errors import Conflict

    events.cancel(demo_db, CODE, None)
    said = f"^{CODE} is cancelled: reinstate it first \\(edit event {CODE} --status planned\\).$"
    tea = {"key": "tea", "title": "Tea", "kind": "reception", "start": "2022-11-23T15:00", "end": "2022-11-23T16:00"}
    with pytest.raises(Conflict, match=said):
        registrations.add_participant(demo_db, CODE, {"person": "aoife.byrne@example.ie"})
    with pytest.raises(Conflict, match=said):
        items.add_item(demo_db, CODE, tea)
    events.edit_event(demo_db, CODE, {"status": "planned"})
    assert items.add_item(demo_db, CODE, tea).value["key"] == "tea"
