"""Visa invitation letters from the database: who gets one, names in both scripts, consent for the passport, the log."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from iurc_desktop.app import documents, visas
from iurc_desktop.core.db import Database
from iurc_desktop.core.errors import Cancelled, ValidationError
from iurc_desktop.core.models import Event, LetterIssue, Participation, Person
from iurc_desktop.core.progress import CancelToken
from tests.pdf_checks import notdef_glyphs, pdf_text, unembedded_fonts

VISIT = "r2r-korea-2027"
TODAY = date(2027, 3, 1)
PASSPORT = "TZ1234567"


def needs_visas(db: Database) -> None:
    """A Japanese, a Korean and a Thai delegate of the Korean visit who need a visa; the Japanese has a passport number."""
    with db.transaction() as session:
        event = session.scalar(select(Event).where(Event.code == VISIT))
        thai = Person(given_name="Somchai", family_name="Jaidee", local_name="สมชาย ใจดี", email="somchai@example.th",
                      nationality="TH")
        session.add(thai)
        for person in (session.scalar(select(Person).where(Person.key == key)) for key in ("haruto", "dohyun")):
            person.passport_number = PASSPORT if person.key == "haruto" else ""
            session.add(Participation(event=event, person=person, status="confirmed", visa_needed=True))
        session.add(Participation(event=event, person=thai, status="confirmed", visa_needed=True))
        session.add(Participation(event=event, person=Person(given_name="Not", family_name="Confirmed", email="nc@x.org"),
                                  status="invited", visa_needed=True))


def test_letters_go_to_confirmed_participants_who_need_a_visa(demo_db: Database) -> None:
    needs_visas(demo_db)
    emails = {r.email for r in documents.letter_recipients(demo_db, VISIT)}
    assert "somchai@example.th" in emails and "nc@x.org" not in emails and len(emails) == 3


def test_each_letter_names_the_person_in_latin_then_own_script_with_every_glyph(demo_db: Database, tmp_path: Path) -> None:
    needs_visas(demo_db)
    saved = documents.write_letters(demo_db, VISIT, tmp_path, today=TODAY).value
    assert len(saved.files) == 3
    texts = {}
    for path in saved.files:
        pdf = path.read_bytes()
        assert unembedded_fonts(pdf) == []
        assert notdef_glyphs(pdf) == 0
        texts[path.name] = pdf_text(pdf)
    expected = [("SATO Haruto", "佐藤 陽斗"), ("JEONG Do-hyun", "정도현"), ("Somchai JAIDEE", "สมชาย ใจดี")]
    for latin, own in expected:
        text = next(t for t in texts.values() if latin in t)
        assert text.index(latin) < text.index(own)
        words = " ".join(text.split())  # lines broken anywhere
        assert "Consulate of South Korea" in words and "in South Korea and Japan" in words and "1 March 2027" in words
    assert all(PASSPORT not in t for t in texts.values())  # never without consent


def test_the_passport_number_appears_only_with_consent(demo_db: Database, tmp_path: Path) -> None:
    needs_visas(demo_db)
    email = next(r.email for r in documents.letter_recipients(demo_db, VISIT) if r.has_passport_number)
    plain = documents.write_letters(demo_db, VISIT, tmp_path / "a", email=email, today=TODAY).value
    assert PASSPORT not in pdf_text(plain.files[0].read_bytes()) and plain.with_passport == 0
    consented = documents.write_letters(demo_db, VISIT, tmp_path / "b", email=email, include_passport=True,
                                        today=TODAY).value
    assert PASSPORT in pdf_text(consented.files[0].read_bytes()) and consented.with_passport == 1
    assert [row.with_passport for row in documents.letter_log(demo_db, VISIT)] == [False, True]


def test_letters_are_numbered_and_logged_per_person(demo_db: Database, tmp_path: Path) -> None:
    needs_visas(demo_db)
    first = documents.write_letters(demo_db, VISIT, tmp_path / "1", today=TODAY).value
    again = documents.write_letters(demo_db, VISIT, tmp_path / "2", email="somchai@example.th", today=TODAY).value
    assert first.numbers == ("R2R-KOREA-2027/001", "R2R-KOREA-2027/002", "R2R-KOREA-2027/003")
    assert again.numbers == ("R2R-KOREA-2027/004",)
    assert "R2R-KOREA-2027/004" in pdf_text(again.files[0].read_bytes())
    log = documents.letter_log(demo_db, VISIT)
    assert [(r.number, r.issued_on) for r in log][-1] == ("R2R-KOREA-2027/004", TODAY)
    assert [r.issued for r in documents.letter_recipients(demo_db, VISIT) if r.email == "somchai@example.th"] == [2]


def test_issuing_a_letter_moves_a_needed_visa_to_letter_sent_once(demo_db: Database, tmp_path: Path) -> None:
    needs_visas(demo_db)
    visas.move(demo_db, VISIT, "somchai@example.th", "needed", note="asked")
    visas.move(demo_db, VISIT, "somchai@example.th", "letter sent")
    visas.move(demo_db, VISIT, "somchai@example.th", "appointment")  # a later state is left as recorded
    saved = documents.write_letters(demo_db, VISIT, tmp_path / "1", today=TODAY).value
    assert saved.visas_moved == 2 and "2 visas moved to 'letter sent'" in documents.moved_note(saved)
    states = {r.email: visas.visa(demo_db, VISIT, r.email) for r in documents.letter_recipients(demo_db, VISIT)}
    assert states["somchai@example.th"].state == "appointment"
    japanese = next(v for e, v in states.items() if e != "somchai@example.th" and v.state == "letter sent")
    assert japanese.history[-1].to_state == "letter sent" and japanese.history[-1].note.startswith("letter R2R-KOREA")
    again = documents.write_letters(demo_db, VISIT, tmp_path / "2", today=TODAY).value
    assert again.visas_moved == 0 and documents.moved_note(again) == ""  # a repeat letter moves nothing


def test_a_cancelled_save_writes_no_file_and_logs_nothing(demo_db: Database, tmp_path: Path) -> None:
    needs_visas(demo_db)
    token = CancelToken()

    def stop_after_first(done: int, total: int, message: str = "") -> None:
        if done == 1:
            token.cancel()

    with pytest.raises(Cancelled):
        documents.write_letters(demo_db, VISIT, tmp_path, progress=stop_after_first, cancel=token)
    assert list(tmp_path.glob("*.pdf")) == []
    with demo_db.reading() as session:
        assert session.scalars(select(LetterIssue)).all() == []


def test_refusals_are_plain_and_change_nothing(demo_db: Database, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="No confirmed participant of r2r-korea-2027 needs a visa"):
        documents.write_letters(demo_db, VISIT, tmp_path)
    with pytest.raises(ValidationError, match="is a webinar: invitation letters are for study visits"):
        documents.write_letters(demo_db, "cluster-energy-webinar-2026", tmp_path)
    needs_visas(demo_db)
    with pytest.raises(ValidationError, match="nc@x.org gets no letter: only confirmed participants"):
        documents.write_letters(demo_db, VISIT, tmp_path, email="nc@x.org")
    assert documents.letter_log(demo_db, VISIT) == []


def test_the_preview_is_the_first_page_as_png_and_logs_nothing(demo_db: Database) -> None:
    needs_visas(demo_db)
    assert documents.preview_letter(demo_db, VISIT, "somchai@example.th", today=TODAY).startswith(b"\x89PNG")
    assert documents.letter_log(demo_db, VISIT) == []


def test_erasure_removes_the_passport_number(demo_db: Database) -> None:
    from iurc_desktop.core.people.erasure import erase_person

    needs_visas(demo_db)
    with demo_db.transaction() as session:
        erase_person(session, "haruto.sato@example.jp")
    with demo_db.reading() as session:
        assert session.scalars(select(Person).where(Person.passport_number == PASSPORT)).all() == []


def test_a_users_template_in_their_folder_is_used_for_the_letters(demo_db: Database, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from iurc_desktop.exchange.documents import engine

    monkeypatch.setattr(engine, "_shared", engine.Engine(user_dir=tmp_path / "own"))
    (tmp_path / "own").mkdir()
    (tmp_path / "own" / "letter.typ").write_text(
        '#let d = json(bytes(sys.inputs.data))\n#set text(font: "Noto Sans")\nOur letter #d.number', encoding="utf-8")
    used, own = documents.letter_template()
    assert used == own == tmp_path / "own" / "letter.typ"
    needs_visas(demo_db)
    saved = documents.write_letters(demo_db, VISIT, tmp_path / "out", email="somchai@example.th", today=TODAY).value
    assert pdf_text(saved.files[0].read_bytes()).strip() == "Our letter R2R-KOREA-2027/001"
