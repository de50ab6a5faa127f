"""The duplicate search: the same pairs as comparing every two people, the first N of them, and a bound on its work."""

from __future__ import annotations

import random
import time
from difflib import SequenceMatcher

from sqlalchemy import insert, select

from iurc_desktop.core.models import Person
from iurc_desktop.core.people import duplicates
from iurc_desktop.core.people.erasure import ERASED, ERASED_NAME, is_erased
from iurc_desktop.core.people.listing import normalise_email
from iurc_desktop.core.textfold import name_key

GIVEN = ["Hiroshi", "Ｈｉｒｏｓｈｉ", "Björn", "Bjorn", "Ane", "Anne", "Maria", "Marta", "Minjun", "Yui", "Élodie", "Elodie"]
FAMILY = ["Yamada", "YAMADA", "Lindqvist", "Lindquist", "Etxeberria", "Rossi", "Rosi", "Kim", "Tanaka", "Dubois"]
LOCAL = ["", "", "", "山田", "山田 浩", "김민준", "田中"]


def _people(seed: int, n: int) -> list[dict[str, object]]:
    """People whose names repeat, differ by an accent, a letter, the width or the order, some sharing an e-mail."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        email = None if i % 9 == 0 else f"p{i}@example.eu"
        if i % 11 == 0 and rows:  # the e-mail of someone before, in other case and spacing
            earlier = rng.choice([r for r in rows if r["email"]])
            email = f" {str(earlier['email']).upper()}"
        rows.append({"given_name": given, "family_name": family, "local_name": rng.choice(LOCAL), "email": email,
                     "name_order": rng.choice(["given_first", "family_first"])})
    return rows


def every_pair(people: list[Person]) -> list[duplicates.Suggestion]:
    """Each two people compared by the definition, the reasons taken in their order (the reference)."""
    found = []
    for i, a in enumerate(people):
        for b in people[i + 1:]:
            shown_a, shown_b = name_key(a.display_name), name_key(b.display_name)
            if a.email and b.email and normalise_email(a.email) == normalise_email(b.email):
                reason, score = "same e-mail", 1.0
            elif duplicates.name_keys(a.given_name, a.family_name, a.local_name) & duplicates.name_keys(
                    b.given_name, b.family_name, b.local_name):
                reason, score = "same name", 0.99
            elif shown_a and shown_a == shown_b:
                reason, score = "similar names (100%)", 1.0
            else:
                ratio = SequenceMatcher(None, shown_a, shown_b).ratio() if shown_a and shown_b else 0.0
                if ratio < duplicates.SIMILARITY:
                    continue
                reason, score = f"similar names ({ratio:.0%})", round(ratio, 3)
            found.append(duplicates.Suggestion(a.id, b.id, a.display_name, b.display_name, a.email or "", b.email or "",
                                               reason, score))
    return sorted(found, key=lambda s: (-s.score, s.keep_id, s.drop_id))


def test_the_search_finds_the_pairs_comparing_every_two_people_finds(db) -> None:  # type: ignore[no-untyped-def]
    erased = {"given_name": "", "family_name": ERASED_NAME, "local_name": "", "email": None, "notes": ERASED}
    unicode_cased = [{"given_name": "Ñuño", "family_name": "Peña", "local_name": "", "email": email}
                     for email in ("ñuño@example.es", "ÑUÑO@example.es")]
    with db.transaction() as s:
        s.execute(insert(Person), _people(7, 160) + [erased] * 3 + unicode_cased)
    with db.reading() as s:
        expected = every_pair([p for p in s.scalars(select(Person).order_by(Person.id)) if not is_erased(p)])
        found = duplicates.search_duplicates(s)
        assert {e.reason.split(" (")[0] for e in expected} == {"same e-mail", "same name", "similar names"}
        assert found.suggestions == expected and found.total == len(expected)
        assert duplicates.find_duplicates(s) == expected
        for limit in (1, 37, 400):
            first = duplicates.search_duplicates(s, limit=limit)
            assert first.suggestions == expected[:limit] and first.total == len(expected)


def test_a_crowd_of_one_name_is_counted_without_making_its_pairs(db) -> None:  # type: ignore[no-untyped-def]
    crowd = 4000  # 7,998,000 pairs: making them all would take minutes
    with db.transaction() as s:
        s.execute(insert(Person), [{"given_name": "Yui", "family_name": "Tanaka", "local_name": "田中", "email": f"y{i}@example.jp"}
                                   for i in range(crowd)])
    with db.reading() as s:
        ids = list(s.scalars(select(Person.id).order_by(Person.id)))
        started = time.perf_counter()
        found = duplicates.search_duplicates(s, limit=50)
        took = time.perf_counter() - started
    assert found.total == crowd * (crowd - 1) // 2
    assert [(f.keep_id, f.drop_id) for f in found.suggestions] == [(ids[0], other) for other in ids[1:51]]
    assert {f.reason for f in found.suggestions} == {"same name"}
    assert took < 5, f"{took:.1f} s for the first 50 of a crowd"
