"""What every command shares: opening the chosen database, optional parts, and checking output paths."""

from __future__ import annotations

import argparse
import functools
import importlib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from .output import OutputError
from ..core.errors import IurcError, disk_full, is_disk_full

if TYPE_CHECKING:  # the window opens before the database layer loads (see ui.shell.app)
    from ..app.database import Database


class Unavailable(IurcError):
    """A command or option this installation cannot serve yet."""


class database:  # noqa: N801 - used as `with database(args) as db:`
    """`with database(args) as db:` opens (and migrates) the chosen database and always disposes it."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.url = args.db

    def __enter__(self) -> Database:
        from ..app import database as app_database

        self.db = app_database.open(self.url)
        return self.db

    def __exit__(self, *exc: object) -> None:
        self.db.dispose()


def optional(module: str, what: str) -> ModuleType:
    """Import a part of the app that may be missing from this installation; say so plainly if it is."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name is None or not module.startswith(exc.name):
            raise  # a missing dependency inside it is a real bug, not a missing feature
        raise Unavailable(f"{what}: not available in this installation of IURC Desktop yet.") from None


def writable_file(path: Path) -> Path:
    """`path` checked before any work: not a folder, and its folder exists."""
    path = Path(path).expanduser()
    if path.is_dir():
        raise OutputError(f"Cannot write {path}: it is a folder; give a file name.")
    if not path.resolve().parent.is_dir():
        raise OutputError(f"Cannot write {path}: the folder {path.resolve().parent} does not exist.")
    return path


def writable_folder(path: Path) -> Path:
    """`path` as an output folder: created if missing (its parent must exist), refused if it is a file."""
    path = Path(path).expanduser()
    if path.exists() and not path.is_dir():
        raise OutputError(f"Cannot write into {path}: it is a file; give a folder.")
    if not path.resolve().parent.is_dir():
        raise OutputError(f"Cannot write into {path}: the folder {path.resolve().parent} does not exist.")
    path.mkdir(exist_ok=True)
    return path


def naming_output(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """A write that fails (disk full, no permission) is told against the -o the user gave, not a temporary name."""

    @functools.wraps(handler)
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except OSError as exc:  # raised after the transaction rolled back and its files were removed
            if is_disk_full(exc):
                where = Path(args.output).expanduser().resolve().parent
                raise disk_full(where, outcome=f"Nothing was written to {args.output}.") from None
            raise OutputError(f"Cannot write {args.output}: {exc.strerror or exc}.") from None

    return run


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="machine-readable output")


Register = Callable[[argparse._SubParsersAction], None]  # type: ignore[type-arg]
