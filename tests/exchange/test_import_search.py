"""People written by an import, a merge or an erasure are found (or no longer found) by search."""

from __future__ import annotations

from datetime import date

from iurc_desktop.app import imports as app_imports
from iurc_desktop.core.models import Event, Person
from iurc_desktop.core.people.duplicates import merge_people
from iurc_desktop.core.people.erasure import erase_person
from iurc_desktop.core.search import search
from iurc_desktop.core.search_text import refresh_search_text
from tests.conftest import SAMPLES


def _webinar(db):  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        s.add(Event(code="web", kind="webinar", title="Webinar", zone="UTC", start_date=date(2025, 3, 22), end_date=date(2025, 3, 22)))


def _people_found(db, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    with db.reading() as s:
        return [h.key for h in search(s, text) if h.kind == "person"]


def test_people_created_by_an_import_are_found_by_search(db) -> None:  # type: ignore[no-untyped-def]
    _webinar(db)
    app_imports.apply_import(db, app_imports.plan_import(db, "web", SAMPLES / "real" / "eventbrite_attendee_report.csv"))
    assert _people_found(db, "Bloggs") == ["jbloggs@test3mail.com"]
    assert _people_found(db, "jdoe2") == ["jdoe2@test2mail.com"]


def test_blanks_an_import_fills_on_a_known_person_are_searchable(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _webinar(db)
    with db.transaction() as s:
        s.add(Person(given_name="", family_name="Tanaka", email="t@example.jp"))
    path = tmp_path / "hosts.csv"
    path.write_text("Email,Last name,First name,氏名(漢字)\nt@example.jp,Tanaka,Yui,田中結衣\n", encoding="utf-8")
    app_imports.apply_import(db, app_imports.plan_import(db, "web", path))
    assert _people_found(db, "田中結衣") == ["t@example.jp"] == _people_found(db, "yui tanaka")


def test_refresh_search_text_repairs_rows_written_in_bulk(db) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import update

    with db.transaction() as s:
        pid = Person(given_name="Ane", family_name="Etxeberria", email="ane@example.eus")
        s.add(pid)
        s.flush()
        s.execute(update(Person).where(Person.id == pid.id).values(family_name="Goikoetxea"))
        assert refresh_search_text(s, Person, [pid.id]) == 1
    assert _people_found(db, "Goikoetxea") == ["ane@example.eus"] and _people_found(db, "Etxeberria") == []


def test_a_merged_person_is_found_by_the_names_it_gained(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        keep = Person(given_name="Minjun", family_name="Kim", email="kim@example.kr")
        drop = Person(given_name="Minjun", family_name="Kim", local_name="김민준")
        s.add_all([keep, drop])
        s.flush()
        merge_people(s, keep.id, drop.id)
    assert _people_found(db, "김민준") == ["kim@example.kr"]


def test_an_erased_person_is_not_found_by_their_old_name_or_email(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        s.add(Person(given_name="Zygmunt", family_name="Wrzesniewski", local_name="ズィグムント", email="zw@example.pl"))
    assert _people_found(db, "Wrzesniewski") == ["zw@example.pl"]
    with db.transaction() as s:
        erase_person(s, "zw@example.pl")
    assert _people_found(db, "Wrzesniewski") == [] == _people_found(db, "zw@example") == _people_found(db, "ズィグムント")
