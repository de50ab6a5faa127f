"""Qt's feature import hook, switched off: the app selects none of the `__feature__` options it serves.

Once PySide6 is loaded, every import statement goes through its `__feature_import__`, which
reads the source of each newly imported module to see whether it mentions PySide6, so that a
feature selected by importing it from `__feature__` (snake_case, true_property) can apply per
module. This app selects no feature (tests/ui/test_startup.py checks), so the
reading only costs time: a fifth more to load SQLAlchemy and the models after the first paint,
and a share of loading the window's own modules before it. The hook hands each import on to
PySide's lazy import (`__orig_import__`); imports go to that directly instead.
"""

from __future__ import annotations

import builtins

import PySide6  # noqa: F401 - loading Qt's binding installs the hook


def drop_feature_hook() -> None:
    """Later imports skip the feature bookkeeping and go straight to PySide's lazy import."""
    lazy = getattr(builtins, "__orig_import__", None)
    if lazy is not None:
        builtins.__import__ = lazy


drop_feature_hook()
