"""Reminder rules of an event and the reminders they queue: to whom, about what, when, each exactly once.

A rule names a template, how long before which start (core/mail/reminders.py
works out the instant on each recipient's clock) and a recipients filter as
`mail --to` reads it. `due_batch` writes every due reminder from its template;
the application layer queues it in the outbox and records it in
`reminders_sent` (core/mail/reminder_log.py) in one transaction: the unique
(rule, person, item) key of that table makes a second run, or a run in another
window at the same moment, find it done. This module only reads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...core.errors import IurcError, NotFound
from ...core.events.listing import get_event_model
from ...core.mail.draft import Draft
from ...core.mail.reminders import Anchor, Offset, Reminder, check_anchor, check_template, parse_offset, reminders
from ...core.models import Event, Item, Participation, ReminderRule, ReminderSent
from ...core.timeutil import UTC, zone
from ..ics.export import load_event
from . import templates
from .compose import drafts_for, items_of
from .fields import recipient_zone
from .recipients import chosen, parse_filter

# Rules of events that ended longer ago are not looked at: what they could still send is long missed.
LOOK_BACK = timedelta(days=2)
# Reminders queued in one transaction at most: a rule added to a large event already near holds the database only
# so long; the rest go in the next runs (the window's next minute, or the command's next round).
BATCH = 500


@dataclass(frozen=True)
class Pending:
    """A reminder of a rule not queued yet: its due instant and state, the participant and the items it speaks of
    (none: the whole event; the first is the one it is recorded under)."""

    rule: ReminderRule
    reminder: Reminder
    part: Participation
    items: tuple[Item, ...]

    @property
    def item(self) -> Item | None:
        """The item the reminder counts back from; None for the event's start."""
        return self.items[0] if self.items else None


@dataclass(frozen=True)
class RuleBatch:
    """One rule's due reminders and the drafts written for them, in the same order."""

    rule: ReminderRule
    ready: tuple[Pending, ...]
    drafts: tuple[Draft, ...]


@dataclass(frozen=True)
class DueBatch:
    """What one `due_batch` found: the drafts to queue by rule, the reminders missed, the rules that failed."""

    rules: tuple[RuleBatch, ...]
    missed: tuple[Pending, ...]
    problems: tuple[str, ...]  # a rule's template missing or broken: said, and the other rules still queue
    more: bool = False  # the batch was full: more reminders are due (the next run queues them)


# --- rules --------------------------------------------------------------------


def field_checks(event: Event, *, template: str, before: str, anchor: str,
                 recipients: str) -> dict[str, Callable[[], object]]:
    """Each field's check by its name (before, template, to, anchor): each returns the value to store, or raises in
    words (ValidationError; NotFound naming the templates there are)."""
    def template_name() -> str:
        templates.versions(check_template(template.strip()))
        return template.strip()

    def to() -> str:
        parse_filter(recipients, event)
        return " ".join(recipients.split())

    return {"before": lambda: parse_offset(before), "template": template_name, "to": to,
            "anchor": lambda: check_anchor(anchor)}


def checked(event: Event, *, template: str, before: str, anchor: str, recipients: str) -> dict[str, object]:
    """A rule's columns from what the user typed; ValidationError (or NotFound for a template) says what is wrong."""
    values = {name: check() for name, check in field_checks(event, template=template, before=before, anchor=anchor,
                                                             recipients=recipients).items()}
    offset = values["before"]
    assert isinstance(offset, Offset)
    return {"template": values["template"], "amount": offset.amount, "unit": offset.unit, "anchor": values["anchor"],
            "recipients": values["to"]}


def problems(event: Event, *, template: str, before: str, anchor: str, recipients: str) -> dict[str, str]:
    """What is wrong with each field of a rule as typed, by field name; empty when it can be saved."""
    found: dict[str, str] = {}
    for name, check in field_checks(event, template=template, before=before, anchor=anchor,
                                    recipients=recipients).items():
        try:
            check()
        except IurcError as exc:
            found[name] = str(exc)
    return found


def rules_of(session: Session, event_code: str) -> list[ReminderRule]:
    """The event's rules, in the order they were made."""
    event = get_event_model(session, event_code)
    return list(session.scalars(select(ReminderRule).where(ReminderRule.event_id == event.id).order_by(ReminderRule.id)))


def rule(session: Session, rule_id: int) -> ReminderRule:
    """The rule with this id; NotFound otherwise."""
    found = session.get(ReminderRule, rule_id)
    if found is None:
        raise NotFound(f"There is no reminder rule {rule_id} (removed meanwhile?).")
    return found


# --- what is due --------------------------------------------------------------


def event_start(event: Event) -> datetime:
    """The event's first scheduled item's start, else midnight of its first day on its own clock."""
    starts = [item.start_utc for item in event.items if item.status != "cancelled"]
    if starts:
        return min(starts)
    return datetime.combine(event.start_date, time(0)).replace(tzinfo=zone(event.zone)).astimezone(UTC)


def _anchors(event: Event, rule: ReminderRule) -> Iterator[tuple[Anchor, Participation, tuple[Item, ...]]]:
    """Each reminder the rule makes: its anchor, the participant and the items it speaks of (none: the event)."""
    for part in chosen(event, parse_filter(rule.recipients or None, event)):
        clock = recipient_zone(event, part.person)
        if rule.anchor == "event":
            yield Anchor(part.person_id, None, event_start(event), clock), part, ()
            continue
        theirs = [item for item in items_of(event, part) if item.status != "cancelled"]
        if rule.anchor == "item":
            for item in theirs:
                yield Anchor(part.person_id, item.id, item.start_utc, clock), part, (item,)
            continue
        for day in _online_days(event, theirs):
            yield Anchor(part.person_id, day[0].id, day[0].start_utc, clock), part, tuple(day)


def nothing_to_anchor(event: Event, anchor: str) -> str:
    """Why a new rule counting back from `anchor` would send nothing on this event ("" when it would send)."""
    scheduled = [item for item in event.items if item.status != "cancelled"]
    if anchor == "item" and not scheduled:
        return f"{event.code} has no scheduled item yet: a rule before each item would send nothing. Add the items first."
    if anchor == "webinar" and not any(_online(event, item) for item in scheduled):
        return (f"{event.code} has no online session (an item with a join link): a rule before each day's first one"
                " would send nothing. Add the link to the item first, or count back from the event's start.")
    return ""


def _online(event: Event, item: Item) -> bool:
    return event.kind == "webinar" or bool(item.url)


def _online_days(event: Event, items: list[Item]) -> list[list[Item]]:
    """The online items among `items`, by day on the event's clock: a webinar's back-to-back talks make one
    reminder (before the first), not one each."""
    days: dict[object, list[Item]] = {}
    for item in sorted(items, key=lambda i: i.start_utc):
        if _online(event, item):
            days.setdefault(item.start_utc.astimezone(zone(event.zone)).date(), []).append(item)
    return list(days.values())


def _recorded(session: Session, rule_ids: list[int]) -> set[tuple[int, int, int]]:
    rows = session.execute(select(ReminderSent.rule_id, ReminderSent.person_id, ReminderSent.item_id)
                           .where(ReminderSent.rule_id.in_(rule_ids))) if rule_ids else []
    return {(r, p, i or 0) for r, p, i in rows}


def pending(session: Session, event: Event, rules: list[ReminderRule], now_utc: datetime) -> list[Pending]:
    """The reminders of `rules` (all of the loaded `event`) not queued or missed yet, by due instant."""
    done = _recorded(session, [r.id for r in rules])
    found = []
    for one in rules:
        offset = parse_offset(f"{one.amount}{one.unit[0]}")
        anchored = list(_anchors(event, one))
        whose = {(a.person_id, a.item_id or 0): (part, items) for a, part, items in anchored}
        for reminder in reminders((a for a, _, _ in anchored), offset, now_utc):
            key = (reminder.anchor.person_id, reminder.anchor.item_id or 0)
            if (one.id, *key) not in done:
                found.append(Pending(one, reminder, *whose[key]))
    return sorted(found, key=lambda p: (p.reminder.due_utc, p.rule.id))


def _live_rules(session: Session, now_utc: datetime, *, lock: bool,
                event_code: str | None = None) -> dict[int, list[ReminderRule]]:
    """Enabled rules of events (or of the one event) not cancelled nor long over, by event id; `lock` holds them
    until the commit."""
    query = (select(ReminderRule, Event.start_date).join(Event, Event.id == ReminderRule.event_id)
             .where(ReminderRule.enabled.is_(True), Event.status != "cancelled",
                    Event.end_date >= (now_utc - LOOK_BACK).date())
             .order_by(ReminderRule.event_id, ReminderRule.id))
    if event_code is not None:
        query = query.where(Event.code == event_code)
    if lock:
        # A second run (another window) waits here until this one commits, then finds its reminders recorded.
        # SQLite needs no lock: its writers already take turns (BEGIN IMMEDIATE).
        query = query.with_for_update(of=ReminderRule)
    by_event: dict[int, list[ReminderRule]] = {}
    for one, first_day in session.execute(query):
        if _could_be_due(one, first_day, now_utc):
            by_event.setdefault(one.event_id, []).append(one)
    return by_event


def _could_be_due(one: ReminderRule, first_day: date, now_utc: datetime) -> bool:
    """False when even the event's earliest possible start is too far ahead for the rule to have anything due:
    the whole event is then not read (a season of events with rules costs nothing until they draw near)."""
    before = timedelta(days=one.amount) if one.unit == "days" else timedelta(hours=one.amount)
    # The first day's midnight on the event's clock is at most 14 hours before it in UTC, and a day counted on a
    # wall clock across a clock change is at most an hour longer: two days cover both.
    return first_day - (now_utc + before).date() <= timedelta(days=2)


def due(session: Session, now_utc: datetime) -> list[Pending]:
    """Every reminder due (not missed, not queued) as of `now_utc`, over all events."""
    found = []
    for event_id, rules in _live_rules(session, now_utc, lock=False).items():
        event = load_event(session, session.get(Event, event_id).code)  # type: ignore[union-attr]
        found += [p for p in pending(session, event, rules, now_utc) if p.reminder.state == "due"]
    return sorted(found, key=lambda p: (p.reminder.due_utc, p.rule.id))


def due_batch(session: Session, now_utc: datetime, *, event_code: str | None = None, limit: int = BATCH) -> DueBatch:
    """The reminders due as of `now_utc` (of one event, or all), at most `limit`, written from their templates, and
    those missed; the caller queues and records them (core/mail/reminder_log.py) in the same transaction. The rules
    read are locked until then, so a second run waits and finds them recorded."""
    batches: list[RuleBatch] = []
    missed: list[Pending] = []
    problems: list[str] = []
    count = 0
    if event_code is not None:
        get_event_model(session, event_code)  # NotFound names an unknown event
    for event_id, rules in _live_rules(session, now_utc, lock=True, event_code=event_code).items():
        event = load_event(session, session.get(Event, event_id).code)  # type: ignore[union-attr]
        for one in rules:
            waiting = [p for p in pending(session, event, [one], now_utc) if p.reminder.state != "later"]
            ready = [p for p in waiting if p.reminder.state == "due"]
            if count + len(ready) > limit:
                ready = ready[:limit - count]
                waiting = ready  # the missed are recorded by the run that finishes the rule
            try:
                drafts = drafts_for(event, one.template, [(p.part, list(p.items) or None) for p in ready]) if ready else []
            except IurcError as exc:
                problems.append(f"Reminder rule {one.id} of {event.code} ({one.template}): {exc}")
                continue
            batches.append(RuleBatch(one, tuple(ready), tuple(drafts)))
            missed += [p for p in waiting if p.reminder.state == "missed"]  # told once, never sent late
            count += len(ready)
            if count >= limit:
                return DueBatch(tuple(batches), tuple(missed), tuple(problems), more=True)
    return DueBatch(tuple(batches), tuple(missed), tuple(problems))


def entry(pend: Pending, message: int | None) -> tuple[int, int, int | None, datetime, int | None]:
    """How a reminder is recorded: rule, person, item, due instant, its message (None: missed)."""
    return (pend.rule.id, pend.part.person_id, pend.item.id if pend.item is not None else None,
            pend.reminder.due_utc, message)
