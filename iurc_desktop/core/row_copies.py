"""A deleted row kept as plain data (an undo token), and the row made again from it, same calendar UID included."""

from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar

T = TypeVar("T")
M = TypeVar("M")


def copy_of(row: Any, token: type[T], **extra: Any) -> T:
    """The frozen dataclass `token` filled from `row`'s attributes of the same names (`extra` for the others)."""
    return token(**{f.name: getattr(row, f.name) for f in fields(token) if f.name not in extra}, **extra)  # type: ignore[call-arg]


def row_from(model: type[M], copy: Any, *, leave: tuple[str, ...] = ()) -> M:
    """A new `model` row with the copy's fields (but those in `leave`, which are not columns of it)."""
    return model(**{f.name: getattr(copy, f.name) for f in fields(copy) if f.name not in leave})
