"""The command line: `iurc-desktop [--db URL] COMMAND ...`; with no command the window opens.

Exit status: 0 done, 1 a user-facing error (one plain message on stderr, the
transaction rolled back), 2 a usage error. Qt is imported only by the commands
that need it (no command, `screenshot`).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .. import __version__
from .database import Unavailable, database, naming_output, optional
from .output import print_json
from ..core import timeutil
from ..core.counts import counted
from ..core.errors import IurcError, plain_error, summary

DEBUG_ENV = "IURC_DEBUG"
Handler = Callable[[argparse.Namespace], int]


__all__ = ["Unavailable", "build_parser", "main", "parser_for"]


def _window_parser() -> argparse.ArgumentParser:
    """The options of the program itself, without its commands: all that opening the window reads."""
    parser = argparse.ArgumentParser(
        prog="iurc-desktop",
        description="Logistics for IURC webinars and study visits. With no command, the window opens.",
        epilog="The database is --db URL, else $IURC_DB, else iurc.db in your user data folder. "
        "A plain path means a SQLite file.",
    )
    parser.add_argument("--db", metavar="URL", help="database URL or SQLite file path")
    return parser


def parser_for(argv: Sequence[str]) -> argparse.ArgumentParser:
    """The parser `main` reads `argv` with: when it names at most a database, the window's alone (building every
    command's parser imports their modules, a tenth of a second before the window could paint)."""
    args = list(argv)
    only_database = (not args or (len(args) == 2 and args[0] == "--db" and not args[1].startswith("-"))
                     or (len(args) == 1 and args[0].startswith("--db=")))
    return _window_parser() if only_database else build_parser()


def build_parser() -> argparse.ArgumentParser:
    parser = _window_parser()
    parser.add_argument("--version", action="version", version=f"iurc-desktop {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub = commands.add_parser("init", help="create or upgrade the database")
    sub.set_defaults(handler=cmd_init)

    sub = commands.add_parser("demo", help="load the demo programme (idempotent)")
    sub.set_defaults(handler=cmd_demo)

    sub = commands.add_parser("load", help="load a programme file, all or nothing")
    sub.add_argument("file", metavar="FILE", type=Path)
    sub.add_argument("--replace", action="store_true", help="update events whose code already exists")
    sub.set_defaults(handler=cmd_load)

    sub = commands.add_parser("dump", help="write a programme file")
    sub.add_argument("codes", metavar="EVENT", nargs="*", help="event codes (default: every event)")
    sub.add_argument("-o", "--output", metavar="FILE", required=True, help="file to write, or - for standard output")
    sub.set_defaults(handler=naming_output(cmd_dump))

    sub = commands.add_parser("events", help="list events with their counts")
    sub.add_argument("--json", action="store_true", help="machine-readable output")
    sub.set_defaults(handler=cmd_events)

    sub = commands.add_parser("show", help="an event, or one group's or person's itinerary, in local times")
    sub.add_argument("code", metavar="EVENT")
    who = sub.add_mutually_exclusive_group()
    who.add_argument("--group", metavar="G", help="one group's itinerary")
    who.add_argument("--person", metavar="EMAIL", help="one person's itinerary")
    sub.add_argument("--zone", metavar="ZONE", help="also show the times in this IANA zone (e.g. Europe/Brussels)")
    sub.add_argument("--json", action="store_true", help="machine-readable output")
    sub.set_defaults(handler=cmd_show)

    sub = commands.add_parser("check", help="logistics problems of an event")
    sub.add_argument("code", metavar="EVENT")
    sub.add_argument("--json", action="store_true", help="machine-readable output")
    sub.set_defaults(handler=cmd_check)

    _register_more(commands)

    sub = commands.add_parser("screenshot", help="render a page offscreen to a PNG")
    sub.add_argument("page", metavar="PAGE", help="events, people, organisations, event, ...")
    sub.add_argument("--event", metavar="EVENT", help="the event to show (for event pages)")
    sub.add_argument("--dark", action="store_true", help="use a dark palette")
    sub.add_argument("--zone", metavar="ZONE", help="the viewer's IANA zone shown beside local times")
    sub.add_argument("-o", "--output", metavar="FILE.png", type=Path, required=True)
    sub.set_defaults(handler=cmd_screenshot)
    return parser


def _register_more(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The commands kept in their own modules, in the order of the design's command table."""
    from . import backup, export, imports, lists, mail_templates, outbox, planning, records, reminders, visa

    imports.register(commands)
    export.register(commands)
    planning.register(commands)
    lists.register(commands)
    records.register(commands)
    imports.register_erase(commands)
    backup.register(commands)
    visa.register(commands)
    mail_templates.register(commands)
    outbox.register(commands)
    reminders.register(commands)


# --- commands -------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    from ..app.programme import init_database

    done = init_database(args.db)
    if done.created:
        print(f"Created the database at {done.where} (schema revision {done.after}).")
    elif done.upgraded:
        print(f"Upgraded the database at {done.where} from schema revision {done.before} to {done.after}.")
    else:
        print(f"The database at {done.where} is up to date (schema revision {done.after}).")
    return 0


def _summary_text(summary: object) -> str:
    fields = (("events", "event", ""), ("items", "item", ""), ("participants", "participant", ""),
              ("people", "person", "people"), ("organisations", "organisation", ""))
    counts = ", ".join(counted(getattr(summary, f), noun, plural) for f, noun, plural in fields)
    codes = ", ".join(getattr(summary, "event_codes", ()))
    return f"{counts} ({codes})" if codes else counts


def cmd_demo(args: argparse.Namespace) -> int:
    from ..app.programme import load_demo

    with database(args) as db:
        summary = load_demo(db).value
    print(f"Loaded the demo programme: {_summary_text(summary)}.")
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    from ..app.programme import load_programme

    try:
        with database(args) as db:
            summary = load_programme(db, args.file, replace=args.replace).value
    except IurcError as exc:
        raise IurcError(f"{args.file} was not loaded; the database is unchanged.\n{exc}") from exc
    print(f"Loaded {args.file}: {_summary_text(summary)}.")
    return 0


def cmd_dump(args: argparse.Namespace) -> int:
    from ..app.programme import dump_programme

    to_stdout = args.output == "-"
    with database(args) as db:
        text = dump_programme(db, list(args.codes) or None, output=None if to_stdout else Path(args.output))
    if to_stdout:
        sys.stdout.write(text)
    else:
        print(f"Wrote {args.output}.", file=sys.stderr)
    return 0


def cmd_events(args: argparse.Namespace) -> int:
    from ..app.events import list_events
    from .show import event_row_json, events_text

    with database(args) as db:
        rows = list_events(db)
    if args.json:
        print_json([event_row_json(r) for r in rows])
    else:
        sys.stdout.write(events_text(rows))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    if args.zone:
        timeutil.zone(args.zone)  # an unknown zone is refused before any work, with a suggestion
    if args.group is not None or args.person is not None:
        return _show_itinerary(args)
    from ..app.travel import event_arrangements
    from .show import event_json, event_text

    with database(args) as db:
        arrangements = event_arrangements(db, args.code)
    detail = arrangements.detail
    if args.json:
        print_json(event_json(detail, args.zone, arrangements.legs, arrangements.stays))
    else:
        sys.stdout.write(event_text(detail, args.zone))
    return 0


def _show_itinerary(args: argparse.Namespace) -> int:
    from ..app.events import group_itinerary, person_itinerary
    from .itinerary import itinerary_json, itinerary_text

    with database(args) as db:
        if args.group is not None:
            itinerary = group_itinerary(db, args.code, args.group, viewer_zone=args.zone)
        else:
            itinerary = person_itinerary(db, args.code, args.person, viewer_zone=args.zone)
    if args.json:
        print_json(itinerary_json(itinerary))
    else:
        sys.stdout.write(itinerary_text(itinerary))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from ..app.events import check_event
    from .itinerary import problems_json, problems_text

    with database(args) as db:
        problems = check_event(db, args.code)
    if args.json:
        print_json(problems_json(problems))
    else:
        sys.stdout.write(problems_text(args.code, problems))
    return 0  # problems found are a result, not a failure


def cmd_screenshot(args: argparse.Namespace) -> int:
    from ..app import database as app_database

    url = app_database.resolve_url(args.db)
    app_database.open(url).dispose()  # a bad URL or a newer database fails here, before Qt starts
    if args.zone:
        timeutil.zone(args.zone)
    render = optional("iurc_desktop.ui.shell.screenshot", "Screenshots").render_page
    extra = {"viewer_zone": args.zone} if args.zone else {}
    render(url, args.page, args.output, event=args.event, dark=args.dark, **extra)
    print(f"Wrote {args.output}.", file=sys.stderr)
    return 0


def open_window(args: argparse.Namespace) -> int:
    """No command: the window, on the chosen database. Qt is imported only here, the database after the window."""
    run = optional("iurc_desktop.ui.shell.app", "The window").run
    return int(run(args.db) or 0)


# --- plumbing -------------------------------------------------------------


def _report(exc: IurcError) -> None:
    """One plain message on stderr; further lines (e.g. each invalid value) indented beneath."""
    lines = str(exc).splitlines() or [exc.__class__.__name__]
    print("error: " + lines[0], file=sys.stderr)
    for line in lines[1:]:
        print("  " + line, file=sys.stderr)


def _tolerant_streams() -> None:
    """A console that cannot show some characters gets escapes instead of a crash (names come in any script)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit status; every user-facing failure is caught here."""
    argv = sys.argv[1:] if argv is None else argv
    parser = parser_for(argv)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # usage errors (2), --help and --version (0)
        return exc.code if isinstance(exc.code, int) else 2
    _tolerant_streams()
    handler: Handler = getattr(args, "handler", open_window)
    try:
        return handler(args)
    except IurcError as exc:
        _report(exc)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted; the current action was rolled back.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader (e.g. `| head`) went away: not an error worth a message
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # noqa: BLE001 - the one boundary for bugs: short message, details on demand
        plain = plain_error(exc)  # the computer, not the app: e.g. a full disk met outside a transaction
        if plain is not None:
            _report(plain)
            return 1
        if os.environ.get(DEBUG_ENV) == "1":
            raise
        # One line, without the SQL statement or its parameters a driver's error carries (a person's data).
        print(f"internal error: {summary(exc)}", file=sys.stderr)
        print(f"  This is a bug. Run again with {DEBUG_ENV}=1 to see the details.", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
