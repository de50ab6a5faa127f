"""What a write changed, so open screens refresh what they show and nothing else."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


class Topic(str, enum.Enum):
    """A kind of data a screen shows; a write names the kinds it changed (equal to its value, "people" etc.)."""

    EVENTS = "events"
    ITEMS = "items"
    PARTICIPANTS = "participants"
    PEOPLE = "people"
    ORGANISATIONS = "organisations"
    TRAVEL = "travel"
    STAYS = "stays"
    OUTBOX = "outbox"  # e-mails queued, sent, failed
    REMINDERS = "reminders"  # an event's reminder rules
    EVERYTHING = "*"  # a programme load, a restore, another user's change: every screen refreshes

    def concerns(self, *topics: Topic) -> bool:
        """Whether a screen that shows `topics` must refresh after this change."""
        return self is Topic.EVERYTHING or self in topics


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """A write's result: its plain value and the kinds of data it changed."""

    value: T
    changed: frozenset[Topic] = field(default_factory=frozenset)
