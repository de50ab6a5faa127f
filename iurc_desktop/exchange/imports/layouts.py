"""Recognising which tool wrote a file, and which of its tables hold people."""

from __future__ import annotations

from ...core.textfold import fold
from .tabular import Sheet, Table
from .values import has_cjk

# Tables whose header has one of these are meeting summaries, not people.
SUMMARY_COLUMNS = {"meeting id", "webinar id", "topic", "meeting title", "# registered", "unique viewers"}
# Sections that repeat people already listed (Teams' per-session activity log).
REPEAT_TITLES = ("in-meeting activit", "activities", "summary")
# Zoom webinar sections: the role of the people listed in each.
SECTION_ROLES = {"host details": "organiser", "panelist details": "speaker", "attendee details": "delegate"}
# Layouts that are reports of who attended a meeting rather than who registered.
ATTENDANCE = ("teams_attendance", "zoom_meeting_participants", "zoom_webinar_attendees")


def _keys(table: Table) -> set[str]:
    return {fold(h) for h in table.header if h}


def people_tables(sheet: Sheet) -> list[Table]:
    """The tables of the sheet that list people (summaries and repeated activity logs left out)."""
    out = []
    for table in sheet.tables:
        if _keys(table) & SUMMARY_COLUMNS:
            continue
        if any(marker in fold(table.title) for marker in REPEAT_TITLES) and len(out) > 0:
            continue
        out.append(table)
    return out


def section_role(table: Table) -> str | None:
    return SECTION_ROLES.get(fold(table.title))


def detect_layout(sheet: Sheet) -> str:
    """A short name of the tool that wrote the file, from its headers (see samples/README.md)."""
    keys: set[str] = set()
    for table in sheet.tables:
        keys |= _keys(table)
    first = fold(sheet.tables[0].header[0]) if sheet.tables and sheet.tables[0].header else ""
    if "participant id (upn)" in keys:
        return "teams_attendance"
    if "user name (original name)" in keys and "attended" in keys:
        return "zoom_webinar_attendees"
    if "name (original name)" in keys:
        return "zoom_meeting_participants"
    if "registration time" in keys and "approval status" in keys:
        return "zoom_registration"
    if "order #" in keys and "attendee status" in keys:
        return "eventbrite"
    if {"start time", "completion time"} <= keys:
        return "microsoft_forms"
    if first in ("timestamp", "horodateur", "zeitstempel", "marca temporal", "タイムスタンプ", "타임스탬프"):
        return "google_forms"
    if "registration state" in keys or ("registration date" in keys and first == "id"):
        return "indico"
    if "order code" in keys or "pseudonymization id" in keys or "attendee name" in keys:
        return "pretix"
    if any(has_cjk(h) for t in sheet.tables for h in t.header) or any(t.title for t in sheet.tables):
        return "host_roster"
    return "generic"


def prefers_day_first(sheet: Sheet, layout: str) -> bool:
    """Default order of slashed dates when no value says: Teams' 2022 layout and European rosters put the day first."""
    if layout == "teams_attendance":
        return any(h == "First join" for t in sheet.tables for h in t.header)
    return layout in ("host_roster", "generic") and sheet.delimiter == ";"
