"""The layering rules hold: core and exchange never import Qt; ui | cli -> app -> exchange -> core;
the front ends hold no session or ORM model; no import circles.

The contracts live in pyproject.toml ([tool.importlinter]) and are checked by
import-linter; a second test proves the same contracts do break on a violation,
so the first one cannot pass by accident.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "iurc_desktop"


def _lint_imports(cwd: Path, *, pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the venv's lint-imports on the pyproject.toml in `cwd`."""
    exe = Path(sys.executable).parent / "lint-imports"
    if not exe.exists():
        pytest.fail(f"lint-imports not found next to {sys.executable}: install the test extra (pip install -e .[test])")
    # The copy on PYTHONPATH shadows the editable install, whose finder comes after the path.
    env = None if pythonpath is None else {**os.environ, "PYTHONPATH": str(pythonpath)}
    return subprocess.run(
        [str(exe), "--no-cache", "--no-logo", "--config", str(cwd / "pyproject.toml")],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_import_contracts_are_kept() -> None:
    """Every import-linter contract in pyproject.toml is kept by the real package."""
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
    assert "core and exchange never import Qt KEPT" in result.stdout


def _copy_package(target: Path) -> Path:
    """A copy of the package and its pyproject.toml under `target`, without caches."""
    shutil.copytree(PACKAGE, target / "iurc_desktop", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copy2(ROOT / "pyproject.toml", target / "pyproject.toml")
    return target / "iurc_desktop"


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("core/_qt_leak.py", "from PySide6.QtCore import QObject\n"),
        ("exchange/_qt_leak.py", "import shiboken6\n"),
    ],
)
def test_contract_breaks_when_core_or_exchange_imports_qt(tmp_path: Path, module: str, source: str) -> None:
    """A Qt import planted in a copy of core or exchange makes lint-imports fail, naming the module."""
    package = _copy_package(tmp_path)
    (package / module).write_text(textwrap.dedent(source), encoding="utf-8")
    result = _lint_imports(tmp_path, pythonpath=tmp_path)
    planted = "iurc_desktop." + module.removesuffix(".py").replace("/", ".")
    assert result.returncode != 0, result.stdout + result.stderr
    assert "core and exchange never import Qt BROKEN" in result.stdout
    assert planted in result.stdout


def test_contract_breaks_when_core_imports_exchange(tmp_path: Path) -> None:
    """core importing exchange (upwards) breaks the layers contract."""
    package = _copy_package(tmp_path)
    (package / "core" / "_upwards.py").write_text("import iurc_desktop.exchange\n", encoding="utf-8")
    result = _lint_imports(tmp_path, pythonpath=tmp_path)
    assert result.returncode != 0, result.stdout + result.stderr
    assert "layers: ui | cli -> app -> exchange -> core BROKEN" in result.stdout
    assert "iurc_desktop.core._upwards" in result.stdout


@pytest.mark.parametrize(
    ("module", "source", "contract"),
    [
        ("ui/_session.py", "from sqlalchemy.orm import Session\n", "front ends hold no session or ORM model"),
        ("cli/_models.py", "from iurc_desktop.core.models import Person\n", "front ends hold no session or ORM model"),
        ("ui/_db.py", "from iurc_desktop.core.db import open_database\n", "front ends hold no session or ORM model"),
        ("app/_window.py", "import iurc_desktop.ui\n", "layers: ui | cli -> app -> exchange -> core"),
        ("exchange/_use_case.py", "import iurc_desktop.app.calendars\n", "layers: ui | cli -> app -> exchange -> core"),
        ("exchange/_transaction.py", "from iurc_desktop.core.db import Database\n", "exchange opens no transaction"),
    ],
)
def test_each_layer_contract_breaks_on_a_planted_import(tmp_path: Path, module: str, source: str, contract: str) -> None:
    """A front end reaching for the database layer, or a layer importing upwards, makes lint-imports fail."""
    package = _copy_package(tmp_path)
    (package / module).write_text(source, encoding="utf-8")
    result = _lint_imports(tmp_path, pythonpath=tmp_path)
    assert result.returncode != 0, result.stdout + result.stderr
    assert f"{contract} BROKEN" in result.stdout
    assert "iurc_desktop." + module.removesuffix(".py").replace("/", ".") in result.stdout


def _importable_modules() -> list[str]:
    """Every module under core/ and exchange/, except alembic's env.py, which only runs inside alembic."""
    names = []
    for layer in ("core", "exchange"):
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            name = ".".join(parts)
            if name != "iurc_desktop.core.migrations.env":
                names.append(name)
    return names


def _qt_loaded_after_importing(modules: list[str]) -> list[str]:
    """Qt modules present in sys.modules after a fresh interpreter imports `modules`."""
    script = textwrap.dedent(
        f"""
        import importlib, sys
        for name in {modules!r}:
            importlib.import_module(name)
        print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))))
        """
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return [name for name in result.stdout.strip().split(",") if name]


def test_importing_core_and_exchange_loads_no_qt() -> None:
    """Importing every core and exchange module in a fresh interpreter leaves PySide6 and shiboken6 unloaded."""
    modules = _importable_modules()
    assert "iurc_desktop.core.models" in modules
    assert _qt_loaded_after_importing(modules) == []


def test_qt_probe_sees_qt_when_it_is_imported() -> None:
    """The probe above does report Qt when a module does load it (so an empty answer means something)."""
    assert "PySide6.QtCore" in _qt_loaded_after_importing(["iurc_desktop.core.models", "PySide6.QtCore"])


def import_cycles(package: str = "iurc_desktop") -> set[frozenset[str]]:
    """Each circle of imports, as the modules on it (type-only and in-function imports count)."""
    import grimp

    graph = grimp.build_graph(package, cache_dir=None)
    cycles: set[frozenset[str]] = set()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            back = graph.find_shortest_chain(importer=imported, imported=module)
            if back:
                cycles.add(frozenset(back))
    return cycles


def test_no_import_cycles() -> None:
    """No module of iurc_desktop reaches itself through its imports."""
    cycles = import_cycles()
    assert not cycles, "import cycles:\n" + "\n".join(" <-> ".join(sorted(cycle)) for cycle in sorted(cycles, key=sorted))


def test_the_cycle_finder_sees_a_planted_cycle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two modules importing each other (one only for type checking) are found as one cycle."""
    package = tmp_path / "planted"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "window.py").write_text("from . import menus\n", encoding="utf-8")
    (package / "menus.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .window import Window\n", encoding="utf-8")
    (package / "alone.py").write_text("from . import menus\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert import_cycles("planted") == {frozenset({"planted.window", "planted.menus"})}
