"""The command line and the window's shell reach the data only through `app`: no SQLAlchemy, no sessions."""

from __future__ import annotations

import re
from pathlib import Path

import grimp
import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "iurc_desktop"
FRONT_END_MODULES = [
    "cli", "cli.show", "cli.itinerary", "cli.backup", "cli.database", "cli.output", "cli.planning",
    "ui.operations", "ui.file_actions", "ui.opening", "ui.main_window", "ui.menus", "ui.event_actions", "ui.app",
    "ui.screenshot", "ui.nav_pages", "ui.page_registry", "ui.errors", "ui.shell",
    "ui.dialogs.duplicate_dialog", "ui.dialogs.search_dialog", "ui.dialogs.connect_dialog", "ui.dialogs.settings_dialog",
    "ui.team", "ui.team.mode", "ui.team.selection",
]
FORBIDDEN = ("sqlalchemy", "iurc_desktop.core.db", "iurc_desktop.core.models")
# Sessions still opened in these modules by commands that go through the app in their own change:
# `transaction_with_output` serves only `export`, and `invite` keeps its handler in planning.py.
SESSIONS_LEFT: dict[str, int] = {}
SESSION = re.compile(r"\.(transaction|reading)\(\)|\bSession\b")


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("iurc_desktop", include_external_packages=True, cache_dir=None)


@pytest.mark.parametrize("module", FRONT_END_MODULES)
def test_imports_no_database_layer(graph: grimp.ImportGraph, module: str) -> None:
    imported = graph.find_modules_directly_imported_by(f"iurc_desktop.{module}")
    bad = sorted(name for name in imported if any(name == f or name.startswith(f + ".") for f in FORBIDDEN))
    assert bad == []


@pytest.mark.parametrize("module", FRONT_END_MODULES)
def test_opens_no_session(module: str) -> None:
    path = PACKAGE.joinpath(*module.split("."))
    source = (path / "__init__.py" if path.is_dir() else path.with_suffix(".py")).read_text(encoding="utf-8")
    lines = [line for line in source.splitlines() if SESSION.search(line)]
    assert len(lines) == SESSIONS_LEFT.get(module, 0), lines
