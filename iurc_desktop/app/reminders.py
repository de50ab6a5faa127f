"""Reminder rules from the window and the command line, and queueing the reminders that are due.

A rule says: this template, so long before the event's start (or each of the
recipient's items, or each day's first online session), to the participants a filter
chooses. `queue_due_reminders` runs while the app is open (every minute) and on
`reminders --queue-due`; `due_reminders` lists what came due while it was closed.
Each edit returns what its undo needs: `add_rule` the new rule (undo:
`remove_rule`), `edit_rule` the rule as it was (undo: `edit_rule` with it),
`remove_rule` the rule with the reminders it had queued (undo: `restore_rule`,
so nothing it already sent is sent again).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from ..core.errors import ValidationError
from ..core.mail import outbox as mail_outbox, reminder_log, settings as mail_settings
from ..core.mail.reminders import ANCHOR_LABELS, ANCHORS, Suggestion, parse_offset, rule_template, suggestions
from ..core.events.listing import get_event_model
from ..core.models import Event, ReminderRule
from ..core.timeutil import UTC
from ..exchange.mail import reminders as rule_reader  # reads rules and writes drafts; writes are core's
from ..exchange.mail import templates as mail_templates
from ..exchange.mail.reminders import Pending
from ..exchange.ics.export import load_event
from .changes import Topic
from .outbox import sender_of
from .unit_of_work import UnitOfWork, reads, writes

__all__ = ["ANCHORS", "ANCHOR_LABELS", "DueRow", "QueuedReminders", "RemovedRule", "RuleRow", "RuleSpec", "add_rule",
           "add_rules", "due_reminders", "edit_rule", "queue_due_reminders", "reminder_rules", "remove_rule",
           "remove_rules", "restore_rule", "restore_rules", "rule_problems", "rule_templates", "schedule",
           "suggested_rules"]


@dataclass(frozen=True)
class RuleSpec:
    """A rule as the user writes it: template, how long before ('14d', '1h'), before what, to whom, on or off."""

    template: str
    before: str
    anchor: str = "event"  # one of ANCHORS
    to: str = ""  # a recipients filter as `mail --to` reads it; "" for every active participant
    enabled: bool = True


@dataclass(frozen=True)
class RuleRow:
    """A rule as lists show it."""

    id: int
    event_code: str
    template: str
    before: str  # '14d'
    before_label: str  # '14 days'
    anchor: str
    anchor_label: str  # 'each of their items'
    to: str
    enabled: bool

    @property
    def spec(self) -> RuleSpec:
        return RuleSpec(self.template, self.before, self.anchor, self.to, self.enabled)

    @property
    def summary(self) -> str:
        """'reminder, 1 day before each of their items, to everyone active'."""
        return (f"{self.template}, {self.before_label} before {self.anchor_label}, to {self.to or 'every active participant'}"
                + ("" if self.enabled else " (off)"))


@dataclass(frozen=True)
class DueRow:
    """One reminder not queued yet: which rule, to whom, about what, when it is due and when its start is."""

    rule_id: int
    event_code: str
    template: str
    person_id: int
    person_name: str
    item_key: str  # "" for the whole event
    item_title: str
    due_utc: datetime
    start_utc: datetime
    zone: str  # the recipient's clock, on which days are counted
    state: str  # "due", "missed", "later"


@dataclass(frozen=True)
class QueuedReminders:
    """What a queue_due_reminders did: how many messages it queued, the reminders missed (start passed), rules that failed."""

    queued: int
    missed: tuple[DueRow, ...]
    problems: tuple[str, ...] = ()
    message_ids: tuple[int, ...] = ()
    more: bool = False  # a batch was full: run again soon for the rest


@dataclass(frozen=True)
class RemovedRule:
    """A removed rule and the reminders it had queued or missed (rule, person, item, due, message), for its undo."""

    row: RuleRow
    sent: tuple[tuple[int, int | None, datetime, int | None], ...]


def _row(rule: ReminderRule, code: str) -> RuleRow:
    offset = parse_offset(f"{rule.amount}{rule.unit[0]}")
    return RuleRow(rule.id, code, rule.template, str(offset), offset.label, rule.anchor, ANCHOR_LABELS[rule.anchor],
                   rule.recipients, rule.enabled)


def _due_row(pend: Pending, code: str) -> DueRow:
    item = pend.item
    return DueRow(pend.rule.id, code, pend.rule.template, pend.part.person_id, pend.part.person.display_name,
                  item.key if item is not None else "", item.title if item is not None else "",
                  pend.reminder.due_utc, pend.reminder.anchor.start_utc, pend.reminder.anchor.zone, pend.reminder.state)


def suggested_rules(event_kind: str) -> tuple[Suggestion, ...]:
    """The rules offered for a new event of this kind (taken one by one with add_rule, never made by themselves)."""
    return suggestions(event_kind)


@reads
def reminder_rules(uow: UnitOfWork, event_code: str) -> list[RuleRow]:
    """The event's reminder rules, in the order they were made."""
    return [_row(rule, event_code) for rule in rule_reader.rules_of(uow.session, event_code)]


@reads
def schedule(uow: UnitOfWork, event_code: str, now: datetime) -> list[DueRow]:
    """The event's reminders not queued yet as of `now` (due, missed or later), by due instant; disabled rules too."""
    rules = rule_reader.rules_of(uow.session, event_code)
    event = load_event(uow.session, event_code)
    return [_due_row(p, event_code) for p in rule_reader.pending(uow.session, event, rules, _utc(now))]


@writes(Topic.REMINDERS)
def add_rule(uow: UnitOfWork, event_code: str, spec: RuleSpec) -> RuleRow:
    """Add a rule to the event; refused in words (bad time before, template, anchor or filter), nothing made."""
    return _add(uow, event_code, spec)


def _add(uow: UnitOfWork, event_code: str, spec: RuleSpec) -> RuleRow:
    event = get_event_model(uow.session, event_code)
    columns = _columns(event, spec)
    _refuse_twin(uow, event_code, columns)
    empty = rule_reader.nothing_to_anchor(event, spec.anchor)  # only for a new rule: one kept stays editable
    if empty:
        raise ValidationError(empty)
    rule = ReminderRule(event_id=event.id, enabled=spec.enabled, **columns)
    uow.session.add(rule)
    uow.session.flush()
    return _row(rule, event_code)


@writes(Topic.REMINDERS)
def add_rules(uow: UnitOfWork, event_code: str, specs: Sequence[RuleSpec]) -> list[RuleRow]:
    """Add several rules to the event at once (the suggested ones), leaving out those it already has; all or none
    (undo: remove_rules)."""
    event = get_event_model(uow.session, event_code)
    new = [spec for spec in specs if _twin(uow, event_code, _columns(event, spec)) is None]
    if not new:
        raise ValidationError(f"{event_code} already has {'this rule' if len(specs) == 1 else 'these rules'}:"
                              " nothing was added.")
    return [_add(uow, event_code, spec) for spec in new]


def _twin(uow: UnitOfWork, event_code: str, columns: dict[str, object], but: int | None = None) -> ReminderRule | None:
    """The event's rule (other than `but`) sending the same template at the same time to the same people, if any."""
    return next((rule for rule in rule_reader.rules_of(uow.session, event_code)
                 if rule.id != but and all(getattr(rule, name) == value for name, value in columns.items())), None)


def _refuse_twin(uow: UnitOfWork, event_code: str, columns: dict[str, object], but: int | None = None) -> None:
    twin = _twin(uow, event_code, columns, but)
    if twin is not None:
        raise ValidationError(f"{event_code} already has this rule (rule {twin.id}: {_row(twin, event_code).summary}):"
                              " each reminder would go twice. Change the template, the time or the recipients.")


@writes(Topic.REMINDERS)
def remove_rules(uow: UnitOfWork, rule_ids: Sequence[int]) -> list[RemovedRule]:
    """Remove several rules at once; returns them with what they queued (undo: restore_rules)."""
    return [_remove(uow, rule_id) for rule_id in rule_ids]


@writes(Topic.REMINDERS)
def restore_rules(uow: UnitOfWork, removed: Sequence[RemovedRule]) -> list[RuleRow]:
    """Undo of remove_rules: each rule back under its id."""
    return [_restore(uow, one) for one in removed]


@reads
def rule_problems(uow: UnitOfWork, event_code: str, spec: RuleSpec) -> dict[str, str]:
    """What is wrong with each field of a rule as typed ('before', 'template', 'to', 'anchor'); empty: it can be saved."""
    event = get_event_model(uow.session, event_code)
    return rule_reader.problems(event, template=spec.template, before=spec.before, anchor=spec.anchor,
                                   recipients=spec.to)


def rule_templates() -> list[str]:
    """The templates a rule can send: every one but those carrying calendar invites or a person's documents."""
    return sorted(name for name in mail_templates.catalogue() if rule_template(name))


@writes(Topic.REMINDERS)
def edit_rule(uow: UnitOfWork, rule_id: int, spec: RuleSpec) -> RuleRow:
    """Change a rule; returns it as it was (undo: edit_rule with that row's spec). Whom it already reminded of
    something it does not remind of it again."""
    rule = rule_reader.rule(uow.session, rule_id)
    before = _row(rule, rule.event.code)
    columns = _columns(rule.event, spec)
    _refuse_twin(uow, rule.event.code, columns, but=rule_id)
    for name, value in columns.items():
        setattr(rule, name, value)
    rule.enabled = spec.enabled
    return before


@writes(Topic.REMINDERS)
def remove_rule(uow: UnitOfWork, rule_id: int) -> RemovedRule:
    """Remove a rule; returns it with the reminders it queued (undo: restore_rule)."""
    return _remove(uow, rule_id)


def _remove(uow: UnitOfWork, rule_id: int) -> RemovedRule:
    rule = rule_reader.rule(uow.session, rule_id)
    removed = RemovedRule(_row(rule, rule.event.code), tuple(reminder_log.sent_by(uow.session, rule_id)))
    uow.session.delete(rule)
    return removed


@writes(Topic.REMINDERS)
def restore_rule(uow: UnitOfWork, removed: RemovedRule) -> RuleRow:
    """Undo of remove_rule: the rule back under its id, with the reminders it had queued (never queued again)."""
    return _restore(uow, removed)


def _restore(uow: UnitOfWork, removed: RemovedRule) -> RuleRow:
    event = get_event_model(uow.session, removed.row.event_code)
    spec = removed.row.spec
    rule = reminder_log.put_back(uow.session, event.id, removed.row.id, _columns(event, spec), spec.enabled,
                                 list(removed.sent))
    return _row(rule, event.code)


def _columns(event: Event, spec: RuleSpec) -> dict[str, object]:
    return rule_reader.checked(event, template=spec.template, before=spec.before, anchor=spec.anchor,
                                  recipients=spec.to)


@writes(Topic.OUTBOX, Topic.REMINDERS)
def queue_due_reminders(uow: UnitOfWork, now: datetime, event_code: str | None = None,
                        limit: int | None = None) -> QueuedReminders:
    """Queue the reminders due at `now` (of one event, or all; at most `limit`, `more` says if some wait), in this
    one transaction with their record; those whose start passed are recorded as missed and returned, never sent.
    Refused when no sender address is set."""
    settings = mail_settings.load()
    if not settings.from_address:
        raise ValidationError("Reminders cannot be queued: the mail settings have no sender address (Settings, or"
                              " `mail-settings --from ADDRESS`). Nothing was queued.")
    found = rule_reader.due_batch(uow.session, _utc(now), event_code=event_code,
                                     limit=rule_reader.BATCH if limit is None else limit)
    ids: list[int] = []
    for batch in found.rules:
        queued = mail_outbox.queue(uow.session, list(batch.drafts), sender=sender_of(settings), now=_utc(now))
        reminder_log.record(uow.session, map(rule_reader.entry, batch.ready, queued))
        ids += queued
    reminder_log.record(uow.session, (rule_reader.entry(p, None) for p in found.missed))
    return QueuedReminders(len(ids), tuple(_due_row(p, p.rule.event.code) for p in found.missed),
                           found.problems, tuple(ids), found.more)


@reads
def due_reminders(uow: UnitOfWork, now: datetime) -> list[DueRow]:
    """Reminders due at `now` and not queued yet (the app was closed when they came due), over all events."""
    found = rule_reader.due(uow.session, _utc(now))
    return [_due_row(p, p.rule.event.code) for p in found]


def _utc(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("reminders take an aware time (UTC or with its offset)")
    return now.astimezone(UTC)
