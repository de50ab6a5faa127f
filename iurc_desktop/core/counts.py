"""Counts as people read them: '1 event', '2 events'."""

from __future__ import annotations


def counted(number: int, noun: str, plural: str = "") -> str:
    """'1 travel leg', '3 travel legs'; `plural` where adding an 's' is wrong ('1 person', '2 people')."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
