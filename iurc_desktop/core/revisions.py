"""The schema revisions this version knows, read from the migration files (no alembic, no database)."""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path

from .errors import DatabaseError


def migrations_dir() -> Path:
    """The alembic folder: beside this module, or inside a frozen bundle."""
    base = Path(getattr(sys, "_MEIPASS", "")) / "iurc_desktop" / "core" if getattr(sys, "frozen", False) else Path(__file__).parent
    return base / "migrations"


_REVISION = re.compile(r"^(down_revision|revision)\s*=\s*['\"]?([\w-]+|None)['\"]?", re.MULTILINE)


@lru_cache(maxsize=1)
def known_revisions() -> tuple[frozenset[str], str]:
    """Every schema revision this version knows, and the newest, read from the migration files.

    Read as text so that opening an up-to-date database never imports alembic (start-up time).
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (migrations_dir() / "versions").glob("*.py"):
        fields = dict((m.group(1), m.group(2)) for m in _REVISION.finditer(path.read_text(encoding="utf-8")))
        if "revision" in fields:
            revisions.add(fields["revision"])
            if fields.get("down_revision", "None") != "None":
                parents.add(fields["down_revision"])
    heads = revisions - parents
    if len(heads) != 1:
        raise DatabaseError(f"The migrations in {migrations_dir()} have {len(heads)} heads; expected one.")
    return frozenset(revisions), heads.pop()


def head_revision() -> str:
    return known_revisions()[1]
