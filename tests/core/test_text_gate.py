"""The one text gate: what no stored value may hold is refused where it enters, naming the field.

Each class of character (C0, DEL, C1, line separators, text-direction controls, a stray
byte-order mark, half a surrogate pair) is refused by `load` with the field's path, by the
record rules both front ends share, and by the one-field edits; what scripts need (tab, new
lines, zero-width joiners, direction marks) is kept. A programme file that gives a field
twice is refused with the object's path.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from iurc_desktop.core import text_gate
from iurc_desktop.core.db import Database
from iurc_desktop.core.errors import ValidationError
from iurc_desktop.core.events.admin import rename_event
from iurc_desktop.core.events.groups import create_group
from iurc_desktop.core.models import Event, Organisation, Person
from iurc_desktop.core.people.fields import set_person_field
from iurc_desktop.core.people.records import add_person
from iurc_desktop.core.programme.file import load_programme_file

# One of each class, with what the message calls it.
REFUSED = {
    "NUL": ("\x00", "a control character (U+0000)"),
    "BEL": ("\x07", "a control character (U+0007)"),
    "ESC": ("\x1b", "a control character (U+001B)"),
    "vertical tab": ("\x0b", "a control character (U+000B)"),
    "unit separator": ("\x1f", "a control character (U+001F)"),
    "DEL": ("\x7f", "a control character (U+007F)"),
    "C1 next line": ("\x85", "a control character (U+0085)"),
    "C1 CSI": ("\x9b", "a control character (U+009B)"),
    "line separator": ("\u2028", "a Unicode line separator (U+2028)"),
    "paragraph separator": ("\u2029", "a Unicode paragraph separator (U+2029)"),
    "right-to-left override": ("\u202e", "a text-direction control (U+202E)"),
    "first-strong isolate": ("\u2068", "a text-direction control (U+2068)"),
    "byte-order mark": ("\ufeff", "a byte-order mark (U+FEFF)"),
}
KEPT = {
    "tab and new lines": "a\tb\nc\r\nd",
    "zero-width joiner (Devanagari)": "क्\u200dष",
    "zero-width non-joiner (Persian)": "می\u200cخواهم",
    "zero-width space (Thai)": "ภาษา\u200bไทย",
    "right-to-left mark": "abc\u200f",
    "fullwidth and CJK": "ＵＭＥÅ　浜松市 김민준",
    "emoji sequence": "\U0001F469\u200d\U0001F52C",
}


@pytest.mark.parametrize("char, what", REFUSED.values(), ids=REFUSED)
def test_each_class_is_refused_with_what_it_is_and_where(char: str, what: str) -> None:
    assert text_gate.problem(f"Ane{char}x") == f"holds {what} at character 4, which cannot be stored: delete it or retype the text"


@pytest.mark.parametrize("text", KEPT.values(), ids=KEPT)
def test_what_scripts_need_is_kept(text: str) -> None:
    assert text_gate.problem(text) is None
    assert text_gate.stripped(text) == (text, None)


def test_stripping_takes_every_refused_character_out_and_a_separator_becomes_a_space() -> None:
    assert text_gate.stripped("A\x07n\x1b[2Je\u2028B\ufeff\u202e") == ("An[2Je B", "a control character (U+0007) and 4 more")


def test_more_than_one_is_counted() -> None:
    assert "at character 1 and 2 more such characters" in (text_gate.problem("\x00a\x01\x02") or "")


# --- load -------------------------------------------------------------------------------------------------


def _person(**fields: str) -> dict[str, object]:
    return {"format": "iurc-programme/1",
            "people": [{"key": "ane", "given_name": "Ane", "family_name": "Etxeberria", "email": "ane@example.eus"},
                       {"key": "jo", "given_name": "Jo", "family_name": "Bloggs", "email": "jo@example.org", **fields}]}


def _refused_load(db: Database, tmp_path: Path, text: str) -> str:
    path = tmp_path / "programme.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as refused:
        with db.transaction() as session:
            load_programme_file(session, path)
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 0  # all or nothing
    return str(refused.value)


@pytest.mark.parametrize("char, what", REFUSED.values(), ids=REFUSED)
def test_load_refuses_each_class_naming_the_field_path(db: Database, tmp_path: Path, char: str, what: str) -> None:
    text = json.dumps(_person(given_name=f"Jo{char}"))  # escaped as \u0007 and so on
    assert _refused_load(db, tmp_path, text) == f"people[1].given_name: holds {what} at character 3, which cannot be stored: delete it or retype the text"


def test_load_refuses_a_raw_control_character_naming_the_field_not_the_json_syntax(db: Database, tmp_path: Path) -> None:
    text = json.dumps(_person(notes="ok"), ensure_ascii=False).replace('"ok"', '"bell\x07 and \x1b[31m"')
    message = _refused_load(db, tmp_path, text)
    assert message.startswith("people[1].notes: holds a control character (U+0007) at character 5 and 1 more")
    assert "\x1b" not in message and "\x07" not in message  # the message never carries what it refuses


def test_load_refuses_text_in_every_kind_of_record(db: Database, tmp_path: Path) -> None:
    data = {"format": "iurc-programme/1",
            "organisations": [{"key": "graz", "name": "Graz\x07", "kind": "city", "sector": "government", "country": "AT", "zone": "Europe/Vienna"}],
            "events": [{"code": "w1", "kind": "webinar", "title": "Title\u202e", "zone": "Europe/Vienna",
                        "start": "2026-03-26", "end": "2026-03-26", "groups": ["A\x00"],
                        "items": [{"key": "k", "title": "Talk", "kind": "talk", "start": "2026-03-26T10:00",
                                   "end": "2026-03-26T11:00", "place": "Room\x85"}]}]}
    lines = _refused_load(db, tmp_path, json.dumps(data)).splitlines()
    assert [line.split(": ")[0] for line in lines] == [
        "organisations[0].name", "events[0].title", "events[0].groups[0]", "events[0].items[0].place"]


def test_a_field_name_with_a_control_character_is_quoted_with_escapes(db: Database, tmp_path: Path) -> None:
    text = json.dumps(_person(**{"note\x1b[2J": "x"}))
    message = _refused_load(db, tmp_path, text)
    assert message.startswith("people[1].note\\x1b[2J: unknown field") and "\x1b" not in message
    data = {"format": "iurc-programme/1", "events": [{"code": "w1", "organiser\u202e": {}}]}
    text = json.dumps(data).replace("{}", '{"name": "A", "name": "B"}')
    assert 'events[0].organiser\\u202e: gives "name" twice' in _refused_load(db, tmp_path, text)


def test_tab_and_new_lines_in_notes_load(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "programme.json"
    path.write_text(json.dumps(_person(notes="line one\r\nline two\tand a tab", local_name="क्\u200dष")), encoding="utf-8")
    with db.transaction() as session:
        load_programme_file(session, path)
    with db.reading() as session:
        person = session.scalars(select(Person).where(Person.key == "jo")).one()
        assert (person.notes, person.local_name) == ("line one\r\nline two\tand a tab", "क्\u200dष")


# --- duplicate keys ---------------------------------------------------------------------------------------


def test_a_field_given_twice_is_refused_naming_the_object(db: Database, tmp_path: Path) -> None:
    text = ('{"format": "iurc-programme/1", "organisations": [{"key": "graz", "name": "Graz", "name": "Linz", '
            '"kind": "city", "country": "AT", "zone": "Europe/Vienna"}], "events": [], "events": []}')
    lines = _refused_load(db, tmp_path, text).splitlines()
    path = tmp_path / "programme.json"
    assert lines == [
        f"{path}: the top level: gives \"events\" twice; give each field once, with the value meant",
        f"{path}: organisations[0]: gives \"name\" twice; give each field once, with the value meant",
    ]
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Organisation)) == 0


def test_a_nested_object_with_several_fields_twice_names_each(db: Database, tmp_path: Path) -> None:
    data = json.dumps({"format": "iurc-programme/1", "events": [{"code": "w1", "organiser": {"name": "A", "email": "a@b.eu"}}]})
    text = data.replace('"name": "A"', '"name": "A", "name": "B", "email": "x@y.eu"')
    assert ('events[0].organiser: gives "name" and "email" twice' in _refused_load(db, tmp_path, text))


def test_the_same_key_in_different_objects_is_no_duplicate(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "programme.json"
    path.write_text(json.dumps(_person()), encoding="utf-8")
    with db.transaction() as session:
        assert load_programme_file(session, path).people == 2


# --- the record rules both front ends use, and the one-field edits ------------------------------------------


def test_a_person_added_with_a_control_character_is_refused_naming_the_field(db: Database) -> None:
    with pytest.raises(ValidationError) as refused:
        with db.transaction() as session:
            add_person(session, {"given_name": "A\x07", "family_name": "B", "email": "a@example.org",
                                 "dietary": "vegan\u2028"})
    assert str(refused.value).splitlines() == [
        "given_name: holds a control character (U+0007) at character 2, which cannot be stored: delete it or retype the text",
        "dietary: holds a Unicode line separator (U+2028) at character 6, which cannot be stored: delete it or retype the text",
    ]
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Person)) == 0


@pytest.fixture
def seeded(db: Database) -> tuple[Database, int]:
    with db.transaction() as s:
        s.add(Event(code="w1", kind="study_visit", title="Old title", zone="Europe/Brussels",
                    start_date=date(2026, 3, 26), end_date=date(2026, 3, 27)))
        person = Person(given_name="Ane", family_name="Etxeberria", email="ane@example.eus", job_title="Officer")
        s.add(person)
        s.flush()
        pid = person.id
    return db, pid


def test_one_field_edits_refuse_before_whitespace_is_joined(seeded: tuple[Database, int]) -> None:
    db, pid = seeded
    # \x1c-\x1f and U+2028 count as spaces to str.split: they must be refused, not quietly made spaces
    with pytest.raises(ValidationError, match=r"job title: holds a control character \(U\+001E\)"):
        with db.transaction() as s:
            set_person_field(s, pid, "job_title", "Head\x1eof unit")
    with pytest.raises(ValidationError, match=r"w1.title: holds a Unicode line separator"):
        with db.transaction() as s:
            rename_event(s, "w1", "New\u2028title")
    with pytest.raises(ValidationError, match=r"name: holds a control character \(U\+0007\)"):
        with db.transaction() as s:
            create_group(s, "w1", "A\x07")
    with db.reading() as s:
        assert s.get(Person, pid).job_title == "Officer"
        assert s.scalars(select(Event.title)).one() == "Old title"
