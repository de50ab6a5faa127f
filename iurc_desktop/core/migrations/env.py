"""Alembic environment: runs on the connection handed over by `core.db.upgrade`."""

from __future__ import annotations

from alembic import context

from iurc_desktop.core.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only for `alembic revision --autogenerate` by developers
    from iurc_desktop.core.db import make_engine, resolve_url

    connection = make_engine(resolve_url(None)).connect()

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
