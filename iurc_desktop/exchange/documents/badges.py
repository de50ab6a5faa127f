"""Badges and table cards: the data a sheet shows, the layouts, the role colours and the check-in QR code."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import segno

TEMPLATE = "badges"


@dataclass(frozen=True)
class LabelSheet:
    """A sheet of die-cut labels: its paper, the grid of labels and where the first one starts (millimetres)."""

    paper: str  # typst's paper name
    columns: int
    rows: int
    width: float
    height: float
    top: float
    left: float
    column_gap: float = 0.0
    row_gap: float = 0.0
    scale: float = 1.0  # of the badge's type and spacing: a 38 mm label holds a smaller one

    @property
    def per_page(self) -> int:
        """How many labels a sheet holds."""
        return self.columns * self.rows


LABEL_SHEETS = {  # the makers' published sizes; the grid fills the page exactly, so a printer at 100 % hits the cuts
    "avery-l7163": LabelSheet("a4", 2, 7, 99.1, 38.1, top=15.15, left=4.65, column_gap=2.5, scale=0.8),
    "avery-l7160": LabelSheet("a4", 3, 7, 63.5, 38.1, top=15.15, left=7.25, column_gap=2.5, scale=0.62),
    "avery-5390": LabelSheet("us-letter", 2, 3, 101.6, 76.2, top=25.4, left=6.35),
}
LAYOUTS = {"a4": "A4 sheet, 2 × 4 badges", "a6": "A6, one badge a page", "table-card": "Table cards, A4 folded",
           "avery-l7163": "Labels Avery L7163, A4, 2 × 7 (99.1 × 38.1 mm)",
           "avery-l7160": "Labels Avery L7160, A4, 3 × 7 (63.5 × 38.1 mm)",
           "avery-5390": "Name badge inserts Avery 5390, US Letter, 2 × 3 (4 × 3 in)"}
PER_PAGE = {"a4": 8, "a6": 1, "table-card": 1} | {name: sheet.per_page for name, sheet in LABEL_SHEETS.items()}
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
    labels: LabelSheet | None = None  # the label sheet of a label layout


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
