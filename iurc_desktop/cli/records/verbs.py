"""What every record command shares: the verbs it joins, its `--json`, and how it prints what it stored."""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ...core.errors import ValidationError
from ..output import print_json

Parsers = Any  # argparse's _SubParsersAction, which it does not export


@dataclass(frozen=True)
class Verbs:
    """The sub-command groups each record module adds its parsers to."""

    add: Parsers
    edit: Parsers
    remove: Parsers
    commands: Parsers  # the top level, for verbs of their own such as `cancel`


def record_parser(group: Parsers, name: str, help_text: str) -> argparse.ArgumentParser:
    """One record's parser under a verb, with `--json` like every command."""
    parser: argparse.ArgumentParser = group.add_parser(name, help=help_text)
    parser.add_argument("--json", action="store_true", help="print the record as stored, as JSON")
    return parser


def done(args: argparse.Namespace, record: dict[str, Any], text: str) -> int:
    """Print the stored record (JSON for scripts) or a one-line summary; exit status 0."""
    if args.json:
        print_json(record)
    else:
        print(text)
    return 0


def name_options(parser: argparse.ArgumentParser) -> None:
    """Make the parser's command name its option (`--given`) where a refusal names the field (`given_name`)."""
    # argparse keeps its options in `_actions` and offers no public way to list them; some commands keep a
    # field as `field_X` (travel) or a new key or code as `new_X` (renames)
    flags = {action.dest.removeprefix("field_").removeprefix("new_"): action.option_strings[0]
             for action in parser._actions if action.option_strings and action.dest != "help"}
    handler: Callable[[argparse.Namespace], int] | None = parser.get_default("handler")
    if handler is None or not flags:
        return

    @functools.wraps(handler)
    def handle(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except ValidationError as exc:
            ValidationError.__init__(exc, [_flagged(line, flags) for line in exc.problems])
            raise

    parser.set_defaults(handler=handle)


def _flagged(line: str, flags: dict[str, str]) -> str:
    """`given_name: message` as `--given: message` (an object's field, `organiser.name`, as `--organiser-name`)."""
    head, sep, message = line.partition(": ")
    flag = flags.get(head.replace(".", "_")) if sep else None
    return f"{flag}: {message}" if flag else line
