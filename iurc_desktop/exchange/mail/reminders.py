"""Reminder rules of an event and the reminders they queue: to whom, about what, when, each exactly once.

A rule names a template, how long before which start (core/mail/reminders.py
works out the instant on each recipient's clock) and a recipients filter as
`mail --to` reads it. `queue_due` writes every due reminder from its template,
queues it in the outbox and records it in `reminders_sent` in the caller's one
transaction: the unique (rule, person, item) key of that table makes a second
run, or a run in another window at the same moment, find it done.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...core.errors import IurcError, NotFound
from ...core.events.listing import get_event_model
from ...core.mail import outbox
from ...core.mail.message import Sender
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
class QueuedDue:
    """What one `queue_due` did: the reminders queued (with their message ids), those missed, rules that failed."""

    queued: tuple[tuple[Pending, int], ...]
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


def sent_by(session: Session, rule_id: int) -> list[tuple[int, int | None, datetime, int | None]]:
    """What a rule queued or missed: (person, item, due, message) each, for the undo of its removal."""
    return [tuple(row) for row in session.execute(  # type: ignore[misc]
        select(ReminderSent.person_id, ReminderSent.item_id, ReminderSent.due_utc, ReminderSent.outbox_id)
        .where(ReminderSent.rule_id == rule_id).order_by(ReminderSent.id))]


def put_back(session: Session, event: Event, rule_id: int, columns: dict[str, object], enabled: bool,
             sent: list[tuple[int, int | None, datetime, int | None]]) -> ReminderRule:
    """A removed rule back under its id, with what it had queued (so none of it is queued again)."""
    one = ReminderRule(id=rule_id, event_id=event.id, enabled=enabled, **columns)
    session.add(one)
    session.flush()
    session.add_all(ReminderSent(rule_id=rule_id, person_id=person, item_id=item, due_utc=due, outbox_id=message)
                    for person, item, due, message in sent)
    session.flush()
    return one


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


def _online_days(event: Event, items: list[Item]) -> list[list[Item]]:
    """The online items among `items`, by day on the event's clock: a webinar's back-to-back talks make one
    reminder (before the first), not one each."""
    days: dict[object, list[Item]] = {}
    for item in sorted(items, key=lambda i: i.start_utc):
        if event.kind == "webinar" or item.url:
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


def queue_due(session: Session, now_utc: datetime, sender: Sender, *, event_code: str | None = None,
              limit: int = BATCH) -> QueuedDue:
    """Queue the reminders due as of `now_utc` (of one event, or all), at most `limit` of them, and record them and
    those missed."""
    queued: list[tuple[Pending, int]] = []
    missed: list[Pending] = []
    problems: list[str] = []
    if event_code is not None:
        get_event_model(session, event_code)  # NotFound names an unknown event
    for event_id, rules in _live_rules(session, now_utc, lock=True, event_code=event_code).items():
        event = load_event(session, session.get(Event, event_id).code)  # type: ignore[union-attr]
        for one in rules:
            waiting = [p for p in pending(session, event, [one], now_utc) if p.reminder.state != "later"]
            ready = [p for p in waiting if p.reminder.state == "due"]
            if len(queued) + len(ready) > limit:
                ready = ready[:limit - len(queued)]
                waiting = ready  # the missed are recorded by the run that finishes the rule
            try:
                ids = _queue(session, event, one, ready, sender, now_utc)
            except IurcError as exc:
                problems.append(f"Reminder rule {one.id} of {event.code} ({one.template}): {exc}")
                continue
            passed = [p for p in waiting if p.reminder.state == "missed"]
            _record(session, passed, None)  # told once, never sent late
            queued += zip(ready, ids)
            missed += passed
            if len(queued) >= limit:
                return QueuedDue(tuple(queued), tuple(missed), tuple(problems), more=True)
    return QueuedDue(tuple(queued), tuple(missed), tuple(problems))


def _queue(session: Session, event: Event, one: ReminderRule, ready: list[Pending], sender: Sender,
           now_utc: datetime) -> list[int]:
    if not ready:
        return []
    drafts = drafts_for(event, one.template, [(p.part, list(p.items) or None) for p in ready])
    ids = outbox.queue(session, drafts, sender=sender, now=now_utc)
    for pend, message in zip(ready, ids):
        _record(session, [pend], message)
    return ids


def _record(session: Session, done: list[Pending], message: int | None) -> None:
    session.add_all(ReminderSent(rule_id=p.rule.id, person_id=p.part.person_id,
                                 item_id=p.item.id if p.item is not None else None,
                                 due_utc=p.reminder.due_utc, outbox_id=message) for p in done)
    session.flush()
