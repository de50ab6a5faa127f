"""What every record command shares: the verbs it joins, its `--json`, and how it prints what it stored."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Any

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
