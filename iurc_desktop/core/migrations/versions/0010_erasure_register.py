"""The erasure register: who was erased, as a salted hash of the e-mail and the day (see core/people/erasure_register.py).

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "erasures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("salt", sa.String(64), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("erased_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasures")),
        sa.UniqueConstraint("salt", "digest", name=op.f("uq_erasures_salt")),
    )
    op.create_table(
        "erasure_salt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("salt", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasure_salt")),
    )


def downgrade() -> None:
    op.drop_table("erasure_salt")
    op.drop_table("erasures")
