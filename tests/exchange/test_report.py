"""Programme report: figures counted in the database match an independent count, and the workbook reads back."""

from __future__ import annotations

import zipfile
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook
from sqlalchemy import event as sa_event, select
from sqlalchemy.orm import Session

from iurc_desktop.core import timeutil
from iurc_desktop.core.db import Database
from iurc_desktop.core.errors import Cancelled, ValidationError
from iurc_desktop.core.models import Cluster, Event, Item, Organisation, Pairing, Participation, Person
from iurc_desktop.core.programme import report as reporting
from iurc_desktop.exchange.rosters.report import write_report


def build_programme(session: Session) -> None:
    """Cities and regions in and outside the EU, engaged in each of the ways the definition names, and some not."""
    def org(key: str, kind: str, country: str, sector: str = "government") -> Organisation:
        o = Organisation(key=key, name=key.title(), kind=kind, sector=sector, country=country, zone="Europe/Brussels")
        session.add(o)
        return o

    ghent, porto, nagoya, glasgow, idle_city = org("ghent", "city", "BE"), org("porto", "city", "PT"), org("nagoya", "city", "JP"), org("glasgow", "city", "GB"), org("idle", "city", "FR")
    basque, aichi, osaka, nsw, idle_region = org("basque", "region", "ES"), org("aichi", "prefecture", "JP"), org("osaka", "prefecture", "JP"), org("nsw", "region", "AU"), org("idle-r", "region", "DE")
    uni, biz = org("uni", "university", "BE", "research"), org("biz", "business", "JP", "business")
    cancelled_only = org("cancelled-city", "city", "IT")
    webinar = Event(code="w1", kind="webinar", title="W", theme="=green", zone="Europe/Brussels", start_date=date(2023, 3, 1), end_date=date(2023, 3, 1))
    visit = Event(code="v1", kind="study_visit", title="V", theme="innovation", zone="Asia/Tokyo", start_date=date(2022, 11, 20), end_date=date(2022, 11, 26))
    dead = Event(code="x1", kind="webinar", title="X", theme="innovation", zone="Europe/Brussels", start_date=date(2024, 1, 1), end_date=date(2024, 1, 1), status="cancelled")
    session.add_all([webinar, visit, dead])
    people = []
    for i, (o, gender) in enumerate([(ghent, "female"), (ghent, "male"), (basque, "female"), (uni, "non_binary"), (biz, ""),
                                     (None, "male"), (porto, "female"), (idle_city, "male"), (cancelled_only, "female")]):
        p = Person(given_name=f"P{i}", family_name="X", email=f"p{i}@x.eu", organisation=o, gender=gender, nationality="NZ" if o is None else "")
        people.append(p)
    session.add_all(people)
    session.flush()
    parts = [
        (webinar, people[0], "attended"), (visit, people[0], "confirmed"), (webinar, people[1], "confirmed"),
        (visit, people[2], "attended"), (webinar, people[3], "confirmed"), (visit, people[4], "confirmed"),
        (webinar, people[5], "attended"), (webinar, people[6], "registered"), (visit, people[7], "declined"),
        (dead, people[8], "confirmed"),
    ]
    session.add_all([Participation(event=e, person=p, status=s) for e, p, s in parts])
    session.add(Cluster(key="c", name="Green", members=[nagoya, nsw]))
    session.add(Pairing(key="pair", eu_organisation_id=porto.id, partner_organisation_id=glasgow.id))
    start = timeutil.to_utc(datetime(2022, 11, 22, 9, 30), "Asia/Tokyo")
    session.add(Item(event=visit, key="aichi", title="Aichi", kind="site_visit", start_utc=start, end_utc=start + timedelta(hours=2), zone="Asia/Tokyo", host=aichi))
    session.add(Item(event=visit, key="osaka", title="Osaka", kind="site_visit", start_utc=start, end_utc=start + timedelta(hours=2), zone="Asia/Tokyo", host=osaka, status="cancelled"))
    session.flush()


@pytest.fixture
def programme(db: Database) -> Database:
    with db.transaction() as session:
        build_programme(session)
    return db


def independent_figures(session: Session) -> dict[str, object]:
    """The report's figures by walking the ORM in plain Python, following the documented definitions."""
    events = {e.id: e for e in session.scalars(select(Event)) if e.status != "cancelled"}
    good = [p for p in session.scalars(select(Participation)) if p.status in ("confirmed", "attended") and p.event_id in events]
    engaged: set[int] = {p.person.organisation_id for p in good if p.person.organisation_id}
    for c in session.scalars(select(Cluster)):
        engaged |= {m.id for m in c.members}
    for pr in session.scalars(select(Pairing)):
        engaged |= {pr.eu_organisation_id, pr.partner_organisation_id}
    engaged |= {i.host_id for i in session.scalars(select(Item)) if i.host_id and i.status != "cancelled" and i.event_id in events}
    targets = Counter()
    for o in session.scalars(select(Organisation)):
        if o.id in engaged and o.kind in ("city", "region", "prefecture"):
            targets[("cities" if o.kind == "city" else "regions", o.country in reporting.EU_COUNTRIES)] += 1
    people = {p.person_id: p.person for p in good}
    def country(p: Person) -> str:
        return p.organisation.country if p.organisation else (p.nationality or reporting.UNKNOWN)
    return {
        "targets": targets,
        "by_country": Counter(country(p) for p in people.values()),
        "participations_by_country": Counter(country(p.person) for p in good),
        "by_sector": Counter(p.organisation.sector if p.organisation else reporting.UNKNOWN for p in people.values()),
        "by_gender": Counter(p.gender or reporting.UNKNOWN for p in people.values()),
        "events_by_kind": Counter(e.kind for e in events.values()),
        "events_by_theme": Counter(e.theme or reporting.UNKNOWN for e in events.values()),
        "per_year": Counter(str(e.start_date.year) for e in events.values()),
        "participations_by_kind": Counter(events[p.event_id].kind for p in good),
    }


def assert_report_matches(session: Session) -> reporting.ProgrammeReport:
    report = reporting.programme_report(session)
    expected = independent_figures(session)
    got_targets = Counter({(t.category, True): t.eu for t in report.targets} | {(t.category, False): t.non_eu for t in report.targets})
    assert +got_targets == +expected["targets"]
    assert {r.label: r.participants for r in report.by_country} == dict(expected["by_country"])
    assert {r.label: r.participations for r in report.by_country} == dict(expected["participations_by_country"])
    assert {r.label: r.participants for r in report.by_sector} == dict(expected["by_sector"])
    assert {r.label: r.participants for r in report.by_gender} == dict(expected["by_gender"])
    assert {r.label: r.events for r in report.events_by_kind} == dict(expected["events_by_kind"])
    assert {r.label: r.participations for r in report.events_by_kind} == {k: expected["participations_by_kind"].get(k, 0) for k in expected["events_by_kind"]}
    assert {r.label: r.events for r in report.events_by_theme} == dict(expected["events_by_theme"])
    assert {r.label: r.events for r in report.per_year} == dict(expected["per_year"])
    return report


def test_report_counts_match_an_independent_count(programme: Database) -> None:
    """Every figure equals a plain-Python count over the ORM using the documented definitions."""
    with programme.reading() as session:
        assert_report_matches(session)


def test_engaged_definition_on_known_data(programme: Database) -> None:
    """Engaged: confirmed/attended people (Ghent, Basque), cluster (Nagoya, NSW), pairing (Porto, Glasgow), host (Aichi).

    Not engaged: a city with only a declined person, a region with nobody, a host of a cancelled item (Osaka),
    a city whose only participation is in a cancelled event. GB counts as non-EU.
    """
    with programme.reading() as session:
        report = reporting.programme_report(session)
    cities, regions = report.targets
    assert (cities.target, cities.eu, cities.non_eu) == (60, 2, 2)  # Ghent, Porto | Nagoya, Glasgow
    assert (regions.target, regions.eu, regions.non_eu) == (28, 1, 2)  # Basque | Aichi, NSW
    names = {e.name for e in report.engaged}
    assert names == {"Ghent", "Porto", "Nagoya", "Glasgow", "Basque", "Aichi", "Nsw"}
    assert next(e for e in report.engaged if e.name == "Glasgow").eu is False


def test_report_figures_come_from_group_by_queries(programme: Database) -> None:
    """The report runs one aggregate query per figure, not a row-by-row walk: few statements, each grouped."""
    statements: list[str] = []

    def record(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        statements.append(statement)

    sa_event.listen(programme.engine, "before_cursor_execute", record)
    try:
        with programme.reading() as session:
            reporting.programme_report(session)
    finally:
        sa_event.remove(programme.engine, "before_cursor_execute", record)
    # 6 since migration 0015: country, sector and gender come from one query over the running totals
    assert len(statements) == 6
    assert sum("GROUP BY" in s for s in statements) == 4  # targets and events; people and engaged read rows


def test_report_workbook_reads_back_with_charts(programme: Database, tmp_path: Path) -> None:
    """Sheets with title, header, frozen pane, autofilter, bar charts; no formula even for a theme '=green'."""
    path = tmp_path / "report.xlsx"
    seen: list[tuple[int, int, str]] = []
    with programme.reading() as session:
        result = write_report(session, path, progress=lambda d, t, m: seen.append((d, t, m)))
    assert result.sheets == ("Targets", "Engaged", "By country", "By sector", "By gender", "Events by kind", "Events by theme", "Per year")
    assert seen[-1][0] == seen[-1][1]
    wb = load_workbook(path)
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A3" and ws.auto_filter.ref.startswith("A2:")
        assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    assert [c.value for c in wb["Targets"][2]] == ["Category", "Target", "EU", "Non-EU", "Engaged", "Share of target"]
    assert [c.value for c in wb["Targets"][3]][:5] == ["cities", 60, 2, 2, 4]
    assert "=green" in [r[0] for r in wb["Events by theme"].iter_rows(min_row=3, values_only=True)]
    cal = CalamineWorkbook.from_path(str(path))
    assert cal.get_sheet_by_name("Targets").to_python(skip_empty_area=False)[3][:5] == ["regions", 28, 1, 2, 3]
    by_country = {r[0]: r[1] for r in cal.get_sheet_by_name("By country").to_python(skip_empty_area=False)[2:]}
    assert by_country == {"BE": 3, "ES": 1, "JP": 1, "NZ": 1}
    with zipfile.ZipFile(path) as zf:
        charts = [n for n in zf.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 7 and all("<barChart>" in zf.read(c).decode() for c in charts)


def test_report_needs_xlsx_and_honours_cancel(programme: Database, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with programme.reading() as session:
        with pytest.raises(ValidationError, match=r"\.xlsx"):
            write_report(session, out / "report.csv")
        with pytest.raises(Cancelled):
            write_report(session, out / "report.xlsx", cancel=lambda: True)
    assert list(out.iterdir()) == []


def test_report_on_an_empty_database(db: Database, tmp_path: Path) -> None:
    """No data: zero against the targets, empty tables, still a valid workbook."""
    with db.reading() as session:
        result = write_report(session, tmp_path / "r.xlsx")
    assert [(t.category, t.total) for t in result.report.targets] == [("cities", 0), ("regions", 0)]
    assert load_workbook(tmp_path / "r.xlsx")["By country"].max_row == 2
