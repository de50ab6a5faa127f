"""Undoable edits of an event's travel: a leg's or a stay's text fields, and removing either.

Removing keeps the app's undo token, so undo books the leg or stay again under the same calendar UID.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...app.changes import Outcome, Topic
from ...app.travel import LegView, RemovedLeg, RemovedStay, StayView, leg_label
from .base import Changes, Reporter, ServiceCommand

if TYPE_CHECKING:
    from ...app.database import Database


class SetLegField(ServiceCommand):
    """Change one text field of a travel leg."""

    topic = Topic.TRAVEL

    def __init__(self, db: Database, changes: Changes, report: Reporter, code: str, leg: LegView, field: str, new: str) -> None:
        super().__init__(db, changes, report, f"Edit {field.replace('_', ' ')} of {leg_label(leg.carrier, leg.number) or leg.kind}")
        self.code, self.leg_id, self.field, self.old, self.new = code, leg.id, field, getattr(leg, field), new

    def apply(self) -> Outcome[LegView]:
        from ...app import travel

        return travel.update_leg(self._db, self.code, self.leg_id, **{self.field: self.new})

    def revert(self) -> Outcome[LegView]:
        from ...app import travel

        return travel.update_leg(self._db, self.code, self.leg_id, **{self.field: self.old})


class RemoveLeg(ServiceCommand):
    """Delete a travel leg; undo books it again as it was, under the same calendar UID."""

    topic = Topic.TRAVEL

    def __init__(self, db: Database, changes: Changes, report: Reporter, code: str, leg: LegView) -> None:
        super().__init__(db, changes, report, f"Remove {leg_label(leg.carrier, leg.number) or leg.kind} of {leg.name}")
        self.code, self.leg_id = code, leg.id
        self.removed: RemovedLeg | None = None  # the app's undo token, once removed

    def apply(self) -> Outcome[RemovedLeg]:
        from ...app import travel

        outcome = travel.remove_leg(self._db, self.code, self.leg_id)
        self.removed = outcome.value
        return outcome

    def revert(self) -> Outcome[int]:
        from ...app import travel

        assert self.removed is not None  # undo follows a redo that succeeded
        outcome = travel.restore_leg(self._db, self.code, self.removed)
        self.leg_id = outcome.value  # redo removes the leg under its new id
        return outcome


class SetStayField(ServiceCommand):
    """Change one field of a hotel stay (hotel name, room type)."""

    topic = Topic.STAYS

    def __init__(self, db: Database, changes: Changes, report: Reporter, code: str, stay: StayView, field: str, new: str) -> None:
        super().__init__(db, changes, report, f"Edit {field} of {stay.name}'s stay")
        self.code, self.stay_id, self.field, self.old, self.new = code, stay.id, field, getattr(stay, field), new

    def apply(self) -> Outcome[StayView]:
        from ...app import travel

        return travel.update_stay(self._db, self.code, self.stay_id, **{self.field: self.new})

    def revert(self) -> Outcome[StayView]:
        from ...app import travel

        return travel.update_stay(self._db, self.code, self.stay_id, **{self.field: self.old})


class RemoveStay(ServiceCommand):
    """Delete a stay; undo books it again as it was, under the same calendar UID."""

    topic = Topic.STAYS

    def __init__(self, db: Database, changes: Changes, report: Reporter, code: str, stay: StayView) -> None:
        super().__init__(db, changes, report, f"Remove {stay.name}'s stay at {stay.hotel}")
        self.code, self.stay_id = code, stay.id
        self.removed: RemovedStay | None = None  # the app's undo token, once removed

    def apply(self) -> Outcome[RemovedStay]:
        from ...app import travel

        outcome = travel.remove_stay(self._db, self.code, self.stay_id)
        self.removed = outcome.value
        return outcome

    def revert(self) -> Outcome[int]:
        from ...app import travel

        assert self.removed is not None  # undo follows a redo that succeeded
        outcome = travel.restore_stay(self._db, self.code, self.removed)
        self.stay_id = outcome.value  # redo removes the stay under its new id
        return outcome
