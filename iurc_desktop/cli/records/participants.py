"""An event's participants: `add|edit|remove participant`, the person named by e-mail.

Fields and values are the programme file's (`role`, `status`, `group`,
`visa_needed`, `visa_status`, `notes`); a status moves as `status` moves it
(confirming a full event waitlists the person).
"""

from __future__ import annotations

import argparse
from typing import Any

from ...core import vocab
from ..database import database
from .verbs import Verbs, done, record_parser

YES_NO = {"yes": True, "no": False}


def register(verbs: Verbs) -> None:
    """Add this module's records to the verbs."""
    add = record_parser(verbs.add, "participant", "add a person (by e-mail) to an event")
    _who(add)
    _fields(add)
    add.add_argument("--visa-needed", action="store_true", help="this trip needs a visa")
    add.set_defaults(handler=cmd_add_participant)

    edit = record_parser(verbs.edit, "participant", "change a participant: edit participant EVENT EMAIL --FIELD VALUE ...")
    _who(edit)
    _fields(edit)
    edit.add_argument("--visa-needed", choices=tuple(YES_NO), help="whether this trip needs a visa")
    edit.set_defaults(handler=cmd_edit_participant)

    remove = record_parser(verbs.remove, "participant", "take a person out of an event")
    _who(remove)
    remove.set_defaults(handler=cmd_remove_participant)


def _who(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("code", metavar="EVENT")
    parser.add_argument("email", metavar="EMAIL")


def _fields(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--role", help=f"one of {', '.join(vocab.ROLES)}")
    parser.add_argument("--group", metavar="G", help="one of the event's groups ('' for none)")
    parser.add_argument("--status", help=f"one of {', '.join(vocab.PARTICIPATION_STATUSES)}")
    parser.add_argument("--visa-status", metavar="TEXT",
                        help="where the visa application stands, as free text; `visa EVENT EMAIL --to STATE` moves it by the rule and keeps its history")
    parser.add_argument("--notes")


def fields_of(args: argparse.Namespace) -> dict[str, Any]:
    """The participant fields given on the command line, in the programme file's names."""
    out: dict[str, Any] = {name: getattr(args, name) for name in ("role", "group", "status", "visa_status", "notes")
                           if getattr(args, name) is not None}
    if isinstance(args.visa_needed, str):
        out["visa_needed"] = YES_NO[args.visa_needed]
    elif args.visa_needed:
        out["visa_needed"] = True
    return out


def _text(verb: str, code: str, part: dict[str, Any], went: str = "") -> str:
    group = f", group {part['group']}" if part.get("group") else ""
    what = f"{part['person']} {'in' if verb != 'Removed' else 'from'} {code}{f' {went}' if went else ''}"
    return f"{verb} {what}: {part['role']}, {part['status']}{group}"


def cmd_add_participant(args: argparse.Namespace) -> int:
    from ...app.registrations import add_participant

    with database(args) as db:
        part = add_participant(db, args.code, {"person": args.email, **fields_of(args)}).value
    return done(args, part, _text("Added", args.code, part))


def cmd_edit_participant(args: argparse.Namespace) -> int:
    from ...app.registrations import edit_participant

    with database(args) as db:
        part = edit_participant(db, args.code, args.email, fields_of(args)).value.edited.after
    return done(args, part, _text("Changed", args.code, part))


def cmd_remove_participant(args: argparse.Namespace) -> int:
    from ...app.registrations import participant_record, remove_participant

    with database(args) as db:
        part = participant_record(db, args.code, args.email)
        went = remove_participant(db, args.code, args.email).value.went()
    return done(args, part, _text("Removed", args.code, part, went))
