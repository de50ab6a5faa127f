"""Times on screen that need Qt or the viewer: this computer's zone, and a span on the viewer's clock."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QTimeZone

from ..core import local_times, timeutil


def system_zone() -> str:
    """The IANA zone of this computer, or UTC when the system does not say."""
    name = bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace")
    return name if name and timeutil.is_zone(name) else "UTC"


def viewer_span(start: datetime, end: datetime, viewer_zone: str) -> str:
    """The same span on the viewer's clock, or '' when it reads the same as the local one."""
    mine = local_times.on_clock(start, end, viewer_zone)
    if mine is None:
        return ""
    text = local_times.span(*mine)
    return text if mine[0].date() == start.date() else f"{text} on {local_times.short_day(mine[0].date())}"
