"""One passport rule: the home to-dos and the home card count passports as the event's checks do."""

from __future__ import annotations

from datetime import date

from iurc_desktop.core.events.checks import check_event
from iurc_desktop.core.events.readiness import readiness
from iurc_desktop.core.events.todo import todo
from iurc_desktop.core.models import Person

from .test_checks_missing import ANE, JAN, KEN, visit  # noqa: F401 - the study visit fixture

TODAY = date(2026, 10, 1)


def _passport_todos(db) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    with db.reading() as s:
        return {e.key: (e.severity, e.message) for e in todo(s, today=TODAY) if e.rule == "passport_expiring"}


def test_a_host_at_home_needs_no_passport_on_the_home_page_either(visit) -> None:  # noqa: F811
    assert _passport_todos(visit) == {}  # Ken's passport runs out, but he does not travel
    with visit.reading() as s:
        ready = readiness(s, ["visit"])["visit"]
    assert (ready.travellers, ready.documents) == (2, 2)  # Ane (flights) and Jan (from abroad), not Ken


def test_the_to_do_says_what_the_check_says_with_its_severity(visit) -> None:  # noqa: F811
    with visit.transaction() as s:
        s.query(Person).filter_by(email=ANE).one().passport_expiry = date(2027, 4, 22)  # return 23 Oct 2026
        s.query(Person).filter_by(email=JAN).one().passport_expiry = date(2026, 10, 20)  # during the visit
    with visit.reading() as s:
        checks = {p.people[0]: p for p in check_event(s, "visit") if p.kind == "passport_expiry"}
        ready = readiness(s, ["visit"])["visit"]
    todos = _passport_todos(visit)
    assert set(todos) == {ANE, JAN} and KEN not in todos
    assert todos[JAN] == ("high", checks[JAN].message) and checks[JAN].severity == "error"
    assert todos[ANE] == ("normal", checks[ANE].message) and checks[ANE].severity == "warning"
    assert "expires on 22 Apr 2027, less than six months after the return on 23 Oct 2026" in todos[ANE][1]
    assert (ready.travellers, ready.documents) == (2, 0)
