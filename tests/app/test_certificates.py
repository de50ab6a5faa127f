"""Certificates of attendance: only for participants marked attended, names in both scripts, no tofu."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from iurc_desktop.app import certificates
from iurc_desktop.core.db import Database
from iurc_desktop.core.errors import Cancelled, NotFound, ValidationError
from iurc_desktop.core.models import Event, Participation, Person
from iurc_desktop.core.progress import CancelToken
from tests.pdf_checks import notdef_glyphs, pdf_text, unembedded_fonts

MEETING = "ruggedised-japan-2021"  # the demo's past meeting: most attended, Mori Yumi was a no-show
TODAY = date(2021, 10, 20)


def test_only_participants_marked_attended_get_a_certificate(demo_db: Database, tmp_path: Path) -> None:
    saved = certificates.write_certificates(demo_db, MEETING, tmp_path, today=TODAY)
    with demo_db.reading() as session:
        statuses = dict(session.execute(select(Person.family_name, Participation.status).join(Participation.person)
                                        .join(Event).where(Event.code == MEETING)).all())
    attended = {name for name, status in statuses.items() if status == "attended"}
    assert len(saved.files) == len(attended) and "Mori" not in attended
    texts = " ".join(pdf_text(p.read_bytes()) for p in saved.files)
    assert "MORI Yumi" not in texts and "森 由美" not in texts
    assert [r.name for r in certificates.certificate_recipients(demo_db, MEETING)].count("Mori Yumi") == 0


def test_a_certificate_names_the_person_in_latin_then_own_script(demo_db: Database, tmp_path: Path) -> None:
    saved = certificates.write_certificates(demo_db, MEETING, tmp_path, today=TODAY)
    for latin, own in (("KATO Koji", "加藤 浩二"), ("ITO Sakura", "伊藤 さくら"), ("Tomáš DVOŘÁK", "")):
        path = next(p for p in saved.files if latin.split()[0].lower()[:3] in p.name.lower())
        pdf = path.read_bytes()
        assert unembedded_fonts(pdf) == [] and notdef_glyphs(pdf) == 0
        text = pdf_text(pdf)
        assert latin in text and "Certificate of attendance" in text and "11 October 2021" in text
        if own:
            assert text.index(latin) < text.index(own)
    assert (tmp_path / "certificate-Tomas-DVORAK.pdf").exists()  # a plain file name


def test_thai_and_korean_names_are_set_without_tofu(demo_db: Database, tmp_path: Path) -> None:
    with demo_db.transaction() as session:
        event = session.scalar(select(Event).where(Event.code == MEETING))
        for given, family, own, email in (("Somchai", "Jaidee", "สมชาย ใจดี", "s@example.th"),
                                          ("Min-jun", "Kim", "김민준", "k@example.kr")):
            person = Person(given_name=given, family_name=family, local_name=own, email=email,
                            name_order="family_first" if family == "Kim" else "given_first")
            session.add(Participation(event=event, person=person, status="attended", attended_minutes=95))
    saved = certificates.write_certificates(demo_db, MEETING, tmp_path, email="k@example.kr", today=TODAY)
    text = pdf_text(saved.files[0].read_bytes())
    assert text.index("KIM Min-jun") < text.index("김민준") and "95 minutes" in text
    thai = certificates.write_certificates(demo_db, MEETING, tmp_path, email="s@example.th", today=TODAY).files[0]
    assert notdef_glyphs(thai.read_bytes()) == 0 and "สมชาย ใจดี" in pdf_text(thai.read_bytes())


def test_refusals_say_why(demo_db: Database, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="Nobody is marked attended in r2r-korea-2027"):
        certificates.write_certificates(demo_db, "r2r-korea-2027", tmp_path / "a")
    with pytest.raises(ValidationError, match="only participants marked attended do \\(status no_show\\)"):
        certificates.write_certificates(demo_db, MEETING, tmp_path / "b", email="y.mori@example.tamana.jp")
    with pytest.raises(NotFound, match="does not take part"):
        certificates.write_certificates(demo_db, MEETING, tmp_path / "c", email="nobody@example.org")
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_cancel_leaves_no_file(demo_db: Database, tmp_path: Path) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        certificates.write_certificates(demo_db, MEETING, tmp_path, cancel=token)
    assert list(tmp_path.glob("*.pdf")) == []
