"""`outbox`, `send` and `mail-settings`: the queued mail, sending it, and the server it goes through."""

from __future__ import annotations

import argparse
import signal
import sys
from dataclasses import asdict
from getpass import getpass
from pathlib import Path
from types import FrameType
from typing import Any

from ..core.counts import counted
from .database import add_json, database
from .output import format_table, iso, print_json


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from ..core.mail.draft import STATES
    from ..core.mail.settings import PASSWORD_ENV, SECURITY

    sub = commands.add_parser("outbox", help="the e-mails queued, sent, failed or cancelled")
    sub.add_argument("--state", choices=STATES, help="only the messages in this state")
    sub.add_argument("--event", metavar="EVENT", help="only the messages about this event")
    sub.add_argument("--limit", type=int, default=200, metavar="N", help="at most N messages, newest first (default 200)")
    act = sub.add_mutually_exclusive_group()
    act.add_argument("--retry", nargs="+", metavar="ID", help="queue these messages again (ids, or failed, review,"
                     " cancelled for all in that state)")
    act.add_argument("--cancel", nargs="+", metavar="ID", help="cancel these messages not sent yet (ids, or queued,"
                     " failed, review for all in that state)")
    add_json(sub)
    sub.set_defaults(handler=cmd_outbox)

    sub = commands.add_parser(
        "send", help="send the queued e-mails through your mail server",
        description="Each message is marked before it is handed to the server and after, so a crash or a lost"
        " connection never sends one twice: a message whose fate is unknown waits for review (retry or cancel it in"
        " the window). Ctrl+C stops after the message being sent. The exit status is 1 when any message failed,"
        " stayed queued or waits for review.")
    sub.add_argument("--dry-run", action="store_true", help="list what would be sent; send and change nothing")
    add_json(sub)
    sub.set_defaults(handler=cmd_send)

    sub = commands.add_parser(
        "mail-settings", help="the SMTP server mail is sent through; alone, prints the settings",
        description="Options given change the saved settings; the rest stay. The password is kept only in the"
        f" operating system's keychain (--password-prompt); without one, set {PASSWORD_ENV} for each run or type it"
        " when `send` asks. It is never written to a file.")
    sub.add_argument("--host", metavar="H", help="the mail server, e.g. smtp.example.org")
    sub.add_argument("--port", metavar="P", type=int, help="its port (default: 587 for starttls, 465 for tls, 25 for none)")
    sub.add_argument("--user", metavar="U", help="the login ('' for a server that needs none)")
    sub.add_argument("--security", choices=SECURITY, help="starttls (default), tls, or none (only for a relay on this computer)")
    sub.add_argument("--from", dest="from_address", metavar="ADDRESS", help="the address mail comes from")
    sub.add_argument("--from-name", metavar="N", help="the name shown beside it")
    sub.add_argument("--trust-cert", metavar="FILE", help="a PEM certificate to trust beside the system's (a self-signed"
                     " server); '' to trust the system's alone")
    sub.add_argument("--password-prompt", action="store_true", help="ask for the password and keep it in the keychain")
    sub.add_argument("--check", action="store_true", help="connect and log in to the server (nothing is sent)")
    add_json(sub)
    sub.set_defaults(handler=cmd_mail_settings)


# --- outbox -----------------------------------------------------------------


def cmd_outbox(args: argparse.Namespace) -> int:
    from ..app.outbox import cancel, outbox, retry

    with database(args) as db:
        if args.retry or args.cancel:
            move, named = (retry, args.retry) if args.retry else (cancel, args.cancel)
            moved = move(db, _ids(db, named)).value
            print(f"{'Queued again' if args.retry else 'Cancelled'} {counted(len(moved.ids), 'message')}"
                  + (f": {', '.join(map(str, moved.ids))}." if moved.ids else " (none was in a state that allows it)."),
                  file=sys.stderr)
        page = outbox(db, args.state, limit=max(args.limit, 0), event_code=args.event)
    if args.json:
        print_json({"counts": page.counts, "messages": [asdict(row) for row in page.rows]})
        return 0
    print(_counts_text(page.counts, args.event))
    if page.rows:
        sys.stdout.write(format_table(
            ("id", "state", "kind", "to", "subject", "event", "when", "tries", "note"),
            ([r.id, r.state, r.kind, _to(r.to_name, r.to_address), r.subject, r.event_code or "",
              iso(r.sent_at or r.queued_at)[:16].replace("T", " "), r.attempts, r.last_error] for r in page.rows)))
    return 0


def _ids(db: Any, named: list[str]) -> list[int]:
    """Message ids from ids and state names (all the messages in that state)."""
    from ..app.outbox import STATES, outbox
    from ..core.errors import ValidationError

    ids: list[int] = []
    for word in named:
        if word in STATES:
            ids += [row.id for row in outbox(db, word, limit=None).rows]
        elif word.isdigit():
            ids.append(int(word))
        else:
            raise ValidationError(f"{word!r} is neither a message id (see `outbox`) nor a state ({', '.join(STATES)}).")
    return ids


def _to(name: str, address: str) -> str:
    return f"{name} <{address}>" if name else address


def _counts_text(counts: dict[str, int], event: str | None = None) -> str:
    shown = [f"{n} {state}" for state, n in counts.items() if n]
    if event:
        return f"No message about {event} is in the outbox." if not shown else f"Outbox, {event}: " + ", ".join(shown) + "."
    return "The outbox is empty." if not shown else "Outbox: " + ", ".join(shown) + "."


# --- send -------------------------------------------------------------------


class _StopOnInterrupt:
    """The first Ctrl+C asks the batch to stop after the message being sent (whose state is then known)."""

    def __init__(self) -> None:
        self.asked = False

    def __enter__(self) -> _StopOnInterrupt:
        self._before = signal.signal(signal.SIGINT, self._ask)
        return self

    def _ask(self, signum: int, frame: FrameType | None) -> None:
        if self.asked:
            raise KeyboardInterrupt
        self.asked = True
        print("Stopping after this message (Ctrl+C again to stop at once).", file=sys.stderr)

    def __exit__(self, *exc: object) -> None:
        signal.signal(signal.SIGINT, self._before)


def cmd_send(args: argparse.Namespace) -> int:
    from ..app.outbox import password_needed, send_queued

    password = None
    if not args.dry_run and password_needed() and sys.stdin.isatty():
        password = getpass("Mail server password (not stored): ")

    def progress(done: int, total: int, line: str) -> None:
        print(f"{done}/{total} {line}", file=sys.stderr if args.json else sys.stdout, flush=True)

    with _StopOnInterrupt() as interrupt, database(args) as db:
        report = send_queued(db, dry_run=args.dry_run, progress=progress, should_stop=lambda: interrupt.asked,
                             password=password, only=getattr(args, "only", None))
    if args.json:
        print_json({**asdict(report), "dry_run": args.dry_run})
    else:
        print(_send_summary(report, dry_run=args.dry_run))
        if report.stopped:
            print(report.stopped)
    return 0 if args.dry_run or report.complete else 1


def _send_summary(report: Any, *, dry_run: bool) -> str:
    if dry_run:
        return f"Dry run: {counted(report.left_queued, 'message')} would be sent; nothing was sent or changed."
    parts = [f"Sent {counted(report.sent, 'message')}"]
    if report.failed:
        parts.append(f"{report.failed} refused by the server (see `outbox --state failed`)")
    if report.left_queued:
        parts.append(f"{report.left_queued} still queued")
    if report.review:
        parts.append(f"{report.review} to review: the app cannot tell whether they arrived (retry or cancel them)")
    return "; ".join(parts) + "."


# --- mail-settings ----------------------------------------------------------


def cmd_mail_settings(args: argparse.Namespace) -> int:
    from ..app import outbox

    settings = outbox.load_settings()
    changes = _changes(args, settings)
    password = None
    if args.password_prompt:
        password = getpass(f"Password for {changes.get('user', settings.user) or '(no user)'} at"
                           f" {changes.get('host', settings.host) or '(no host)'} (kept in the keychain): ")
    if changes or password:
        saved = outbox.save_settings(outbox.settings_with(settings, **changes), password=password)
        settings = saved.settings
        for warning in saved.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        print("Saved the mail settings" + (" and put the password in the keychain." if saved.password_stored else "."),
              file=sys.stderr)
    if args.check:
        print(outbox.check_server(), file=sys.stderr)
    _print_settings(settings, args.json)
    return 0


def _changes(args: argparse.Namespace, settings: Any) -> dict[str, object]:
    from ..core.mail.settings import PORTS

    given = {name: getattr(args, name) for name in ("host", "port", "user", "security", "from_address", "from_name")
             if getattr(args, name) is not None}
    if args.trust_cert is not None:
        given["trust_cert"] = str(Path(args.trust_cert).expanduser().resolve()) if args.trust_cert else ""
    if "port" not in given and ("security" in given or not settings.host) and given:
        given["port"] = PORTS[given.get("security", settings.security)]  # the usual port of the security chosen
    return given


def _print_settings(settings: Any, as_json: bool) -> None:
    from ..app.outbox import password_status
    from ..core.mail.settings import PASSWORD_ENV

    status = password_status(settings)
    if as_json:
        print_json({**asdict(settings), "password": status})
        return
    if not settings.host:
        print("No mail server is set. Set one: iurc-desktop mail-settings --host H --port P --user U --from ADDRESS")
        return
    password = {"not needed": "none needed (no user)", "keychain": "in the keychain",
                "missing": "not stored: use --password-prompt, or type it when sending",
                "no keychain": f"no keychain on this computer: set {PASSWORD_ENV}, or type it when sending"}[status]
    rows = [("host", settings.host), ("port", settings.port), ("security", settings.security),
            ("user", settings.user or "(none)"), ("from", _to(settings.from_name, settings.from_address) or "(not set)"),
            ("trusted certificate", settings.trust_cert or "(the system's authorities only)"), ("password", password)]
    sys.stdout.write(format_table(("setting", "value"), rows))
