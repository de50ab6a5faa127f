"""Whole-event administration: removing an event (the undo of duplicating one)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from .listing import get_event_model


def delete_event(session: Session, code: str) -> None:
    """Remove the event `code` with its items, groups, participations, travel and stays; NotFound if unknown."""
    event = get_event_model(session, code)
    session.delete(event)  # the model's cascades remove what belongs to the event
    session.flush()
