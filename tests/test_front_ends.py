"""The window and the command line reach the data only through the use cases of `app/`.

import-linter (pyproject.toml) keeps sessions and ORM models out of their imports;
these checks read their source for what an import contract cannot see: a database
handle's own transaction methods, and in-package modules imported by name.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "iurc_desktop"
FRONT_ENDS = sorted([*(PACKAGE / "ui").rglob("*.py"), *(PACKAGE / "cli").rglob("*.py")])
SESSION_CALLS = re.compile(r"\.(transaction|reading|sessions)\(\)")
# Only the optional window is loaded by name (the command line works without Qt).
BY_NAME_ALLOWED = {"iurc_desktop.ui.shell.app", "iurc_desktop.ui.shell.screenshot"}


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name


def session_calls(paths: list[Path]) -> list[str]:
    return [f"{_relative(p)}:{n}" for p in paths for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
            if SESSION_CALLS.search(line)]


def modules_imported_by_name(paths: list[Path]) -> list[str]:
    """String arguments naming a module of this package, passed to a call (import_module, optional, __import__)."""
    found = []
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                value = node.args[0].value
                if isinstance(value, str) and re.fullmatch(r"iurc_desktop(\.\w+)+", value) and value not in BY_NAME_ALLOWED:
                    found.append(f"{_relative(path)}:{node.lineno} {value}")
    return found


def test_front_ends_open_no_transaction_of_their_own() -> None:
    assert FRONT_ENDS and session_calls(FRONT_ENDS) == []


def test_the_check_finds_a_front_end_that_opens_a_transaction(tmp_path: Path) -> None:
    planted = tmp_path / "page.py"
    planted.write_text("def refresh(db):\n    with db.reading() as session:\n        pass\n", encoding="utf-8")
    assert session_calls([planted]) == ["page.py:2"]


def test_no_module_of_the_package_is_imported_by_name_but_the_optional_window() -> None:
    assert modules_imported_by_name(sorted(PACKAGE.rglob("*.py"))) == []


def test_the_check_finds_a_module_imported_by_name(tmp_path: Path) -> None:
    planted = tmp_path / "cmd.py"
    planted.write_text("import importlib\nmod = importlib.import_module('iurc_desktop.core.programme.demo')\n", encoding="utf-8")
    assert modules_imported_by_name([planted]) == ["cmd.py:2 iurc_desktop.core.programme.demo"]
