"""Organisations, thematic clusters and geographical pairings: `add|edit|remove organisation|cluster|pairing`."""

from __future__ import annotations

import argparse
from typing import Any

from ...core.errors import ValidationError
from ..database import database
from .verbs import Verbs, done, record_parser

# Options of `add organisation` and `edit organisation`: flag, programme-file field, help.
ORGANISATION_OPTIONS = (
    ("--name", "name", "its name in Latin script"),
    ("--local-name", "local_name", "its name in its own script (e.g. 愛知県)"),
    ("--kind", "kind", "city, region, prefecture, national_body, university, business, ngo or eu_institution"),
    ("--sector", "sector", "helix sector: government, research, business or civil_society (default: from the kind)"),
    ("--country", "country", "ISO 3166 two-letter country code, e.g. JP"),
    ("--zone", "zone", "IANA time zone, e.g. Asia/Tokyo"),
    ("--place", "place", "the town or address"),
    ("--notes", "notes", "free notes"),
)
CLUSTER_OPTIONS = (
    ("--name", "name", "the cluster's name"),
    ("--theme", "theme", "its theme (e.g. circular economy)"),
    ("--description", "description", "a longer description"),
)
PAIRING_OPTIONS = (
    ("--eu", "eu", "the EU organisation's key"),
    ("--partner", "partner", "the partner organisation's key"),
    ("--theme", "theme", "the pairing's theme"),
    ("--status", "status", "e.g. active, completed"),
    ("--fund-application", "fund_application", "its competitive-fund application status"),
    ("--notes", "notes", "free notes"),
)


def register(verbs: Verbs) -> None:
    """Add organisations, clusters and pairings to the verbs."""
    _organisation(verbs)
    _cluster(verbs)
    _pairing(verbs)


def given(args: argparse.Namespace, options: tuple[tuple[str, str, str], ...]) -> dict[str, Any]:
    """The fields given on the command line, by their programme-file names."""
    return {name: getattr(args, name) for _flag, name, _help in options if getattr(args, name) is not None}


def add_options(parser: argparse.ArgumentParser, options: tuple[tuple[str, str, str], ...], *, required: tuple[str, ...] = ()) -> None:
    for flag, name, help_text in options:
        parser.add_argument(flag, dest=name, required=name in required, help=help_text)


def changes_of(args: argparse.Namespace, options: tuple[tuple[str, str, str], ...], *extra: str) -> dict[str, Any]:
    """The fields to change; a usage problem when there are none."""
    changes = given(args, options)
    if args.new_key is not None:
        changes["key"] = args.new_key
    if not changes and not any(getattr(args, name) for name in extra):
        flags = ", ".join(flag for flag, _, _ in options[:3])
        raise ValidationError(f"Nothing to change: give at least one field, e.g. {flags} or --key.")
    return changes


def _organisation(verbs: Verbs) -> None:
    add = record_parser(verbs.add, "organisation", "a new organisation: add organisation --key K --name N --kind KIND "
                        "--country CC --zone ZONE")
    add.add_argument("--key", required=True, help="its short key, the name commands use (e.g. aichi)")
    add_options(add, ORGANISATION_OPTIONS, required=("name", "kind", "country", "zone"))
    add.set_defaults(handler=cmd_add_organisation)
    edit = record_parser(verbs.edit, "organisation", "change an organisation's fields: edit organisation KEY --FIELD VALUE")
    edit.add_argument("organisation", metavar="KEY")
    edit.add_argument("--key", dest="new_key", help="a new key (people and items keep their link)")
    add_options(edit, ORGANISATION_OPTIONS)
    edit.set_defaults(handler=cmd_edit_organisation)
    remove = record_parser(verbs.remove, "organisation", "remove an organisation: its people and hosted items keep "
                           "their data without the link; its pairings go")
    remove.add_argument("organisation", metavar="KEY")
    remove.set_defaults(handler=cmd_remove_organisation)


def cmd_add_organisation(args: argparse.Namespace) -> int:
    from ...app import organisations

    with database(args) as db:
        stored = organisations.add_organisation(db, {"key": args.key, **given(args, ORGANISATION_OPTIONS)}).value
    return done(args, stored, f"Added the organisation {stored['key']}: {stored['name']} ({stored['country']}, {stored['zone']}).")


def cmd_edit_organisation(args: argparse.Namespace) -> int:
    from ...app import organisations

    changes = changes_of(args, ORGANISATION_OPTIONS)
    with database(args) as db:
        stored = organisations.edit_organisation(db, args.organisation, changes).value.entry
    return done(args, stored, f"Changed the organisation {args.organisation}: {', '.join(changes)}.")


def cmd_remove_organisation(args: argparse.Namespace) -> int:
    from ...app import organisations

    with database(args) as db:
        stored = organisations.organisation_entry(db, args.organisation)
        removed = organisations.remove_organisation(db, args.organisation).value
    return done(args, stored, organisations.removal_message(removed))


def _cluster(verbs: Verbs) -> None:
    add = record_parser(verbs.add, "cluster", "a new thematic cluster: add cluster --key K --name N [--member ORG]...")
    add.add_argument("--key", required=True, help="its short key (e.g. circular-economy)")
    add_options(add, CLUSTER_OPTIONS, required=("name",))
    add.add_argument("--member", action="append", default=[], metavar="ORG", help="a member organisation's key (repeat)")
    add.set_defaults(handler=cmd_add_cluster)
    edit = record_parser(verbs.edit, "cluster", "change a cluster: edit cluster KEY [--name] [--add-member ORG]... "
                         "[--remove-member ORG]...")
    edit.add_argument("cluster", metavar="KEY")
    edit.add_argument("--key", dest="new_key", help="a new key")
    add_options(edit, CLUSTER_OPTIONS)
    edit.add_argument("--add-member", action="append", default=[], metavar="ORG", help="add a member (repeat)")
    edit.add_argument("--remove-member", action="append", default=[], metavar="ORG", help="remove a member (repeat)")
    edit.set_defaults(handler=cmd_edit_cluster)
    remove = record_parser(verbs.remove, "cluster", "remove a cluster (its members and events stay)")
    remove.add_argument("cluster", metavar="KEY")
    remove.set_defaults(handler=cmd_remove_cluster)


def cmd_add_cluster(args: argparse.Namespace) -> int:
    from ...app import clusters

    fields = {"key": args.key, **given(args, CLUSTER_OPTIONS), "members": args.member}
    with database(args) as db:
        stored = clusters.add_cluster(db, fields).value
    return done(args, stored, f"Added the cluster {stored['key']}: {stored['name']} ({_members(stored)}).")


def cmd_edit_cluster(args: argparse.Namespace) -> int:
    from ...app import clusters

    changes = changes_of(args, CLUSTER_OPTIONS, "add_member", "remove_member")
    with database(args) as db:
        stored = clusters.edit_cluster(db, args.cluster, changes, add=args.add_member, drop=args.remove_member).value.entry
    return done(args, stored, f"Changed the cluster {stored['key']}: {stored['name']} ({_members(stored)}).")


def cmd_remove_cluster(args: argparse.Namespace) -> int:
    from ...app import clusters

    with database(args) as db:
        stored = clusters.cluster_entry(db, args.cluster)
        clusters.remove_cluster(db, args.cluster)
    return done(args, stored, f"Removed the cluster {args.cluster}; its members and events stay.")


def _members(entry: dict[str, Any]) -> str:
    members = entry.get("members") or []
    return f"{len(members)} member{'' if len(members) == 1 else 's'}" + (f": {', '.join(members)}" if members else "")


def _pairing(verbs: Verbs) -> None:
    add = record_parser(verbs.add, "pairing", "a new geographical pairing: add pairing --key K --eu ORG --partner ORG")
    add.add_argument("--key", required=True, help="its short key (e.g. graz-aichi)")
    add_options(add, PAIRING_OPTIONS, required=("eu", "partner"))
    add.set_defaults(handler=cmd_add_pairing)
    edit = record_parser(verbs.edit, "pairing", "change a pairing: edit pairing KEY --FIELD VALUE")
    edit.add_argument("pairing", metavar="KEY")
    edit.add_argument("--key", dest="new_key", help="a new key")
    add_options(edit, PAIRING_OPTIONS)
    edit.set_defaults(handler=cmd_edit_pairing)
    remove = record_parser(verbs.remove, "pairing", "remove a pairing (its organisations stay)")
    remove.add_argument("pairing", metavar="KEY")
    remove.set_defaults(handler=cmd_remove_pairing)


def cmd_add_pairing(args: argparse.Namespace) -> int:
    from ...app import clusters

    with database(args) as db:
        stored = clusters.add_pairing(db, {"key": args.key, **given(args, PAIRING_OPTIONS)}).value
    return done(args, stored, f"Added the pairing {stored['key']}: {stored['eu']} with {stored['partner']}.")


def cmd_edit_pairing(args: argparse.Namespace) -> int:
    from ...app import clusters

    changes = changes_of(args, PAIRING_OPTIONS)
    with database(args) as db:
        stored = clusters.edit_pairing(db, args.pairing, changes).value.entry
    return done(args, stored, f"Changed the pairing {args.pairing}: {', '.join(changes)}.")


def cmd_remove_pairing(args: argparse.Namespace) -> int:
    from ...app import clusters

    with database(args) as db:
        stored = clusters.pairing_entry(db, args.pairing)
        clusters.remove_pairing(db, args.pairing)
    return done(args, stored, f"Removed the pairing {args.pairing}; its organisations stay.")
