"""The layering rules hold: core and exchange never import Qt; ui -> exchange -> core.

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
    assert "layers: ui -> exchange -> core BROKEN" in result.stdout
    assert "iurc_desktop.core._upwards" in result.stdout


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


# Import cycles still open in other areas of the package, each named by its modules; mend one, then drop it here.
KNOWN_CYCLES: frozenset[frozenset[str]] = frozenset({
    frozenset({"iurc_desktop.core.models", "iurc_desktop.core.search_text"}),
    frozenset({"iurc_desktop.exchange.csv_writer", "iurc_desktop.exchange.roster_table", "iurc_desktop.exchange.xlsx_writer"}),
    frozenset({"iurc_desktop.ui.dialogs.import_pages", "iurc_desktop.ui.dialogs.import_wizard"}),
})


def import_cycles(package: str = "iurc_desktop") -> set[frozenset[str]]:
    """The groups of modules that import one another in a circle (type-only and in-function imports count)."""
    import grimp

    graph = grimp.build_graph(package, cache_dir=None)
    imports = {module: sorted(graph.find_modules_directly_imported_by(module)) for module in graph.modules}
    order: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: set[frozenset[str]] = set()
    for root in sorted(imports):  # Tarjan's strongly connected components, without recursion
        if root in order:
            continue
        work = [(root, iter(imports.get(root, ())))]
        order[root] = lowest[root] = len(order)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, pending = work[-1]
            step = next(pending, None)
            if step is not None:
                if step not in order:
                    order[step] = lowest[step] = len(order)
                    stack.append(step)
                    on_stack.add(step)
                    work.append((step, iter(imports.get(step, ()))))
                elif step in on_stack:
                    lowest[module] = min(lowest[module], order[step])
                continue
            work.pop()
            if work:
                lowest[work[-1][0]] = min(lowest[work[-1][0]], lowest[module])
            if lowest[module] == order[module]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == module:
                        break
                if len(group) > 1:
                    cycles.add(frozenset(group))
    return cycles


def test_no_import_cycles() -> None:
    """No module of iurc_desktop reaches itself through its imports (beyond the few known, listed above)."""
    new = {cycle for cycle in import_cycles() if cycle not in KNOWN_CYCLES}
    assert not new, "import cycles:\n" + "\n".join(" <-> ".join(sorted(cycle)) for cycle in sorted(new, key=sorted))


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
