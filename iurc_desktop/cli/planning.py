"""Everyday planning on the command line: `todo`, `invite`, `duplicate` and `search`."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from .database import add_json, database
from .dst import add_dst, go_on
from .output import format_table, print_json


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; write it as YYYY-MM-DD") from None


def _count(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of events; write a whole number from 1")
    return int(value)


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sub = commands.add_parser("todo", help="what needs doing, across events, most urgent first")
    sub.add_argument("--today", metavar="DATE", type=_date, help="pretend today is DATE (YYYY-MM-DD)")
    which = sub.add_mutually_exclusive_group()
    which.add_argument("--event", metavar="CODE", help="only what one event needs")
    which.add_argument("--next", metavar="N", type=_count, dest="next_events",
                     help="only what the next N events not over need, by start (the home page's list: 6)")
    add_json(sub)
    sub.set_defaults(handler=cmd_todo)

    sub = commands.add_parser("invite", help="add invited participants from a cluster, a pairing, an event or a filter",
                              description="Add everyone selected who is not in the event yet, as invited, in one step. "
                              "The criteria combine: --cluster energy --country JP invites the cluster's Japanese members.")
    sub.add_argument("code", metavar="EVENT")
    sub.add_argument("--cluster", metavar="NAME", help="a thematic cluster's key or name")
    sub.add_argument("--pairing", metavar="KEY", help="a geographical pairing's key")
    sub.add_argument("--from-event", metavar="CODE", help="everyone confirmed for or attending that event")
    sub.add_argument("--country", metavar="CC", nargs="+", action="extend", default=[], help="organisations' ISO country codes")
    sub.add_argument("--sector", metavar="S", nargs="+", action="extend", default=[], help="government, research, business, civil_society")
    sub.add_argument("--kind", metavar="K", nargs="+", action="extend", default=[], help="organisation kinds (city, region, prefecture, ...)")
    sub.add_argument("--dry-run", action="store_true", help="say who would be added; change nothing")
    add_json(sub)
    sub.set_defaults(handler=cmd_invite)

    sub = commands.add_parser("duplicate", help="a new event from a template, local times kept")
    sub.add_argument("code", metavar="EVENT")
    sub.add_argument("--code", dest="new_code", metavar="NEW", required=True, help="the new event's code")
    sub.add_argument("--start", metavar="DATE", type=_date, required=True, help="the new first day (YYYY-MM-DD)")
    sub.add_argument("--with-participants", action="store_true", help="invite the same people again")
    add_dst(sub)
    add_json(sub)
    sub.set_defaults(handler=cmd_duplicate)

    sub = commands.add_parser("search", help="people, organisations, events and items, in any script")
    sub.add_argument("text", metavar="TEXT", nargs="+")
    sub.add_argument("--limit", type=int, default=20, help="at most this many of each kind (default 20)")
    add_json(sub)
    sub.set_defaults(handler=cmd_search)


def cmd_todo(args: argparse.Namespace) -> int:
    from ..app.planning import todo

    with database(args) as db:
        # today on this computer's calendar, not UTC's: near midnight the two differ by a day
        entries = todo(db, today=args.today or date.today(), event_code=args.event, next_events=args.next_events)
    if args.json:
        print_json([e.__dict__ for e in entries])
    elif not entries:
        print(f"Nothing to do for {args.event}." if args.event else f"Nothing to do for the next {args.next_events} events."
              if args.next_events else "Nothing to do: every upcoming event is in order.")
    else:
        rows = [("!" if e.severity == "high" else "", e.event_code, e.due.isoformat() if e.due else "", e.message) for e in entries]
        sys.stdout.write(format_table(("", "EVENT", "DUE", "TO DO"), rows))
    return 0


def cmd_invite(args: argparse.Namespace) -> int:
    from ..app.registrations import InviteCriteria, invite, invite_preview_list

    criteria = InviteCriteria(
        cluster=args.cluster, pairing=args.pairing, from_event=args.from_event,
        countries=tuple(args.country), sectors=tuple(args.sector), organisation_kinds=tuple(args.kind),
    )
    with database(args) as db:
        if args.dry_run:
            candidates = tuple(invite_preview_list(db, args.code, criteria))
        else:
            candidates = invite(db, args.code, criteria, by="command line").value.candidates
    names = {c.person_id: (c.name, c.email) for c in candidates}
    added = [names[c.person_id] for c in candidates if c.state == "add"]
    already = [c.person_id for c in candidates if c.state.startswith("in")]
    no_email = [c.person_id for c in candidates if c.state == "no e-mail"]
    if args.json:
        print_json({"event": args.code, "dry_run": args.dry_run, "added": [{"name": n, "email": e} for n, e in added],
                    "already": [names[pid][1] for pid in already], "no_email": [names[pid][0] for pid in no_email]})
        return 0
    verb = "Would invite" if args.dry_run else "Invited"
    print(f"{verb} {len(added)} people to {args.code}; {len(already)} already take part"
          + (f"; {len(no_email)} have no e-mail and were left out" if no_email else "") + ".")
    if added:
        sys.stdout.write(format_table(("NAME", "E-MAIL"), added))
    if no_email:
        print("No e-mail: " + ", ".join(names[pid][0] for pid in no_email))
    return 0


def cmd_duplicate(args: argparse.Namespace) -> int:
    from ..app.planning import weekend_warning
    from ..app.templates import duplicate_event

    with database(args) as db, go_on():
        result = duplicate_event(db, args.code, new_code=args.new_code, new_start=args.start,
                                 with_participants=args.with_participants, by="command line", dst=args.dst).value
        weekend = weekend_warning(db, args.code, args.start, args.new_code)
    if args.json:
        print_json(result.__dict__)
        return 0
    print(f"Created {result.code} from {args.code}, starting {args.start.isoformat()}: {result.items} items"
          + (f", {result.participants} participants invited" if args.with_participants else "") + "; local times kept, new invite UIDs.")
    for warning in result.warnings + ((weekend,) if weekend else ()):
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from ..app.planning import PLURALS, search, search_totals

    text = " ".join(args.text)
    with database(args) as db:
        hits = search(db, text, limit=args.limit)
        totals = {} if args.json else search_totals(db, text, hits, args.limit)
    if args.json:
        print_json([h.__dict__ for h in hits])
    elif not hits:
        print(f"Nothing matches {text!r}.")
    else:
        rows = [(h.kind, h.title, h.key, h.detail) for h in hits]
        sys.stdout.write(format_table(("KIND", "NAME", "KEY", "DETAIL"), rows))
    for kind, total in totals.items():  # on standard error: the table stays whole for scripts
        if total > args.limit:
            print(f"{args.limit} of {total:,} {PLURALS[kind]} shown; --limit N shows more.", file=sys.stderr)
    return 0
