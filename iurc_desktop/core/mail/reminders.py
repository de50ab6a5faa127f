"""When a reminder is due: so long before a start, on the recipient's own clock. Pure: the clock is passed in.

An offset in days is counted on the recipient's wall clock (14 days before a
start at 09:00 their time is 09:00 their time, whatever daylight saving did in
between); an offset in hours is absolute (1 hour before is 60 minutes before).
A reminder is due once its instant has come; one whose start has already
passed is missed, never sent late.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from ..errors import ValidationError
from ..timeutil import UTC, zone
from .draft import DOCUMENT_TEMPLATES

UNITS = ("days", "hours")
# What a reminder counts back from: the event's start, each of the recipient's own items, or the first of their
# online items each day (a webinar's back-to-back talks make one reminder, not one a talk).
ANCHORS = ("event", "item", "webinar")
ANCHOR_LABELS = {"event": "the event's start", "item": "each of their items",
                 "webinar": "each day's first online session"}
LIMITS = {"days": 366, "hours": 24 * 366}  # a reminder more than a year ahead is a typing mistake
_OFFSET = re.compile(r"^\s*(\d{1,6})\s*(d|days?|h|hours?)\s*$", re.IGNORECASE)
# Templates that carry calendar invites: sent on purpose by `mail`, never by a rule.
CALENDAR_TEMPLATES = ("invitation", "update", "cancellation")


@dataclass(frozen=True)
class Offset:
    """How long before a start: a whole number of days or hours."""

    amount: int
    unit: str  # one of UNITS

    def __str__(self) -> str:
        return f"{self.amount}{self.unit[0]}"

    @property
    def label(self) -> str:
        """'14 days', '1 hour'."""
        return f"{self.amount} {self.unit if self.amount != 1 else self.unit[:-1]}"


def parse_offset(text: str) -> Offset:
    """'14d', '1d', '1h' (or '2 days', '3 hours') as an Offset; ValidationError in words otherwise."""
    found = _OFFSET.match(text or "")
    if found is None:
        raise ValidationError(f"“{(text or '').strip()[:40]}” is not a time before: write a whole number of days or"
                              " hours, e.g. 14d, 1d or 1h.")
    amount, unit = int(found.group(1)), "days" if found.group(2).lower().startswith("d") else "hours"
    if amount < 1:
        raise ValidationError("A reminder goes at least 1 hour before: 0 is not a time before.")
    if amount > LIMITS[unit]:
        raise ValidationError(f"{amount} {unit} is more than a year before: at most {LIMITS[unit]} {unit}.")
    return Offset(amount, unit)


def check_anchor(anchor: str) -> str:
    """`anchor` when it is one of ANCHORS; ValidationError naming them otherwise."""
    if anchor not in ANCHORS:
        raise ValidationError(f"{anchor!r} is not something a reminder counts back from: one of {', '.join(ANCHORS)}.")
    return anchor


def check_template(name: str) -> str:
    """`name` unless it is a calendar or document template (those go with `mail` or Send, where their sending is
    recorded: an invite's version, a letter's number)."""
    carries = ("calendar invites" if name in CALENDAR_TEMPLATES
               else "a numbered, logged document" if name in DOCUMENT_TEMPLATES else None)
    if carries is not None:
        raise ValidationError(f"A reminder cannot send the {name} template: it carries {carries}, sent with Send (or"
                              " `mail`). Choose practical-information, reminder or a template of your own.")
    return name


def rule_template(name: str) -> bool:
    """Whether a reminder rule may send the template `name`."""
    return name not in CALENDAR_TEMPLATES and name not in DOCUMENT_TEMPLATES


def due_at(start_utc: datetime, offset: Offset, zone_name: str) -> datetime:
    """The UTC instant `offset` before `start_utc`; days counted on the wall clock of `zone_name`."""
    if offset.unit == "hours":
        return start_utc - timedelta(hours=offset.amount)
    tz = zone(zone_name)
    wall = start_utc.astimezone(tz).replace(tzinfo=None) - timedelta(days=offset.amount)
    # A wall time the clocks skip (or pass twice) on that day is read with the offset before the change
    # (fold=0): in a gap that is an hour later on the wall, in a fold the first of the two.
    return wall.replace(tzinfo=tz, fold=0).astimezone(UTC)


@dataclass(frozen=True)
class Anchor:
    """One reminder to send: to whom, about which item (None: the whole event), from which start, on whose clock."""

    person_id: int
    item_id: int | None
    start_utc: datetime
    zone: str


@dataclass(frozen=True)
class Reminder:
    """An anchor with its due instant, and whether it is due, missed (its start passed) or later."""

    anchor: Anchor
    due_utc: datetime
    state: str  # "due", "missed", "later"


def reminders(anchors: Iterable[Anchor], offset: Offset, now_utc: datetime) -> list[Reminder]:
    """Each anchor's reminder as of `now_utc`, by due instant."""
    found = []
    for anchor in anchors:
        due = due_at(anchor.start_utc, offset, anchor.zone)
        state = "later" if due > now_utc else "missed" if anchor.start_utc <= now_utc else "due"
        found.append(Reminder(anchor, due, state))
    return sorted(found, key=lambda r: (r.due_utc, r.anchor.person_id, r.anchor.item_id or 0))


@dataclass(frozen=True)
class Suggestion:
    """A rule offered for a new event (not made until the user takes it)."""

    template: str
    before: str  # as parse_offset reads it
    anchor: str


def suggestions(event_kind: str) -> tuple[Suggestion, ...]:
    """The rules offered for an event of this kind: a webinar reminds an hour before with the join link; a visit
    sends the practical information two weeks ahead and a reminder the day before each item."""
    if event_kind == "webinar":
        return (Suggestion("practical-information", "14d", "event"), Suggestion("reminder", "1h", "webinar"))
    return (Suggestion("practical-information", "14d", "event"), Suggestion("reminder", "1d", "item"))
