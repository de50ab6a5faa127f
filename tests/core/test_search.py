"""Search finds people, organisations, events and items across scripts, accents and widths."""

from __future__ import annotations

from datetime import datetime

from iurc_desktop.core.people.listing import count_people
from iurc_desktop.core.search import search

from .factories import event, item, org, person


def _data(s):  # type: ignore[no-untyped-def]
    hamamatsu = org(s, "hamamatsu", country="JP", zone="Asia/Tokyo", name="City of Hamamatsu", local_name="浜松市")
    umea = org(s, "umea", country="SE", zone="Europe/Stockholm", name="Umeå Municipality")
    person(s, "Haruto", "Suzuki", organisation=hamamatsu, local_name="鈴木　陽翔", email="suzuki@example.jp")
    person(s, "Minjun", "Kim", local_name="김민준", email="kim@example.kr")
    person(s, "Elin", "Lindström", organisation=umea)
    ev = event(s, "ruggedised-2021", kind="meeting")
    item(s, ev, "hamamatsu-talk", datetime(2026, 3, 23, 9, 0), datetime(2026, 3, 23, 10, 0), place="Hamamatsu City Hall")


def test_japanese_name_finds_organisation_and_its_people(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        _data(s)
        kinds = {(h.kind, h.key) for h in search(s, "浜松")}
        assert ("organisation", "hamamatsu") in kinds and ("person", "suzuki@example.jp") in kinds


def test_unaccented_text_finds_accented_names(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        _data(s)
        hits = search(s, "Umea")
        assert [h.key for h in hits if h.kind == "organisation"] == ["umea"]
        assert [h.title for h in search(s, "lindstrom")] == ["Elin Lindström"]


def test_full_width_and_ideographic_space_fold(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        _data(s)
        assert [h.key for h in search(s, "ＳＵＺＵＫＩ")] == ["suzuki@example.jp"]
        assert [h.key for h in search(s, "鈴木陽翔") if h.kind == "person"] == ["suzuki@example.jp"]
        assert [h.key for h in search(s, "김민준")] == ["kim@example.kr"]


def test_items_are_found_with_their_event(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        _data(s)
        hit = next(h for h in search(s, "city hall") if h.kind == "item")
        assert (hit.event_code, hit.key) == ("ruggedised-2021", "hamamatsu-talk")


def test_people_page_filter_folds_too(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        _data(s)
        assert count_people(s, "umea") == 1 and count_people(s, "nobody") == 0
        assert search(s, "   ") == []


def test_hits_give_an_items_day_on_its_own_clock_and_kinds_in_words(db) -> None:  # type: ignore[no-untyped-def]
    """08:00 in Seoul on 12 May is 23:00 UTC on the 11th: the hit says the 12th, as the itinerary does."""
    from datetime import date

    with db.transaction() as s:
        visit = event(s, "r2r-korea-2027", kind="study_visit", zone="Asia/Seoul", start=date(2027, 5, 10), end=date(2027, 5, 14))
        item(s, visit, "ktx-seoul-daejeon", datetime(2027, 5, 12, 8, 0), datetime(2027, 5, 12, 9, 0), place="Seoul Station")
        org(s, "eu-commission", kind="eu_institution", name="European Commission")
        hits = {h.kind: h.detail for h in search(s, "seoul")}
        assert hits["item"] == "r2r-korea-2027 · Seoul Station · 2027-05-12"
        assert {h.kind: h.detail for h in search(s, "korea")}["event"] == "r2r-korea-2027 · study visit · 2027-05-10"
        assert search(s, "european")[0].detail == "eu institution · BE · Europe/Brussels"


def test_totals_count_every_match_of_each_kind(db) -> None:  # type: ignore[no-untyped-def]
    from iurc_desktop.core.search import KINDS, totals

    with db.transaction() as s:
        _data(s)
        for text in ("hamamatsu", "浜松", "ha", "e", "zzzz"):
            shown = search(s, text, limit=1000)
            assert totals(s, text) == {kind: sum(h.kind == kind for h in shown) for kind in KINDS}, text
        assert totals(s, "   ") == dict.fromkeys(KINDS, 0)


def test_a_name_written_family_comma_given_finds_the_person(db) -> None:  # type: ignore[no-untyped-def]
    """Lists and exports write names "FAMILY, Given": a search copied from them finds the person."""
    from iurc_desktop.core.paging import ListQuery
    from iurc_desktop.core.people.listing import list_people

    with db.transaction() as s:
        _data(s)
        for text in ("Lindström, Elin", "lindstrom,elin", "Suzuki; Haruto"):
            assert count_people(s, text) == 1, text
            assert len(list_people(s, ListQuery(text=text, limit=10))) == 1, text
        assert [h.title for h in search(s, "Lindström, Elin")] == ["Elin Lindström"]


def test_an_organisations_sector_is_searched_as_the_lists_show_it(db) -> None:  # type: ignore[no-untyped-def]
    """The Organisations page shows "civil society": filtering by it finds them, and 0027 wrote it for those already there."""
    from alembic import command
    from sqlalchemy import text

    from iurc_desktop.core.db import _alembic_config
    from iurc_desktop.core.paging import ListQuery
    from iurc_desktop.core.people.organisations import count_organisations, list_organisations

    with db.transaction() as s:
        org(s, "ngo-one", name="Friends of the Harbour", sector="civil_society")
        org(s, "lab", name="Harbour Lab", sector="research")
        assert [o.key for o in list_organisations(s, ListQuery(text="civil society"))] == ["ngo-one"]
        assert count_organisations(s, "research harbour") == 1
    with db.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0026")  # type: ignore[arg-type]
        assert conn.execute(text("SELECT count(*) FROM organisations WHERE search_text LIKE '%civil%'")).scalar() == 0
        command.upgrade(_alembic_config(conn), "head")  # type: ignore[arg-type]
    with db.reading() as s:
        assert [o.key for o in list_organisations(s, ListQuery(text="civil"))] == ["ngo-one"]
