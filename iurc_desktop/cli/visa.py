"""`visa EVENT EMAIL`: a participant's visa state, its deadline and history; `--to STATE` moves it as the rule allows."""

from __future__ import annotations

import argparse
from typing import Any

from .database import add_json, database
from .output import print_json


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sub = commands.add_parser(
        "visa", help="a participant's visa state and application deadline; --to moves it",
        description="Visa states: needed -> letter sent -> appointment -> granted or refused (refused -> needed to "
        "apply again); not needed. The deadline is the departure minus the destination's processing time.")
    sub.add_argument("code", metavar="EVENT")
    sub.add_argument("email", metavar="EMAIL", help="the participant's e-mail")
    sub.add_argument("--to", metavar="STATE", help="the new state (quote states of two words: 'letter sent')")
    sub.add_argument("--note", metavar="TEXT", default="", help="a note kept with the change (e.g. the appointment's date)")
    add_json(sub)
    sub.set_defaults(handler=cmd_visa)


def cmd_visa(args: argparse.Namespace) -> int:
    from ..app import visas

    with database(args) as db:
        moved = visas.move(db, args.code, args.email, args.to, note=args.note, by="command line").value if args.to else None
        view = visas.visa(db, args.code, args.email)
    if args.json:
        print_json(_json(view, moved))
        return 0
    if moved is not None:
        print(f"{view.name}: the visa was already {moved.to_state}; nothing changed." if moved.change_id is None
              else f"{view.name}: visa {moved.from_state or 'not recorded'} -> {moved.to_state}.")
    else:
        print(f"{view.name}: visa {view.state or 'not recorded'}.")
    print(f"Next: {', '.join(view.allowed) or 'none (final)'}.")
    if view.state not in ("granted", "not needed", ""):
        print(f"Apply by {view.deadline.isoformat()}: departure {view.departure.isoformat()} minus "
              f"{view.processing_days} days for {view.destination or 'an unknown country'}"
              + (" (a default; check the consulate)." if view.processing_default else " (set for this event)."))
    for entry in view.history:
        note = f" ({entry.note})" if entry.note else ""
        print(f"  {entry.at_utc.date().isoformat()}  {entry.from_state or 'not recorded'} -> {entry.to_state}{note}")
    return 0


def _json(view: Any, moved: Any) -> dict[str, Any]:
    return {
        "event": view.event_code, "email": view.email, "state": view.state, "allowed": list(view.allowed),
        "changed": moved is not None and moved.change_id is not None, "destination": view.destination,
        "processing_days": view.processing_days, "processing_default": view.processing_default, "departure": view.departure.isoformat(),
        "deadline": view.deadline.isoformat(),
        "history": [{"at": h.at_utc.isoformat(), "by": h.by, "from": h.from_state, "to": h.to_state, "note": h.note}
                    for h in view.history],
    }
