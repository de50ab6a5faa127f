"""The programme report workbook: targets, engaged cities and regions, participants and events, with charts.

The figures come from `core.programme.report` (GROUP BY queries); the workbook is small,
so it is built in normal openpyxl mode, which native bar charts need.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from ...core import timeutil
from ...core.errors import ValidationError
from ...core.output_files import atomic_output
from ...core.programme import report as reporting
from .table import FORMULA_STARTS, ProgressFn, Ticker, printable
from .xlsx_writer import HEADER_FONT, TITLE_FONT, save_workbook

CHART_ROWS = 25  # a bar chart of more categories than this is unreadable; the table has them all


@dataclass(frozen=True)
class ReportResult:
    path: Path
    sheets: tuple[str, ...]
    report: reporting.ProgrammeReport


def write_report(session: Session, path: Path, *, progress: ProgressFn | None = None, cancel: object = None,
                 into: Path | None = None) -> ReportResult:
    """Compute the programme report and write it to `path` (.xlsx) with one sheet per view.

    With `into` the bytes go there instead: the caller staged the file and puts it in place.
    """
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise ValidationError(f"{path.name}: the programme report is a workbook; name the file .xlsx")
    steps = {
        "targets": reporting.targets, "by_country": reporting.by_country, "by_sector": reporting.by_sector,
        "by_gender": reporting.by_gender, "events_by_kind": reporting.events_by_kind,
        "events_by_theme": reporting.events_by_theme, "per_year": reporting.per_year,
        "engaged": reporting.engaged_organisations,
    }
    ticker = Ticker(progress, cancel, total=len(steps) + 1, every=1, message="Counting")
    ticker.start()
    figures = {}
    for name, step in steps.items():  # one query each; Cancel is checked between them
        figures[name] = step(session)
        ticker.step()
    report = reporting.ProgrammeReport(generated=timeutil.utc_now(), **figures)
    wb = build_workbook(report)
    ticker.check()
    if into is not None:
        save_workbook(wb, into)
    else:
        with atomic_output(path) as tmp:
            save_workbook(wb, tmp)
    ticker.step()
    ticker.finish()
    return ReportResult(path, tuple(wb.sheetnames), report)


def build_workbook(report: reporting.ProgrammeReport) -> Workbook:
    """The report as an openpyxl workbook (not yet saved)."""
    wb = Workbook()
    wb.remove(wb.active)
    stamp = f"exported {report.generated:%Y-%m-%d %H:%M} UTC"
    _targets_sheet(wb, report, stamp)
    _table(wb, "Engaged", f"Engaged cities and regions — {stamp}",
           ["Name", "Name (own script)", "Category", "Kind", "Country", "EU"],
           [(e.name, e.local_name, e.category, e.kind, e.country, "EU" if e.eu else "non-EU") for e in report.engaged],
           widths=[34, 20, 10, 12, 9, 8])
    people = ["Participants", "Participations"]
    for name, label, rows in (("By country", "Country", report.by_country), ("By sector", "Helix sector", report.by_sector),
                              ("By gender", "Gender", report.by_gender)):
        ws = _table(wb, name, f"Participants (confirmed or attended) by {label.lower()} — {stamp}", [label, *people],
                    [(r.label, r.participants, r.participations) for r in rows])
        _bar(ws, f"Participants by {label.lower()}", len(rows), [2])
    events = ["Events", "Participations"]
    for name, label, rows in (("Events by kind", "Kind", report.events_by_kind), ("Events by theme", "Theme", report.events_by_theme),
                              ("Per year", "Year", report.per_year)):
        ws = _table(wb, name, f"Events (not cancelled) by {label.lower()} — {stamp}", [label, *events],
                    [(r.label, r.events, r.participations) for r in rows])
        _bar(ws, f"Events by {label.lower()}", len(rows), [2, 3])
    return wb


def _targets_sheet(wb: Workbook, report: reporting.ProgrammeReport, stamp: str) -> None:
    rows = [(t.category, t.target, t.eu, t.non_eu, t.total, t.share) for t in report.targets]
    ws = _table(wb, "Targets", f"Cities and regions engaged against the programme targets — {stamp}",
                ["Category", "Target", "EU", "Non-EU", "Engaged", "Share of target"], rows, widths=[12, 9, 9, 9, 10, 15])
    for row in range(3, 3 + len(rows)):
        ws.cell(row=row, column=6).number_format = "0%"
    note = 3 + len(rows) + 1
    ws.cell(row=note, column=1, value="Regions include Japanese prefectures. Engaged: a person with a confirmed or attended "
            "participation, a thematic cluster member, a pairing partner, or a host of an item.")
    chart = _bar(ws, "Engaged against target", len(rows), [2, 5], anchor=f"H{3}")
    chart.y_axis.title = "cities / regions"


def _table(wb: Workbook, name: str, title: str, headers: Sequence[str], rows: Sequence[Sequence[object]],
           widths: Sequence[float] | None = None) -> Worksheet:
    """A sheet with a title row, a bold header, the rows, frozen header and autofilter."""
    ws = wb.create_sheet(name)
    _append(ws, [title])
    ws["A1"].font = TITLE_FONT
    _append(ws, list(headers))
    for cell in ws[2]:
        cell.font = HEADER_FONT
    for row in rows:
        _append(ws, list(row))
    for i, header in enumerate(headers, 1):
        width = widths[i - 1] if widths else max([len(header) + 3, 14, *(len(str(r[i - 1])) + 2 for r in rows)])
        ws.column_dimensions[get_column_letter(i)].width = min(width, 60)
    ws.freeze_panes = "A3"
    ws.auto_filter.ref = f"A2:{get_column_letter(len(headers))}{len(rows) + 2}"
    return ws


def _append(ws: Worksheet, values: list[object]) -> None:
    """Append a row; text a spreadsheet would read as a formula stays text, control characters go."""
    ws.append([printable(v) if isinstance(v, str) else v for v in values])
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
            cell.data_type = "s"


def _bar(ws: Worksheet, title: str, n_rows: int, value_cols: Sequence[int], anchor: str | None = None) -> BarChart:
    """A native bar chart of the first CHART_ROWS rows, categories from column A."""
    chart = BarChart()
    chart.type = "col"
    chart.title = title
    last = 2 + min(n_rows, CHART_ROWS)
    for col in value_cols:
        chart.add_data(Reference(ws, min_col=col, min_row=2, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=3, max_row=last))
    chart.height, chart.width = 8, 16
    if n_rows:
        ws.add_chart(chart, anchor or f"{get_column_letter(len(ws[2]) + 2)}3")
    return chart
