"""`export ics|mail|feed|roster|letters|badges|certificates|booklet|report`: calendar invites, e-mails, the feed,
rosters, visa letters, badges, certificates of attendance, itinerary booklets, the report.

Each handler checks its arguments, calls one use case of `app.calendars` or
`app.rosters` and prints what was written. The use case records what was sent
and stages the files; they are put in place only once its transaction commits.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .database import add_json, database, naming_output, writable_file, writable_folder
from .output import format_table, print_json
from ..core.counts import counted
from ..core.errors import ValidationError

if TYPE_CHECKING:
    from ..app.calendars import Organiser

ROSTER_KINDS = ("participants", "host", "rooming", "arrivals", "needs")
BADGE_LAYOUTS = ("a4", "a6", "table-card", "avery-l7163", "avery-l7160", "avery-5390")  # as exchange.documents.badges.LAYOUTS (pinned by a test); read without loading typst


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    export = commands.add_parser("export", help="calendar invites, e-mails, the feed, rosters and the programme report")
    kinds = export.add_subparsers(dest="what", metavar="WHAT", required=True)

    sub = kinds.add_parser("ics", help="calendar invites (REQUEST), cancellations (CANCEL) or itineraries (PUBLISH)")
    sub.add_argument("code", metavar="EVENT")
    who = sub.add_mutually_exclusive_group()
    who.add_argument("--group", metavar="G", help="one group's itinerary (items, travel, hotel nights)")
    who.add_argument("--person", metavar="EMAIL", help="one person's itinerary")
    sub.add_argument("--item", metavar="ITEM", help="only this item's invite")
    sub.add_argument("--cancel", metavar="ITEM", nargs="?", const="", help="cancel this item, or the whole event without ITEM, "
                     "and write the cancellation")
    sub.add_argument("--per-item", action="store_true", help="one invite file per item into the folder -o (Outlook updates those in place)")
    _add_organiser(sub)
    sub.add_argument("-o", "--output", metavar="FILE", type=Path, required=True)
    sub.set_defaults(handler=naming_output(cmd_ics))

    sub = kinds.add_parser("mail", help="ready-to-send invitation e-mails (.eml), one per recipient")
    sub.add_argument("code", metavar="EVENT")
    sub.add_argument("--item", metavar="ITEM", help="only this item")
    sub.add_argument("--cancel", action="store_true", help="cancel the item (or the whole event) and write the cancellation e-mails")
    sub.add_argument("--one-message", action="store_true", help="one message to everyone instead of one per recipient")
    _add_organiser(sub)
    sub.add_argument("-o", "--output", metavar="FOLDER", type=Path, required=True)
    sub.set_defaults(handler=naming_output(cmd_mail))

    sub = kinds.add_parser("feed", help="all events as one published calendar")
    _add_organiser(sub)
    sub.add_argument("-o", "--output", metavar="FILE", type=Path, required=True)
    sub.set_defaults(handler=naming_output(cmd_feed))

    sub = kinds.add_parser("roster", help="a roster as .xlsx or .csv (by the file's suffix)")
    sub.add_argument("code", metavar="EVENT")
    sub.add_argument("--kind", required=True, choices=ROSTER_KINDS, help=" | ".join(ROSTER_KINDS))
    sub.add_argument("--item", metavar="ITEM", help="the site-visit item (host), or one item (needs)")
    sub.add_argument("--columns", metavar="COLUMN", nargs="+", help="the columns, in order (spaces or commas between)")
    sub.add_argument("--include-sensitive", action="store_true", help="allow passport, phone, e-mail and health columns")
    sub.add_argument("--list-columns", action="store_true", help="list the kind's columns and exit")
    sub.add_argument("-o", "--output", metavar="FILE", type=Path)
    add_json(sub)
    sub.set_defaults(handler=naming_output(cmd_roster))

    sub = kinds.add_parser("letters", help="visa invitation letters (PDF), one per confirmed participant who needs a visa")
    sub.add_argument("code", metavar="EVENT")
    sub.add_argument("--person", metavar="EMAIL", help="only this participant's letter")
    sub.add_argument("--include-passport", action="store_true",
                     help="print the passport number where one is recorded (left out unless you say so)")
    sub.add_argument("-o", "--output", metavar="DIR", type=Path, required=True)
    add_json(sub)
    sub.set_defaults(handler=naming_output(cmd_letters))

    sub = kinds.add_parser("badges", help="badges or table cards (one PDF) of everyone taking part, a group, or those not printed yet")
    sub.add_argument("code", metavar="EVENT")
    sub.add_argument("--group", metavar="G", help="only this group's badges")
    sub.add_argument("--layout", default="a4", choices=BADGE_LAYOUTS, help="a4: 2 x 4 a sheet (default); a6: one a page; "
                     "table-card: A4 folded, the name on both sides; label sheets: avery-l7163 (A4, 2 x 7, "
                     "99.1 x 38.1 mm), avery-l7160 (A4, 3 x 7, 63.5 x 38.1 mm), avery-5390 (US Letter, 2 x 3, 4 x 3 in)")
    sub.add_argument("--since-last", action="store_true", help="only those whose badge was never printed (with --group: of that group)")
    sub.add_argument("-o", "--output", metavar="FILE.pdf", type=Path, required=True)
    add_json(sub)
    sub.set_defaults(handler=naming_output(cmd_badges))

    sub = kinds.add_parser("certificates", help="certificates of attendance (PDF), one per participant marked attended")
    sub.add_argument("code", metavar="EVENT")
    sub.add_argument("-o", "--output", metavar="DIR", type=Path, required=True)
    add_json(sub)
    sub.set_defaults(handler=naming_output(cmd_certificates))

    sub = kinds.add_parser("booklet", help="an itinerary booklet (PDF) of a group or a person, day by day in local and home time")
    sub.add_argument("code", metavar="EVENT")
    who = sub.add_mutually_exclusive_group(required=True)
    who.add_argument("--group", metavar="G", help="the group's booklet")
    who.add_argument("--person", metavar="EMAIL", help="the person's booklet")
    who.add_argument("--all", action="store_true", help="every group's and every participant's booklet, into the "
                     "folder -o DIR")
    sub.add_argument("--with-contacts", action="store_true",
                     help="print the host contacts' e-mail and phone (left out unless you say so: only their names)")
    sub.add_argument("-o", "--output", metavar="FILE.pdf|DIR", type=Path, required=True)
    add_json(sub)
    sub.set_defaults(handler=naming_output(cmd_booklet))

    sub = kinds.add_parser("report", help="the programme report (.xlsx)")
    sub.add_argument("-o", "--output", metavar="FILE.xlsx", type=Path, required=True)
    add_json(sub)
    sub.set_defaults(handler=naming_output(cmd_report))


# --- calendars --------------------------------------------------------------


def _add_organiser(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--organiser-email", metavar="EMAIL", help="who the calendar files come from for events without an organiser "
                     "of their own (the window takes it from Settings)")
    sub.add_argument("--organiser-name", metavar="NAME", help="the name shown with --organiser-email")


def _organiser(args: argparse.Namespace) -> Organiser:
    """The organiser given on the command line (none: only the events' own)."""
    from ..app import calendars

    return calendars.checked_organiser(args.organiser_name, args.organiser_email)


def _cancel_target(args: argparse.Namespace) -> str | None:
    """The item to cancel ("" for the whole event), or None when not cancelling; --item may name it too."""
    if args.cancel is None:
        return None
    if args.cancel and args.item and args.cancel != args.item:
        raise ValidationError(f"--cancel {args.cancel} and --item {args.item} name different items; name one.")
    return args.cancel or args.item or ""


def cmd_ics(args: argparse.Namespace) -> int:
    itinerary = args.group is not None or args.person is not None
    if itinerary and (args.cancel is not None or args.item or args.per_item):
        raise ValidationError("--group and --person write an itinerary; --item, --cancel and --per-item are for invites.")
    if args.per_item and (args.cancel is not None or args.item):
        raise ValidationError("--per-item writes every item's invite; leave out --item and --cancel.")
    if itinerary:
        return _itinerary(args)
    cancel = _cancel_target(args)
    if cancel is not None:
        return _cancellation(args, cancel)
    if args.per_item:
        return _invites_per_item(args)
    from ..app import calendars

    path = writable_file(args.output)
    with database(args) as db:
        written = calendars.send_invite(db, args.code, path, item_key=args.item, organiser=_organiser(args)).value
    print(f"Wrote {path}: the invite (REQUEST) for {_items(written.sent)} of {args.code}.")
    return 0


def _items(keys: tuple[str, ...]) -> str:
    return f"item {keys[0]}" if len(keys) == 1 else f"{len(keys)} items"


def _itinerary(args: argparse.Namespace) -> int:
    from ..app import calendars

    path = writable_file(args.output)
    with database(args) as db:
        calendars.write_itinerary(db, args.code, path, group=args.group, email=args.person, organiser=_organiser(args))
    whose = f"group {args.group}" if args.group is not None else args.person
    print(f"Wrote {path}: the itinerary of {whose} in {args.code} (PUBLISH).")
    return 0


def _cancellation(args: argparse.Namespace, item_key: str) -> int:
    from ..app import calendars

    path = writable_file(args.output)
    with database(args) as db:
        written = calendars.send_cancellation(db, args.code, path, item_key=item_key or None, organiser=_organiser(args)).value
    what = f"the item {item_key}" if item_key else f"the event ({len(written.sent)} items)"
    print(f"Cancelled {what} of {args.code}. Wrote {path}: send it to the attendees (CANCEL).")
    return 0


def _invites_per_item(args: argparse.Namespace) -> int:
    from ..app import calendars

    folder = writable_folder(args.output)
    with database(args) as db:
        written = calendars.send_invites_per_item(db, args.code, folder, organiser=_organiser(args)).value
    print(f"Wrote {len(written.paths)} invite files into {folder}.")
    return 0


def cmd_mail(args: argparse.Namespace) -> int:
    from ..app import calendars

    folder = writable_folder(args.output)
    with database(args) as db:
        written = calendars.write_emails(db, args.code, folder, item_key=args.item, cancelling=args.cancel,
                                         one_message=args.one_message, organiser=_organiser(args)).value
    kind = "cancellation" if args.cancel else "invitation"
    print(f"Wrote {len(written.paths)} {kind} e-mails into {folder}; open them in your mail program and send.")
    for path in written.paths:
        print(f"  {path.name}")
    return 0


def cmd_feed(args: argparse.Namespace) -> int:
    from ..app import calendars

    path = writable_file(args.output)
    with database(args) as db:
        calendars.write_feed(db, path, organiser=_organiser(args))
    print(f"Wrote {path}: every event as a published calendar.")
    return 0


# --- spreadsheets -----------------------------------------------------------


def _columns(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [c.strip() for value in values for c in value.split(",") if c.strip()]


def cmd_roster(args: argparse.Namespace) -> int:
    from ..app import rosters

    if args.list_columns:
        return _list_columns(args.kind, as_json=args.json)
    if args.output is None:
        raise ValidationError("Say where to write the roster: -o FILE.xlsx or -o FILE.csv.")
    path = writable_file(args.output)
    with database(args) as db:
        result = rosters.write_roster(db, args.code, args.kind, path, item_key=args.item, columns=_columns(args.columns),
                                      include_sensitive=args.include_sensitive)
    if args.json:
        print_json({"file": str(path), "kind": args.kind, "rows": result.rows, "columns": list(result.headers),
                    "personal_data": [{"column": p.key, "header": p.header, "what": p.what, "why": p.why}
                                      for p in result.personal]})
        return 0
    print(f"Wrote {path}: {args.kind} roster of {args.code}, {counted(result.rows, 'row')}.")
    # On stderr, so it is seen even when the output goes to a file or a pipe.
    note = rosters.personal_data_text(result.personal, args.kind)
    print(f"  {note}" + (" Send it only to whoever needs it." if result.personal else ""), file=sys.stderr)
    return 0


def _list_columns(kind: str, *, as_json: bool) -> int:
    """The kind's columns: which go out by default, and for personal data what it is and why (or that it needs consent)."""
    from ..app import rosters

    columns = rosters.roster_columns(kind)
    if as_json:
        print_json([{"column": c.key, "header": c.header, "default": c.default, "sensitive": c.sensitive,
                     "personal_data": c.why, "why": c.need} for c in columns])
        return 0
    rows = [(c.key, c.header, "yes" if c.default else "", _personal(c.why, c.need, c.sensitive)) for c in columns]
    print(format_table(("COLUMN", "HEADER", "DEFAULT", "PERSONAL DATA"), rows), end="")
    return 0


def _personal(why: str, need: str, sensitive: bool) -> str:
    if sensitive:
        return f"{why} (sensitive: only with --include-sensitive)"
    return f"{why}: {need}" if why else ""


def cmd_letters(args: argparse.Namespace) -> int:
    from ..app import documents

    folder = writable_folder(args.output)
    with database(args) as db:
        saved = documents.write_letters(db, args.code, folder, email=args.person,
                                        include_passport=args.include_passport).value
    if args.json:
        print_json({"folder": str(folder), "letters": [{"number": n, "file": str(p)}
                                                       for n, p in zip(saved.numbers, saved.files)],
                    "with_passport_number": saved.with_passport, "visas_moved_to_letter_sent": saved.visas_moved})
        return 0
    passports = f"; {saved.with_passport} with the passport number" if args.include_passport else ""
    print(f"Wrote {counted(len(saved.files), 'invitation letter')} into {folder}{passports}{documents.moved_note(saved)}.")
    for number, path in zip(saved.numbers, saved.files):
        print(f"  {number}  {path.name}")
    return 0


def cmd_badges(args: argparse.Namespace) -> int:
    from ..app import badges

    path = writable_file(args.output)
    with database(args) as db:
        saved = badges.write_badges(db, args.code, path, group=args.group, since_last=args.since_last,
                                    layout=args.layout).value
    if args.json:
        print_json({"file": str(path), "badges": saved.count, "layout": saved.layout})
        return 0
    print(f"Wrote {saved.count} badges ({saved.layout}) to {path}.")
    return 0


def cmd_certificates(args: argparse.Namespace) -> int:
    from ..app import certificates

    folder = writable_folder(args.output)
    with database(args) as db:
        saved = certificates.write_certificates(db, args.code, folder)
    if args.json:
        print_json({"folder": str(folder), "certificates": [str(p) for p in saved.files]})
        return 0
    print(f"Wrote {len(saved.files)} certificates of attendance into {folder}.")
    for path in saved.files:
        print(f"  {path.name}")
    return 0


def cmd_booklet(args: argparse.Namespace) -> int:
    from ..app import booklets

    if args.all:
        return _all_booklets(args)
    path = writable_file(args.output)
    with database(args) as db:
        saved = booklets.write_booklet(db, args.code, path, group=args.group, email=args.person,
                                         with_contacts=args.with_contacts).value
    if args.json:
        print_json({"file": str(path), "group": args.group, "person": args.person, "version": saved.version,
                    "changed_entries": saved.changed, "changes": saved.since, "with_contacts": args.with_contacts})
        return 0
    print(f"Wrote the itinerary booklet of {f'group {args.group}' if args.group else args.person} to {path}.")
    print(f"{saved.version}. {saved.since or 'The first version saved: nothing is marked.'}")
    return 0


def _all_booklets(args: argparse.Namespace) -> int:
    from ..app import booklets

    folder = writable_folder(args.output)
    with database(args) as db:
        saved = booklets.write_booklets(db, args.code, folder, with_contacts=args.with_contacts).value
    if args.json:
        print_json({"folder": str(folder), "booklets": [{"file": str(b.path), b.who.partition(":")[0]: b.who.partition(":")[2],
                                                         "version": b.version, "changed_entries": b.changed}
                                                        for b in saved.booklets],
                    "empty_groups": list(saved.empty_groups), "with_contacts": args.with_contacts})
        return 0
    print(f"Wrote {counted(len(saved.booklets), 'itinerary booklet')} into {folder}{booklets.saved_note(saved)}.")
    for booklet in saved.booklets:
        print(f"  {booklet.path.name}" + (f"  ({booklet.changed} changed)" if booklet.changed else ""))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from ..app import rosters

    path = writable_file(args.output)
    with database(args) as db:
        result = rosters.write_report(db, path)
    targets = [(t.category, t.total, t.target, t.eu, t.non_eu) for t in result.report.targets]
    if args.json:
        print_json({"file": str(path), "sheets": list(result.sheets),
                    "targets": [dict(zip(("category", "engaged", "target", "eu", "non_eu"), t)) for t in targets]})
        return 0
    print(f"Wrote {path}: {', '.join(result.sheets)}.")
    print(format_table(("", "ENGAGED", "TARGET", "EU", "NON-EU"), targets), end="")
    return 0
