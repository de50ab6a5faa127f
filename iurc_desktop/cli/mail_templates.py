"""`mail EVENT --template NAME`: write a template to each chosen participant in their language, queue it and send.

`--template visa-letter` and `--template booklet` attach each person's own
invitation letter or itinerary booklet (numbered and logged as `export letters`
and `export booklet` do), so the documents go where every other message goes.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from typing import TYPE_CHECKING

from ..core.counts import counted
from ..core.mail.recipient_filter import FILTER_HELP
from .database import add_json, database
from .export import _add_organiser, _organiser
from .outbox import cmd_send
from .output import print_json

if TYPE_CHECKING:
    from ..app.calendars import Organiser
    from ..app.database import Database
    from ..app.documents import DocumentsQueued
    from ..app.mail import Preview, Queued


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sub = commands.add_parser(
        "mail", help="write a mail template to participants in their own language, queue and send it",
        description="One message per participant, in their preferred language (English when they have none or the"
        " template lacks it), with their own times, hotel and pick-up. Invitations, updates and cancellations carry"
        " the calendar files `export mail` attaches; visa-letter and booklet attach each person's own invitation letter"
        " or itinerary booklet (PDF), numbered and logged as `export letters` and `export booklet` do. Without"
        " --queue-only the messages it queued are sent right away (as `send` would).")
    sub.add_argument("code", metavar="EVENT")
    sub.add_argument("--template", metavar="NAME", required=True,
                     help="invitation, update, cancellation, practical-information, reminder, visa-letter, booklet,"
                     " or one of your own")
    sub.add_argument("--to", metavar="FILTER", help=f"who gets it: {FILTER_HELP}")
    sub.add_argument("--item", metavar="ITEM", help="about this one item only (its key), to those who take part in it")
    sub.add_argument("--include-passport", action="store_true",
                     help="visa-letter: print the passport number where one is recorded (left out unless you say so)")
    sub.add_argument("--with-contacts", action="store_true",
                     help="booklet: print the host contacts' e-mail and phone (left out unless you say so)")
    what = sub.add_mutually_exclusive_group()
    what.add_argument("--queue-only", action="store_true", help="queue the messages; send them later with `send`")
    what.add_argument("--preview", metavar="EMAIL", help="print the message this participant would get; queue nothing")
    _add_organiser(sub)
    add_json(sub)
    sub.set_defaults(handler=cmd_mail)


def cmd_mail(args: argparse.Namespace) -> int:
    from ..app import mail

    organiser = _organiser(args)
    with database(args) as db:
        if args.preview is not None:
            _print_preview(args, mail.preview(db, args.code, args.template, email=args.preview, item=args.item, organiser=organiser))
            return 0
        _check_document_options(args)
        if args.template in mail.DOCUMENT_TEMPLATES:
            documents = _queue_documents(db, args, organiser)
            _print_documents(args, documents)
            queued_ids = documents.ids
        else:
            queued = mail.queue_template(db, args.code, args.template, to=args.to, item=args.item,
                                         organiser=organiser).value
            _print_queued(args, queued)
            queued_ids = queued.ids
    if args.queue_only:
        return 0
    args.dry_run, args.only = False, queued_ids  # these messages only: others queued before wait for `send`
    return cmd_send(args)  # as `send` does it: the password asked for when needed, Ctrl+C stops after a message


def _check_document_options(args: argparse.Namespace) -> None:
    """--include-passport and --with-contacts belong to the templates that attach a document: said, not ignored."""
    from ..core.errors import ValidationError

    for flag, template in (("include_passport", "visa-letter"), ("with_contacts", "booklet")):
        if getattr(args, flag) and args.template != template:
            raise ValidationError(f"--{flag.replace('_', '-')} goes with --template {template} only.")
    if args.item is not None and args.template in ("visa-letter", "booklet"):
        raise ValidationError(f"--item does not go with --template {args.template}: each person gets their own"
                              f" {'letter' if args.template == 'visa-letter' else 'booklet'}, about the whole event.")


def _queue_documents(db: Database, args: argparse.Namespace, organiser: Organiser) -> DocumentsQueued:
    """Each chosen participant's own letter or booklet, numbered, logged and queued in one transaction."""
    from ..app import booklets, documents

    if args.template == "visa-letter":
        return documents.queue_letters(db, args.code, to=args.to, include_passport=args.include_passport,
                                       organiser=organiser).value
    return booklets.queue_booklets(db, args.code, to=args.to, with_contacts=args.with_contacts,
                                   organiser=organiser).value


def _print_documents(args: argparse.Namespace, queued: DocumentsQueued) -> None:
    from ..app.documents import moved_note

    what = "invitation letter" if args.template == "visa-letter" else "itinerary booklet"
    if args.json and args.queue_only:
        key = "numbers" if args.template == "visa-letter" else "versions"
        print_json({"queued": list(queued.ids), key: list(queued.numbers), "skipped": list(queued.skipped)})
        return
    out = sys.stderr if args.json else sys.stdout
    passports = f", {queued.with_passport} with the passport number" if args.include_passport else ""
    print(f"Queued {counted(queued.count, what)}{passports}{moved_note(queued)}.", file=out)
    for line in queued.skipped:
        print(f"  not written: {line}", file=out)


def _print_preview(args: argparse.Namespace, shown: Preview) -> None:
    if args.json:
        print_json(dataclasses.asdict(shown))
        return
    names = ", ".join(shown.attachments) or "none"
    print(f"To: {shown.to}\nSubject: {shown.subject}\nLanguage: {shown.language}\nAttachments: {names}\n")
    sys.stdout.write(shown.text)


def _print_queued(args: argparse.Namespace, queued: Queued) -> None:
    if args.json and args.queue_only:
        print_json({"queued": list(queued.ids), "skipped": list(queued.skipped), "items_sent": list(queued.items_sent)})
        return
    out = sys.stderr if args.json else sys.stdout
    print(f"Queued {counted(queued.count, 'message')}.", file=out)
    for line in queued.skipped:
        print(f"  not written: {line}", file=out)
