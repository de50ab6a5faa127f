"""Badges and table cards: the data a sheet shows, the layouts, the role colours and the check-in QR code."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import segno

TEMPLATE = "badges"
LAYOUTS = {"a4": "A4 sheet, 2 × 4 badges", "a6": "A6, one badge a page", "table-card": "Table cards, A4 folded"}
ROLE_COLOURS = {  # the band along a badge's foot, so staff see at a glance who is who
    "delegate": "#003399", "speaker": "#b3261e", "host": "#1b7f3b", "organiser": "#6a1b9a",
    "interpreter": "#e07b00", "observer": "#5f6b7a",
}
OTHER_ROLE = "#5f6b7a"


@dataclass(frozen=True)
class Badge:
    """One person's badge: names in both scripts, organisation, role, group and the check-in code."""

    latin_name: str  # FAMILY NAME in capitals, in the person's name order
    local_name: str
    organisation: str
    organisation_local: str
    role: str
    role_colour: str
    group: str
    check_in: str  # what the QR code holds
    qr_svg: str


@dataclass(frozen=True)
class BadgeSheet:
    """A batch of badges of one event in one layout."""

    layout: str
    event_title: str
    dates: str
    badges: list[Badge] = field(default_factory=list)


def check_in_code(event_code: str, participation_id: int) -> str:
    """What a badge's QR code holds: the event and the participant's id, as the check-in desk scans it."""
    return f"IURC:{event_code}:{participation_id}"


def qr_svg(text: str) -> str:
    """`text` as a QR code in SVG (typst draws no QR codes itself; segno is pure Python)."""
    out = io.BytesIO()
    # One fixed mask: every reader decodes any of the eight, and trying all eight for the "best" is 80 % of the time.
    segno.make(text, error="m", micro=False, mask=0).save(out, kind="svg", border=0, xmldecl=False, svgns=True, unit="mm")
    return out.getvalue().decode()


def role_colour(role: str) -> str:
    """The colour of a role's band."""
    return ROLE_COLOURS.get(role, OTHER_ROLE)
