"""A bilingual host roster's romanised name column gives the Latin name; the name in its own script is the local name."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from iurc_desktop.app import imports as app_imports
from iurc_desktop.core.models import Event, Person
from iurc_desktop.exchange.imports.mapping import guess_mapping
from iurc_desktop.exchange.imports.people import plan_import


@pytest.fixture
def visit(db):  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        s.add(Event(code="sv", kind="study_visit", title="Visit", zone="Asia/Seoul", start_date=date(2026, 10, 18),
                    end_date=date(2026, 10, 24)))
    return db


def _roster(path: Path) -> Path:
    """The layout of a real host roster: merged title, a date line, bilingual headers, a closing 以上 row."""
    wb = Workbook()
    ws = wb.active
    ws.append(["ソウル訪問団 参加者名簿 / Delegation roster"])
    ws.merge_cells("A1:E1")
    ws.append(["作成日: 2026/09/01"])
    ws.append([])
    ws.append(["氏名 / Name", "ローマ字 / Romanised", "メール / E-mail", "所属 / Organisation", "国 / Country"])
    ws.append(["山田\u3000太郎", "Yamada Taro", "t.yamada@example.jp", "浜松市", "JP"])
    ws.append(["김\u3000지수", "Kim Ji-su", "jisu.kim@example.kr", "서울특별시", "KR"])
    ws.append(["Ｔａｎａｋａ\u3000Ｈａｎａｋｏ", "Tanaka Hanako", "hanako.tanaka@example.jp", "鎌倉市", "JP"])
    ws.append(["以上"])
    wb.save(path)
    return path


def test_romanised_column_is_the_latin_name_and_the_cjk_column_the_local_name(visit, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with visit.transaction() as s:
        plan = plan_import(s, "sv", _roster(tmp_path / "host_roster_ja.xlsx"))
        assert plan.mapping["ローマ字 / Romanised"] == "full_name" and plan.mapping["氏名 / Name"] == "local_name"
        assert plan.rejected == []
    app_imports.apply_import(visit, plan)
    with visit.reading() as s:
        people = {p.email: (p.given_name, p.family_name, p.local_name, p.display_name) for p in s.query(Person)}
    assert people["t.yamada@example.jp"] == ("Taro", "Yamada", "山田 太郎", "Yamada Taro")
    assert people["jisu.kim@example.kr"] == ("Ji-su", "Kim", "김 지수", "Kim Ji-su")
    assert people["hanako.tanaka@example.jp"][2:] == ("", "Tanaka Hanako")  # full-width Latin is not another script


@pytest.mark.parametrize("roman", ["Romanized", "Romaji", "ローマ字", "로마자", "Name (Latin)", "氏名 / Romanised"])
def test_every_spelling_of_a_romanised_header_is_recognised(roman: str) -> None:
    own = "이름" if roman == "로마자" else "氏名"
    assert guess_mapping([own, roman, "Email"]) == {own: "local_name", roman: "full_name", "Email": "email"}


def test_a_romanised_column_beside_latin_first_and_last_names_is_left_alone() -> None:
    mapping = guess_mapping(["First name", "Last name", "氏名", "Romanised", "Email"])
    assert mapping == {"First name": "given_name", "Last name": "family_name", "氏名": "full_name", "Romanised": "",
                       "Email": "email"}
