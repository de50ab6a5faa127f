"""Undoable edits of an event's participants: bulk status changes and the waitlist order."""

from __future__ import annotations

import getpass
from collections.abc import Callable, Sequence


from ...core import registrations as reg
from ...core.db import Database
from ...core.registrations import Change
from ...core.registrations_undo import restore, snapshot
from ..undo import Changes, Reporter, ServiceCommand


def current_user() -> str:
    """Who is at the keyboard, for the history's 'by' column."""
    try:
        return getpass.getuser()
    except Exception:  # no login name in some sandboxes: the history says "app"
        return "app"


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


class SetStatuses(ServiceCommand):
    """Move several participants to one status; undo writes the earlier statuses back (see registrations_undo)."""

    topic = "participants"

    def __init__(self, db: Database, changes: Changes, report: Reporter, event_code: str, ids: Sequence[int],
                 status: str, *, on_applied: Callable[[list[Change]], None] | None = None) -> None:
        who = f"{len(ids)} participants" if len(ids) != 1 else "1 participant"
        super().__init__(db, changes, report, f"Set {who} of {event_code} to {status.replace('_', ' ')}")
        self.event_code, self.ids, self.status = event_code, tuple(ids), status
        self.made: list[Change] = []
        self._saved: tuple = ()
        self._on_applied = on_applied

    def apply(self) -> None:
        with self._db.transaction() as session:  # ServiceCommand no longer opens it
            self._saved = snapshot(session, self.event_code)
            self.made = reg.set_status(session, self.event_code, self.ids, self.status, by=current_user())

    def revert(self) -> None:
        with self._db.transaction() as session:  # ServiceCommand no longer opens it
            restore(session, self.event_code, self._saved, by=current_user())

    def redo(self) -> None:
        super().redo()
        if not self.isObsolete() and self._on_applied is not None:
            self._on_applied(self.made)


class ReorderWaitlist(ServiceCommand):
    """Put an event's waitlist in a new order; undo puts the old order back."""

    topic = "participants"

    def __init__(self, db: Database, changes: Changes, report: Reporter, event_code: str,
                 old: Sequence[int], new: Sequence[int]) -> None:
        super().__init__(db, changes, report, f"Reorder the waitlist of {event_code}")
        self.event_code, self.old, self.new = event_code, tuple(old), tuple(new)

    def apply(self) -> None:
        with self._db.transaction() as session:  # ServiceCommand no longer opens it
            reg.reorder_waitlist(session, self.event_code, self.new)

    def revert(self) -> None:
        with self._db.transaction() as session:  # ServiceCommand no longer opens it
            reg.reorder_waitlist(session, self.event_code, self.old)


def moved(order: Sequence[int], pid: int, step: int) -> list[int]:
    """`order` with `pid` moved `step` places (-1 up, +1 down), clamped to the ends."""
    out = list(order)
    at = out.index(pid)
    to = max(0, min(len(out) - 1, at + step))
    out.insert(to, out.pop(at))
    return out
