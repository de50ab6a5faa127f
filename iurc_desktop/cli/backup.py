"""`backup`, `restore` and `copy`: the database as a whole."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.output_files import size_text
from .database import add_json, writable_file
from .output import OutputError, print_json


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sub = commands.add_parser("backup", help="a consistent copy of the (SQLite) database")
    sub.add_argument("-o", "--output", metavar="FILE", type=Path, required=True)
    sub.add_argument("--overwrite", action="store_true", help="replace FILE if it exists (an older backup)")
    add_json(sub)
    sub.set_defaults(handler=cmd_backup)

    sub = commands.add_parser("restore", help="replace the database with a backup, keeping the current one aside")
    sub.add_argument("file", metavar="FILE", type=Path)
    sub.set_defaults(handler=cmd_restore)

    sub = commands.add_parser("copy", help="copy the whole database to another (SQLite <-> PostgreSQL)")
    sub.add_argument("--to", metavar="URL", required=True, help="the target database URL or SQLite file path")
    sub.add_argument("--overwrite", action="store_true", help="replace the target's data if it has some")
    add_json(sub)
    sub.set_defaults(handler=cmd_copy)


def cmd_backup(args: argparse.Namespace) -> int:
    from ..app import backups

    target = writable_file(args.output)
    if target.exists() and not args.overwrite:
        raise OutputError(f"{target} already exists; nothing was written. Add --overwrite to replace it with this "
                          "backup, or give another file name.")
    info = backups.backup(args.db, target)
    if args.json:
        print_json({"file": str(info.path), "size": info.size, "revision": info.revision})
    else:
        print(f"Wrote {info.path} ({size_text(info.size)}, schema revision {info.revision}).")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from ..app import backups, recovery

    restored = recovery.restore(args.db, args.file)  # also over a damaged database, the way out it is told
    print(f"Restored {restored.path} from {args.file}.")
    if again := backups.erased_again_text(restored.erased_again):
        print(f"{again} The backup still held them; the erasure register keeps them erased.")
    if restored.aside is not None:
        print(f"The previous database was kept as {restored.aside}.")
    else:
        print("There was no database there before.")
    return 0


def cmd_copy(args: argparse.Namespace) -> int:
    from ..app import backups

    report = backups.copy(args.db, args.to, overwrite=args.overwrite)
    if args.json:
        print_json({"source": report.source, "target": report.target, "rows": report.rows,
                    "tables": dict(report.tables), "seconds": round(report.seconds, 3),
                    "erased_again": report.erased_again})
        return 0
    print(f"Copied {report.rows} rows from {report.source} to {report.target} in {report.seconds:.1f} s; "
          "every table's count was checked.")
    if again := backups.erased_again_text(report.erased_again):
        print(f"{again} The erasure register keeps them erased.")
    return 0
