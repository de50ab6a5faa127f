"""`import` (people and registrations, attendance, or calendar items), `status` and `erase` on the command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .database import add_json, database
from .dst import add_dst, go_on
from .output import format_table, print_json
from ..core.errors import NotFound, ValidationError
from ..core.vocab import PARTICIPATION_STATUSES
from ..exchange.imports.mapping import FIELDS, field_label

if TYPE_CHECKING:
    from ..app.erasure import Erased, HeldBackup, Purged
    from ..app.imports import ImportedItems, ImportPlan, ImportResult

FATES = ("new", "matched", "update", "unchanged", "duplicate", "rejected", "skipped", "hidden", "attended", "absent",
         "not_registered", "unmatched")


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
    sub.add_argument("--map", metavar="COLUMN=FIELD", action="append", default=[], dest="mapping",
                     help="import the file's column COLUMN as FIELD, a field's name or the label --dry-run shows, in any case "
                     "(repeatable; FIELD empty: do not import it); "
                     "--dry-run lists each column and what it is imported as. Fields: " + ", ".join(FIELDS))
    sub.add_argument("--sheet", metavar="NAME", help="the workbook sheet to read (default: the one whose column names "
                     "name people; a workbook where that does not tell lists its sheets)")
    sub.add_argument("--include-hidden", action="store_true",
                     help="also import the rows hidden in the workbook (left out by default, and listed)")
    add_dst(sub)
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
    sub = commands.add_parser(
        "erase", help="erase a person and their personal data everywhere",
        description="Erase a person: their personal data leaves the database, which keeps only a salted hash of the "
        "e-mail so that a restore or copy erases them again. Then lists the app's own backups that still hold them; "
        "--purge-backups rewrites those without them.",
    )
    sub.add_argument("email", metavar="EMAIL")
    sub.add_argument("--purge-backups", action="store_true",
                     help="also rewrite the app's backups that hold the person without them (also for someone erased before)")
    sub.add_argument("--backup-folder", metavar="FOLDER", type=Path, action="append", default=[],
                     help="another folder of backups to look in (the window's backup folder, if you changed it); "
                     "may be repeated")
    add_json(sub)
    sub.set_defaults(handler=cmd_erase)


# --- import ---------------------------------------------------------------


def cmd_import(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        raise ValidationError(f"{args.file} does not exist or is not a file.")
    if args.file.suffix.lower() == ".ics":
        return _import_calendar(args)
    if args.dst:
        raise ValidationError("--dst is for .ics files, whose times may fall on a daylight-saving change.")
    from ..app.imports import ImportRefused, SheetChoiceNeeded, import_file, plan_import

    reading = {"attendance": args.attendance, "mapping": column_choices(args.mapping), "sheet": args.sheet,
               "include_hidden": args.include_hidden}
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


def column_choices(given: list[str]) -> dict[str, str] | None:
    """The --map options as a mapping {column: field}; a field left empty (or "-") means the column is not imported."""
    out: dict[str, str] = {}
    for text in given:
        column, equals, field = text.rpartition("=")
        if not equals or not column.strip():
            raise ValidationError(f"--map {text!r}: write it as COLUMN=FIELD, e.g. --map \"Name (Roman)=full_name\"")
        out[column.strip()] = "" if field.strip() in ("", "-") else field.strip()
    return out or None


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
        "columns": [{"column": c, "field": f or None} for c, f in plan.mapping.items()],
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
        "new_organisations": [{**o.entry(), "rows": list(o.rows), "create": o.create} for o in plan.organisations],
    }


def result_json(result: ImportResult) -> dict[str, object]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in result.__dict__.items() if k != "undo"}


def plan_text(plan: ImportPlan, *, dry_run: bool) -> str:
    head = f"{plan.path.name}: {plan.layout} layout, {plan.encoding}, {_n(len(plan.rows), 'row')} for {plan.event_code}"
    counts = ", ".join(f"{plan.counts[f]} {f.replace('_', ' ')}" for f in FATES if plan.counts.get(f))
    lines = [head + (" (dry run: nothing was changed)" if dry_run else ""), f"  {counts or 'no rows'}"]
    lines += [f"  note: {n}" for n in plan.notes]
    if plan.organisations:
        lines.append(f"  {len(plan.organisations)} organisations not stored yet (created with --create-organisations, "
                     "else named in the people's notes):")
        lines += [f"    {o.name}: key {o.key}, {o.kind}, country {o.country or '?'}, zone {o.zone or '?'}"
                  + (f"; not created: {o.doubt}" if o.doubt else "")
                  for o in plan.organisations]
    if dry_run:
        lines.append("  columns (change with --map \"COLUMN=FIELD\"):")
        lines += [f"    {column} → {field_label(field)}" for column, field in plan.mapping.items()]
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

    with database(args) as db, go_on():
        if args.dry_run:
            imported = preview_calendar(db, args.event, args.file, dst=args.dst, as_import=True)
        else:
            imported = import_calendar(db, args.event, args.file, dst=args.dst).value
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
    from ..app.erasure import backups_holding, erase_person, purge_backups, was_erased

    with database(args) as db:
        held = backups_holding(db.url, args.email, args.backup_folder)  # after opening: an upgrade keeps a copy too
        try:
            erased = erase_person(db, args.email).value
        except NotFound:
            if not (args.purge_backups and was_erased(db, args.email)):
                raise
            erased = None  # erased before: only the backups are left to purge
    purged = purge_backups(args.email, [b.path for b in held]) if args.purge_backups else None
    if args.json:
        print_json(_erase_json(erased, held, purged))
    else:
        _print_erased(args.email.strip(), erased)
        _print_backups(args.email.strip(), held, purged)
    return 1 if purged and purged.failed else 0


def _erase_json(erased: Erased | None, held: Sequence[HeldBackup], purged: Purged | None) -> dict[str, object]:
    done = {**erased.report.__dict__, "log_truncated": erased.log_truncated} if erased else {"erased_before": True}
    return {**done, "backups": [{"file": str(b.path), "made": b.made.isoformat(), "source_known": b.noted}
                                for b in held],
            "backups_purged": [str(p) for p in purged.rewritten] if purged else [],
            "backups_not_purged": [{"file": str(p), "reason": why} for p, why in purged.failed] if purged else []}


def _print_erased(email: str, erased: Erased | None) -> None:
    if erased is None:
        print(f"{email} was erased before; the database holds nothing more of them.")
        return
    report = erased.report
    print(f"Erased {email}: name, e-mail, phone, passport, needs and notes are gone.")
    print(f"  Kept {_n(report.participations_kept, 'participation')}, anonymised, so past events still count them.")
    print(f"  Removed {_n(report.travel_legs_removed, 'travel leg')}, {_n(report.stays_removed, 'stay')}, "
          f"{_n(report.item_assignments_removed, 'item assignment')}; scrubbed {_n(report.history_entries_scrubbed, 'history entry', 'history entries')}.")
    if report.messages_removed:
        print(f"  Removed {_n(report.messages_removed, 'e-mail')} to them from the outbox, queued and sent alike.")
    if not erased.log_truncated:
        print("  Another program holds the database open: the old data leaves its log once it closes.", file=sys.stderr)


def _print_backups(email: str, held: Sequence[HeldBackup], purged: Purged | None) -> None:
    if purged is not None:
        for path in purged.rewritten:
            print(f"  Rewrote the backup {path} without this person.")
        for path, why in purged.failed:
            print(f"  Could not purge the backup {path}: {why}", file=sys.stderr)
        return
    if not held:
        return
    print(f"  {_n(len(held), 'backup')} of this database still {'holds' if len(held) == 1 else 'hold'} this person:")
    for backup in held:
        print(f"    {backup.made:%Y-%m-%d %H:%M} UTC  {backup.path}" + ("" if backup.noted else "  (source unknown)"))
    print(f"  To erase them from these backups too (each is rewritten without the person, the rest kept): "
          f"iurc-desktop erase {email} --purge-backups")
