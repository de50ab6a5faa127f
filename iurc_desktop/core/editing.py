"""What may be edited, and text as it is stored."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from . import text_gate
from .errors import ValidationError


def check_editable(what: str, changes: Mapping[str, object], editable: Iterable[str]) -> None:
    """Refuse fields that cannot be edited, naming those that can."""
    allowed = tuple(editable)
    unknown = sorted(set(changes) - set(allowed))
    if unknown:
        raise ValidationError(f"Cannot change {', '.join(unknown)} of {what} (editable: {', '.join(allowed)}).")


def clean_text(value: object, label: str, limit: int, *, required: bool) -> str:
    """`value` as one line of text within `limit` characters; ValidationError naming `label` otherwise."""
    if not isinstance(value, str):
        raise ValidationError(f"{label}: expected text, got {type(value).__name__}")
    refused = text_gate.problem(value)  # before joining the words: some of these count as spaces
    if refused:
        raise ValidationError(f"{label}: {refused}")
    text = " ".join(value.split())  # no stray newlines or double spaces from a paste
    if required and not text:
        raise ValidationError(f"{label}: must not be empty")
    if len(text) > limit:
        raise ValidationError(f"{label}: {len(text)} characters is too long (at most {limit})")
    return text
