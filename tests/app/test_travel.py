"""Travel legs and stays through the app: edited in place, removed, and put back under the same calendar UID."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack
from sqlalchemy import select

from iurc_desktop.app import travel
from iurc_desktop.app.changes import Topic
from iurc_desktop.core.errors import NotFound
from iurc_desktop.core.models import Participation, Stay, TravelLeg
from iurc_desktop.ui.commands.base import Changes
from iurc_desktop.ui.commands.travel import RemoveLeg, RemoveStay, SetLegField

CODE = "r2r-japan-2022"
LEG_FIELDS = ("person_id", "kind", "carrier", "number", "booking_ref", "from_place", "from_zone", "depart_utc",
              "to_place", "to_zone", "arrive_utc", "uid", "sequence")
STAY_FIELDS = ("person_id", "hotel", "zone", "check_in", "check_out", "room", "shares_with_id", "uid", "sequence")


def _rows(db, model, fields):  # type: ignore[no-untyped-def]
    with db.reading() as s:
        return {row.uid: tuple(getattr(row, f) for f in fields) for row in s.scalars(select(model))}


def _shared_stay_id(db) -> int:  # type: ignore[no-untyped-def]
    return next(s.id for s in travel.list_stays(db, CODE) if s.shares_with)


def test_removing_a_leg_returns_an_undo_token_and_restoring_it_keeps_its_calendar_uid(demo_db) -> None:  # type: ignore[no-untyped-def]
    before = _rows(demo_db, TravelLeg, LEG_FIELDS)
    leg = travel.list_legs(demo_db, CODE)[0]
    outcome = travel.remove_leg(demo_db, CODE, leg.id)
    assert outcome.changed == frozenset({Topic.TRAVEL})
    assert outcome.value.uid not in _rows(demo_db, TravelLeg, LEG_FIELDS)
    restored = travel.restore_leg(demo_db, CODE, outcome.value)
    assert restored.changed == frozenset({Topic.TRAVEL})
    assert _rows(demo_db, TravelLeg, LEG_FIELDS) == before  # same UID, sequence, instants and zones


def test_removing_a_shared_stay_and_restoring_it_keeps_its_uid_and_roommate(demo_db) -> None:  # type: ignore[no-untyped-def]
    before = _rows(demo_db, Stay, STAY_FIELDS)
    removed = travel.remove_stay(demo_db, CODE, _shared_stay_id(demo_db)).value
    assert removed.shares_with_id is not None
    assert removed.uid not in _rows(demo_db, Stay, STAY_FIELDS)
    assert travel.restore_stay(demo_db, CODE, removed).changed == frozenset({Topic.STAYS})
    assert _rows(demo_db, Stay, STAY_FIELDS) == before


def test_a_leg_is_not_put_back_for_someone_no_longer_in_the_event(demo_db) -> None:  # type: ignore[no-untyped-def]
    leg = travel.list_legs(demo_db, CODE)[0]
    removed = travel.remove_leg(demo_db, CODE, leg.id).value
    with demo_db.transaction() as s:
        part = s.scalar(select(Participation).where(Participation.person_id == removed.person_id))
        s.delete(part)
    with pytest.raises(NotFound, match="no longer takes part"):
        travel.restore_leg(demo_db, CODE, removed)


def test_update_leg_returns_the_leg_as_it_now_is(demo_db) -> None:  # type: ignore[no-untyped-def]
    leg = travel.list_legs(demo_db, CODE)[0]
    outcome = travel.update_leg(demo_db, CODE, leg.id, booking_ref="XYZ123")
    assert outcome.value.booking_ref == "XYZ123" and outcome.changed == frozenset({Topic.TRAVEL})


def test_undo_of_remove_leg_and_stay_commands_restores_the_same_uids(qapp, demo_db) -> None:  # type: ignore[no-untyped-def]
    """The window's commands keep only the app's token (no session); undo brings back the same calendar UIDs."""
    legs, stays = _rows(demo_db, TravelLeg, LEG_FIELDS), _rows(demo_db, Stay, STAY_FIELDS)
    changes, errors, topics = Changes(), [], []
    changes.changed.connect(topics.append)
    stack = QUndoStack()
    stack.push(RemoveLeg(demo_db, changes, errors.append, CODE, travel.list_legs(demo_db, CODE)[0]))
    stay = next(s for s in travel.list_stays(demo_db, CODE) if s.shares_with)
    stack.push(RemoveStay(demo_db, changes, errors.append, CODE, stay))
    assert len(_rows(demo_db, TravelLeg, LEG_FIELDS)) == len(legs) - 1
    stack.undo()
    stack.undo()
    assert errors == []
    assert _rows(demo_db, TravelLeg, LEG_FIELDS) == legs
    assert _rows(demo_db, Stay, STAY_FIELDS) == stays
    assert topics == [Topic.TRAVEL, Topic.STAYS, Topic.STAYS, Topic.TRAVEL]
    stack.redo()  # removes the restored leg under its new id
    assert len(_rows(demo_db, TravelLeg, LEG_FIELDS)) == len(legs) - 1
    assert not any(hasattr(command, "session") or hasattr(command, "_session")
                   for command in (stack.command(n) for n in range(stack.count())))


def test_a_refused_leg_edit_is_reported_and_dropped(qapp, demo_db) -> None:  # type: ignore[no-untyped-def]
    changes, errors = Changes(), []
    stack = QUndoStack()
    stack.push(SetLegField(demo_db, changes, errors.append, CODE, travel.list_legs(demo_db, CODE)[0], "from_place", ""))
    assert stack.count() == 0 and errors and "from" in str(errors[0])
