"""Events and their groups: `add|edit|remove event|group` and `cancel EVENT [--item KEY]`."""

from __future__ import annotations

import argparse
from typing import Any

from ..database import database
from .verbs import Verbs, done, record_parser

# Options of `add event` and `edit event`, each with the programme file's field name it fills.
FIELDS = (
    ("--kind", "kind", "webinar, study_visit, networking, workshop or meeting"),
    ("--title", "title", "the event's title"),
    ("--theme", "theme", "its theme (e.g. energy transition)"),
    ("--zone", "zone", "its home time zone (IANA name, e.g. Asia/Tokyo)"),
    ("--start", "start", "first day, YYYY-MM-DD, in the event's zone"),
    ("--end", "end", "last day, YYYY-MM-DD"),
    ("--status", "status", "planned, confirmed, done or cancelled"),
    ("--host", "host", "the organisation (key) that receives a study visit; '' for none"),
)


def register(verbs: Verbs) -> None:
    """Add this module's records to the verbs."""
    add = record_parser(verbs.add, "event", "a new event: add event --code C --kind KIND --title T --zone Z --start D --end D")
    add.add_argument("--code", required=True, help="its short code, the name commands use (e.g. r2r-japan-2027)")
    _event_options(add)
    add.add_argument("--group", action="append", default=[], metavar="NAME", help="a group of a study visit (repeat)")
    add.set_defaults(handler=cmd_add_event)

    edit = record_parser(verbs.edit, "event", "change an event's fields; its items keep their times")
    edit.add_argument("event", metavar="CODE")
    edit.add_argument("--code", dest="new_code", help="a new code (the event stays the same)")
    _event_options(edit)
    edit.set_defaults(handler=cmd_edit_event)

    remove = record_parser(verbs.remove, "event", "remove an event with its items, participants, travel and stays")
    remove.add_argument("event", metavar="CODE")
    remove.set_defaults(handler=cmd_remove_event)

    for group, verb, help_text in ((verbs.add, "add", "a group of a study visit: add group EVENT NAME"),
                                   (verbs.edit, "edit", "rename a group: edit group EVENT NAME --name NEW"),
                                   (verbs.remove, "remove", "remove a group (its members stay in the event)")):
        parser = record_parser(group, "group", help_text)
        parser.add_argument("event", metavar="EVENT")
        parser.add_argument("name", metavar="NAME")
        if verb == "edit":
            parser.add_argument("--name", dest="new_name", required=True, help="the group's new name")
        parser.set_defaults(handler={"add": cmd_add_group, "edit": cmd_edit_group, "remove": cmd_remove_group}[verb])

    cancel = verbs.commands.add_parser("cancel", help="cancel an event, or one item of it (stored; SEQUENCE rises)")
    cancel.add_argument("event", metavar="EVENT")
    cancel.add_argument("--item", metavar="KEY", help="cancel only this item")
    cancel.add_argument("--json", action="store_true", help="print what was cancelled, as JSON")
    cancel.set_defaults(handler=cmd_cancel)


def _event_options(parser: argparse.ArgumentParser) -> None:
    for flag, _name, help_text in FIELDS:
        parser.add_argument(flag, help=help_text)
    parser.add_argument("--capacity", type=int, help="number of places")
    parser.add_argument("--zones", metavar="ZONES",
                        help="the zones it must work in besides its own, e.g. 'Asia/Tokyo Pacific/Auckland' (\"\": none)")
    parser.add_argument("--visa-days", type=int, metavar="DAYS",
                        help="days a visa to this destination takes (0: the country's default)")
    parser.add_argument("--organiser-name", help="who sends the invitations")
    parser.add_argument("--organiser-email", help="the organiser's e-mail (ORGANIZER of the invites)")


def _given(args: argparse.Namespace) -> dict[str, Any]:
    """The event fields given on the command line, by their programme-file names."""
    record: dict[str, Any] = {name: getattr(args, flag[2:]) for flag, name, _ in FIELDS if getattr(args, flag[2:]) is not None}
    if args.capacity is not None:
        record["capacity"] = args.capacity
    if args.zones is not None:
        record["zones"] = args.zones.replace(",", " ").split()
    if args.visa_days is not None:
        record["visa_days"] = args.visa_days or None
    organiser = {k: v for k, v in (("name", args.organiser_name), ("email", args.organiser_email)) if v is not None}
    if organiser:
        record["organiser"] = organiser
    return record


def cmd_add_event(args: argparse.Namespace) -> int:
    from ...app import events

    record = {"code": args.code, **_given(args)}
    if args.group:
        record["groups"] = args.group
    with database(args) as db:
        stored = events.create_event(db, record).value
    return done(args, stored, f"Added the event {stored['code']}: {stored['title']} ({stored['start']} – {stored['end']}, {stored['zone']}).")


def cmd_edit_event(args: argparse.Namespace) -> int:
    from ...app import events
    from ...core.errors import ValidationError

    changes = _given(args)
    if args.new_code is not None:
        changes["code"] = args.new_code
    if not changes:
        raise ValidationError("Nothing to change: give at least one field, e.g. --title or --start.")
    with database(args) as db:
        events.edit_event(db, args.event, changes)
        stored = events.event_record(db, changes.get("code", args.event))
    return done(args, stored, f"Changed {args.event}: {', '.join(changes)}.")


def cmd_remove_event(args: argparse.Namespace) -> int:
    from ...app import events

    with database(args) as db:
        stored = events.event_record(db, args.event)
        events.remove_event(db, args.event)
    return done(args, stored, f"Removed the event {args.event} with everything it held.")


def cmd_add_group(args: argparse.Namespace) -> int:
    from ...app import events

    with database(args) as db:
        name = events.add_group(db, args.event, args.name).value
    return done(args, {"event": args.event, "name": name}, f"Added group {name} to {args.event}.")


def cmd_edit_group(args: argparse.Namespace) -> int:
    from ...app import events

    with database(args) as db:
        name = events.rename_group(db, args.event, args.name, args.new_name).value
    return done(args, {"event": args.event, "name": name}, f"Renamed group {args.name} of {args.event} to {name}.")


def cmd_remove_group(args: argparse.Namespace) -> int:
    from ...app import events

    with database(args) as db:
        removed = events.remove_group(db, args.event, args.name).value
    return done(args, {"event": args.event, "name": removed.name}, removed.message(args.event))


def cmd_cancel(args: argparse.Namespace) -> int:
    from ...app import events

    with database(args) as db:
        cancelled = events.cancel(db, args.event, args.item).value
    record = {"event": cancelled.code, "items": list(cancelled.item_keys), "event_cancelled": cancelled.event_status is not None}
    what = f"the item {args.item} of {args.event}" if args.item else f"the event {args.event} and {len(cancelled.item_keys)} items"
    return done(args, record, f"Cancelled {what}. Send the cancellations with `export ics {args.event} --cancel"
                f"{' ' + args.item if args.item else ''} -o FILE` or `export mail {args.event} --cancel`.")
