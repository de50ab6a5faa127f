"""Rosters for hosts, hotels, drivers and caterers, read back with openpyxl and python-calamine."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook
from sqlalchemy.orm import Session

from iurc_desktop.core import timeutil
from iurc_desktop.core.db import Database
from iurc_desktop.core.errors import NotFound, ValidationError
from iurc_desktop.core.models import (
    Event, Group, Item, ItemPerson, Organisation, Participation, Person, Stay, TravelLeg,
)
from iurc_desktop.exchange.rosters.kinds import flight_label
from iurc_desktop.exchange.rosters.rosters import KINDS, personal_data, preview_roster, roster_columns, write_roster

TOKYO = "Asia/Tokyo"


def _leg(ev: Event, who: Person, number: str, frm: str, frm_zone: str, dep: datetime, to: str, to_zone: str, arr: datetime) -> TravelLeg:
    return TravelLeg(event=ev, person=who, carrier=number[:2], number=number, from_place=frm, from_zone=frm_zone,
                     depart_utc=timeutil.to_utc(dep, frm_zone), to_place=to, to_zone=to_zone, arrive_utc=timeutil.to_utc(arr, to_zone))


def _item(ev: Event, key: str, kind: str, start: datetime, groups: list[Group], host: Organisation | None = None) -> Item:
    return Item(event=ev, key=key, title=key.replace("-", " ").title(), kind=kind, zone=TOKYO, place="Nagoya",
                start_utc=timeutil.to_utc(start, TOKYO), end_utc=timeutil.to_utc(start.replace(hour=start.hour + 2), TOKYO),
                host=host, groups=groups)


def build_world(session: Session) -> SimpleNamespace:
    """A study visit in Japan: groups A and B, a cancelled participant, an interpreter, an outside speaker."""
    aichi = Organisation(key="aichi", name="Aichi Prefecture", local_name="愛知県", kind="prefecture", sector="government", country="JP", zone=TOKYO)
    basque = Organisation(key="basque", name="=Basque Country", kind="region", sector="government", country="ES", zone="Europe/Madrid")
    ev = Event(code="r2r", kind="study_visit", title="EU-Japan R2R", zone=TOKYO, start_date=date(2022, 11, 20), end_date=date(2022, 11, 26))
    ga, gb = Group(name="A", event=ev), Group(name="B", event=ev)

    def person(given: str, family: str, **kw: object) -> Person:
        kw.setdefault("organisation", basque)
        return Person(given_name=given, family_name=family, email=f"{given.lower().strip('=')}@example.eu",
                      phone="+34 600", passport_expiry=date(2030, 1, 1), **kw)

    ane = person("Ane", "Etxeberria", dietary="vegetarian")
    taro = person("Taro", "Tanaka", name_order="family_first", local_name="田中太郎", organisation=aichi, dietary="Vegetarian ", accessibility="wheelchair")
    evil = person("=HYPERLINK(\"http://x\")", "Bad", dietary="halal")
    carl = person("Carl", "Cancelled")
    ida = person("Ida", "Interp")
    bea = person("Bea", "Berg")
    sato = person("Ken", "Sato", organisation=aichi)  # a host-side speaker with no participation
    session.add_all([aichi, basque, ev, ane, taro, evil, carl, ida, bea, sato])
    session.flush()
    session.add_all([
        Participation(event=ev, person=ane, status="confirmed", group=ga),
        Participation(event=ev, person=taro, status="registered", group=ga),
        Participation(event=ev, person=evil, status="confirmed", group=gb),
        Participation(event=ev, person=carl, status="cancelled", group=ga),
        Participation(event=ev, person=ida, status="confirmed", role="interpreter"),
        Participation(event=ev, person=bea, status="attended", group=gb),
    ])
    visit = _item(ev, "aichi-visit", "site_visit", datetime(2022, 11, 22, 9, 30), [ga], aichi)
    osaka = _item(ev, "osaka-visit", "site_visit", datetime(2022, 11, 22, 10, 0), [gb])
    dinner = _item(ev, "dinner", "meal", datetime(2022, 11, 21, 18, 0), [])
    session.add_all([visit, osaka, dinner])
    session.flush()
    session.add_all([ItemPerson(item_id=visit.id, person_id=ida.id, role="interpreter"),
                     ItemPerson(item_id=visit.id, person_id=sato.id, role="speaker"),
                     ItemPerson(item_id=visit.id, person_id=carl.id, role="speaker")])
    session.add_all([
        _leg(ev, ane, "AF276", "CDG", "Europe/Paris", datetime(2022, 11, 19, 23, 25), "HND", TOKYO, datetime(2022, 11, 20, 19, 5)),
        _leg(ev, bea, "LH716", "MUC", "Europe/Berlin", datetime(2022, 11, 19, 12, 0), "HND", TOKYO, datetime(2022, 11, 20, 8, 10)),
        _leg(ev, ane, "AF293", "HND", TOKYO, datetime(2022, 11, 26, 22, 0), "CDG", "Europe/Paris", datetime(2022, 11, 27, 5, 0)),
        _leg(ev, carl, "KL861", "AMS", "Europe/Amsterdam", datetime(2022, 11, 19, 14, 0), "NRT", TOKYO, datetime(2022, 11, 20, 9, 0)),
        _leg(ev, taro, "NH100", "SYD", "Australia/Sydney", datetime(2022, 11, 20, 9, 0), "HND", TOKYO, datetime(2022, 11, 20, 17, 0)),
    ])
    session.add_all([
        Stay(event=ev, person=ane, hotel="Hotel Nagoya Castle", zone=TOKYO, check_in=date(2022, 11, 20), check_out=date(2022, 11, 23), room="twin", shares_with=bea),
        Stay(event=ev, person=evil, hotel="Hotel Nagoya Castle", zone=TOKYO, check_in=date(2022, 11, 20), check_out=date(2022, 11, 22)),
        Stay(event=ev, person=bea, hotel="Hotel Nagoya Castle", zone=TOKYO, check_in=date(2022, 11, 20), check_out=date(2022, 11, 23), room="twin", shares_with=ane),
        Stay(event=ev, person=taro, hotel="Kyoto Inn", zone=TOKYO, check_in=date(2022, 11, 24), check_out=date(2022, 11, 26), room="twin", shares_with=ida),
        Stay(event=ev, person=ida, hotel="Kyoto Inn", zone=TOKYO, check_in=date(2022, 11, 24), check_out=date(2022, 11, 26), room="twin"),
        Stay(event=ev, person=carl, hotel="Hotel Nagoya Castle", zone=TOKYO, check_in=date(2022, 11, 20), check_out=date(2022, 11, 23)),
    ])
    session.flush()
    return SimpleNamespace(event=ev)


@pytest.fixture
def world(db: Database) -> Database:
    with db.transaction() as session:
        build_world(session)
    return db


def _export(db: Database, kind: str, path: Path, **kw: object):  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return write_roster(session, "r2r", kind, path, **kw)


def _read_both(path: Path) -> tuple[list[list[object]], list[list[object]]]:
    """Rows from openpyxl and from calamine (row 0 is the title, row 1 the header)."""
    ws = load_workbook(path).worksheets[0]
    by_openpyxl = [[c.value for c in row] for row in ws.iter_rows()]
    sheet = CalamineWorkbook.from_path(str(path))
    by_calamine = sheet.get_sheet_by_name(sheet.sheet_names[0]).to_python(skip_empty_area=False)
    return by_openpyxl, by_calamine


def _assert_sheet_quality(path: Path, n_rows: int) -> None:
    """Frozen below the header, autofilter over header and data, no formula cell anywhere."""
    ws = load_workbook(path).worksheets[0]
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A2:") and ws.auto_filter.ref.endswith(str(n_rows + 2))
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    assert "r2r" in ws["A1"].value and "exported" in ws["A1"].value


def _col(rows: list[list[object]], header: str) -> list[object]:
    i = rows[1].index(header)
    return [r[i] for r in rows[2:]]


def test_host_roster_lists_exactly_the_attending_groups_and_assigned_people(world: Database, tmp_path: Path) -> None:
    """Group A's site visit: active group-A people + assigned interpreter and outside speaker; not B, not cancelled."""
    path = tmp_path / "host.xlsx"
    result = _export(world, "host", path, item_key="aichi-visit")
    by_openpyxl, by_calamine = _read_both(path)
    for rows in (by_openpyxl, by_calamine):
        assert rows[1] == ["Name", "Name (own script)", "Organisation", "Country", "Role", "Group",
                           "Dietary needs", "Accessibility needs", "Interpretation"]
        assert sorted(_col(rows, "Name")) == ["Ane Etxeberria", "Ida Interp", "Ken Sato", "Tanaka Taro"]
    assert result.rows == 4
    roles = dict(zip(_col(by_openpyxl, "Name"), _col(by_openpyxl, "Role")))
    assert roles["Ida Interp"] == "interpreter" and roles["Ken Sato"] == "speaker"
    assert dict(zip(_col(by_openpyxl, "Name"), _col(by_openpyxl, "Interpretation")))["Ida Interp"] == "interpreter"
    assert "田中太郎" in _col(by_openpyxl, "Name (own script)")
    _assert_sheet_quality(path, 4)


def test_host_roster_has_no_passport_email_or_phone_by_default(world: Database, tmp_path: Path) -> None:
    path = tmp_path / "host.xlsx"
    result = _export(world, "host", path, item_key="aichi-visit")
    headers = set(result.headers)
    assert not headers & {"E-mail", "Phone", "Passport expiry", "Nationality"}


def test_host_roster_of_an_item_without_groups_lists_everyone_active(world: Database, tmp_path: Path) -> None:
    """No groups named on the item means everyone: all five active participants."""
    with world.reading() as session:
        headers, rows = preview_roster(session, "r2r", "host", item_key="dinner")
    assert len(rows) == 5 and "Carl Cancelled" not in [r[0] for r in rows]


def test_host_roster_needs_an_existing_item(world: Database, tmp_path: Path) -> None:
    """Without --item the message lists the items; an unknown key is NotFound naming the keys."""
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ValidationError, match="aichi-visit"):
        _export(world, "host", out / "h.xlsx")
    with pytest.raises(NotFound, match="osaka-visit"):
        _export(world, "host", out / "h.xlsx", item_key="nagoya")
    assert list(out.iterdir()) == []


def test_sensitive_column_is_refused_without_consent(world: Database, tmp_path: Path) -> None:
    """Asking for passport or e-mail without include_sensitive is a ValidationError that says how to confirm."""
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ValidationError) as info:
        _export(world, "participants", out / "p.xlsx", columns=["name", "passport_expiry", "email"])
    text = str(info.value)
    assert "passport_expiry is sensitive" in text and "email is sensitive" in text and "--include-sensitive" in text and "include_sensitive" not in text
    assert list(out.iterdir()) == []


def test_sensitive_column_with_consent_is_written_as_date(world: Database, tmp_path: Path) -> None:
    path = tmp_path / "p.xlsx"
    result = _export(world, "participants", path, columns=["name", "passport_expiry", "email"], include_sensitive=True)
    assert result.sensitive == ("passport_expiry", "email")
    by_openpyxl, by_calamine = _read_both(path)
    assert by_openpyxl[2][1] == datetime(2030, 1, 1)  # openpyxl reads date cells back as datetimes
    assert by_calamine[2][1] == date(2030, 1, 1)


@pytest.mark.parametrize("kind", ["participants", "host", "rooming", "arrivals", "needs"])
def test_every_catalogue_column_can_be_written(world: Database, tmp_path: Path, kind: str) -> None:
    """All columns of each kind, with consent, write and read back with one header per column."""
    keys = [c.key for c in roster_columns(kind)]
    path = tmp_path / f"{kind}.xlsx"
    result = _export(world, kind, path, columns=keys, include_sensitive=True, item_key="aichi-visit" if kind == "host" else None)
    rows, by_calamine = _read_both(path)
    assert len(rows[1]) == len(keys) == len(result.headers) and by_calamine[1] == rows[1]
    assert result.rows == len(rows) - 2 > 0


def test_unknown_column_and_kind_are_validation_errors(world: Database, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="'shoe_size' is not a participants column"):
        _export(world, "participants", tmp_path / "p.xlsx", columns=["name", "shoe_size"])
    with pytest.raises(ValidationError, match="not a roster kind"):
        _export(world, "badges", tmp_path / "p.xlsx")


def test_participants_default_columns_and_only_active(world: Database, tmp_path: Path) -> None:
    """Defaults carry no personal contact data; the cancelled participant is left out."""
    path = tmp_path / "p.xlsx"
    result = _export(world, "participants", path)
    assert result.sensitive == () and result.rows == 5
    rows, _ = _read_both(path)
    assert "Carl Cancelled" not in _col(rows, "Name")
    assert set(_col(rows, "Status")) == {"confirmed", "registered", "attended"}
    _assert_sheet_quality(path, 5)


def test_name_starting_with_equals_is_text_in_xlsx_and_neutralised_in_csv(world: Database, tmp_path: Path) -> None:
    """A person named '=HYPERLINK(...)' and an organisation named '=Basque…' never become formulas."""
    xlsx, csv_path = tmp_path / "p.xlsx", tmp_path / "p.csv"
    _export(world, "participants", xlsx)
    _export(world, "participants", csv_path)
    by_openpyxl, by_calamine = _read_both(xlsx)
    assert '=HYPERLINK("http://x") Bad' in _col(by_openpyxl, "Name")
    assert '=HYPERLINK("http://x") Bad' in _col(by_calamine, "Name")
    assert "=Basque Country" in _col(by_calamine, "Organisation")
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert lines[0][0] == "Name"
    assert "'=HYPERLINK(\"http://x\") Bad" in [line[0] for line in lines]
    assert all(not cell.startswith(("=", "+", "-", "@")) for line in lines for cell in line)


def test_rooming_pairs_sharers_on_adjacent_rows_with_one_room_number(world: Database, tmp_path: Path) -> None:
    """Ane and Bea share a twin (room 1, adjacent rows naming each other); one-sided sharing still pairs."""
    path = tmp_path / "rooming.xlsx"
    result = _export(world, "rooming", path)
    rows, by_calamine = _read_both(path)
    body = rows[2:]
    header = rows[1]
    assert header[:9] == ["Hotel", "Room", "Room type", "Guest", "Guest (own script)", "Shares with", "Check-in", "Check-out", "Nights"]
    names = [r[3] for r in body]
    assert "Carl Cancelled" not in names and result.rows == 5
    i = names.index("Ane Etxeberria")
    assert {names[i], names[i + 1]} == {"Ane Etxeberria", "Bea Berg"} or {names[i - 1], names[i]} == {"Ane Etxeberria", "Bea Berg"}
    rooms = {r[3]: (r[0], r[1], r[5]) for r in body}
    assert rooms["Ane Etxeberria"][:2] == rooms["Bea Berg"][:2]
    assert rooms["Ane Etxeberria"][2] == "Bea Berg" and rooms["Bea Berg"][2] == "Ane Etxeberria"
    assert rooms["Tanaka Taro"][:2] == rooms["Ida Interp"][:2]  # Ida's stay does not name Taro; his names her
    assert rooms['=HYPERLINK("http://x") Bad'][1] != rooms["Ane Etxeberria"][1]
    nights = {r[3]: r[8] for r in body}
    assert nights["Ane Etxeberria"] == 3 and nights['=HYPERLINK("http://x") Bad'] == 2
    cal = {r[3]: r for r in by_calamine[2:]}
    assert cal["Ane Etxeberria"][6] == date(2022, 11, 20) and cal["Ane Etxeberria"][7] == date(2022, 11, 23)
    _assert_sheet_quality(path, 5)


def test_arrivals_in_destination_local_time_ordered_by_it(world: Database, tmp_path: Path) -> None:
    """Arrivals in Tokyo time (zone in the header) in arrival order; flights home and cancelled people left out."""
    path = tmp_path / "arrivals.xlsx"
    result = _export(world, "arrivals", path)
    rows, by_calamine = _read_both(path)
    assert rows[1][0] == "Arrival (Asia/Tokyo)"
    expected = [
        (datetime(2022, 11, 20, 8, 10), "Bea Berg", "LH716"),
        (datetime(2022, 11, 20, 17, 0), "Tanaka Taro", "NH100"),
        (datetime(2022, 11, 20, 19, 5), "Ane Etxeberria", "AF276"),
    ]
    assert [(r[0], r[1], r[4]) for r in rows[2:]] == expected
    assert [(r[0], r[1], r[4]) for r in by_calamine[2:]] == expected
    assert result.rows == 3
    assert "Phone" in rows[1] and rows[2][rows[1].index("Phone")] == "+34 600"
    _assert_sheet_quality(path, 3)


def test_arrivals_csv_gives_local_times_as_text(world: Database, tmp_path: Path) -> None:
    path = tmp_path / "arrivals.csv"
    _export(world, "arrivals", path)
    lines = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert lines[0][0] == "Arrival (Asia/Tokyo)" and lines[1][0] == "2022-11-20 08:10"
    assert lines[1][8] == "'+34 600"  # a phone number starting with + is neutralised, as OWASP advises


def test_needs_counts_per_item_without_names_by_default(world: Database, tmp_path: Path) -> None:
    """Per item: who attends and how many need what, case/space-insensitively merged; no names unless asked."""
    path = tmp_path / "needs.xlsx"
    result = _export(world, "needs", path)
    rows, by_calamine = _read_both(path)
    assert "Who" not in rows[1]
    got = {(r[1], r[6], r[7]): (r[5], r[8]) for r in rows[2:]}
    assert got[("Aichi Visit", "dietary", "vegetarian")] == (4, 2)
    assert got[("Aichi Visit", "accessibility", "wheelchair")] == (4, 1)
    assert got[("Osaka Visit", "dietary", "halal")] == (2, 1)
    assert got[("Dinner", "dietary", "vegetarian")] == (5, 2)
    assert got[("Dinner", "dietary", "halal")] == (5, 1)
    assert rows[2][1] == "Dinner" and by_calamine[2][0] == datetime(2022, 11, 21, 18, 0)  # items by start, local time
    assert result.rows == len(rows) - 2
    with pytest.raises(ValidationError, match="people is sensitive"):
        _export(world, "needs", path, columns=["item_title", "need", "count", "people"])


def test_bad_suffix_is_refused_before_any_work(world: Database, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match=r"\.xlsx or \.csv"):
        _export(world, "participants", tmp_path / "p.ods")


def test_column_catalogue_marks_sensitive_columns() -> None:
    """The chooser's catalogue: phone, e-mail, passport, health needs and nationality are sensitive for participants."""
    cols = {c.key: c for c in roster_columns("participants")}
    for key in ("passport_expiry", "nationality", "dietary", "accessibility", "phone", "email"):
        assert cols[key].sensitive and not cols[key].default and cols[key].why
    assert cols["name"].default and not cols["name"].sensitive
    host = {c.key: c for c in roster_columns("host")}
    assert host["dietary"].default and not host["dietary"].sensitive  # the host must act on it
    assert host["email"].sensitive and not host["email"].default



def test_every_personal_column_a_roster_carries_by_default_says_why_its_recipient_needs_it() -> None:
    """No personal column goes out without consent unless the recipient's need is written down beside it."""
    for kind in KINDS:
        for c in roster_columns(kind):
            if c.why and c.default:
                assert c.need and not c.sensitive, (kind, c.key)
            if c.sensitive:
                assert c.why and not c.need and not c.default, (kind, c.key)
    arrivals = {c.key: c for c in roster_columns("arrivals")}
    assert arrivals["phone"].why == "phone number" and arrivals["phone"].need  # personal, though not asked for
    assert [p.key for p in personal_data("host")] == ["dietary", "accessibility"]
    assert personal_data("participants") == ()


def test_flight_label() -> None:
    assert flight_label("AF", "AF276") == "AF276"
    assert flight_label("AF", "276") == "AF276"
    assert flight_label("Shinkansen Nozomi", "21") == "Shinkansen Nozomi 21"
    assert flight_label("", "") == ""


def test_host_roster_title_names_the_item_time_zone_groups_and_counts(world: Database, tmp_path: Path) -> None:
    """The title row tells the host what, when (local, zone named), which groups, how many and how many interpreters."""
    path = tmp_path / "host.xlsx"
    _export(world, "host", path, item_key="aichi-visit")
    title = load_workbook(path).worksheets[0]["A1"].value
    assert title.startswith("Host roster — EU-Japan R2R (r2r, 2022-11-20 to 2022-11-26)")
    assert "Aichi Visit, Aichi Prefecture, Nagoya, 2022-11-22 09:30 (Asia/Tokyo), group A: 4 people, 1 interpreter" in title
    assert title.endswith(" UTC") and "exported" in title
