"""A participation moving between two statuses that both hold a place leaves the running totals alone.

0015's trigger on a participation's update fired on any change of status that
touched a place-holding one, so `confirmed` → `attended` took away one and
added one back: the same totals, but each writer locked its event's and its
people's label rows until it committed. On PostgreSQL two staff marking
attendance in one event then waited for each other. The trigger now fires only
when what counts changes: a place taken or given up, or the participation
moved to another event or person.

Revision ID: 0019
Revises: 0018
"""

from __future__ import annotations

import importlib

from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

NAME = "tally_participations_update"
# Mirrors vocab.HOLDS_PLACE at this revision.
HOLDS = "IN ('confirmed', 'attended')"
COUNT_CHANGED = (f"(OLD.status {HOLDS} OR NEW.status {HOLDS}) AND (OLD.event_id <> NEW.event_id "
                 f"OR OLD.person_id <> NEW.person_id OR (OLD.status {HOLDS}) <> (NEW.status {HOLDS}))")


def _tallies():  # type: ignore[no-untyped-def]
    return importlib.import_module("iurc_desktop.core.migrations.versions.0015_programme_tallies")


def _replace(condition: str) -> None:
    tallies = _tallies()
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.execute(f"DROP TRIGGER IF EXISTS {NAME}" + ("" if sqlite else " ON participations"))
    if not sqlite:
        op.execute(f"DROP FUNCTION IF EXISTS {NAME}()")
    _name, timing, change, table, _when, body = next(t for t in tallies.triggers() if t[0] == NAME)
    build = tallies._sqlite if sqlite else tallies._postgresql
    for statement in build(NAME, timing, change, table, condition, body):
        op.execute(statement)


def upgrade() -> None:
    _replace(COUNT_CHANGED)


def downgrade() -> None:
    _replace(_tallies().PARTICIPATION_CHANGED)
