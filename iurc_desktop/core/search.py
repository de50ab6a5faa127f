"""Search everywhere: people, organisations, events and items, in any script."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import Event, Item, Organisation, Person
from .paging import like_any
from .people.listing import count_people, person_match
from .timeutil import to_local

PLURALS = {"person": "people", "organisation": "organisations", "event": "events", "item": "items"}  # in the order shown
KINDS = tuple(PLURALS)


@dataclass(frozen=True)
class SearchHit:
    kind: str  # one of KINDS
    id: int
    title: str
    detail: str
    event_code: str = ""  # for items: the event they belong to
    key: str = ""  # e-mail, organisation key, event code or item key


def search(session: Session, text: str, *, limit: int = 20) -> list[SearchHit]:
    """Up to `limit` hits of each kind whose folded names contain every folded word of `text`."""
    if not text.strip():
        return []
    return _people(session, text, limit) + _organisations(session, text, limit) + _events(session, text, limit) + _items(session, text, limit)


def totals(session: Session, text: str, kinds: tuple[str, ...] = KINDS) -> dict[str, int]:
    """How many of each of `kinds` match `text` in all (a search shows at most its limit of each)."""
    if not text.strip():  # as `search`: no words, nothing searched
        return dict.fromkeys(kinds, 0)
    models = {"organisation": Organisation, "event": Event, "item": Item}
    found = {}
    for kind in kinds:
        if kind == "person":
            found[kind] = count_people(session, text)
        elif (match := like_any(text, models[kind].search_text)) is None:  # nothing left once folded
            found[kind] = 0
        else:
            found[kind] = session.scalar(select(func.count()).select_from(models[kind]).where(match)) or 0
    return found


def _people(session: Session, text: str, limit: int) -> list[SearchHit]:
    stmt = (
        select(Person, Organisation.name)
        .outerjoin(Organisation, Person.organisation_id == Organisation.id)
        .where(person_match(text))
        .order_by(Person.family_name, Person.given_name, Person.id)
        .limit(limit)
    )
    hits = []
    for person, org in session.execute(stmt).all():
        name = person.display_name + (f" ({person.local_name})" if person.local_name else "")
        hits.append(SearchHit("person", person.id, name, " · ".join(x for x in (org, person.email) if x), key=person.email or ""))
    return hits


def _organisations(session: Session, text: str, limit: int) -> list[SearchHit]:
    stmt = select(Organisation).where(like_any(text, Organisation.search_text)).order_by(Organisation.name).limit(limit)
    return [
        SearchHit("organisation", o.id, o.name + (f" ({o.local_name})" if o.local_name else ""), f"{_words(o.kind)} · {o.country} · {o.zone}", key=o.key)
        for o in session.scalars(stmt)
    ]


def _events(session: Session, text: str, limit: int) -> list[SearchHit]:
    stmt = select(Event).where(like_any(text, Event.search_text)).order_by(Event.start_date.desc()).limit(limit)
    return [SearchHit("event", e.id, e.title, f"{e.code} · {_words(e.kind)} · {e.start_date.isoformat()}", e.code, e.code) for e in session.scalars(stmt)]


def _items(session: Session, text: str, limit: int) -> list[SearchHit]:
    stmt = (
        select(Item, Event.code)
        .join(Event, Item.event_id == Event.id)
        .where(like_any(text, Item.search_text))
        .order_by(Item.start_utc)
        .limit(limit)
    )
    return [
        SearchHit("item", it.id, it.title, f"{code} · {it.place or _words(it.kind)} · {to_local(it.start_utc, it.zone):%Y-%m-%d}", code, it.key)
        for it, code in session.execute(stmt).all()
    ]


def _words(code: str) -> str:
    """A stored code as the words the pages show: 'study_visit' is 'study visit'."""
    return code.replace("_", " ")
