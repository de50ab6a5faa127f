"""`add`, `edit`, `remove` and `cancel`: every record created, changed and removed from the command line.

`add RECORD ...`, `edit RECORD ID --FIELD VALUE ...` and `remove RECORD ID`, one
module per kind of record. An organisation is named by its key, a person by
e-mail, an event by code; records inside an event by the event's code and then
their own key, e-mail or id. Each prints the record as stored (`--json` for
scripts) and exits 1 with one message, having changed nothing, on bad input.
"""

from __future__ import annotations

from .verbs import Parsers, Verbs, name_options


def register(commands: Parsers) -> None:
    from . import events, items, organisations, participants, people, travel

    verbs = Verbs(
        add=_verb(commands, "add", "create a record: organisation, person, cluster, pairing, event, group, item, "
                  "participant, leg or stay"),
        edit=_verb(commands, "edit", "change fields of a record: edit RECORD ID --FIELD VALUE ..."),
        remove=_verb(commands, "remove", "remove a record: remove RECORD ID"),
        commands=commands,
    )
    for module in (organisations, people, events, items, participants, travel):
        module.register(verbs)
    for verb in (verbs.add, verbs.edit):
        for parser in verb.choices.values():
            name_options(parser)


def _verb(commands: Parsers, name: str, help_text: str) -> Parsers:
    parser = commands.add_parser(name, help=help_text)
    return parser.add_subparsers(dest="record", metavar="RECORD", required=True)
