"""Synthesized files for each layout and encoding; all-or-nothing validation; formula text kept as text."""

from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

import pytest

from iurc_desktop.app import imports as app_imports
from iurc_desktop.core.errors import Cancelled, ValidationError
from iurc_desktop.core.models import Event, Group, Participation, Person
from iurc_desktop.core.progress import CancelToken
from iurc_desktop.exchange.imports.people import plan_import


@pytest.fixture
def visit(db):  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = Event(code="sv", kind="study_visit", title="Visit", zone="Asia/Tokyo", start_date=date(2026, 10, 18),
                   end_date=date(2026, 10, 24), capacity=2)
        s.add(ev)
        s.add_all([Group(event=ev, name="A"), Group(event=ev, name="B")])
    return db


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _run(db, path: Path, **kw):  # type: ignore[no-untyped-def]
    skip = kw.pop("skip_invalid", False)
    plan = app_imports.plan_import(db, "sv", path, **kw)
    return plan, app_imports.apply_import(db, plan, skip_invalid=skip).value


def _people(db) -> dict[str | None, tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    with db.reading() as s:
        return {p.email: (p.given_name, p.family_name, p.local_name) for p in s.query(Person)}


def test_cp932_host_roster_with_bilingual_headers_ideographic_spaces_and_closing_row(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = ("愛知県 受入名簿,,,\r\n,,,\r\n氏名 / Name,メールアドレス / Email,所属 / Organisation,パスポート有効期限 / Passport expiry\r\n"
            "髙橋　一郎,ichiro@example.jp,愛知県①,令和10年3月31日\r\n山田　花子,hanako@example.jp,浜松市～,2030/01/15\r\n以上,,,\r\n")
    plan, result = _run(visit, _write(tmp_path, "roster.csv", text.encode("cp932")))
    assert (plan.encoding, plan.layout, result.people_created) == ("cp932", "host_roster", 2)
    people = _people(visit)
    assert people["ichiro@example.jp"] == ("一郎", "髙橋", "髙橋 一郎")
    assert people["hanako@example.jp"] == ("花子", "山田", "山田 花子")
    with visit.reading() as s:
        ichiro = s.query(Person).filter_by(email="ichiro@example.jp").one()
        assert ichiro.passport_expiry == date(2028, 3, 31) and "愛知県①" in ichiro.notes


def test_cp1252_semicolon_french_headers(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = "Prénom;Nom de famille;Courriel;Régime alimentaire;Groupe\nÉlodie;Dupont;elodie@example.fr;végétarien;A\nJürgen;Müller;j@example.de;;B\n"
    plan, result = _run(visit, _write(tmp_path, "fr.csv", text.encode("cp1252")))
    assert plan.encoding == "cp1252" and plan.delimiter == ";" and result.people_created == 2
    with visit.reading() as s:
        elodie = s.query(Person).filter_by(email="elodie@example.fr").one()
        assert (elodie.given_name, elodie.dietary, elodie.participations[0].group.name) == ("Élodie", "végétarien", "A")


def test_utf16_excel_unicode_text_korean_german_headers(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = "이름\t이메일\tGeschlecht\r\n김민준\tminjun@example.kr\tmännlich\r\n박 지우\tjiwoo@example.kr\tweiblich\r\n"
    _run(visit, _write(tmp_path, "kr.csv", codecs.BOM_UTF16_LE + text.encode("utf-16-le")))
    people = _people(visit)
    assert people["minjun@example.kr"] == ("민준", "김", "김민준") and people["jiwoo@example.kr"] == ("지우", "박", "박 지우")


def test_google_forms_indico_and_pretix_layouts(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    forms = "Timestamp,Email address,Full name,Organisation,Dietary requirements\n2026/09/01 10:23:45 AM GMT+1,ane@example.eus,Ane Etxeberria,Basque Country,vegetarian\n"
    indico = ("ID,Name,Email Address,Affiliation,Registration date,Registration state\n"
              "1,Jan Janssens,jan@example.be,City of Ghent,01/09/2026 10:00,complete\n2,Lea Novak,lea@example.si,Ljubljana,02/09/2026 11:00,withdrawn\n")
    pretix = "Order code,Attendee name,Attendee email,Company,Order status\nABC12,Marta Rossi,marta@example.it,Comune di Bologna,paid\n"
    p1, _ = _run(visit, _write(tmp_path, "forms.csv", forms.encode()))
    p2, _ = _run(visit, _write(tmp_path, "indico.csv", codecs.BOM_UTF8 + indico.encode()))
    p3, _ = _run(visit, _write(tmp_path, "pretix.csv", pretix.encode()))
    assert (p1.layout, p2.layout, p3.layout) == ("google_forms", "indico", "pretix")
    with visit.reading() as s:
        status = {p.person.email: p.status for p in s.query(Participation)}
        assert s.query(Person).filter_by(email="ane@example.eus").one().dietary == "vegetarian"
    assert status == {"ane@example.eus": "registered", "jan@example.be": "registered", "lea@example.si": "cancelled",
                      "marta@example.it": "confirmed"}


BAD = ("First name,Last name,Email,Status\n"
       "Ane,Etxeberria,ane@example.eus,registered\n"
       "Jan,Janssens,not-an-email,registered\n"
       ",,nobody@example.eu,registered\n"
       "Ane,Etxeberria,ANE@example.eus ,registered\n"
       "Lea,Novak,lea@example.si,maybe\n"
       "Marta,Rossi,marta@example.it,registered\n")


def test_invalid_rows_without_skip_change_nothing_and_every_bad_row_is_reported(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path, "bad.csv", BAD.encode())
    with pytest.raises(ValidationError) as info:
        _run(visit, path)
    problems = info.value.problems
    assert [p.split(":")[0] for p in problems[1:]] == ["row 3", "row 4", "row 6"]
    assert "not-an-email" in problems[1] and "no name" in problems[2] and "'maybe'" in problems[3]
    assert _people(visit) == {}


def test_with_skip_invalid_the_valid_rows_are_imported_once(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan, result = _run(visit, _write(tmp_path, "bad.csv", BAD.encode()), skip_invalid=True)
    assert plan.counts == {"new": 2, "rejected": 3, "duplicate": 1}
    assert [r.duplicate_of for r in plan.rows if r.fate == "duplicate"] == [2]
    assert set(_people(visit)) == {"ane@example.eus", "marta@example.it"}
    assert len(result.skipped) == 3 and result.registrations_created == 2


def test_formula_looking_text_is_stored_as_plain_text(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    evil = "=cmd|' /C calc'!A0"
    csv_path = _write(tmp_path, "f.csv", f'Name,Email,Job title\nAne Etxeberria,ane@example.eus,"{evil}"\n'.encode())
    _run(visit, csv_path)
    wb = Workbook()
    ws = wb.active
    ws.append(["Name", "Email", "Job title"])
    ws.append(["Jan Janssens", "jan@example.be", evil])
    ws["C2"].data_type = "s"
    wb.save(tmp_path / "f.xlsx")
    _run(visit, tmp_path / "f.xlsx")
    with visit.reading() as s:
        assert {p.job_title for p in s.query(Person)} == {evil}


def test_confirmed_rows_beyond_capacity_are_waitlisted(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = "".join(f"P{i} Family{i},p{i}@example.eu,confirmed\n" for i in range(4))
    _, result = _run(visit, _write(tmp_path, "c.csv", ("Name,Email,Status\n" + rows).encode()))
    assert result.waitlisted == 2
    with visit.reading() as s:
        got = sorted((p.person.email, p.status, p.waitlist_position) for p in s.query(Participation))
    assert got == [("p0@example.eu", "confirmed", None), ("p1@example.eu", "confirmed", None),
                   ("p2@example.eu", "waitlisted", 1), ("p3@example.eu", "waitlisted", 2)]


def test_user_corrected_mapping_is_used(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path, "m.csv", "Name,Email,Kanji\nTaro Yamada,taro@example.jp,山田 太郎\n".encode())
    with visit.reading() as s:
        guessed = plan_import(s, "sv", path)
    assert guessed.mapping["Kanji"] == ""
    _run(visit, path, mapping={"Kanji": "local_name"})
    assert _people(visit)["taro@example.jp"] == ("Taro", "Yamada", "山田 太郎")
    with visit.reading() as s, pytest.raises(ValidationError, match="not a field"):
        plan_import(s, "sv", path, mapping={"Kanji": "shoe_size"})


def test_status_updates_follow_the_transition_rules(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _run(visit, _write(tmp_path, "a.csv", b"Name,Email,Status\nAne Etxeberria,ane@example.eus,registered\n"))
    plan, result = _run(visit, _write(tmp_path, "b.csv", b"Name,Email,Status\nAne Etxeberria,ane@example.eus,cancelled\n"))
    assert plan.counts == {"update": 1} and result.registrations_updated == 1
    with visit.transaction() as s:
        plan = plan_import(s, "sv", _write(tmp_path, "c.csv", b"Name,Email,Status\nAne Etxeberria,ane@example.eus,no-show\n"))
    assert plan.rejected[0].problems[0].startswith("cannot go from cancelled to no_show")


def test_attendance_guest_without_email_is_matched_by_folded_name_when_unambiguous(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _run(visit, _write(tmp_path, "r.csv", "Name,Email\nBjörn Lindqvist,b@example.se\nKim Lee,k1@example.kr\nLee Kim,k2@example.kr\n".encode()))
    report = ("Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
              "BJORN LINDQVIST (Guest),,10/18/2026 10:00:00 AM,10/18/2026 11:00:00 AM,60,Yes\n"
              "Kim Lee,,10/18/2026 10:00:00 AM,10/18/2026 10:30:00 AM,30,Yes\n")
    plan, result = _run(visit, _write(tmp_path, "att.csv", report.encode()), attendance=True)
    assert [r.fate for r in plan.rows] == ["attended", "unmatched"]
    assert "2 participants are named Kim Lee" in result.unmatched[0]
    assert result.no_show == 2


def test_cancel_stops_the_import(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    token = CancelToken()
    token.cancel()
    path = _write(tmp_path, "a.csv", b"Name,Email\nAne Etxeberria,ane@example.eus\n")
    with pytest.raises(Cancelled):
        app_imports.apply_import(visit, app_imports.plan_import(visit, "sv", path), cancel=token)
    assert _people(visit) == {}
