"""`reminders`: an event's reminder rules and what they will send; add, change, remove; queue what is due."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from ..core.counts import counted
from ..core.errors import ValidationError
from ..core.mail.recipient_filter import FILTER_HELP
from ..core.mail.reminders import ANCHOR_LABELS, ANCHORS
from .database import add_json, database
from .output import format_table, iso, print_json

if TYPE_CHECKING:
    from ..app.reminders import DueRow, QueuedReminders, RuleRow

_ANCHOR_HELP = "; ".join(f"{name}: {label}" for name, label in ANCHOR_LABELS.items())


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sub = commands.add_parser(
        "reminders", help="an event's reminder rules and what they send when; add, change, remove; queue what is due",
        description="A rule sends a template so long before the event's start, each of the recipient's items, or each"
        " online session. Days are counted on the recipient's own clock (14 days before 09:00 their time is 09:00"
        " their time, across a clock change); hours are exact. The window queues due reminders every minute while it"
        " is open; a reminder whose start has passed is never sent late (listed as missed). Alone with EVENT, prints"
        " the rules and the reminders not queued yet.")
    sub.add_argument("code", metavar="EVENT", nargs="?", help="the event (optional with --queue-due and --due)")
    act = sub.add_mutually_exclusive_group()
    act.add_argument("--add", metavar="TEMPLATE", help="add a rule sending this template (practical-information,"
                     " reminder or one of your own; invitations go with `mail`)")
    act.add_argument("--edit", metavar="ID", type=int, help="change rule ID: the options given change, the rest stay")
    act.add_argument("--remove", metavar="ID", type=int, help="remove rule ID (what it queued stays in the outbox)")
    act.add_argument("--queue-due", action="store_true", help="queue every reminder due now (of EVENT, or of all events)")
    act.add_argument("--due", action="store_true", help="list the reminders due now and not queued yet, over all events")
    sub.add_argument("--template", metavar="NAME", help="with --edit: the template to send")
    sub.add_argument("--before", metavar="TIME", help="how long before: 14d, 1d, 3h (required with --add)")
    sub.add_argument("--anchor", choices=ANCHORS, help=f"before what (default event): {_ANCHOR_HELP}")
    sub.add_argument("--to", metavar="FILTER", help=f"who gets it: {FILTER_HELP}; '' for every active participant")
    onoff = sub.add_mutually_exclusive_group()
    onoff.add_argument("--off", action="store_true", help="with --add or --edit: keep the rule but send nothing")
    onoff.add_argument("--on", action="store_true", help="with --edit: turn the rule back on")
    sub.add_argument("--now", metavar="ISO", help="the moment to reckon from, with its offset (default: now),"
                     " e.g. 2026-10-24T09:00+02:00; for trying rules out")
    sub.add_argument("--limit", type=int, default=200, metavar="N", help="list at most N reminders (default 200)")
    add_json(sub)
    sub.set_defaults(handler=cmd_reminders)


def cmd_reminders(args: argparse.Namespace) -> int:
    now = _now(args.now)
    _check_options(args)
    with database(args) as db:
        if args.queue_due:
            return _queue_due(args, db, now)
        if args.due:
            return _list_due(args, db, now)
        changed = _change(args, db)
        _print_event(args, db, now, changed)
    return 0


def _check_options(args: argparse.Namespace) -> None:
    """Options that do not go together, said before the database is opened."""
    if args.code is None and not (args.queue_due or args.due):
        raise ValidationError("Name the event: `reminders EVENT` (or `reminders --due`, `reminders --queue-due`).")
    if args.due and args.code is not None:
        raise ValidationError("--due lists every event's due reminders: leave the event out (or use `reminders EVENT`).")
    if args.add is not None and not args.before:
        raise ValidationError("--add needs --before: how long before, e.g. --before 14d or --before 1h.")
    if args.edit is None and args.add is None:
        given = [f"--{name}" for name in ("template", "before", "anchor", "to") if getattr(args, name) is not None]
        given += [f"--{flag}" for flag in ("off", "on") if getattr(args, flag)]
        if given:
            raise ValidationError(f"{', '.join(given)} go with --add or --edit.")
    if args.add is not None and (args.template is not None or args.on):
        raise ValidationError("With --add the template is --add's value, and a new rule is on unless --off.")


def _now(text: str | None) -> datetime:
    if text is None:
        return datetime.now(timezone.utc)
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValidationError(f"--now {text!r} is not a date and time: write e.g. 2026-10-24T09:00+02:00.") from None
    if moment.tzinfo is None:
        raise ValidationError(f"--now {text!r} has no offset: add one (+02:00, or Z for UTC) so the moment is exact.")
    return moment


# --- changing rules -----------------------------------------------------------


def _change(args: argparse.Namespace, db: Any) -> str:
    """Do what --add, --edit or --remove asks (one transaction each); a line saying what was done, or ''."""
    from ..app import reminders

    if args.add is not None:
        spec = reminders.RuleSpec(args.add, args.before, args.anchor or "event", args.to or "", not args.off)
        row = reminders.add_rule(db, args.code, spec).value
        return f"Added rule {row.id}: {row.summary}."
    if args.edit is not None:
        old = _rule_of(db, args.code, args.edit)
        spec = reminders.RuleSpec(
            args.template if args.template is not None else old.template, args.before or old.before,
            args.anchor or old.anchor, args.to if args.to is not None else old.to,
            False if args.off else True if args.on else old.enabled)
        reminders.edit_rule(db, args.edit, spec)
        return f"Changed rule {args.edit}: {_rule_of(db, args.code, args.edit).summary}."
    if args.remove is not None:
        _rule_of(db, args.code, args.remove)
        removed = reminders.remove_rule(db, args.remove).value
        return f"Removed rule {removed.row.id}: {removed.row.summary}."
    return ""


def _rule_of(db: Any, code: str, rule_id: int) -> RuleRow:
    """Rule `rule_id` of the event `code`; NotFound in words when the event has no such rule."""
    from ..app.reminders import reminder_rules
    from ..core.errors import NotFound

    found = next((row for row in reminder_rules(db, code) if row.id == rule_id), None)
    if found is None:
        raise NotFound(f"{code} has no reminder rule {rule_id} (see `reminders {code}`).")
    return found


# --- listing ------------------------------------------------------------------


def _print_event(args: argparse.Namespace, db: Any, now: datetime, changed: str) -> None:
    from ..app.reminders import reminder_rules, schedule

    rules = reminder_rules(db, args.code)
    rows = schedule(db, args.code, now)
    if changed:
        print(changed, file=sys.stderr if args.json else sys.stdout)
    if args.json:
        print_json({"event": args.code, "now": iso(now), "rules": [_rule_json(r) for r in rules],
                    "reminders": [_due_json(r) for r in rows[:max(args.limit, 0)]], "reminders_total": len(rows)})
        return
    if not rules:
        print(f"{args.code} has no reminder rules. Add one with `reminders {args.code} --add reminder --before 1d`.")
        return
    print(f"Reminder rules of {args.code}:")
    sys.stdout.write(format_table(("id", "template", "before", "before what", "to", "on"),
                                  ([r.id, r.template, r.before_label, r.anchor_label, r.to or "every active participant",
                                    "yes" if r.enabled else "off"] for r in rules)))
    _print_rows(rows, args.limit, f"No reminder of {args.code} is waiting: each was queued or missed.")


def _print_rows(rows: list[DueRow], limit: int, nothing: str) -> None:
    if not rows:
        print(nothing)
        return
    counts = {state: sum(1 for r in rows if r.state == state) for state in ("due", "missed", "later")}
    why = " (missed: the start passed before it was queued; it will not be sent)" if counts["missed"] else ""
    print("\nNot queued yet: " + ", ".join(f"{n} {state}" for state, n in counts.items() if n) + why + ".")
    shown = rows[:max(limit, 0)]
    sys.stdout.write(format_table(
        ("rule", "event", "state", "due (their time)", "to", "about", "template"),
        ([r.rule_id, r.event_code, r.state, _their_time(r.due_utc, r.zone), r.person_name, r.item_title or "the event",
          r.template] for r in shown)))
    if len(rows) > len(shown):
        print(f"... and {len(rows) - len(shown)} more (--limit N shows more).")


def _their_time(moment: datetime, zone: str) -> str:
    return f"{moment.astimezone(ZoneInfo(zone)):%Y-%m-%d %H:%M} {zone}"


def _list_due(args: argparse.Namespace, db: Any, now: datetime) -> int:
    from ..app.reminders import due_reminders

    rows = due_reminders(db, now)
    if args.json:
        print_json({"now": iso(now), "due": [_due_json(r) for r in rows[:max(args.limit, 0)]], "due_total": len(rows)})
    else:
        _print_rows(rows, args.limit, "No reminder is due.")
    return 0


def _queue_due(args: argparse.Namespace, db: Any, now: datetime) -> int:
    from ..app.reminders import QueuedReminders, queue_due_reminders

    rounds = [queue_due_reminders(db, now, args.code).value]
    while rounds[-1].more:  # one transaction a batch, so the database is never held long
        rounds.append(queue_due_reminders(db, now, args.code).value)
    done = QueuedReminders(sum(r.queued for r in rounds), tuple(row for r in rounds for row in r.missed),
                           tuple(p for r in rounds for p in r.problems), tuple(i for r in rounds for i in r.message_ids))
    if args.json:
        print_json({"queued": list(done.message_ids), "missed": [_due_json(r) for r in done.missed],
                    "problems": list(done.problems)})
    else:
        _print_queued(done)
    return 1 if done.problems else 0


def _print_queued(done: QueuedReminders) -> None:
    tail = " (send them with `send`)." if done.queued else "."
    print(f"Queued {counted(done.queued, 'reminder')}{tail}")
    if done.missed:
        print(f"Missed {counted(len(done.missed), 'reminder')}: their start had passed, so they will not be sent:")
        for row in done.missed:
            print(f"  {row.person_name}: {row.template} about {row.item_title or row.event_code}, due {iso(row.due_utc)}")
    for problem in done.problems:
        print(f"Not queued: {problem}", file=sys.stderr)


def _rule_json(row: RuleRow) -> dict[str, Any]:
    return asdict(row)


def _due_json(row: DueRow) -> dict[str, Any]:
    data = asdict(row)
    data["due_utc"], data["start_utc"] = iso(row.due_utc), iso(row.start_utc)
    return data
