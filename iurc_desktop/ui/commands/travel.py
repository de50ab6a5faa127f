"""Undoable edits of an event's travel: adding, editing and removing legs and stays, and their text fields in place.

Removing keeps the app's undo token, so undo books the leg or stay again under the same calendar UID;
undoing an addition keeps one too, so redo brings back the same leg or stay.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...app.changes import Outcome, Topic
from ...app.travel import LegView, RemovedLeg, RemovedStay, StayView, leg_label, leg_record, stay_record
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


class AddLeg(ServiceCommand):
    """Book a leg given as in the programme file; undo removes it, redo books it again under the same calendar UID."""

    topic = Topic.TRAVEL

    def __init__(self, db: Database, changes: Changes, report: Reporter, code: str, raw: dict[str, Any]) -> None:
        label = raw.get("number") or raw.get("kind") or "leg"
        super().__init__(db, changes, report, f"Add {label} {raw.get('from', '')} → {raw.get('to', '')}")
        self.code, self.raw = code, dict(raw)
        self.leg_id: int | None = None
        self.removed: RemovedLeg | None = None  # the undo token, once undone

    def apply(self) -> Outcome[Any]:
        from ...app import travel

        if self.removed is None:
            outcome: Outcome[Any] = travel.add_leg(self._db, self.code, self.raw)
            self.leg_id = outcome.value.id
        else:
            outcome = travel.restore_leg(self._db, self.code, self.removed)
            self.leg_id = outcome.value
        return outcome

    def revert(self) -> Outcome[RemovedLeg]:
        from ...app import travel

        assert self.leg_id is not None  # undo follows a redo that succeeded
        outcome = travel.remove_leg(self._db, self.code, self.leg_id)
        self.removed = outcome.value
        return outcome


class EditLeg(ServiceCommand):
    """Change fields of a leg named as in the programme file; undo puts back the values it had."""

    topic = Topic.TRAVEL

    def __init__(
        self, db: Database, changes: Changes, report: Reporter, code: str, leg: LegView, new: dict[str, Any],
    ) -> None:
        super().__init__(db, changes, report, f"Edit {leg_label(leg.carrier, leg.number) or leg.kind} of {leg.name}")
        old = leg_record(leg)
        self.code, self.leg_id, self.new = code, leg.id, dict(new)
        self.old = {name: old[name] for name in new} | {n: old[n] for n in ("from_zone", "to_zone", "depart", "arrive")}

    def apply(self) -> Outcome[LegView]:
        from ...app import travel

        return travel.edit_leg(self._db, self.code, self.leg_id, self.new)

    def revert(self) -> Outcome[LegView]:
        from ...app import travel

        return travel.edit_leg(self._db, self.code, self.leg_id, self.old)


class AddStay(ServiceCommand):
    """Book a stay given as in the programme file; undo removes it, redo books it again under the same calendar UID."""

    topic = Topic.STAYS

    def __init__(self, db: Database, changes: Changes, report: Reporter, code: str, raw: dict[str, Any]) -> None:
        super().__init__(db, changes, report, f"Add stay at {raw.get('hotel', '')}")
        self.code, self.raw = code, dict(raw)
        self.stay_id: int | None = None
        self.removed: RemovedStay | None = None  # the undo token, once undone

    def apply(self) -> Outcome[Any]:
        from ...app import travel

        if self.removed is None:
            outcome: Outcome[Any] = travel.add_stay(self._db, self.code, self.raw)
            self.stay_id = outcome.value.id
        else:
            outcome = travel.restore_stay(self._db, self.code, self.removed)
            self.stay_id = outcome.value
        return outcome

    def revert(self) -> Outcome[RemovedStay]:
        from ...app import travel

        assert self.stay_id is not None  # undo follows a redo that succeeded
        outcome = travel.remove_stay(self._db, self.code, self.stay_id)
        self.removed = outcome.value
        return outcome


class EditStay(ServiceCommand):
    """Change fields of a stay named as in the programme file; undo puts back the values it had."""

    topic = Topic.STAYS

    def __init__(
        self, db: Database, changes: Changes, report: Reporter, code: str, stay: StayView, new: dict[str, Any],
    ) -> None:
        super().__init__(db, changes, report, f"Edit {stay.name}'s stay at {stay.hotel}")
        old = stay_record(stay)
        self.code, self.stay_id, self.new = code, stay.id, dict(new)
        self.old = {name: old[name] for name in new}

    def apply(self) -> Outcome[StayView]:
        from ...app import travel

        return travel.edit_stay(self._db, self.code, self.stay_id, self.new)

    def revert(self) -> Outcome[StayView]:
        from ...app import travel

        return travel.edit_stay(self._db, self.code, self.stay_id, self.old)
