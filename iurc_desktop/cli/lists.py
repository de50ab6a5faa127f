"""The window's lists on the command line: `people` and `organisations`, filtered, sorted and windowed as there."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict
from typing import Any

from ..core.errors import ValidationError
from .database import add_json, database
from .output import format_table, print_json

DEFAULT_LIMIT = 100
# command -> the columns printed: (heading, row field)
COLUMNS = {
    "people": (("NAME", "name"), ("OWN SCRIPT", "local_name"), ("E-MAIL", "email"), ("ORGANISATION", "organisation"),
               ("COUNTRY", "country"), ("JOB TITLE", "job_title"), ("EVENTS", "events")),
    "organisations": (("KEY", "key"), ("NAME", "name"), ("OWN SCRIPT", "local_name"), ("KIND", "kind"),
                      ("SECTOR", "sector"), ("COUNTRY", "country"), ("ZONE", "zone"), ("PEOPLE", "people")),
}


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    for name, what in (("people", "people with their organisation and events"),
                       ("organisations", "organisations with their people counted")):
        sub = commands.add_parser(name, help=f"list {what}, as the {name.title()} page does")
        sub.add_argument("--search", metavar="TEXT", default="", help="every word in any script, as the page's search box")
        sub.add_argument("--sort", metavar="COLUMN", default="name", help="the column to sort by (default: name)")
        sub.add_argument("--descending", action="store_true")
        sub.add_argument("--offset", type=int, default=0, metavar="N", help="skip the first N rows")
        sub.add_argument("--limit", type=int, default=DEFAULT_LIMIT, metavar="N",
                         help=f"at most N rows (default {DEFAULT_LIMIT}; 0 for all)")
        add_json(sub)
        sub.set_defaults(handler=cmd_list)


def cmd_list(args: argparse.Namespace) -> int:
    from ..app import people as app_people
    from ..core.paging import ListQuery

    listing, counting, sorts = {
        "people": (app_people.list_people, app_people.count_people, app_people.people_sort_keys),
        "organisations": (app_people.list_organisations, app_people.count_organisations, app_people.organisation_sort_keys),
    }[args.command]
    if args.sort not in sorts():
        raise ValidationError(f"--sort {args.sort!r} is not a column of {args.command}: use one of {', '.join(sorts())}.")
    if args.offset < 0 or args.limit < 0:
        raise ValidationError("--offset and --limit take 0 or more.")
    query = ListQuery(text=args.search.strip(), sort=args.sort, descending=args.descending, offset=args.offset,
                      limit=args.limit or None)
    with database(args) as db:
        rows = listing(db, query)
        total = counting(db, query.text)
    if args.json:
        print_json([asdict(row) for row in rows])
    else:
        sys.stdout.write(format_table([h for h, _ in COLUMNS[args.command]], [_cells(args.command, r) for r in rows]))
    if len(rows) < total:  # on standard error: the table stays whole for scripts
        print(f"Rows {args.offset + 1 if rows else 0}–{args.offset + len(rows)} of {total:,} shown; "
              "--offset and --limit show others.", file=sys.stderr)
    return 0


def _cells(command: str, row: Any) -> list[object]:
    return [getattr(row, field) for _, field in COLUMNS[command]]
