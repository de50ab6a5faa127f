"""Rosters and the programme report on the demo programme, checked against the ORM independently."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from iurc_desktop.core import timeutil
from iurc_desktop.core.db import Database
from iurc_desktop.core.models import Event, Item, TravelLeg
from iurc_desktop.exchange.rosters.kinds import flight_label
from iurc_desktop.exchange.rosters.report import write_report
from iurc_desktop.exchange.rosters.rosters import write_roster

from .test_report import assert_report_matches

JAPAN = "r2r-japan-2022"
ACTIVE = {"registered", "confirmed", "attended"}


def _expected_visitors(db: Database, code: str, key: str) -> list[str]:
    """Who should come, straight from the ORM: active people of the item's groups (everyone if none) + assigned."""
    with db.reading() as session:
        event = session.scalar(select(Event).where(Event.code == code))
        item = session.scalar(select(Item).where(Item.event_id == event.id, Item.key == key))
        groups = {g.id for g in item.groups}
        names = {p.person.display_name for p in event.participations
                 if p.status in ACTIVE and (not groups or p.group_id in groups)}
        by_person = {p.person_id: p.status for p in event.participations}
        names |= {a.person.display_name for a in item.assigned if by_person.get(a.person_id, "confirmed") in ACTIVE}
        return sorted(names)


def _names(path: Path, header: str) -> list[str]:
    data = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(load_workbook(path).sheetnames[0]).to_python(skip_empty_area=False)
    i = data[1].index(header)
    return [r[i] for r in data[2:]]


@pytest.mark.parametrize("code,key", [(JAPAN, "aichi-visit"), (JAPAN, "osaka-lifescience"), (JAPAN, "beppu-geothermal"),
                                      ("networking-seoul-2026", "site-visit")])
def test_demo_host_roster_is_exactly_the_attending_groups_plus_assigned(demo_db: Database, tmp_path: Path, code: str, key: str) -> None:
    """Each demo site visit lists exactly its groups' active people (everyone when no group) plus assigned people."""
    path = tmp_path / "host.xlsx"
    with demo_db.reading() as session:
        result = write_roster(session, code, "host", path, item_key=key)
    assert sorted(_names(path, "Name")) == _expected_visitors(demo_db, code, key)
    assert not set(result.headers) & {"E-mail", "Passport expiry", "Phone"}


def test_demo_aichi_visit_has_its_interpreter_and_host(demo_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "host.xlsx"
    with demo_db.reading() as session:
        write_roster(session, JAPAN, "host", path, item_key="aichi-visit")
    rows = list(load_workbook(path).worksheets[0].iter_rows(min_row=3, values_only=True))
    roles = {r[4] for r in rows}
    assert {"interpreter", "host"} <= roles
    assert any(r[8] == "interpreter" for r in rows)


def test_demo_rooming_pairs_sharers_in_every_hotel(demo_db: Database, tmp_path: Path) -> None:
    """Iker and Julien share in each hotel: adjacent rows, one room number, each naming the other."""
    path = tmp_path / "rooming.xlsx"
    with demo_db.reading() as session:
        write_roster(session, JAPAN, "rooming", path)
    rows = list(load_workbook(path).worksheets[0].iter_rows(min_row=3, values_only=True))
    iker = [i for i, r in enumerate(rows) if r[3] == "Iker Zubizarreta"]
    assert len(iker) == 4
    for i in iker:
        mate = rows[i + 1] if i + 1 < len(rows) and rows[i + 1][1] == rows[i][1] and rows[i + 1][0] == rows[i][0] else rows[i - 1]
        assert (mate[0], mate[1]) == (rows[i][0], rows[i][1]) and mate[3] == "Julien Moreau"
        assert rows[i][5] == "Julien Moreau" and mate[5] == "Iker Zubizarreta"


def test_demo_arrivals_are_destination_local_times_in_order(demo_db: Database, tmp_path: Path) -> None:
    """Every arrival row is the leg's arrival converted to its destination zone, in ascending order."""
    path = tmp_path / "arrivals.xlsx"
    with demo_db.reading() as session:
        result = write_roster(session, JAPAN, "arrivals", path, columns=["arrival", "name", "flight", "to_zone"])
        legs = {(leg.person.display_name, flight_label(leg.carrier, leg.number)): timeutil.to_local(leg.arrive_utc, leg.to_zone).replace(tzinfo=None)
                for leg in session.scalars(select(TravelLeg).join(Event).where(Event.code == JAPAN))}
    rows = list(load_workbook(path).worksheets[0].iter_rows(min_row=3, values_only=True))
    assert result.headers[0] == "Arrival (Asia/Tokyo)" and len(rows) > 10
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)
    for when, name, flight, zone in rows:
        assert zone == "Asia/Tokyo" and legs[(name, flight)] == when


def test_demo_report_counts_match(demo_db: Database, tmp_path: Path) -> None:
    """The report's figures on the demo equal an independent count, and the workbook carries them."""
    with demo_db.reading() as session:
        report = assert_report_matches(session)
        result = write_report(session, tmp_path / "report.xlsx")
    assert result.report.targets == report.targets
    data = CalamineWorkbook.from_path(str(tmp_path / "report.xlsx")).get_sheet_by_name("Targets").to_python(skip_empty_area=False)
    assert [row[:5] for row in data[2:4]] == [[t.category, t.target, t.eu, t.non_eu, t.total] for t in report.targets]
    assert report.targets[0].total > 0 and report.targets[1].total > 0
