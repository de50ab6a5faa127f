"""People written in bulk: many inserted in one statement (searchable), blanks filled without overwriting."""

from __future__ import annotations

from iurc_desktop.core.models import Person
from iurc_desktop.core.people import listing as people

from . import factories as f


def test_add_people_inserts_in_order_with_blanks_and_search_text(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ids = people.add_people(s, [{"given_name": "Ane", "family_name": "Etxeberria", "email": "ane@example.eus"},
                                    {"family_name": "Tanaka", "local_name": "田中"}])
        assert people.add_people(s, []) == []
    with db.reading() as s:
        ane, tanaka = (s.get(Person, pid) for pid in ids)
        assert (ane.email, ane.name_order, ane.notes) == ("ane@example.eus", "given_first", "")
        assert tanaka.email is None and "田中" in tanaka.search_text
        assert people.count_people(s, "etxeberria") == 1


def test_fill_blanks_keeps_what_a_person_has(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        kept = f.person(s, "Yui", "Tanaka", email="t@example.jp")
        kept.job_title = "Mayor"
        s.flush()
        pid = kept.id
    with db.transaction() as s:
        assert people.fill_blanks(s, [(pid, {"job_title": "Clerk", "phone": "+81 3", "dietary": ""}), (pid + 99, {"phone": "1"})]) == 1
        assert people.fill_blanks(s, [(pid, {"job_title": "Clerk"})]) == 0
    with db.reading() as s:
        person = s.get(Person, pid)
        assert (person.job_title, person.phone, person.dietary) == ("Mayor", "+81 3", "")
