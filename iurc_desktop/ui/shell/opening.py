"""The main window's first state: on screen at once, saying which database it is opening.

The database layer (SQLAlchemy, migrations) takes longer to load than the window
itself, so the window paints first with this message and the pages follow in the
same window once the database is open (see `MainWindow.attach`).
"""

from __future__ import annotations

import os
from pathlib import PurePath

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

DB_ENV = "IURC_DB"  # the same variable core.db reads; repeated here so naming it needs no database code
DEFAULT_NAME = "iurc.db"


def database_label(url: str | None) -> str:
    """A short name for the database at `url` (a file's name, or host/database; never a password)."""
    chosen = url or os.environ.get(DB_ENV) or ""
    if not chosen:
        return DEFAULT_NAME
    if "://" not in chosen:
        return PurePath(chosen).name or chosen
    scheme, rest = chosen.split("://", 1)
    if scheme.split("+", 1)[0] == "sqlite":
        return PurePath(rest.lstrip("/")).name if rest.strip("/") else "an in-memory database"
    where = rest.rsplit("@", 1)[-1]  # drop user:password@
    return where.split("?", 1)[0] or scheme


class OpeningView(QLabel):
    """A centred 'Opening <name>…' in place of the pages."""

    def __init__(self, url: str | None, parent: QWidget | None = None) -> None:
        super().__init__(f"Opening {database_label(url)}…", parent)
        self.setObjectName("OpeningView")
        self.setAccessibleName("Opening the database")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.setFont(font)
        self.setEnabled(False)  # drawn in the palette's muted text colour: a state, not content
