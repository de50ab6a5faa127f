"""Duplicates: same e-mail whatever the case, similar names across scripts and spacing, lossless merge."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from sqlalchemy import select, update

from iurc_desktop.core.errors import ValidationError
from iurc_desktop.core.models import ItemPerson, Participation, Person, StatusChange, Stay, TravelLeg
from iurc_desktop.core.people import duplicates
from iurc_desktop.core.registrations import participations as reg
from iurc_desktop.core.textfold import normalise_email

from .factories import event, item, person


def _pairs(session):  # type: ignore[no-untyped-def]
    return {(s.keep_name, s.drop_name, s.reason.split(" (")[0]) for s in duplicates.find_duplicates(session)}


def test_same_email_in_other_case_and_spacing_is_one_person(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        person(s, "Ane", "Etxeberria", email="ane@example.eus")
        person(s, "A.", "Etxeberria-Goñi", email=" ANE@Example.eus")
        person(s, "Other", "Person", email="other@example.eu")
        found = duplicates.find_duplicates(s)
    assert [(f.reason, f.score) for f in found if f.reason == "same e-mail"] == [("same e-mail", 1.0)]


def test_the_compared_email_is_kept_beside_it_and_cleared_by_a_statement_that_changes_only_the_email(db) -> None:  # type: ignore[no-untyped-def]
    """Every writer keeps `email_key` right: the app's, and a plain UPDATE (the trigger clears the key, the search folds)."""
    with db.transaction() as s:
        ane = person(s, "Ane", "Etxeberria", email=" Ane@Example.eus").id
        other = person(s, "Ana", "Other", email="ana@example.eu").id
    with db.transaction() as s:
        assert s.get(Person, ane).email_key == "ane@example.eus"
        s.execute(update(Person).where(Person.id == other).values(email="ANE@example.EUS"))
    with db.reading() as s:
        assert s.get(Person, other).email_key is None  # not known: the search folds this one itself
        assert [(f.keep_id, f.drop_id, f.reason) for f in duplicates.find_duplicates(s)] == [(ane, other, "same e-mail")]
    with db.transaction() as s:
        s.get(Person, other).email = "ana@example.eu"
    with db.reading() as s:
        assert s.get(Person, other).email_key == "ana@example.eu"
        assert duplicates.find_duplicates(s) == []


def test_the_demo_as_loaded_has_every_compared_email(demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.reading() as s:
        rows = s.execute(select(Person.email, Person.email_key).where(Person.email.is_not(None))).all()
    assert rows and all(key == normalise_email(email) for email, key in rows)


def test_full_width_ideographic_space_and_order_are_the_same_name(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        person(s, "Hiroshi", "Yamada", email="h1@example.jp")
        person(s, "Ｈｉｒｏｓｈｉ", "ＹＡＭＡＤＡ", email="h2@example.jp")
        a = person(s, "Taro", "Suzuki", email="t1@example.jp", local_name="鈴木　太郎")
        b = person(s, "T", "S", email="t2@example.jp", local_name="鈴木太郎")
        pairs = _pairs(s)
    assert ("Hiroshi Yamada", "Ｈｉｒｏｓｈｉ ＹＡＭＡＤＡ", "same name") in pairs
    assert (a.display_name, b.display_name, "same name") in pairs


def test_accents_and_a_typo_are_suggested_but_different_people_are_not(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        person(s, "Björn", "Lindqvist", email="b1@example.se")
        person(s, "Bjorn", "Lindquist", email="b2@example.se")
        person(s, "Maria", "Rossi", email="m@example.it")
        person(s, "Marco", "Bianchi", email="mb@example.it")
        found = duplicates.find_duplicates(s)
    assert [(f.keep_name, f.drop_name) for f in found] == [("Björn Lindqvist", "Bjorn Lindquist")]
    assert found[0].reason.startswith("similar names")


def test_similar_people_finds_a_korean_name_written_with_spaces(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        p = person(s, "Minjun", "Kim", email="k@example.kr", local_name="김민준")
        person(s, "Jiwoo", "Park", email="p@example.kr")
        assert duplicates.similar_people(s, "", "", "김 민준") == [p.id]
        assert duplicates.similar_people(s, "MINJUN", "kim") == [p.id]


def test_merge_keeps_every_participation_history_travel_stay_and_item(db) -> None:  # type: ignore[no-untyped-def]
    t0 = datetime(2026, 3, 1, 9, tzinfo=timezone.utc)
    with db.transaction() as s:
        e1, e2 = event(s, "sv-1"), event(s, "web-2", kind="webinar")
        it = item(s, e1, "talk", datetime(2026, 3, 23, 9), datetime(2026, 3, 23, 10))
        keep = person(s, "Ane", "Etxeberria", email="ane@example.eus")
        drop = person(s, "Ane", "Etxeberria", email="ane.e@gmail.example")
        drop.dietary, drop.phone = "vegetarian", "+34 600"
        reg.register(s, "sv-1", keep.id, status="registered")
        dropped_same = reg.register(s, "sv-1", drop.id, status="registered", role="speaker")
        reg.set_status(s, "sv-1", [dropped_same.participation_id], "confirmed", reason="paid")
        reg.register(s, "web-2", drop.id, status="registered")
        s.add(TravelLeg(event=e1, person=drop, from_place="BIO", from_zone="Europe/Madrid", depart_utc=t0, to_place="BRU",
                        to_zone="Europe/Brussels", arrive_utc=t0))
        s.add(Stay(event=e1, person=drop, hotel="H", zone="Europe/Brussels", check_in=date(2026, 3, 22), check_out=date(2026, 3, 24)))
        s.add(ItemPerson(item_id=it.id, person_id=drop.id))
        keep_id, drop_id = keep.id, drop.id
    with db.transaction() as s:
        report = duplicates.merge_people(s, keep_id, drop_id)
    assert (report.participations_moved, report.participations_merged, report.travel_legs, report.stays, report.item_assignments) == (1, 1, 1, 1, 1)
    with db.reading() as s:
        assert s.get(Person, drop_id) is None
        kept = s.get(Person, keep_id)
        assert (kept.email, kept.dietary, kept.phone) == ("ane@example.eus", "vegetarian", "+34 600")
        parts = {p.event.code: p for p in s.query(Participation).filter_by(person_id=keep_id)}
        assert set(parts) == {"sv-1", "web-2"}
        assert (parts["sv-1"].status, parts["sv-1"].role) == ("confirmed", "speaker")
        hist = [(h.from_status, h.to_status) for h in reg.history(s, parts["sv-1"].id)]
        assert sorted(hist) == sorted([("", "registered"), ("", "registered"), ("registered", "confirmed")])
        assert s.query(TravelLeg).one().person_id == keep_id and s.query(Stay).one().person_id == keep_id
        assert s.query(ItemPerson).one().person_id == keep_id
        assert s.query(StatusChange).count() == 4


def test_merge_takes_the_email_when_the_kept_person_has_none(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        keep = Person(given_name="Li", family_name="Wei")
        s.add(keep)
        s.flush()
        drop = person(s, "Li", "Wei", email="li.wei@example.cn")
        duplicates.merge_people(s, keep.id, drop.id)
        assert keep.email == "li.wei@example.cn"


def test_merging_a_person_with_themselves_is_refused(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        p = person(s, "A", "B")
        with pytest.raises(ValidationError):
            duplicates.merge_people(s, p.id, p.id)


def test_similar_names_finds_exactly_the_pairs_a_full_comparison_finds() -> None:
    import random
    from difflib import SequenceMatcher

    from iurc_desktop.core.people.duplicates import SIMILARITY, similar_names

    rng = random.Random(3)
    base = ["anne weber", "hiroshi yamada", "marta puig", "jordi soler", "seoyeon park", "elodie dubois"]
    keys = set(base)
    for name in base * 6:  # one or two letters dropped, doubled or swapped: near misses on both sides
        chars = list(name)
        for _ in range(rng.randint(1, 2)):
            i = rng.randrange(len(chars))
            rng.choice([lambda: chars.pop(i), lambda: chars.insert(i, chars[i]), lambda: chars.insert(i, "x")])()
        keys.add("".join(chars))
    keys = sorted(keys)
    expected = {frozenset((a, b)) for i, a in enumerate(keys) for b in keys[i + 1:]
                if max(SequenceMatcher(None, a, b).ratio(), SequenceMatcher(None, b, a).ratio()) >= SIMILARITY}
    found = {frozenset((a, b)) for a, b, _ in similar_names(keys, SIMILARITY)}
    assert found == expected and expected
