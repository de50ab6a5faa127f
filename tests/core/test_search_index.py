"""The search index finds exactly what a LIKE over every row finds, in any script, and follows every write."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import delete, select, update

from iurc_desktop.core.models import Event, Item, Organisation, Person
from iurc_desktop.core.people import listing
from iurc_desktop.core.people.listing import SORTS, add_people, count_people, list_people
from iurc_desktop.core.paging import ListQuery
from iurc_desktop.core.search_index import contains
from iurc_desktop.core.search_text import refresh_search_text
from iurc_desktop.core.textfold import fold

from ..statements import statements
from .factories import event, item, org, person

QUERIES = [
    "浜松", "浜松市", "松市", "市", "鈴木", "鈴木陽翔", "陽翔 suzuki", "김", "김민준", "민준", "ＳＵＺＵＫＩ", "ｓｕｚ", "Umeå", "umea",
    "ume", "Müller", "muller", "MÜLL", "lindström", "ndst", "e", "ki", "ro", "ström e", "city hall", "@example", ".jp",
    "50%", "a_b", "back\\slash", '"quoted"', "o'brien", "zz-none", "Ølstykke", "øl", "Straße", "strasse", "Ｈａｍａ 市",
]


def _sample(s):  # type: ignore[no-untyped-def]
    hamamatsu = org(s, "hamamatsu", country="JP", zone="Asia/Tokyo", name="City of Hamamatsu", local_name="浜松市")
    umea = org(s, "umea", country="SE", zone="Europe/Stockholm", name="Umeå Municipality")
    koln = org(s, "koln", name="Stadt Köln — Straße 50% a_b")
    person(s, "Haruto", "Suzuki", organisation=hamamatsu, local_name="鈴木　陽翔", email="suzuki@example.jp")
    person(s, "Minjun", "Kim", local_name="김민준", email="kim@example.kr")
    person(s, "Elin", "Lindström", organisation=umea)
    person(s, "Jürgen", "Müller", organisation=koln, email="back\\slash@example.de")
    person(s, "Seán", 'O\'Brien "quoted"', email="o.brien@example.ie")
    person(s, "Åse", "Ølstykke", local_name="ＡＳＥ", organisation=koln)
    person(s, "Ro", "E")
    ev = event(s, "hamamatsu-2026", kind="meeting")
    item(s, ev, "city-hall-talk", datetime(2026, 3, 23, 9, 0), datetime(2026, 3, 23, 10, 0), place="浜松 City Hall")


def _ids(s, model, where):  # type: ignore[no-untyped-def]
    return set(s.scalars(select(model.id).where(where)))


def test_index_finds_what_like_finds_in_every_script(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        _sample(s)
        for model in (Person, Organisation, Event, Item):
            for query in QUERIES:
                for word in fold(query).split():
                    like = model.search_text.like("%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%", escape="\\")
                    assert _ids(s, model, contains(model.search_text, word)) == _ids(s, model, like), (model.__name__, word)


def test_people_filter_equals_matching_every_word_in_person_or_organisation(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        _sample(s)
        people = s.execute(select(Person.id, Person.search_text, Organisation.search_text).outerjoin(Organisation)).all()
        for query in QUERIES:
            words = fold(query).split()
            expected = {pid for pid, own, theirs in people if all(w in own or w in (theirs or "") for w in words)}
            assert {row.id for row in list_people(s, ListQuery(text=query))} == expected, query
            assert count_people(s, query) == len(expected), query


def test_index_follows_inserts_updates_and_deletes(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        _sample(s)
        suzuki = s.scalar(select(Person).where(Person.email == "suzuki@example.jp"))
        suzuki.family_name, suzuki.local_name = "Tanaka", "田中　陽翔"
        s.flush()
        assert count_people(s, "田中陽翔") == 1 and count_people(s, "鈴木陽翔") == 0
        add_people(s, [{"given_name": "Yui", "family_name": "Nakamura", "local_name": "中村結衣"}])
        assert count_people(s, "中村結衣") == 1
        s.execute(update(Person).where(Person.family_name == "Nakamura").values(family_name="Nakamoto"))
        refresh_search_text(s, Person, list(s.scalars(select(Person.id).where(Person.family_name == "Nakamoto"))))
        assert count_people(s, "nakamoto") == 1 and count_people(s, "nakamura") == 0
        s.execute(delete(Person).where(Person.family_name == "Nakamoto"))
        assert count_people(s, "nakamoto") == 0 and count_people(s, "中村結衣") == 0


def test_words_of_three_characters_go_through_the_index_on_sqlite(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        _sample(s)
        with statements(db) as sql:
            count_people(s, "浜松市 e")
    if db.is_sqlite:
        assert "people_search.search_text MATCH" in sql[-1] and "LIKE" in sql[-1]  # a single character stays a LIKE
    else:
        assert "LIKE" in sql[-1]


def test_words_of_two_characters_go_through_the_index_on_sqlite(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        _sample(s)
        for text in ("鈴木", "ki 浜松市"):
            with statements(db) as sql:
                count_people(s, text)
                list_people(s, ListQuery(text=text, limit=100))
            for statement in sql:
                if db.is_sqlite:  # the trigrams starting the pair, and the texts ending with it, through their index
                    assert "people_search_terms" in statement and "substr(people.search_text, -2)" in statement
                    assert "LIKE" not in statement
                else:
                    assert "LIKE" in statement


def test_a_pair_found_only_at_the_very_end_of_a_text(db) -> None:  # type: ignore[no-untyped-def]
    """No trigram starts with the last two characters of a text: the index on them finds it."""
    with db.transaction() as s:
        person(s, "Ann", "Lee").job_title = "r-d"  # 'rd' only in the compact form, which ends the text
        person(s, "Bo", "Ek").job_title = "dr"  # 'rd' nowhere
        hall = org(s, "hall", name="Hall", kind="x-q")  # 'xq' only where it ends the organisation's text
        person(s, "Cy", "Ma", organisation=hall)
        person(s, "Di", "Wu", local_name="ꭰꭱ")  # Cherokee: casefold puts it in upper case
        s.flush()
        assert s.scalar(select(Person.search_text).where(Person.given_name == "Ann")).endswith("rd")
        assert {r.name for r in list_people(s, ListQuery(text="rd"))} == {"Ann Lee"}
        assert count_people(s, "rd") == 1
        assert {r.name for r in list_people(s, ListQuery(text="xq"))} == {"Cy Ma"}
        assert count_people(s, "xq") == 1 and count_people(s, "xq rd") == 0
        for model in (Person, Organisation):
            for word in ("rd", "xq", "dr", fold("ꭰꭱ")):
                like = model.search_text.like(f"%{word}%")
                assert _ids(s, model, contains(model.search_text, word)) == _ids(s, model, like), (model.__name__, word)


def _by_name(s, text: str, descending: bool = False, offset: int = 0):  # type: ignore[no-untyped-def]
    """The filter's window by name, and the same people sorted by name from their own rows."""
    window = [r.id for r in list_people(s, ListQuery(text=text, sort="name", descending=descending, offset=offset, limit=3))]
    name = SORTS["name"]
    expected = select(Person.id).where(Person.id.in_({r.id for r in list_people(s, ListQuery(text=text))}))
    expected = expected.order_by(name.desc() if descending else name, Person.id).offset(offset).limit(3)
    return window, list(s.scalars(expected))


def test_a_filter_window_by_name_follows_renames_inserts_and_deletes(db) -> None:  # type: ignore[no-untyped-def]
    """The first rows by name come from migration 0018's keys on SQLite: they follow every write to the names."""
    with db.transaction() as s:
        _sample(s)
        kth = org(s, "kth", name="Kista Tekniska")  # 'ki' and 'kista' find people through their organisation
        for i, (given, family) in enumerate((("Zoe", "Kiefer"), ("Adam", "Kiefer"), ("adam", "kiefer"), ("Åsa", "Akiyama"))):
            person(s, given, family, email=f"k{i}@example.se", organisation=kth if given == "Zoe" else None)
        assert count_people(s, "ki") >= 6
        for text in ("ki", "kie", "kie ki", "kista", "ki e"):
            for descending in (False, True):
                window, expected = _by_name(s, text, descending, offset=1)
                assert window == expected, (text, descending)
        zoe = s.scalar(select(Person).where(Person.given_name == "Zoe"))
        zoe.family_name = "Aaki"  # through the ORM: first by name now
        s.flush()
        assert _by_name(s, "ki")[0][0] == zoe.id
        s.execute(update(Person).where(Person.id == zoe.id).values(given_name="Zz", family_name="Zzki"))  # raw UPDATE
        refresh_search_text(s, Person, [zoe.id])
        assert _by_name(s, "ki", descending=True)[0][0] == zoe.id
        (new_id,) = add_people(s, [{"given_name": "A", "family_name": "Aakio"}])  # a bulk insert
        assert _by_name(s, "ki")[0][0] == new_id
        s.execute(delete(Person).where(Person.id == new_id))
        for text in ("ki", "kie"):
            assert _by_name(s, text)[0] == _by_name(s, text)[1], text


def test_a_filter_window_by_name_reads_no_person_row_on_sqlite(db) -> None:  # type: ignore[no-untyped-def]
    """Picking the first 100 by name among thousands reads 0018's narrow keys, not each match's row."""
    with db.transaction() as s:
        _sample(s)
        with statements(db) as sql:
            list_people(s, ListQuery(text="suzuki 浜松", sort="name", limit=100))
    window = sql[-1].split("LIMIT")[0].split("WHERE people.id IN (", 1)[1]  # the window's select, up to its cut
    if db.is_sqlite:
        assert window.startswith("SELECT people_name_keys.id") and "ORDER BY people_name_keys.name_key" in window
    else:
        assert "people_name_keys" not in sql[-1]


def test_a_keystrokes_statement_is_built_once_per_shape_and_reads_each_words_own_rows(db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """One word's window and count, built for the first word of their shape, run with each next word's own values."""
    built: list[str] = []
    build = listing._one_word_window
    monkeypatch.setattr(listing, "_one_word_window", lambda word, query: built.append(word.text) or build(word, query))
    monkeypatch.setattr(listing, "_BUILT", {})
    with db.transaction() as s:
        _sample(s)
        people = s.execute(select(Person.id, Person.search_text, Organisation.search_text).outerjoin(Organisation)).all()
        for text in ("suzuki", "umea", "lindström", "zz-none", "鈴木", "ki", "ro"):
            word = fold(text)
            assert _by_name(s, text)[0] == _by_name(s, text)[1], text
            assert count_people(s, text) == sum(1 for _, own, theirs in people if word in own or word in (theirs or "")), text
    assert built == (["suzuki", "鈴木"] if db.is_sqlite else [])  # a phrase of the index, then a pair


def test_the_people_of_an_organisation_a_word_finds_come_with_their_names_from_an_index_on_sqlite(db) -> None:  # type: ignore[no-untyped-def]
    """A city's or region's thousands of people: their first window by name reads no key or row of each of them."""
    if not db.is_sqlite:
        pytest.skip("PostgreSQL filters as it did (its trigram index serves the LIKE)")
    with db.transaction() as s:
        _sample(s)
        stmt, params = listing._listing(s, ListQuery(text="umea", sort="name", limit=100))
        sql = str(stmt.params(params).compile(s.get_bind(), compile_kwargs={"literal_binds": True}))
        plan = [row[-1] for row in s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql)]
    assert "SEARCH people USING COVERING INDEX ix_people_organisation_name (organisation_id=?)" in plan, plan
