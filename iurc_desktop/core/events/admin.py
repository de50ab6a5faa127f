"""Whole-event administration: renaming and removing an event (removing is the undo of duplicating one)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..editing import clean_text
from ..models import Event
from ..team.concurrency import save_with_version
from .listing import get_event_model

TITLE_MAX = 300


def delete_event(session: Session, code: str) -> None:
    """Remove the event `code` with its items, groups, participations, travel and stays; NotFound if unknown."""
    event = get_event_model(session, code)
    session.delete(event)  # the model's cascades remove what belongs to the event
    session.flush()


def rename_event(session: Session, code: str, title: str, *, expected_version: int | None = None) -> str:
    """Set an event's title; returns the old title. A calendar-visible change, so the sequence rises.

    With `expected_version`, raises EditConflict if the event was saved by someone else since.
    """
    event = get_event_model(session, code)
    new = clean_text(title, f"{code}.title", TITLE_MAX, required=True)
    old = event.title
    if expected_version is not None:
        save_with_version(session, Event, event.id, expected_version, {"title": new})  # raises the sequence too
        return old
    if new != old:
        event.title = new
        session.flush()
    return old
