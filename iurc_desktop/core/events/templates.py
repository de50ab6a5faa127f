"""Events from templates: duplicate an event to new dates, keeping local times and zones.

An item whose moved start or end the clocks skip or repeat is refused with both readings named, or with a chosen
reading placed at its own length (`core.clock_changes`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import timeutil
from ..clock_changes import ClockChangeRefused, ItemTime, place
from ..errors import Conflict, ValidationError
from ..models import Event, Group, Item, ItemPerson, Participation, StatusChange
from ..team.who import by_or_current
from ..vocab import WITHDRAWN
from .listing import get_event_model

CODE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{1,78}[a-z0-9]$")


@dataclass(frozen=True)
class DuplicateResult:
    code: str
    event_id: int
    items: int
    participants: int
    warnings: tuple[str, ...]


def duplicate_event(
    session: Session, code: str, *, new_code: str, new_start: date, with_participants: bool = False, by: str = "",
    dst: str | None = None,
) -> DuplicateResult:
    """Copy event `code` as `new_code` starting on `new_start`: items keep their local times, groups kept, new UIDs.

    A moved time the clocks skip or repeat refuses the copy (ClockChangeRefused) unless `dst` ('earlier' or 'later')
    picks its reading; the item then keeps its length and the warnings say where it went.
    """
    source = get_event_model(session, code)
    if not CODE_PATTERN.match(new_code):
        raise ValidationError(f"{new_code!r} is not a usable event code: use lower-case letters, digits and hyphens (e.g. r2r-japan-2027).")
    if session.scalar(select(Event.id).where(Event.code == new_code)) is not None:
        raise Conflict(f"An event with the code {new_code} already exists; choose another code.")
    days = new_start - source.start_date
    copy = Event(
        code=new_code, kind=source.kind, title=source.title, theme=source.theme, zone=source.zone,
        start_date=new_start, end_date=source.end_date + days, capacity=source.capacity,
        organiser_name=source.organiser_name, organiser_email=source.organiser_email, status="planned",
        cluster_id=source.cluster_id, url=source.url, description=source.description, visa_days=source.visa_days,
    )
    groups = {g.id: Group(name=g.name) for g in source.groups}
    copy.groups = list(groups.values())
    warnings: list[str] = []
    found: list[ItemTime] = []
    for item in source.items:
        at = place(item.key, item.title, _moved_wall(item.start_utc, item.zone, days), _moved_wall(item.end_utc, item.zone, days),
                   item.zone, item.end_utc - item.start_utc, dst, found)
        warnings += [at.note] if at.note else []
        new_item = Item(
            key=item.key, title=item.title, kind=item.kind, start_utc=at.start, end_utc=at.end, zone=item.zone,
            place=item.place, host_id=item.host_id, url=item.url, notes=item.notes, status="scheduled",
            groups=[groups[g.id] for g in item.groups],
        )
        if with_participants:
            new_item.assigned = [ItemPerson(person_id=a.person_id, role=a.role) for a in item.assigned]
        copy.items.append(new_item)
    if found:
        raise ClockChangeRefused(found)
    session.add(copy)
    participants = 0
    if with_participants:
        now = timeutil.utc_now()
        for part in source.participations:
            if part.status in WITHDRAWN:
                continue
            new_part = Participation(person_id=part.person_id, role=part.role, status="invited",
                                     group=groups.get(part.group_id) if part.group_id else None)
            new_part.history.append(StatusChange(at_utc=now, by=by_or_current(by), from_status="", to_status="invited", reason=f"copied from {code}"))
            copy.participations.append(new_part)
            participants += 1
    session.flush()
    return DuplicateResult(new_code, copy.id, len(copy.items), participants, tuple(warnings))


def _moved_wall(instant: datetime, zone: str, days: timedelta) -> datetime:
    """The naive wall-clock time of `instant` in the zone, `days` later."""
    return timeutil.to_local(instant, zone).replace(tzinfo=None) + days
