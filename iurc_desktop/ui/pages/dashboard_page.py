"""The Dashboard: programme targets and who takes part, as pictures (numbers from core.programme.report)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ...app.reports import CountRow, EventCountRow, ProgrammeFigures, programme_figures
from ..shell.context import Context
from ..widgets.charts import Bar, BarChart
from ..widgets.target_bars import Target, TargetBars

GENDERS = {"female": "Women", "male": "Men", "other": "Other", "(not given)": "Not given"}


def targets_of(report: ProgrammeFigures) -> list[Target]:
    return [Target(t.category.capitalize(), t.target, t.eu, t.non_eu) for t in report.targets]


def _tidy(label: str) -> str:
    """'civil_society' → 'Civil society'; '(not given)' stays as it is."""
    return label if label.startswith("(") else label.replace("_", " ").capitalize()


def people_bars(rows: Sequence[CountRow], names: dict[str, str] | None = None, *, tidy: bool = False) -> list[Bar]:
    """Participants (distinct people) per label, most first."""
    names = names or {}
    return [Bar(names.get(r.label, _tidy(r.label) if tidy else r.label), r.participants) for r in rows]


def event_bars(rows: Sequence[EventCountRow]) -> list[Bar]:
    """Events per label, most first; participations as a note."""
    ordered = sorted(rows, key=lambda r: (-r.events, r.label))
    return [Bar(r.label.replace("_", " "), r.events, f"({r.participations} taking part)") for r in ordered]


class DashboardPage(QWidget):
    """Refreshed whenever it is shown and when data changes."""

    status = Signal(str)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: ProgrammeFigures | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.targets = TargetBars()
        self.by_country = BarChart("Participants by country", max_rows=20)
        self.by_sector = BarChart("Participants by helix sector")
        self.by_gender = BarChart("Participants by gender")
        self.by_kind = BarChart("Events by kind")
        self.by_theme = BarChart("Events by theme")
        self.charts = {"country": self.by_country, "sector": self.by_sector, "gender": self.by_gender,
                       "kind": self.by_kind, "theme": self.by_theme}

        body = QWidget()
        grid = QGridLayout(body)
        grid.setContentsMargins(12, 12, 12, 12)
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(18)
        grid.addWidget(self.heading, 0, 0, 1, 2)
        grid.addWidget(self.targets, 1, 0, 1, 2)
        grid.addWidget(self.by_country, 2, 0, Qt.AlignmentFlag.AlignTop)
        right = QVBoxLayout()
        right.setSpacing(18)
        right.addWidget(self.by_sector)
        right.addWidget(self.by_gender)
        right.addStretch(1)
        grid.addLayout(right, 2, 1)
        grid.addWidget(self.by_kind, 3, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.by_theme, 3, 1, Qt.AlignmentFlag.AlignTop)
        grid.setRowStretch(4, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        ctx.changes.changed.connect(lambda _topic: self.refresh() if self.isVisible() else None)

    def refresh(self) -> None:
        """Read the figures (a handful of queries over running totals) and redraw."""
        try:
            report = programme_figures(self.ctx.db)
        except Exception as exc:
            self.ctx.report(exc)
            return
        self.show_report(report)

    def show_report(self, report: ProgrammeFigures) -> None:
        self.report = report
        people = sum(r.participants for r in report.by_gender)
        events = sum(r.events for r in report.events_by_kind)
        self.heading.setText(f"<h2>Programme dashboard</h2>{people} participants (confirmed or attended) in {events} events; "
                             "cities and regions count once engaged through people, clusters, pairings or hosting.")
        self.targets.set_targets(targets_of(report))
        self.by_country.set_bars(people_bars(report.by_country))
        self.by_sector.set_bars(people_bars(report.by_sector, tidy=True))
        self.by_gender.set_bars(people_bars(report.by_gender, GENDERS, tidy=True))
        self.by_kind.set_bars(event_bars(report.events_by_kind))
        self.by_theme.set_bars(event_bars(report.events_by_theme))
        self.status.emit(f"Dashboard: {people} participants, {events} events")
