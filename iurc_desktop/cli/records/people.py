"""People: `add|edit|remove person`, a person named by their e-mail."""

from __future__ import annotations

import argparse
from typing import Any

from ...core.errors import ValidationError
from ..database import database
from .verbs import Verbs, done, record_parser

# Options of `add person` and `edit person`: flag, programme-file field, help.
PERSON_OPTIONS = (
    ("--given", "given_name", "given name(s), in Latin script"),
    ("--family", "family_name", "family name, in Latin script"),
    ("--local-name", "local_name", "the full name in the person's own script (e.g. 山田太郎)"),
    ("--name-order", "name_order", "given-first (default) or family-first, as the name is said"),
    ("--organisation", "organisation", "their organisation's key (\"\" for none)"),
    ("--job-title", "job_title", "job title"),
    ("--phone", "phone", "phone number"),
    ("--gender", "gender", "female, male, non_binary or undisclosed"),
    ("--nationality", "nationality", "ISO 3166 two-letter country code, e.g. JP"),
    ("--passport-expiry", "passport_expiry", "YYYY-MM-DD (\"\" for not recorded)"),
    ("--passport-number", "passport_number", "as in the passport; printed on a visa letter only with consent"),
    ("--dietary", "dietary", "dietary needs, e.g. vegetarian"),
    ("--accessibility", "accessibility", "accessibility needs"),
    ("--notes", "notes", "free notes"),
    ("--language", "preferred_language", "ISO 639-1 code their e-mails are written in, e.g. ja (\"\" for automatic: English)"),
)
_CLEARED_BY_EMPTY = ("organisation", "passport_expiry", "preferred_language")  # "" means none, as null does in the programme file


def register(verbs: Verbs) -> None:
    """Add people to the verbs."""
    add = record_parser(verbs.add, "person", "a new person: add person --given G --family F --email E")
    add.add_argument("--email", required=True, help="their e-mail address, the name commands use")
    _options(add, required=("given_name", "family_name"))
    add.set_defaults(handler=cmd_add_person)
    edit = record_parser(verbs.edit, "person", "change a person's fields: edit person EMAIL --FIELD VALUE")
    edit.add_argument("person", metavar="EMAIL")
    edit.add_argument("--email", help="a new e-mail address")
    _options(edit)
    edit.set_defaults(handler=cmd_edit_person)
    remove = record_parser(verbs.remove, "person", "remove a person with their participations, travel and stays")
    remove.add_argument("person", metavar="EMAIL")
    remove.set_defaults(handler=cmd_remove_person)


def _options(parser: argparse.ArgumentParser, *, required: tuple[str, ...] = ()) -> None:
    for flag, name, help_text in PERSON_OPTIONS:
        parser.add_argument(flag, dest=name, required=name in required, help=help_text)


def _given(args: argparse.Namespace) -> dict[str, Any]:
    """The fields given on the command line, by their programme-file names."""
    fields: dict[str, Any] = {}
    for _flag, name, _help in PERSON_OPTIONS:
        value = getattr(args, name)
        if value is not None:
            fields[name] = (value or None) if name in _CLEARED_BY_EMPTY else value
    if fields.get("name_order"):
        fields["name_order"] = fields["name_order"].replace("-", "_")  # given-first on the command line
    if args.email is not None:
        fields["email"] = args.email
    return fields


def cmd_add_person(args: argparse.Namespace) -> int:
    from ...app import people

    with database(args) as db:
        stored = people.add_person(db, _given(args)).value.entry
    return done(args, stored, f"Added {_name(stored)} <{stored['email']}>.")


def cmd_edit_person(args: argparse.Namespace) -> int:
    from ...app import people

    changes = _given(args)
    if not changes:
        raise ValidationError("Nothing to change: give at least one field, e.g. --dietary, --passport-expiry or --email.")
    with database(args) as db:
        stored = people.edit_person(db, args.person, changes).value.entry
    return done(args, stored, f"Changed {_name(stored)}: {', '.join(changes)}.")


def cmd_remove_person(args: argparse.Namespace) -> int:
    from ...app import people

    with database(args) as db:
        stored = people.person_record(db, args.person).entry
        removed = people.remove_person(db, args.person).value
    return done(args, stored, people.person_removal_message(removed))


def _name(entry: dict[str, Any]) -> str:
    names = (entry.get("family_name", ""), entry.get("given_name", ""))
    if entry.get("name_order") != "family_first":
        names = names[::-1]
    return " ".join(n for n in names if n) or entry.get("local_name", "")
