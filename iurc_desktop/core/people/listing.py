"""People: found by e-mail, and a searchable, sortable listing for the People page and the CLI."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import (
    ColumnElement, Integer, Select, String, and_, column, func, insert, literal_column, or_, select, table, union,
)
from sqlalchemy.orm import Session

from ..errors import NotFound, ValidationError
from ..models import Organisation, Participation, Person
from ..names import display_name
from ..new_rows import insert_rows
from ..paging import ListQuery, apply_window, apply_window_first
from ..search_index import Word, contains, count_ids, has_index_tables, index_parts, indexed_or, uses_index
from ..search_text import with_search_text
from ..textfold import normalise_email
from ..textfold import search_words


@dataclass(frozen=True)
class PersonBasics:
    """Who a person is, as every list and card of people starts: name in both scripts, contact, organisation."""

    id: int
    name: str
    local_name: str
    email: str
    organisation: str
    country: str
    job_title: str


@dataclass(frozen=True)
class PersonRow(PersonBasics):
    """A row of the People page."""

    events: int
    version: int = 1  # the row's version when read: an edit made from this row passes it back


_EVENTS = select(func.count()).select_from(Participation).where(Participation.person_id == Person.id).correlate(Person).scalar_subquery()
# Spelt as migration 0009's index on it (a literal space, not a parameter), so the first window is read in order.
_NAME = func.lower(Person.family_name + literal_column("' '") + Person.given_name)

# Migration 0018's narrow copy of each person's `_NAME` (SQLite only), which a filter's window by name is picked from,
# and its trigger on new people, which a bulk load drops and makes up for with `fill_name_keys`.
_NAME_KEYS = table("people_name_keys", column("id", Integer), column("name_key", String))
NAME_KEYS_TRIGGER = "people_name_keys_insert"

SORTS = {
    "name": _NAME,
    "local_name": Person.local_name,
    "email": Person.email,
    "organisation": Organisation.name,
    "country": Organisation.country,
    "job_title": Person.job_title,
    "events": _EVENTS,
}


def find_person_by_email(session: Session, email: str) -> Person | None:
    """The person with this e-mail (compared normalised), or None."""
    key = normalise_email(email or "")
    if not key:
        return None
    return session.scalar(select(Person).where(email_is(key)))


def email_is(key: str) -> ColumnElement[bool]:
    """A person's e-mail, compared normalised, is `key` (already normalised)."""
    return func.lower(func.trim(Person.email)) == key


def person_by_email(session: Session, email: str) -> Person:
    """The person with this e-mail (compared normalised); NotFound names the address."""
    if not normalise_email(email or ""):
        raise ValidationError("An e-mail address is needed to name a person.")
    person = find_person_by_email(session, email)
    if person is None:
        raise NotFound(f"There is no person with the e-mail {email!r}.")
    return person


def person_match(text: str) -> ColumnElement[bool] | None:
    """Every folded word of `text` in the person's search text or their organisation's."""
    clauses = [_word_match(word) for word in search_words(text)]
    return and_(*clauses) if clauses else None


def _word_match(word: str) -> ColumnElement[bool]:
    """The people who have `word` or whose organisation has it.

    Through the index on SQLite, as one set of ids (a union of the FTS5 row ids and the people of
    matching organisations) that it looks rows up from; an OR over two indexed sets would make it
    test every row. Other databases take the OR, their trigram index serving the LIKE. A word too short for
    the index is a LIKE over every row anyway: then the OR, with organisations
    matched in a subquery rather than through the join (half the cost over 100,000 people).
    """
    orgs = select(Organisation.id).where(contains(Organisation.search_text, word))
    anywhere = or_(contains(Person.search_text, word), Person.organisation_id.in_(orgs))
    if not uses_index(word):
        return anywhere
    # SQLite: the FTS5 row ids themselves, not people looked up again through them (a fifth of the time)
    return indexed_or(anywhere, Person.id.in_(union(*_found_parts(word))))


def _found_parts(word: str | Word) -> list[Select[Any]]:
    """The selects of the ids of the people SQLite's indexes find with `word`: in their own text, through their organisation."""
    return [*index_parts(Person.search_text, word), _through_organisation(word)]


def _through_organisation(word: str | Word) -> Select[Any]:
    """The ids of the people whose organisation has `word`."""
    orgs = select(Organisation.id).where(contains(Organisation.search_text, word))
    return select(Person.id).where(Person.organisation_id.in_(orgs)).correlate(None)


def list_people(session: Session, query: ListQuery = ListQuery()) -> list[PersonRow]:
    stmt, params = _listing(session, query)
    return [  # plain columns, not Person objects: a window of rows costs no identity map
        PersonRow(pid, display_name(given, family, order), local, email or "", org or "", country or "", job, events, version)
        for pid, given, family, order, local, email, org, country, job, events, version in session.execute(stmt, params).all()
    ]


def _listing(session: Session, query: ListQuery) -> tuple[Select[Any], dict[str, str]]:
    """The statement of `query`'s window of rows, with its parameters.

    One indexed word sorted by name (most keystrokes, on SQLite) is a statement built once per
    shape of word and window, run with the word's parameters.
    """
    word = _one_indexed_word(session, query.text)
    if word is None or (query.sort or "name") != "name" or query.limit is None:
        return _listing_statement(_window_keys(session, query), query), {}
    shape = ("list", word.shape, query.descending, query.offset, query.limit)
    return _built(shape, lambda: _listing_statement(_one_word_window(word, query), query)), word.params()


def _listing_statement(keys: tuple[Select[Any], dict[str, ColumnElement[Any]], ColumnElement[int]], query: ListQuery) -> Select[Any]:
    """The People page's columns for the window `keys` (as `_window_keys` gives them) cuts."""
    stmt = select(
        Person.id, Person.given_name, Person.family_name, Person.name_order, Person.local_name, Person.email,
        Organisation.name, Organisation.country, Person.job_title, _EVENTS, Person.version,
    ).outerjoin(Organisation, Person.organisation_id == Organisation.id)
    ids, sorts, tiebreak = keys
    return apply_window_first(stmt, ids, query, SORTS, "name", Person.id, (sorts, tiebreak))


def _one_indexed_word(session: Session, text: str) -> Word | None:
    """The search's word as named parameters, if it is one word SQLite finds through its indexes."""
    words = search_words(text)
    if len(words) != 1 or not uses_index(words[0]) or not has_index_tables(session):
        return None
    return Word(words[0], "word")


_BUILT: dict[tuple[object, ...], Any] = {}  # statements by shape of word and window; bounded by `_built`


def _built(shape: tuple[object, ...], build: Callable[[], Any]) -> Any:
    """The statement of this shape, built by `build` the first time (few shapes: a keystroke's window is the first)."""
    stmt = _BUILT.get(shape)
    if stmt is None:
        if len(_BUILT) >= 64:  # scrolled far in many ways: start again rather than grow
            _BUILT.clear()
        stmt = _BUILT[shape] = build()
    return stmt


def _window_keys(session: Session, query: ListQuery) -> tuple[Select[Any], dict[str, ColumnElement[Any]], ColumnElement[int]]:
    """The ids of the people `query` matches, with the sorts and tiebreak to window them by.

    On SQLite, a search by name whose every word goes through the index picks its window from
    0018's narrow keys, looked up by the index's ids: reading each match's row from the people
    table to sort by name was most of a keystroke (thousands of rows for a common family name).
    """
    words = search_words(query.text)
    by_name = (query.sort or "name") == "name"
    if words and by_name and all(uses_index(word) for word in words) and has_index_tables(session):
        # each word's parts as an OR of INs, which SQLite reads one after the other (no UNION built first)
        found = [or_(*(_NAME_KEYS.c.id.in_(part) for part in _found_parts(word))) for word in words]
        return select(_NAME_KEYS.c.id).where(*found), {"name": _NAME_KEYS.c.name_key}, _NAME_KEYS.c.id
    keys = select(Person.id).outerjoin(Organisation, Person.organisation_id == Organisation.id)
    match = person_match(query.text)
    return (keys.where(match) if match is not None else keys), SORTS, Person.id


def _one_word_window(word: Word, query: ListQuery) -> tuple[Select[Any], dict[str, ColumnElement[Any]], ColumnElement[int]]:
    """The ids of the first window by name of the people one indexed word finds, as `_window_keys` gives them.

    Each way the word finds people (the index's parts, their organisation) cuts its own first
    `offset + limit` by name; the window is cut again from their union, which holds every row of it
    (a row the union's window holds is within the first that many of the part that found it). The
    organisation's people come with their names from 0026's index: looking each one's key up in
    0018's table, for the thousands of people of a matching city or region, was most of a keystroke.
    """
    reach = replace(query, offset=0, limit=query.offset + (query.limit or 0))
    by_key = {"name": _NAME_KEYS.c.name_key}
    parts = [apply_window(select(_NAME_KEYS.c.id, _NAME_KEYS.c.name_key.label("key")).where(_NAME_KEYS.c.id.in_(part)),
                          reach, by_key, "name", _NAME_KEYS.c.id)
             for part in index_parts(Person.search_text, word)]
    orgs = select(Organisation.id).where(contains(Organisation.search_text, word))
    parts.append(apply_window(select(Person.id, _NAME.label("key")).where(Person.organisation_id.in_(orgs)),
                              reach, SORTS, "name", Person.id))
    found = union(*(select(part.subquery()) for part in parts)).subquery()
    return select(found.c.id), {"name": found.c.key}, found.c.id


def fill_name_keys(session: Session) -> None:
    """Give every person who has none their name key, as 0018's trigger would have (SQLite only)."""
    missing = ~select(_NAME_KEYS.c.id).where(_NAME_KEYS.c.id == Person.id).exists()
    session.execute(insert(_NAME_KEYS).from_select(["id", "name_key"], select(Person.id, _NAME).where(missing)))


def count_people(session: Session, text: str = "") -> int:
    word = _one_indexed_word(session, text)
    if word is not None:
        # one word (most keystrokes): the index's own count, plus the people found through their organisation alone
        stmt = _built(("count", word.shape), lambda: select(count_ids(_found_parts(word))))
        return session.scalar(stmt, word.params()) or 0
    stmt = select(func.count()).select_from(Person)
    match = person_match(text)
    return session.scalar(stmt.where(match) if match is not None else stmt) or 0


# A new person's columns when the caller leaves them out.
_BLANK_PERSON: dict[str, object] = {
    "given_name": "", "family_name": "", "name_order": "given_first", "local_name": "", "phone": "", "job_title": "",
    "gender": "", "nationality": "", "dietary": "", "accessibility": "", "notes": "", "passport_expiry": None,
    "organisation_id": None, "key": None, "email": None, "preferred_language": None,
}


def add_people(session: Session, people: Sequence[Mapping[str, object]]) -> list[int]:
    """Insert many people in one statement (columns by name, blanks for the rest); their ids, in order."""
    if not people:
        return []
    # a bulk insert fires no ORM listener: the folded search text is filled here
    rows = with_search_text(Person, [{**_BLANK_PERSON, **values} for values in people])
    return insert_rows(session, Person, rows)


def people_by_id(session: Session, ids: Sequence[int]) -> dict[int, Person]:
    """The stored people with these ids, read 500 to a statement rather than one each."""
    unique = sorted(set(ids))
    found: dict[int, Person] = {}
    for start in range(0, len(unique), 500):  # stay under SQLite's bound-parameter limit
        found.update((p.id, p) for p in session.scalars(select(Person).where(Person.id.in_(unique[start:start + 500]))))
    return found


def fill_blanks(session: Session, people: Sequence[tuple[int, Mapping[str, object]]]) -> int:
    """Give each person the values of the columns they have blank, keeping what they have; how many changed."""
    count = 0
    stored = people_by_id(session, [person_id for person_id, _ in people])
    for person_id, values in people:
        person = stored.get(person_id)
        if person is None:
            continue
        blanks = {k: v for k, v in values.items() if getattr(person, k) in (None, "") and v not in (None, "")}
        for key, value in blanks.items():
            setattr(person, key, value)
        count += bool(blanks)
    session.flush()
    return count
