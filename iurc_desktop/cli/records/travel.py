"""Travel legs and hotel stays: `add|edit|remove leg|stay`.

Fields and values are the programme file's (`--from` is `from`, `--check-in` is
`check_in`; local times YYYY-MM-DDTHH:MM in the place's zone, dates
YYYY-MM-DD). A leg's airports bring their zones; a leg or stay is named by the
id `show EVENT --json` prints for it.
"""

from __future__ import annotations

import argparse
from typing import Any

from ...core import vocab
from ...core.errors import ValidationError
from ..database import database
from .verbs import Verbs, done, record_parser

# (flag, the programme file's field, help); the first ones of each are required by `add`
LEG_FLAGS = (
    ("--person", "person", "the traveller's e-mail (a participant of the event)"),
    ("--from", "from", "where the leg departs: an IATA airport code (its zone comes with it) or a place"),
    ("--depart", "depart", "local departure time YYYY-MM-DDTHH:MM, in the zone of --from"),
    ("--to", "to", "where the leg arrives: an IATA airport code or a place"),
    ("--arrive", "arrive", "local arrival time YYYY-MM-DDTHH:MM, in the zone of --to"),
    ("--kind", "kind", f"one of {', '.join(vocab.TRAVEL_KINDS)} (default flight)"),
    ("--carrier", "carrier", "airline or operator, e.g. AF"),
    ("--number", "number", "flight or train number, e.g. AF276"),
    ("--booking-ref", "booking_ref", "the booking reference"),
    ("--from-zone", "from_zone", "zone of the departure place (needed where --from is not an airport code)"),
    ("--to-zone", "to_zone", "zone of the arrival place (needed where --to is not an airport code)"),
)
LEG_REQUIRED = 5
STAY_FLAGS = (
    ("--person", "person", "the guest's e-mail (a participant of the event)"),
    ("--hotel", "hotel", "the hotel's name"),
    ("--check-in", "check_in", "date of the first night, YYYY-MM-DD"),
    ("--check-out", "check_out", "date of leaving, YYYY-MM-DD (the morning after the last night)"),
    ("--zone", "zone", "the hotel's zone (default: the event's)"),
    ("--room", "room", f"one of {', '.join(vocab.ROOM_TYPES)} (default single)"),
    ("--shares-with", "shares_with", "e-mail of the roommate, a participant of the event (\"\" for none)"),
    ("--hotel-local", "hotel_local", "the hotel's name in the local script (ホテル名古屋キャッスル)"),
    ("--address-local", "address_local", "the hotel's address in the local script, for a taxi driver"),
)
STAY_REQUIRED = 4


def register(verbs: Verbs) -> None:
    """Add this module's records to the verbs."""
    for name, flags, required, what in (
        ("leg", LEG_FLAGS, LEG_REQUIRED, "a travel leg"), ("stay", STAY_FLAGS, STAY_REQUIRED, "a hotel stay"),
    ):
        sub = record_parser(verbs.add, name, f"book {what} for a participant of an event")
        sub.add_argument("code", metavar="EVENT")
        _flags(sub, flags, required)
        sub.set_defaults(handler=_add, record_name=name, flags=flags)
        sub = record_parser(verbs.edit, name, f"change fields of {what} (its id as `show EVENT --json` lists it)")
        sub.add_argument("code", metavar="EVENT")
        sub.add_argument("id", metavar="ID", type=int)
        _flags(sub, flags, 0)
        sub.set_defaults(handler=_edit, record_name=name, flags=flags)
        sub = record_parser(verbs.remove, name, f"remove {what} (its id as `show EVENT --json` lists it)")
        sub.add_argument("code", metavar="EVENT")
        sub.add_argument("id", metavar="ID", type=int)
        sub.set_defaults(handler=_remove, record_name=name)


def _flags(parser: argparse.ArgumentParser, flags: tuple[tuple[str, str, str], ...], required: int) -> None:
    for n, (flag, field, help_text) in enumerate(flags):
        parser.add_argument(flag, dest=f"field_{field}", metavar=field.upper(), required=n < required, help=help_text)


def _given(args: argparse.Namespace) -> dict[str, Any]:
    """The fields given on the command line, by their programme file names."""
    return {field: getattr(args, f"field_{field}") for _, field, _ in args.flags
            if getattr(args, f"field_{field}") is not None}


def _add(args: argparse.Namespace) -> int:
    from ...app import travel

    with database(args) as db:
        if args.record_name == "leg":
            leg = travel.add_leg(db, args.code, _given(args)).value
            return done(args, travel.leg_record(leg), f"Added leg {leg.id}: {_leg_text(leg)}")
        stay = travel.add_stay(db, args.code, _given(args)).value
        return done(args, travel.stay_record(stay), f"Added stay {stay.id}: {_stay_text(stay)}")


def _edit(args: argparse.Namespace) -> int:
    from ...app import travel

    changes = _given(args)
    if not changes:
        raise ValidationError(f"Say what to change: {', '.join(flag for flag, _, _ in args.flags)}.")
    with database(args) as db:
        if args.record_name == "leg":
            leg = travel.edit_leg(db, args.code, args.id, changes).value
            return done(args, travel.leg_record(leg), f"Changed leg {leg.id}: {_leg_text(leg)}")
        stay = travel.edit_stay(db, args.code, args.id, changes).value
        return done(args, travel.stay_record(stay), f"Changed stay {stay.id}: {_stay_text(stay)}")


def _remove(args: argparse.Namespace) -> int:
    from ...app import travel

    with database(args) as db:
        if args.record_name == "leg":
            leg = travel.leg_by_id(db, args.code, args.id)
            travel.remove_leg(db, args.code, args.id)
            return done(args, travel.leg_record(leg), f"Removed leg {leg.id}: {_leg_text(leg)}")
        stay = travel.stay_by_id(db, args.code, args.id)
        travel.remove_stay(db, args.code, args.id)
        return done(args, travel.stay_record(stay), f"Removed stay {stay.id}: {_stay_text(stay)}")


def _leg_text(leg: Any) -> str:
    """'AF1477 BIO Sat 2022-11-19 17:35 → CDG 19:10, ane@example.eus'."""
    from ...app.travel import leg_label

    arrive = f"{leg.arrive:%H:%M}" if leg.arrive.date() == leg.depart.date() else f"{leg.arrive:%a %Y-%m-%d %H:%M}"
    label = leg_label(leg.carrier, leg.number) or leg.kind
    return f"{label} {leg.from_place} {leg.depart:%a %Y-%m-%d %H:%M} → {leg.to_place} {arrive}, {leg.person}"


def _stay_text(stay: Any) -> str:
    mate = f", sharing with {stay.shares_with}" if stay.shares_with else ""
    return f"{stay.person} at {stay.hotel}, {stay.check_in} to {stay.check_out} ({stay.room}{mate})"
