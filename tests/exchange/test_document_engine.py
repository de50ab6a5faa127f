"""The document engine: bundled fonts embedded, no tofu in any of the scripts, and a user's own template used."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from iurc_desktop.core.errors import ValidationError
from iurc_desktop.exchange.documents.engine import Engine, fonts_dir, template_path
from iurc_desktop.exchange.documents.letters import TEMPLATE, Host, LetterData, file_name, passport_name
from tests.pdf_checks import notdef_glyphs, pdf_text, unembedded_fonts


def _letter(local_name: str = "佐藤 陽斗", **changes: object) -> LetterData:
    fields: dict[str, object] = dict(
        number="VISIT/001", issued_on=date(2027, 3, 1), sender="IURC AA team", sender_email="info@example.eu",
        destination="South Korea", countries="South Korea", latin_name=passport_name("Haruto", "Sato", "family_first"),
        local_name=local_name, nationality="Japan", organisation="Aichi Prefecture", organisation_local="愛知県",
        job_title="Director", event_title="EU-Korea study visit", purpose="Green transition with 정도현 and สมชาย ใจดี.",
        start=date(2027, 5, 10), end=date(2027, 5, 15), paid_by="The programme pays.",
        hosts=[Host("Seoul Metropolitan Government", "서울특별시", "Seoul")], places=["Seoul"])
    fields.update(changes)
    return LetterData(**fields)  # type: ignore[arg-type]


def test_passport_name_puts_the_family_name_in_capitals_in_the_persons_order() -> None:
    assert passport_name("Haruto", "Sato", "family_first") == "SATO Haruto"
    assert passport_name("Ane", "Etxeberria", "given_first") == "Ane ETXEBERRIA"
    assert file_name(_letter()) == "VISIT-001-SATO-Haruto.pdf"


def test_every_script_is_set_in_an_embedded_bundled_font_without_tofu() -> None:
    pdf = Engine().render(TEMPLATE, _letter())
    text = pdf_text(pdf)
    for name in ("SATO Haruto", "佐藤 陽斗", "愛知県", "서울특별시", "정도현", "สมชาย ใจดี"):
        assert name in text
    assert text.index("SATO Haruto") < text.index("佐藤 陽斗")
    assert unembedded_fonts(pdf) == []
    assert notdef_glyphs(pdf) == 0


def test_a_character_no_bundled_font_has_is_caught_as_tofu() -> None:
    # Egyptian hieroglyphs are in none of the bundled fonts: the check must see the empty boxes.
    assert notdef_glyphs(Engine().render(TEMPLATE, _letter(local_name="𓀀𓀁"))) == 2


def test_a_users_own_template_is_used_instead_of_the_bundled_one(tmp_path: Path) -> None:
    assert template_path(TEMPLATE, user_dir=tmp_path).parent.name == "documents"
    (tmp_path / f"{TEMPLATE}.typ").write_text(
        '#let d = json(bytes(sys.inputs.data))\n#set text(font: "Noto Sans")\nOur own letter for #d.latin_name',
        encoding="utf-8")
    assert template_path(TEMPLATE, user_dir=tmp_path) == tmp_path / f"{TEMPLATE}.typ"
    assert "Our own letter for SATO Haruto" in pdf_text(Engine(user_dir=tmp_path).render(TEMPLATE, _letter()))


def test_a_broken_user_template_is_told_plainly(tmp_path: Path) -> None:
    (tmp_path / f"{TEMPLATE}.typ").write_text("#let d = (", encoding="utf-8")
    with pytest.raises(ValidationError, match="could not be used.*remove it to use the bundled one"):
        Engine(user_dir=tmp_path).render(TEMPLATE, _letter())


def test_fonts_ship_with_their_licences() -> None:
    names = {p.name for p in fonts_dir().iterdir()}
    assert {"NotoSans-Regular.ttf", "NotoSansThai-Regular.ttf", "wqy-microhei.ttc", "OFL-Noto.txt",
            "LICENSE-wqy-microhei-Apache-2.0.txt"} <= names


def test_the_first_page_previews_as_png() -> None:
    assert Engine().render(TEMPLATE, _letter(), png=True).startswith(b"\x89PNG")


def test_every_own_script_name_of_the_demo_is_set_without_tofu() -> None:
    from iurc_desktop.core.programme.demo import demo_path

    demo = json.loads(demo_path().read_text(encoding="utf-8"))
    names = [r["local_name"] for r in demo["people"] + demo["organisations"] if r.get("local_name")]
    assert len(names) > 30
    # The demo has no Thai names yet: a Thai one stands in beside them.
    pdf = Engine().render(TEMPLATE, _letter(purpose=" · ".join(names + ["สมชาย ใจดี", "กรุงเทพมหานคร"])))
    words = "".join(pdf_text(pdf).split())
    assert all("".join(name.split()) in words for name in names)
    assert notdef_glyphs(pdf) == 0
