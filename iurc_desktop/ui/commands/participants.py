"""Undoable edits of an event's participants: one added, edited or removed, bulk status changes, the waitlist
order, invite lists.

Each step is one app call; a command keeps only the plain values the app returned
to revert it (the earlier statuses, the old order, the participations added).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ...app.changes import Topic
from .base import Changes, Reporter, ServiceCommand

if TYPE_CHECKING:
    from ...app.changes import Outcome
    from ...app.database import Database
    from ...app.registrations import Change, InviteCriteria, ParticipantChanged, RemovedParticipation, StatusSnapshot


def summary(changes: Sequence[Change]) -> str:
    """'2 confirmed, 1 waitlisted (event full), 1 promoted from the waitlist': what a status change did."""
    promoted = sum(1 for c in changes if c.from_status == "waitlisted" and c.reason.startswith("promoted"))
    counts: dict[str, int] = {}
    for c in changes:
        if not (c.from_status == "waitlisted" and c.reason.startswith("promoted")):
            counts[c.to_status] = counts.get(c.to_status, 0) + 1
    parts = [f"{n} {status.replace('_', ' ')}" + (" (event full)" if status == "waitlisted" else "") for status, n in counts.items()]
    if promoted:
        parts.append(f"{promoted} promoted from the waitlist")
    return ", ".join(parts) if parts else "Nothing changed"


class AddParticipant(ServiceCommand):
    """Add a person to an event (programme-file fields, `person` by e-mail); undo removes them, redo puts them back."""

    topic = Topic.PARTICIPANTS

    def __init__(self, db: Database, changes: Changes, report: Reporter, code: str, fields: dict[str, Any]) -> None:
        super().__init__(db, changes, report, f"Add {fields.get('person', '')} to {code}")
        self.code, self.fields = code, fields
        self.removed: RemovedParticipation | None = None

    def apply(self) -> Outcome[Any]:
        from ...app import registrations

        if self.removed is None:
            return registrations.add_participant(self._db, self.code, self.fields)
        return registrations.restore_participant(self._db, self.code, self.removed)

    def revert(self) -> Outcome[Any]:
        from ...app import registrations

        outcome = registrations.remove_participant(self._db, self.code, str(self.fields["person"]))
        self.removed = outcome.value
        return outcome


class EditParticipant(ServiceCommand):
    """Change a participant's role, group, status, visa, notes and the person's needs; undo puts all back."""

    topic = Topic.PARTICIPANTS

    def __init__(self, db: Database, changes: Changes, report: Reporter, code: str, email: str, name: str,
                 new: dict[str, Any]) -> None:
        super().__init__(db, changes, report, f"Edit {name} in {code}")
        self.code, self.email, self.new = code, email, new
        self.changed: ParticipantChanged | None = None

    def apply(self) -> Outcome[Any]:
        from ...app import registrations

        outcome = registrations.edit_participant(self._db, self.code, self.email, self.new)
        self.changed = outcome.value
        return outcome

    def revert(self) -> Outcome[Any]:
        from ...app import registrations

        assert self.changed is not None  # undo follows a redo that succeeded
        return registrations.revert_participant(self._db, self.code, self.changed)


class RemoveParticipant(ServiceCommand):
    """Take a person out of an event with their legs and stays of it; undo puts all back with its history."""

    topic = Topic.PARTICIPANTS

    def __init__(self, db: Database, changes: Changes, report: Reporter, code: str, email: str, name: str) -> None:
        super().__init__(db, changes, report, f"Remove {name} from {code}")
        self.code, self.email, self.name = code, email, name
        self.removed: RemovedParticipation | None = None

    def apply(self) -> Outcome[Any]:
        from ...app import registrations

        outcome = registrations.remove_participant(self._db, self.code, self.email)
        self.removed = outcome.value
        return outcome

    def revert(self) -> Outcome[Any]:
        from ...app import registrations

        assert self.removed is not None
        return registrations.restore_participant(self._db, self.code, self.removed)


class SetStatuses(ServiceCommand):
    """Move several participants to one status; undo writes the earlier statuses back (see registrations_undo)."""

    topic = Topic.PARTICIPANTS

    def __init__(self, db: Database, changes: Changes, report: Reporter, event_code: str, ids: Sequence[int],
                 status: str, *, on_applied: Callable[[list[Change]], None] | None = None) -> None:
        who = f"{len(ids)} participants" if len(ids) != 1 else "1 participant"
        super().__init__(db, changes, report, f"Set {who} of {event_code} to {status.replace('_', ' ')}")
        self.event_code, self.ids, self.status = event_code, tuple(ids), status
        self.made: list[Change] = []
        self._before: tuple[StatusSnapshot, ...] = ()
        self._on_applied = on_applied

    def apply(self) -> Outcome[Any]:
        from ...app import registrations

        outcome = registrations.set_status(self._db, self.event_code, self.ids, self.status)
        self.made, self._before = list(outcome.value.changes), outcome.value.before
        return outcome

    def revert(self) -> Outcome[Any]:
        from ...app import registrations

        return registrations.restore_statuses(self._db, self.event_code, self._before)

    def redo(self) -> None:
        super().redo()
        if not self.isObsolete() and self._on_applied is not None:
            self._on_applied(self.made)


class ReorderWaitlist(ServiceCommand):
    """Put an event's waitlist in a new order; undo puts the old order back."""

    topic = Topic.PARTICIPANTS

    def __init__(self, db: Database, changes: Changes, report: Reporter, event_code: str,
                 old: Sequence[int], new: Sequence[int]) -> None:
        super().__init__(db, changes, report, f"Reorder the waitlist of {event_code}")
        self.event_code, self.old, self.new = event_code, tuple(old), tuple(new)

    def apply(self) -> Outcome[Any]:
        from ...app import registrations

        return registrations.reorder_waitlist(self._db, self.event_code, self.new)

    def revert(self) -> Outcome[Any]:
        from ...app import registrations

        return registrations.reorder_waitlist(self._db, self.event_code, self.old)


class InvitePeople(ServiceCommand):
    """Add the people an invite selects as invited; undo removes exactly the participations added."""

    topic = Topic.PARTICIPANTS

    def __init__(self, db: Database, changes: Changes, report: Reporter, code: str, criteria: InviteCriteria, count: int) -> None:
        super().__init__(db, changes, report, f"Invite {count} {'person' if count == 1 else 'people'} to {code}")
        self.code, self.criteria = code, criteria
        self.added: tuple[int, ...] = ()

    def apply(self) -> Outcome[Any]:
        from ...app import registrations

        outcome = registrations.invite(self._db, self.code, self.criteria)
        self.added = outcome.value.result.added
        return outcome

    def revert(self) -> Outcome[Any]:
        from ...app import registrations

        return registrations.remove_invited(self._db, self.added)


def moved(order: Sequence[int], pid: int, step: int) -> list[int]:
    """`order` with `pid` moved `step` places (-1 up, +1 down), clamped to the ends."""
    out = list(order)
    at = out.index(pid)
    to = max(0, min(len(out) - 1, at + step))
    out.insert(to, out.pop(at))
    return out
