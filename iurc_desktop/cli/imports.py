"""`import` (people and registrations, attendance, or calendar items), `status` and `erase` on the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .database import add_json, database
from .output import format_table, print_json
from ..core.errors import ValidationError
from ..core.vocab import PARTICIPATION_STATUSES

if TYPE_CHECKING:
    from ..app.imports import ImportedItems, ImportPlan, ImportResult

FATES = ("new", "matched", "update", "unchanged", "duplicate", "rejected", "hidden", "attended", "absent", "not_registered",
         "unmatched")


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sub = commands.add_parser(
        "import", help="import people and registrations, an attendance report (.csv/.xlsx) or calendar items (.ics)",
        description="Import a .csv or .xlsx of registrations (or, with --attendance, an attendance report), "
        "or an .ics calendar into the event's items. All or nothing.",
    )
    sub.add_argument("file", metavar="FILE", type=Path)
    sub.add_argument("--event", metavar="EVENT", required=True, help="the event's code")
    sub.add_argument("--dry-run", action="store_true", help="say what would happen; change nothing")
    sub.add_argument("--skip-invalid", action="store_true", help="import the valid rows and list the others")
    sub.add_argument("--attendance", action="store_true", help="the file is a Teams or Zoom attendance report")
    sub.add_argument("--create-organisations", action="store_true",
                     help="create the organisations the file names that do not exist yet (refused when the file does "
                     "not tell their country or zone); without it their names go to the people's notes")
    sub.add_argument("--sheet", metavar="NAME", help="the workbook sheet to read (default: the one whose column names "
                     "name people; a workbook where that does not tell lists its sheets)")
    sub.add_argument("--include-hidden", action="store_true",
                     help="also import the rows hidden in the workbook (left out by default, and listed)")
    add_json(sub)
    sub.set_defaults(handler=cmd_import)

    sub = commands.add_parser("status", help="change participants' status (waitlist promotion included)")
    sub.add_argument("code", metavar="EVENT")
    sub.add_argument("emails", metavar="EMAIL", nargs="+")
    sub.add_argument("--to", metavar="STATUS", required=True, choices=PARTICIPATION_STATUSES, help=", ".join(PARTICIPATION_STATUSES))
    sub.add_argument("--reason", default="", help="kept in each participant's history")
    add_json(sub)
    sub.set_defaults(handler=cmd_status)


def register_erase(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sub = commands.add_parser("erase", help="erase a person and their personal data everywhere")
    sub.add_argument("email", metavar="EMAIL")
    add_json(sub)
    sub.set_defaults(handler=cmd_erase)


# --- import ---------------------------------------------------------------


def cmd_import(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        raise ValidationError(f"{args.file} does not exist or is not a file.")
    if args.file.suffix.lower() == ".ics":
        return _import_calendar(args)
    from ..app.imports import ImportRefused, SheetChoiceNeeded, import_file, plan_import

    reading = {"attendance": args.attendance, "sheet": args.sheet, "include_hidden": args.include_hidden}
    with database(args) as db:
        try:
            if args.dry_run:
                _show(args, plan_import(db, args.event, args.file, **reading), None)
                return 0
            plan, result = import_file(db, args.event, args.file, skip_invalid=args.skip_invalid,
                                       create_organisations=args.create_organisations, **reading).value
        except ImportRefused as refused:
            if args.json:  # the rows for a program, the refusal in words on stderr
                _show(args, refused.plan, None)
            raise
        except SheetChoiceNeeded as needed:
            raise ValidationError(f"{needed} Give one with --sheet NAME; nothing was imported.") from None
    _show(args, plan, result)
    return 0


def _show(args: argparse.Namespace, plan: ImportPlan, result: ImportResult | None) -> None:
    if args.json:
        print_json({"plan": plan_json(plan), "dry_run": args.dry_run, "result": result_json(result) if result else None})
    else:
        sys.stdout.write(plan_text(plan, dry_run=args.dry_run) + (result_text(result) if result else ""))


def plan_json(plan: ImportPlan) -> dict[str, object]:
    return {
        "event": plan.event_code,
        "file": str(plan.path),
        "layout": plan.layout,
        "encoding": plan.encoding,
        "attendance": plan.attendance,
        "mapping": plan.mapping,
        "sheet": plan.source.sheet or None,
        "sheets": [{"name": name, "hidden": hidden} for name, hidden in plan.source.sheets],
        "hidden_rows": list(plan.source.hidden),
        "include_hidden": plan.source.include_hidden,
        "not_utf8_rows": list(plan.source.not_utf8),
        "counts": plan.counts,
        "rows": [
            {"row": r.row, "fate": r.fate, "name": r.name, "email": r.email, "status": r.status, "problems": list(r.problems)}
            for r in plan.rows
        ],
        "no_show": [{"name": n.name, "email": n.email} for n in plan.no_show],
        "notes": list(plan.notes),
        "new_organisations": [{**o.entry(), "rows": list(o.rows)} for o in plan.organisations],
    }


def result_json(result: ImportResult) -> dict[str, object]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in result.__dict__.items() if k != "undo"}


def plan_text(plan: ImportPlan, *, dry_run: bool) -> str:
    head = f"{plan.path.name}: {plan.layout} layout, {plan.encoding}, {len(plan.rows)} rows for {plan.event_code}"
    counts = ", ".join(f"{plan.counts[f]} {f.replace('_', ' ')}" for f in FATES if plan.counts.get(f))
    lines = [head + (" (dry run: nothing was changed)" if dry_run else ""), f"  {counts or 'no rows'}"]
    lines += [f"  note: {n}" for n in plan.notes]
    if plan.organisations:
        lines.append(f"  {len(plan.organisations)} organisations not stored yet (created with --create-organisations, "
                     "else named in the people's notes):")
        lines += [f"    {o.name}: key {o.key}, {o.kind}, country {o.country or '?'}, zone {o.zone or '?'}" for o in plan.organisations]
    if dry_run:
        table = [(r.row, r.fate, r.name, r.email, "; ".join(r.problems)) for r in plan.rows]
        lines.append(format_table(("ROW", "FATE", "NAME", "E-MAIL", "PROBLEMS"), table).rstrip("\n"))
        if plan.no_show:
            lines.append(f"No-show ({len(plan.no_show)}): " + ", ".join(n.name or n.email for n in plan.no_show))
    return "\n".join(lines) + "\n"


def result_text(result: ImportResult) -> str:
    parts = [
        (result.people_created, "people created"), (result.people_updated, "people updated"),
        (result.registrations_created, "registrations created"), (result.registrations_updated, "registrations updated"),
        (result.waitlisted, "waitlisted (event full)"), (result.attended, "attended"), (result.no_show, "no-show"),
    ]
    parts.insert(0, (len(result.organisations_created), "organisations created"))
    lines = ["Imported: " + (", ".join(f"{n} {what}" for n, what in parts if n) or "nothing new") + "."]
    if result.skipped:
        lines.append("Left out (--skip-invalid):")
        lines += [f"  {s}" for s in result.skipped]
    if result.unmatched:
        lines.append(f"Not matched to anyone registered ({len(result.unmatched)}):")
        lines += [f"  {s}" for s in result.unmatched]
    return "\n".join(lines) + "\n"


def _import_calendar(args: argparse.Namespace) -> int:
    if args.attendance or args.skip_invalid or args.sheet or args.include_hidden:
        raise ValidationError("--attendance, --skip-invalid, --sheet and --include-hidden are for .csv/.xlsx files; "
                              "an .ics file is imported as the event's items.")
    from ..app.imports import import_calendar, preview_calendar

    with database(args) as db:
        imported = preview_calendar(db, args.event, args.file) if args.dry_run else import_calendar(db, args.event, args.file).value
    if args.json:
        print_json({"event": args.event, "file": str(args.file), "dry_run": args.dry_run, **calendar_json(imported)})
    else:
        sys.stdout.write(calendar_text(args.file, args.event, imported, dry_run=args.dry_run))
    return 0


def calendar_json(imported: ImportedItems) -> dict[str, object]:
    return {"created": imported.created, "updated": imported.updated, "unchanged": imported.unchanged,
            "cancelled": imported.cancelled, "items": list(imported.keys), "notes": list(imported.notes)}


def calendar_text(path: Path, code: str, imported: ImportedItems, *, dry_run: bool) -> str:
    verb = "Would import" if dry_run else "Imported"
    counts = f"{imported.created} new, {imported.updated} updated, {imported.unchanged} unchanged, {imported.cancelled} cancelled items"
    lines = [f"{verb} {path.name} into {code}: {counts}." + (" Nothing was changed (dry run)." if dry_run else "")]
    lines += [f"  note: {n}" for n in imported.notes]
    return "\n".join(lines) + "\n"


# --- status and erase -------------------------------------------------------


def cmd_status(args: argparse.Namespace) -> int:
    from ..app.registrations import set_status

    with database(args) as db:
        changes = set_status(db, args.code, args.emails, args.to, by="command line", reason=args.reason).value.changes
    if args.json:
        print_json([c.__dict__ for c in changes])
        return 0
    for c in changes:
        note = f" (position {c.waitlist_position})" if c.waitlist_position else ""
        print(f"{c.name or c.email}: {c.from_status} → {c.to_status}{note}" + (f" — {c.reason}" if c.reason else ""))
    return 0


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"


def cmd_erase(args: argparse.Namespace) -> int:
    from ..app.erasure import erase_person

    with database(args) as db:
        erased = erase_person(db, args.email).value
    report, clean = erased.report, erased.log_truncated
    if args.json:
        print_json({**report.__dict__, "log_truncated": clean})
        return 0
    print(f"Erased {args.email.strip()}: name, e-mail, phone, passport, needs and notes are gone.")
    print(f"  Kept {_n(report.participations_kept, 'participation')}, anonymised, so past events still count them.")
    print(f"  Removed {_n(report.travel_legs_removed, 'travel leg')}, {_n(report.stays_removed, 'stay')}, "
          f"{_n(report.item_assignments_removed, 'item assignment')}; scrubbed {_n(report.history_entries_scrubbed, 'history entry', 'history entries')}.")
    if not clean:
        print("  Another program holds the database open: the old data leaves its log once it closes.", file=sys.stderr)
    return 0
