"""Columns of the outbox and of the send logs (person page, participants tab), from app.outbox's plain rows."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import TYPE_CHECKING

from ...core import local_times, timeutil
from .table import Column

if TYPE_CHECKING:
    from ...app.outbox import OutboxRow

# What each state means to the person reading the log.
STATE_LABELS = {
    "queued": "queued", "sending": "sending", "sent": "sent", "failed": "failed", "cancelled": "cancelled",
    "review": "to review",
}


def on_clock(value: object, viewer_zone: str) -> str:
    """A stored instant on the viewer's clock ('2026-12-06 15:05'), or '' when there is none."""
    if not isinstance(value, datetime):
        return ""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)  # stored in UTC
    return local_times.stamp(timeutil.to_local(aware, viewer_zone))


def recipient(row: OutboxRow) -> str:
    """'Ane Etxeberria <ane@example.eus>', or the address alone."""
    return f"{row.to_name} <{row.to_address}>" if row.to_name else row.to_address


def state_label(state: object) -> str:
    return STATE_LABELS.get(str(state), str(state))


def outbox_columns(viewer_zone: str) -> tuple[Column, ...]:
    """The Outbox page's columns: to, subject, kind, event, queued, sent, attempts, last error."""
    yours = f"on your clock ({viewer_zone})"
    return (
        Column("To", recipient),
        Column("Subject", "subject"),
        Column("Kind", "kind"),
        Column("Event", "event_code", fmt=lambda v: str(v or "")),
        Column("Queued", lambda r: on_clock(r.queued_at, viewer_zone), tooltip=yours),
        Column("Sent", lambda r: on_clock(r.sent_at, viewer_zone), tooltip=yours),
        Column("Attempts", "attempts", numeric=True),
        Column("Last error", "last_error", fmt=lambda v: str(v or ""), tooltip="what the mail server answered"),
    )


def send_log_columns(viewer_zone: str, *, with_recipient: bool = False) -> tuple[Column, ...]:
    """A send log's columns: what, when, status (and to whom, on an event's list)."""
    columns = [
        Column("Sent or queued", lambda r: on_clock(r.sent_at or r.queued_at, viewer_zone),
               tooltip=f"when it went, else when it was queued; on your clock ({viewer_zone})"),
        Column("What", "subject"),
        Column("Kind", "kind"),
        Column("Event", "event_code", fmt=lambda v: str(v or "")),
        Column("Status", "state", fmt=state_label),
        Column("Last error", "last_error", fmt=lambda v: str(v or "")),
    ]
    if with_recipient:
        columns.insert(1, Column("To", recipient))
    return tuple(columns)
