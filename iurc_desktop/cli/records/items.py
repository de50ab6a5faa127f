"""An event's items: `add|edit|remove item`.

Fields and formats are the programme file's: local times `YYYY-MM-DDTHH:MM` in
the item's zone (the event's when none is given), people by e-mail (`--person
EMAIL[:ROLE]`), the host by its organisation key. An item starts and ends within
its event's dates.
"""

from __future__ import annotations

import argparse
from typing import Any

from ...core import vocab
from ..database import database
from .verbs import Verbs, done, record_parser

PERSON_HELP = "someone assigned to it by e-mail, with a role after a colon (EMAIL:speaker); repeat for more"


def register(verbs: Verbs) -> None:
    """Add this module's records to the verbs."""
    add = record_parser(verbs.add, "item", "add an item (talk, site visit, meal...) to an event")
    add.add_argument("code", metavar="EVENT")
    add.add_argument("--key", required=True, help="a short key, unique in the event (e.g. aichi-visit)")
    add.add_argument("--title", required=True)
    _fields(add, required=True)
    add.set_defaults(handler=cmd_add_item)

    edit = record_parser(verbs.edit, "item", "change fields of an item: edit item EVENT KEY --FIELD VALUE ...")
    edit.add_argument("code", metavar="EVENT")
    edit.add_argument("key", metavar="KEY")
    edit.add_argument("--title")
    _fields(edit, required=False)
    edit.add_argument("--everyone", action="store_true", help="no groups named: everyone attends")
    edit.add_argument("--no-people", action="store_true", help="nobody individually assigned")
    edit.set_defaults(handler=cmd_edit_item)

    remove = record_parser(verbs.remove, "item", "remove an item (cancel it instead if invitations went out)")
    remove.add_argument("code", metavar="EVENT")
    remove.add_argument("key", metavar="KEY")
    remove.set_defaults(handler=cmd_remove_item)


def _fields(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument("--start", metavar="LOCAL", required=required, help="local start, YYYY-MM-DDTHH:MM")
    parser.add_argument("--end", metavar="LOCAL", required=required, help="local end, YYYY-MM-DDTHH:MM")
    parser.add_argument("--zone", help="IANA time zone of the times (default: the event's)")
    parser.add_argument("--kind", help=f"one of {', '.join(vocab.ITEM_KINDS)}" + (" (default other)" if required else ""))
    parser.add_argument("--place")
    parser.add_argument("--host", metavar="ORG", help="the host organisation's key")
    parser.add_argument("--group", metavar="G", action="append", help="a group that attends (repeat; none: everyone)")
    parser.add_argument("--person", metavar="EMAIL", action="append", help=PERSON_HELP)
    parser.add_argument("--url")
    parser.add_argument("--notes")


def fields_of(args: argparse.Namespace) -> dict[str, Any]:
    """The item fields given on the command line, in the programme file's names."""
    out: dict[str, Any] = {name: getattr(args, name) for name in ("title", "start", "end", "zone", "kind", "place",
                                                                  "host", "url", "notes") if getattr(args, name) is not None}
    if args.group is not None or getattr(args, "everyone", False):
        out["groups"] = args.group or []
    if args.person is not None or getattr(args, "no_people", False):
        out["people"] = [_person(entry) for entry in args.person or []]
    return out


def _person(entry: str) -> dict[str, str]:
    email, _, role = entry.partition(":")
    return {"person": email.strip(), **({"role": role.strip()} if role.strip() else {})}


def _text(verb: str, code: str, item: dict[str, Any]) -> str:
    return f"{verb} item {item['key']} of {code}: {item['title']}, {item['start']} to {item['end']} ({item['zone']})"


def cmd_add_item(args: argparse.Namespace) -> int:
    from ...app.items import add_item

    with database(args) as db:
        item = add_item(db, args.code, {"key": args.key, "kind": "other", **fields_of(args)}).value
    return done(args, item, _text("Added", args.code, item))


def cmd_edit_item(args: argparse.Namespace) -> int:
    from ...app.items import edit_item

    with database(args) as db:
        item = edit_item(db, args.code, args.key, fields_of(args)).value.after
    return done(args, item, _text("Changed", args.code, item))


def cmd_remove_item(args: argparse.Namespace) -> int:
    from ...app.items import item_record, remove_item

    with database(args) as db:
        item = item_record(db, args.code, args.key)
        remove_item(db, args.code, args.key)
    return done(args, item, _text("Removed", args.code, item))
