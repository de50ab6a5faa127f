"""Whole-event administration: create, edit, rename, remove (and put back), cancel (and reinstate) an event.

An event is written and checked as the programme file writes and checks it
(`validate_event`, `event_fields`), so the window, the command line and a loaded
file refuse the same values with the same words.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..editing import clean_text
from ..errors import ValidationError
from ..models import Event, Organisation
from ..programme.dump import dump_programme, event_fields
from ..programme.file import load_programme
from ..programme.schema import Plan
from ..programme.validate import validate_event
from ..programme.write import write
from ..team.concurrency import save_with_version
from .items import cancel_event, cancel_item, get_item_model
from .listing import get_event_model

TITLE_MAX = 300
# Fields the window and `edit event` change; the rest (url, description, cluster) stay as stored.
EDITABLE = ("code", "kind", "title", "theme", "zone", "zones", "start", "end", "capacity", "organiser", "status", "host",
            "visa_days")


@dataclass(frozen=True)
class Cancellation:
    """What a cancellation changed, to reinstate it: the event's status before and the items it cancelled."""

    code: str
    item_keys: tuple[str, ...]
    event_status: str | None  # None when only an item was cancelled


def create_event(session: Session, record: dict[str, Any]) -> dict[str, Any]:
    """Add an event from its programme-file record (groups included); returns the record as stored."""
    plan = validate_event(session, record)
    _refuse_taken(session, plan.code)
    write(session, Plan(events=[plan]))
    return event_fields(get_event_model(session, plan.code))


def event_record(session: Session, code: str) -> dict[str, Any]:
    """The event's own fields and groups in the programme file's shape."""
    return event_fields(get_event_model(session, code))


def update_event(session: Session, code: str, changes: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Change some of an event's fields (programme-file names); returns (old, new) values of the changed fields.

    Items keep their instants: a new zone or new dates move nothing, and the checks say what then falls outside.
    """
    changes = {name: (None if name == "host" and not value else value) for name, value in changes.items()}
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise ValidationError([f"{name}: not a field of an event that can be edited" for name in unknown])
    event = get_event_model(session, code)
    stored = event_fields(event)
    raw = {k: v for k, v in stored.items() if k not in ("uid", "sequence", "groups")}
    raw.update(changes)
    if "organiser" in changes:
        raw["organiser"] = {k: v for k, v in {**stored.get("organiser", {}), **changes["organiser"]}.items() if v}
    plan = validate_event(session, raw)
    if plan.code != code:
        _refuse_taken(session, plan.code)
    event.code = plan.code
    for name, value in plan.values.items():
        setattr(event, name, value)
    event.host = session.scalar(select(Organisation).where(Organisation.key == plan.host)) if plan.host else None
    session.flush()
    now = event_fields(event)
    old = {name: stored.get(name) for name in changes}
    if "organiser" in changes:
        old["organiser"] = stored.get("organiser", {"name": "", "email": ""})
    return old, {name: now.get(name) for name in changes}


def _refuse_taken(session: Session, code: str) -> None:
    if session.scalar(select(Event.id).where(Event.code == code)) is not None:
        raise ValidationError([f"code: another event already has the code {code!r}; choose another"])


def delete_event(session: Session, code: str) -> None:
    """Remove the event `code` with its items, groups, participations, travel and stays; NotFound if unknown."""
    event = get_event_model(session, code)
    session.delete(event)  # the model's cascades remove what belongs to the event
    session.flush()


def remove_event(session: Session, code: str) -> str:
    """Remove the event; returns it as a programme file (JSON text), the token that puts it back."""
    token = json.dumps(dump_programme(session, [code]), ensure_ascii=False)
    delete_event(session, code)
    return token


def restore_event(session: Session, token: str) -> str:
    """Put back an event removed by `remove_event`, same calendar UIDs; returns its code."""
    summary = load_programme(session, json.loads(token))
    return summary.event_codes[0]


def cancel(session: Session, code: str, item_key: str | None = None) -> Cancellation:
    """Cancel one item, or the whole event with every item not yet cancelled (SEQUENCE rises on each)."""
    if item_key:
        change = cancel_item(session, code, item_key)
        return Cancellation(code, (change.key,), None)
    before = get_event_model(session, code).status
    changes = cancel_event(session, code)
    return Cancellation(code, tuple(c.key for c in changes), before)


def reinstate(session: Session, cancellation: Cancellation) -> None:
    """Undo `cancel`: the items it cancelled are scheduled again and the event gets its status back."""
    event = get_event_model(session, cancellation.code)
    for key in cancellation.item_keys:
        get_item_model(session, event, key).status = "scheduled"
    if cancellation.event_status is not None:
        event.status = cancellation.event_status
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
