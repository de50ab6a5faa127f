"""What `show` and `events` print: an event's rows and detail as JSON or readable text."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from ..app.travel import LegView, StayView, leg_record, stay_record
from ..core import local_times, timeutil
from ..core.events.listing import EventDetail, EventRow, ItemView, ParticipantView
from .output import format_table, iso


def event_row_json(row: EventRow) -> dict[str, object]:
    return {
        "code": row.code,
        "kind": row.kind,
        "title": row.title,
        "theme": row.theme,
        "start": row.start.isoformat(),
        "end": row.end.isoformat(),
        "zone": row.zone,
        "status": row.status,
        "capacity": row.capacity,
        "counts": {"participants": row.participants, "confirmed": row.confirmed, "items": row.items, "groups": row.groups},
    }


def events_text(rows: list[EventRow]) -> str:
    if not rows:
        return "No events yet. Load the demo with `iurc-desktop demo` or a programme file with `iurc-desktop load FILE`.\n"
    table = [
        (r.code, r.kind, r.start.isoformat(), r.end.isoformat(), r.zone, r.participants, r.confirmed, r.items, r.groups, r.title)
        for r in rows
    ]
    headers = ("CODE", "KIND", "START", "END", "ZONE", "PEOPLE", "CONFIRMED", "ITEMS", "GROUPS", "TITLE")
    return format_table(headers, table)


def viewer_times(start: datetime, end: datetime, viewer_zone: str) -> dict[str, str]:
    """The same instants in the viewer's zone, ISO 8601 with offsets."""
    return {"viewer_start": iso(timeutil.to_local(start, viewer_zone)), "viewer_end": iso(timeutil.to_local(end, viewer_zone))}


def item_json(item: ItemView, viewer_zone: str | None) -> dict[str, object]:
    data: dict[str, object] = {
        "key": item.key,
        "title": item.title,
        "kind": item.kind,
        "start": iso(item.start),
        "end": iso(item.end),
        "zone": item.zone,
        "place": item.place,
        "host": item.host,
        "groups": list(item.groups),
        "status": item.status,
    }
    if viewer_zone:
        data.update(viewer_times(item.start, item.end, viewer_zone))
    return data


def participant_json(part: ParticipantView) -> dict[str, object]:
    return {
        "name": part.name,
        "local_name": part.local_name,
        "email": part.email,
        "organisation": part.organisation,
        "country": part.country,
        "role": part.role,
        "status": part.status,
        "group": part.group,
    }


def event_json(
    detail: EventDetail, viewer_zone: str | None = None, legs: Sequence[LegView] = (), stays: Sequence[StayView] = (),
) -> dict[str, object]:
    """An event with items in their own local times (ISO 8601 with offsets, zone names), participants, legs and stays.

    Legs and stays are in the programme file's shape with the id that `edit` and `remove` name them by.
    """
    data = event_row_json(detail.row)
    data["organiser"] = {"name": detail.organiser_name, "email": detail.organiser_email}
    data["groups"] = list(detail.group_names)
    data["viewer_zone"] = viewer_zone
    data["items"] = [item_json(item, viewer_zone) for item in detail.items]
    data["participants"] = [participant_json(p) for p in detail.participants]
    data["travel"] = [leg_record(leg) for leg in legs]
    data["stays"] = [stay_record(stay) for stay in stays]
    return data


def _item_cells(item: ItemView, viewer_zone: str | None) -> list[str]:
    title = item.title + (" (cancelled)" if item.status == "cancelled" else "")
    cells = [f"{item.start:%a %Y-%m-%d}", local_times.span_in_zone(item.start, item.end), item.zone]
    if viewer_zone:
        cells.append(beside(item.start, item.end, viewer_zone))
    groups = ", ".join(item.groups) if item.groups else "all"
    return cells + [groups, item.place, title]


def beside(start: datetime, end: datetime, viewer_zone: str) -> str:
    """The viewer's local span, or '(same)' where the viewer's clock reads the same."""
    mine = local_times.on_clock(start, end, viewer_zone)
    return local_times.dated_span(*mine) if mine else "(same)"


def event_text(detail: EventDetail, viewer_zone: str | None = None) -> str:
    row = detail.row
    lines = [
        f"{row.code}  {row.title}",
        f"{row.kind} · {row.theme or 'no theme'} · {row.start} – {row.end} · {row.zone} · {row.status}",
    ]
    if detail.organiser_name or detail.organiser_email:
        lines.append(f"Organiser: {detail.organiser_name} <{detail.organiser_email}>".replace(" <>", ""))
    if detail.group_names:
        lines.append("Groups: " + ", ".join(detail.group_names))
    capacity = f" of {row.capacity}" if row.capacity else ""
    lines.append(f"Participants: {row.participants}{capacity} ({row.confirmed} confirmed) · Items: {row.items}")
    lines.append("")
    lines.append(f"Items (local times; {viewer_zone} beside)" if viewer_zone else "Items (local times)")
    if detail.items:
        headers = ["DATE", "TIME", "ZONE"] + ([viewer_zone] if viewer_zone else []) + ["GROUPS", "PLACE", "TITLE"]
        lines.append(format_table(headers, [_item_cells(i, viewer_zone) for i in detail.items]).rstrip("\n"))
    else:
        lines.append("  none yet")
    lines.append("")
    lines.append("Participants")
    if detail.participants:
        table = [(p.name, p.local_name, p.email, p.organisation, p.role, p.status, p.group) for p in detail.participants]
        headers = ("NAME", "OWN SCRIPT", "E-MAIL", "ORGANISATION", "ROLE", "STATUS", "GROUP")
        lines.append(format_table(headers, table).rstrip("\n"))
    else:
        lines.append("  none yet")
    return "\n".join(lines) + "\n"
