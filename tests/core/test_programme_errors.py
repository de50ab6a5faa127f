"""Programme file: every bad value is reported with its path, and a bad file changes nothing."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from iurc_desktop.core.db import Database
from iurc_desktop.core.errors import ValidationError
from iurc_desktop.core.programme.demo import demo_path
from iurc_desktop.core.programme.file import dump_programme_text, load_programme

Data = dict[str, Any]


def _set(path: str, value: Any) -> Callable[[Data], None]:
    """A change that puts `value` at a dotted path such as events.0.items.3.start."""
    def change(data: Data) -> None:
        *parents, last = path.split(".")
        target: Any = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value
    return change


def _append(path: str, value: Any) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        target: Any = data
        for part in path.split("."):
            target = target[int(part)] if part.isdigit() else target[part]
        target.append(value)
    return change


CASES = [
    ("bad date", _set("events.0.items.3.start", "2022-11-31T09:00"),
     "events[0].items[3].start: 2022-11-31T09:00 is not a date"),
    ("unknown zone", _set("events.0.items.1.zone", "Europe/Brusels"),
     "events[0].items[1].zone: Europe/Brusels is not a known time zone"),
    ("DST gap", _set("events.2.items.0.start", "2026-03-29T02:30"),
     "events[2].items[0].start: 2026-03-29 02:30 does not exist in Europe/Brussels"),
    ("DST fold", _set("events.2.items.0.start", "2026-10-25T02:30"),
     "events[2].items[0].start: 2026-10-25 02:30 happens twice in Europe/Brussels"),
    ("offset that never applies", _set("events.2.items.0.start", "2026-04-09T10:00+05:00"),
     "events[2].items[0].start: 2026-04-09 10:00 in Europe/Brussels never has the offset +05:00"),
    ("unknown organisation", _set("people.0.organisation", "foo"),
     "people[0].organisation: unknown organisation 'foo'"),
    ("unknown host", _set("events.0.items.0.host", "nowhere"),
     "events[0].items[0].host: unknown organisation 'nowhere'"),
    ("unknown person by e-mail", _set("events.0.participants.0.person", "nobody@example.eu"),
     "events[0].participants[0].person: unknown person 'nobody@example.eu'"),
    ("unknown person by key", _set("events.0.stays.2.shares_with", "ghost"),
     "events[0].stays[2].shares_with: unknown person 'ghost'"),
    ("end before start", _set("events.0.items.0.end", "2022-11-21T08:00"),
     "events[0].items[0].end: 2022-11-21T08:00 is before the start 2022-11-21T09:30"),
    ("event ends before it starts", _set("events.1.end", "2021-10-10"),
     "events[1].end: 2021-10-10 is before the start 2021-10-11"),
    ("arrival before departure", _set("events.0.travel.0.arrive", "2022-11-19T10:00"),
     "events[0].travel[0].arrive: 2022-11-19T10:00 (Europe/Paris) is before the departure"),
    ("check-out before check-in", _set("events.0.stays.0.check_out", "2022-11-19"),
     "events[0].stays[0].check_out: 2022-11-19 is not after the check-in"),
    ("unknown item kind", _set("events.0.items.0.kind", "party"),
     "events[0].items[0].kind: 'party' is not one of: talk, session"),
    ("unknown participant status", _set("events.1.participants.0.status", "maybe"),
     "events[1].participants[0].status: 'maybe' is not one of: invited"),
    ("unknown organisation kind", _set("organisations.0.kind", "village"),
     "organisations[0].kind: 'village' is not one of: city, region"),
    ("duplicate organisation key", _set("organisations.1.key", "aichi"),
     "organisations[1].key: duplicate organisation key 'aichi' (also at organisations[0].key)"),
    ("duplicate item key", _set("events.0.items.1.key", "welcome"),
     "events[0].items[1].key: duplicate item key 'welcome'"),
    ("bad e-mail", _set("people.0.email", "not-an-email"),
     "people[0].email: not-an-email is not an e-mail address"),
    ("bad country", _set("organisations.0.country", "XX"),
     "organisations[0].country: 'XX' is not an ISO 3166 two-letter country code"),
    ("bad nationality", _set("people.0.nationality", "Japan"),
     "people[0].nationality: 'Japan' is not an ISO 3166 two-letter country code"),
    ("undeclared group", _set("events.0.items.3.groups", ["C"]),
     "events[0].items[3].groups[0]: group 'C' is not declared in events[0].groups (declared: A, B)"),
    ("undeclared participant group", _set("events.0.participants.0.group", "Z"),
     "events[0].participants[0].group: group 'Z' is not declared in events[0].groups"),
    ("person in two groups", _append("events.0.participants", {"person": "ane", "group": "B", "status": "confirmed"}),
     "a person is in at most one group"),
    ("unknown cluster", _set("events.1.cluster", "no-such-cluster"),
     "events[1].cluster: unknown cluster 'no-such-cluster'"),
    ("misspelt field", _set("events.0.items.0.titel", "Welcome"),
     "events[0].items[0].titel: unknown field"),
    ("missing required field", lambda data: data["events"][0]["items"][0].pop("title"),
     "events[0].items[0].title: missing (required)"),
    ("text where a number belongs", _set("events.0.capacity", "twenty"),
     "events[0].capacity: 'twenty' is not a whole number"),
    ("wrong format", _set("format", "iurc-programme/9"),
     "format: 'iurc-programme/9' is not a programme file format this version reads"),
]


def demo_data() -> Data:
    return json.loads(demo_path().read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo() -> Data:
    return demo_data()


def dump_text(db: Database) -> str:
    with db.reading() as session:
        return dump_programme_text(session)


@pytest.mark.parametrize(("what", "change", "message"), CASES, ids=[c[0] for c in CASES])
def test_one_bad_value_names_its_path_and_leaves_the_database_unchanged(
    demo_db: Database, demo: Data, what: str, change: Callable[[Data], None], message: str
) -> None:
    before = dump_text(demo_db)
    data = copy.deepcopy(demo)
    data["organisations"][0]["name"] = "Changed before the bad value"  # would be written if loading were not all or nothing
    data["events"][0]["title"] = "Changed too"
    change(data)
    with pytest.raises(ValidationError) as caught, demo_db.transaction() as session:
        load_programme(session, data, replace=True)
    assert any(message in problem for problem in caught.value.problems), caught.value.problems
    assert message in str(caught.value)
    assert dump_text(demo_db) == before


def test_demo_cases_start_from_a_valid_file(db: Database, demo: Data) -> None:
    """The cases above change a file that loads cleanly, so each failure is the one change's doing."""
    with db.transaction() as session:
        assert load_programme(session, copy.deepcopy(demo)).events == len(demo["events"])


def test_every_problem_in_a_file_is_reported_at_once(db: Database, demo: Data) -> None:
    data = copy.deepcopy(demo)
    chosen = [c for c in CASES if c[0] in ("bad date", "unknown zone", "DST gap", "unknown organisation", "end before start", "bad e-mail")]
    for _what, change, _message in chosen:
        change(data)
    with pytest.raises(ValidationError) as caught, db.transaction() as session:
        load_programme(session, data)
    for _what, _change, message in chosen:
        assert any(message in p for p in caught.value.problems), message
    assert dump_text(db).count('"code"') == 0


def test_reference_to_a_person_already_in_the_database_is_accepted(demo_db: Database) -> None:
    data = {
        "format": "iurc-programme/1",
        "events": [{
            "code": "follow-up", "kind": "meeting", "title": "Follow-up call", "zone": "Europe/Madrid",
            "start": "2023-02-01", "end": "2023-02-01",
            "items": [{"key": "call", "title": "Call", "kind": "meeting", "start": "2023-02-01T10:00", "end": "2023-02-01T11:00"}],
            "participants": [{"person": "ane.etxeberria@example.eus", "status": "invited"}, {"person": "jordi"}],
        }],
    }
    with demo_db.transaction() as session:
        summary = load_programme(session, data)
    assert (summary.people, summary.participants) == (0, 2)


def test_an_email_that_belongs_to_another_stored_person_is_refused(demo_db: Database) -> None:
    data = {"format": "iurc-programme/1", "people": [
        {"key": "ane", "given_name": "Ane", "email": "jordi.soler@example.cat"},
    ]}
    with pytest.raises(ValidationError, match=r"people\[0\]\.email: jordi\.soler@example\.cat is already the e-mail of another person \(jordi\)"):
        with demo_db.transaction() as session:
            load_programme(session, data)
