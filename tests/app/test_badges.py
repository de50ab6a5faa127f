"""Badges and table cards from the database: names in both scripts, batches per group and since the last print."""

from __future__ import annotations

import io
from datetime import datetime, timezone
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from iurc_desktop.app import badges
from iurc_desktop.core.db import Database
from iurc_desktop.core.errors import Cancelled, NotFound, ValidationError
from iurc_desktop.core.models import BadgePrint, Event, Group, Participation, Person
from iurc_desktop.core.progress import CancelToken
from iurc_desktop.exchange.documents.badges import LAYOUTS
from tests.pdf_checks import notdef_glyphs, pdf_text, unembedded_fonts

VISIT = "r2r-korea-2027"
NOW = datetime(2027, 3, 1, 9, 0, tzinfo=timezone.utc)


def asian_delegates(db: Database) -> None:
    """A Japanese delegate (group B) and a Thai one (no group) join the Korean visit, confirmed."""
    with db.transaction() as session:
        event = session.scalar(select(Event).where(Event.code == VISIT))
        group_b = session.scalar(select(Group).where(Group.event_id == event.id, Group.name == "B"))
        haruto = session.scalar(select(Person).where(Person.key == "haruto"))
        thai = Person(given_name="Somchai", family_name="Jaidee", local_name="สมชาย ใจดี", email="somchai@example.th")
        session.add(Participation(event=event, person=haruto, status="confirmed", group=group_b, role="interpreter"))
        session.add(Participation(event=event, person=thai, status="confirmed"))


def text_of(path: Path) -> str:
    return pdf_text(path.read_bytes())


def test_badges_name_people_in_latin_then_own_script_with_every_glyph(demo_db: Database, tmp_path: Path) -> None:
    asian_delegates(demo_db)
    for layout in LAYOUTS:
        saved = badges.write_badges(demo_db, VISIT, tmp_path / f"{layout}.pdf", layout=layout, now=NOW).value
        pdf = saved.file.read_bytes()
        assert unembedded_fonts(pdf) == [] and notdef_glyphs(pdf) == 0
        text = text_of(saved.file)
        for latin, own in (("SATO Haruto", "佐藤 陽斗"), ("PARK Ji-hoon", "박지훈"), ("Somchai JAIDEE", "สมชาย ใจดี")):
            assert text.index(latin) < text.index(own), layout
        assert "Mikel ARRIETA" in text and "Euskadi" in text  # organisation in both forms


def test_a4_holds_eight_badges_a_page_and_a6_one(demo_db: Database, tmp_path: Path) -> None:
    asian_delegates(demo_db)
    a4 = badges.write_badges(demo_db, VISIT, tmp_path / "a4.pdf", layout="a4", now=NOW).value
    a6 = badges.write_badges(demo_db, VISIT, tmp_path / "a6.pdf", layout="a6", now=NOW).value
    assert len(PdfReader(io.BytesIO(a4.file.read_bytes())).pages) == -(-a4.count // 8)
    assert len(PdfReader(io.BytesIO(a6.file.read_bytes())).pages) == a6.count


@pytest.mark.parametrize(("layout", "paper", "per_page"), [("avery-l7163", (595, 842), 14),
                                                       ("avery-l7160", (595, 842), 21),
                                                       ("avery-5390", (612, 792), 6)])
def test_label_sheets_hold_their_labels_a_page_on_their_paper(demo_db: Database, tmp_path: Path, layout: str,
                                                               paper: tuple[int, int], per_page: int) -> None:
    asian_delegates(demo_db)
    with demo_db.transaction() as session:  # enough people for a second sheet on every label layout
        event = session.scalar(select(Event).where(Event.code == VISIT))
        for n in range(10):
            person = Person(given_name=f"Ji-woo{n}", family_name="Lee", local_name=f"이지우{n}", name_order="family_first",
                            email=f"jiwoo{n}@example.kr")
            session.add(Participation(event=event, person=person, status="confirmed"))
    saved = badges.write_badges(demo_db, VISIT, tmp_path / f"{layout}.pdf", layout=layout, now=NOW).value
    reader = PdfReader(io.BytesIO(saved.file.read_bytes()))
    assert saved.count > per_page and len(reader.pages) == -(-saved.count // per_page)
    assert {tuple(round(float(x)) for x in page.mediabox[2:]) for page in reader.pages} == {paper}
    text = text_of(saved.file)
    assert all(text.index(f"LEE Ji-woo{n}") < text.index(f"이지우{n}") for n in range(10))
    assert text.index("SATO Haruto") < text.index("佐藤 陽斗") and notdef_glyphs(saved.file.read_bytes()) == 0
    assert badges.preview_badges(demo_db, VISIT, layout=layout).startswith(b"\x89PNG")


def test_a_group_batch_holds_only_that_group(demo_db: Database, tmp_path: Path) -> None:
    asian_delegates(demo_db)
    saved = badges.write_badges(demo_db, VISIT, tmp_path / "b.pdf", group="b", now=NOW).value
    text = text_of(saved.file)
    assert "SATO Haruto" in text and "Group B" in text and "Group A" not in text and "JAIDEE" not in text
    with pytest.raises(NotFound, match="has no group 'Z' \\(its groups: A, B\\)"):
        badges.write_badges(demo_db, VISIT, tmp_path / "z.pdf", group="Z")


def test_since_the_last_print_holds_only_those_added_after_it(demo_db: Database, tmp_path: Path) -> None:
    first = badges.write_badges(demo_db, VISIT, tmp_path / "1.pdf", now=NOW).value
    with pytest.raises(ValidationError, match="every badge of this batch .* is printed already"):
        badges.write_badges(demo_db, VISIT, tmp_path / "2.pdf", since_last=True)
    asian_delegates(demo_db)
    assert [b.not_printed for b in badges.badge_batches(demo_db, VISIT)] == [2, 0, 1]
    fresh = badges.write_badges(demo_db, VISIT, tmp_path / "3.pdf", since_last=True, now=NOW).value
    assert fresh.count == 2 and first.count > 2
    text = text_of(fresh.file)
    assert "SATO Haruto" in text and "Somchai JAIDEE" in text and "ARRIETA" not in text
    assert badges.last_printed(demo_db, VISIT) == NOW


def test_only_people_taking_part_get_a_badge_with_their_check_in_code(demo_db: Database, tmp_path: Path) -> None:
    saved = badges.write_badges(demo_db, VISIT, tmp_path / "all.pdf", now=NOW).value
    text = text_of(saved.file)
    assert "Jordi SOLER" not in text  # invited, not taking part
    with demo_db.reading() as session:
        taking_part = session.scalars(select(Participation).join(Event).where(
            Event.code == VISIT, Participation.status.in_(("registered", "confirmed", "attended")))).all()
        assert len(taking_part) == saved.count
        assert session.scalar(select(BadgePrint).limit(1)) is not None


def test_the_qr_code_holds_the_participants_id() -> None:
    from iurc_desktop.exchange.documents.badges import check_in_code, qr_svg

    assert check_in_code("r2r-korea-2027", 42) == "IURC:r2r-korea-2027:42"
    svg = qr_svg("IURC:r2r-korea-2027:42")
    assert svg.startswith("<svg") and "path" in svg


def test_cancel_writes_no_file_and_records_no_print(demo_db: Database, tmp_path: Path) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        badges.write_badges(demo_db, VISIT, tmp_path / "x.pdf", cancel=token)
    assert not (tmp_path / "x.pdf").exists()
    assert badges.last_printed(demo_db, VISIT) is None


def test_an_unknown_layout_is_refused(demo_db: Database, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="'poster' is not a badge layout"):
        badges.write_badges(demo_db, VISIT, tmp_path / "x.pdf", layout="poster")


def test_the_preview_is_a_png(demo_db: Database) -> None:
    assert badges.preview_badges(demo_db, VISIT, layout="table-card").startswith(b"\x89PNG")


def test_a_webinars_people_get_badges_too(demo_db: Database, tmp_path: Path) -> None:
    saved = badges.write_badges(demo_db, "cluster-energy-webinar-2026", tmp_path / "w.pdf", now=NOW).value
    text = text_of(saved.file)
    assert text.index("KIM Min-jun") < text.index("김민준") and text.index("OKADA Emi") < text.index("岡田 恵美")
    assert notdef_glyphs(saved.file.read_bytes()) == 0
