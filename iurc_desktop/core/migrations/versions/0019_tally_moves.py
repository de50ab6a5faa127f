"""A participation moving between two statuses that both hold a place leaves the running totals alone.

0015's trigger on a participation's update fired on any change of status that
touched a place-holding one, so `confirmed` → `attended` took away one and
added one back: the same totals, but each writer locked its event's and its
people's label rows until it committed. On PostgreSQL two staff marking
attendance in one event then waited for each other. The trigger now fires only
when what counts changes: a place taken or given up, or the participation
moved to another event or person. Its statements stay as 0015 wrote them: on
SQLite the trigger is created again from its stored text with the new
condition; on PostgreSQL the condition is the trigger's and its function stays.

Revision ID: 0019
Revises: 0018
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

NAME = "tally_participations_update"
CHANGE = "AFTER UPDATE OF status, event_id, person_id ON participations FOR EACH ROW"
# Mirrors vocab.HOLDS_PLACE at this revision.
HOLDS = "IN ('confirmed', 'attended')"
# 0015's condition, as it wrote it.
ANY_MOVE = (f"(OLD.status {HOLDS} OR NEW.status {HOLDS}) AND (OLD.status <> NEW.status "
            "OR OLD.event_id <> NEW.event_id OR OLD.person_id <> NEW.person_id)")
COUNT_MOVES = (f"(OLD.status {HOLDS} OR NEW.status {HOLDS}) AND (OLD.event_id <> NEW.event_id "
               f"OR OLD.person_id <> NEW.person_id OR (OLD.status {HOLDS}) <> (NEW.status {HOLDS}))")


def _replace(old: str, new: str) -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        stored = bind.execute(sa.text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :name"),
                              {"name": NAME}).scalar_one()
        if f"WHEN {old} BEGIN" not in stored:
            raise RuntimeError(f"{NAME} is not as expected: {stored[:200]}")
        op.execute(f"DROP TRIGGER {NAME}")
        op.execute(stored.replace(f"WHEN {old} BEGIN", f"WHEN {new} BEGIN"))
    else:
        op.execute(f"DROP TRIGGER {NAME} ON participations")
        op.execute(f"CREATE TRIGGER {NAME} {CHANGE} WHEN ({new}) EXECUTE FUNCTION {NAME}()")


def upgrade() -> None:
    _replace(ANY_MOVE, COUNT_MOVES)


def downgrade() -> None:
    _replace(COUNT_MOVES, ANY_MOVE)
