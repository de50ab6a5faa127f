"""Duplicate people: recognised by e-mail, suggested by name across scripts, merged without loss.

Names are compared after `textfold` (full-width/half-width, ideographic spaces,
accents, case, word order), both the Latin name and the name in the person's own
script, so "Hiroshi Yamada", "YAMADA Hiroshi" and "Ｈｉｒｏｓｈｉ　Ｙａｍａｄａ" meet.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from ..errors import NotFound, ValidationError
from ..models import ItemPerson, Participation, Person, StatusChange, Stay, TravelLeg, VisaChange
from ..textfold import compact, name_key
from ..vocab import BY_PROGRESS
from .erasure import not_erased
from .listing import normalise_email

SIMILARITY = 0.88  # below this, different people with similar names outnumber true duplicates


@dataclass(frozen=True)
class Suggestion:
    """Two people who may be one: `reason` says why, `score` 1.0 means certain by that reason."""

    keep_id: int
    drop_id: int
    keep_name: str
    drop_name: str
    keep_email: str
    drop_email: str
    reason: str
    score: float


@dataclass(frozen=True)
class MergeReport:
    keep_id: int
    participations_moved: int
    participations_merged: int
    travel_legs: int
    stays: int
    item_assignments: int


def name_keys(given: str, family: str, local_name: str = "") -> set[str]:
    """Folded forms of a name under which two spellings of the same person coincide."""
    keys = set()
    full = f"{given} {family}"
    if name_key(full):
        keys.add("w:" + name_key(full))
        keys.add("c:" + compact(f"{family}{given}"))
        keys.add("c:" + compact(f"{given}{family}"))
    if compact(local_name):
        keys.add("c:" + compact(local_name))
    return keys


def similarity(a: str, b: str) -> float:
    """Ratio of two folded, word-sorted names (1.0 identical)."""
    return SequenceMatcher(None, name_key(a), name_key(b)).ratio()


def _person_keys(p: Person) -> set[str]:
    return name_keys(p.given_name, p.family_name, p.local_name)


def find_duplicates(session: Session, *, threshold: float = SIMILARITY) -> list[Suggestion]:
    """Pairs of people who look like one: same e-mail, same folded name, or similar names."""
    people = list(session.scalars(select(Person).where(not_erased()).order_by(Person.id)))
    seen: dict[tuple[int, int], Suggestion] = {}

    def add(a: Person, b: Person, reason: str, score: float) -> None:
        keep, drop = (a, b) if a.id < b.id else (b, a)
        pair = (keep.id, drop.id)
        if pair not in seen or seen[pair].score < score:
            seen[pair] = Suggestion(keep.id, drop.id, keep.display_name, drop.display_name, keep.email or "", drop.email or "", reason, score)

    by_email: dict[str, list[Person]] = defaultdict(list)
    by_key: dict[str, list[Person]] = defaultdict(list)
    for p in people:
        if p.email and normalise_email(p.email):
            by_email[normalise_email(p.email)].append(p)
        for key in _person_keys(p):
            by_key[key].append(p)
    for group in by_email.values():
        _pairs(group, lambda a, b: add(a, b, "same e-mail", 1.0))
    for group in by_key.values():
        _pairs(group, lambda a, b: add(a, b, "same name", 0.99))
    named: dict[str, list[Person]] = defaultdict(list)
    for p in people:
        if name_key(p.display_name):
            named[name_key(p.display_name)].append(p)
    for group in named.values():  # the same folded name, when the name keys above did not already pair them
        _pairs(group, lambda a, b: None if (min(a.id, b.id), max(a.id, b.id)) in seen
               else add(a, b, "similar names (100%)", 1.0))
    for ka, kb, ratios in similar_names(list(named), threshold):
        for a in named[ka]:
            for b in named[kb]:
                score = ratios[a.id > b.id]  # the ratio as compared from the person listed first
                if score >= threshold and (min(a.id, b.id), max(a.id, b.id)) not in seen:
                    add(a, b, f"similar names ({score:.0%})", round(score, 3))
    return sorted(seen.values(), key=lambda s: (-s.score, s.keep_id, s.drop_id))


def similar_names(keys: list[str], threshold: float) -> Iterator[tuple[str, str, tuple[float, float]]]:
    """Pairs of distinct folded names whose `SequenceMatcher` ratio, one way or the other, reaches `threshold`.

    Each comes with both ratios (a to b, b to a): SequenceMatcher's matching is greedy, so the two can differ.
    rapidfuzz's ratio (from the longest common subsequence) is never below SequenceMatcher's (from
    greedy matching blocks), so it passes every pair that can reach the threshold, in C and without
    comparing names whose lengths alone rule them out; SequenceMatcher then decides as it always did.
    """
    from rapidfuzz import fuzz, process  # loaded when duplicates are looked for, not with every page that lists people

    keys = sorted(keys, key=len)
    lengths = [len(k) for k in keys]
    cutoff = threshold * 100 - 1e-6  # rounding must not drop a pair right at the threshold
    for i, ka in enumerate(keys):
        # a longer name b can reach the threshold only while 2*len(a) / (len(a) + len(b)) >= threshold
        end = bisect_right(lengths, len(ka) * (2 - threshold) / threshold + 1e-9)
        candidates = keys[i + 1:end]
        for kb, _score, _index in process.extract_iter(ka, candidates, scorer=fuzz.ratio, score_cutoff=cutoff):
            ratios = (SequenceMatcher(None, ka, kb).ratio(), SequenceMatcher(None, kb, ka).ratio())
            if max(ratios) >= threshold:
                yield ka, kb, ratios


def _pairs(group: list[Person], emit) -> None:  # type: ignore[no-untyped-def]
    for i, a in enumerate(group):
        for b in group[i + 1:]:
            emit(a, b)


def similar_people(session: Session, given: str, family: str, local_name: str = "", *, threshold: float = SIMILARITY) -> list[int]:
    """Ids of people whose name matches this one after folding, or is similar enough."""
    wanted = name_keys(given, family, local_name)
    target = name_key(f"{given} {family}")
    out: list[int] = []
    for p in session.scalars(select(Person).where(not_erased())):
        if wanted & _person_keys(p):
            out.append(p.id)
        elif target and SequenceMatcher(None, target, name_key(p.display_name)).ratio() >= threshold:
            out.append(p.id)
    return out


_STATUS_RANK = {s: i for i, s in enumerate(BY_PROGRESS)}
_FILLED = ("given_name", "family_name", "local_name", "phone", "organisation_id", "job_title", "gender",
           "nationality", "passport_expiry", "dietary", "accessibility", "key")


def merge_people(session: Session, keep_id: int, drop_id: int) -> MergeReport:
    """Fold `drop` into `keep`: participations, history, travel, stays and items move; blanks are filled."""
    if keep_id == drop_id:
        raise ValidationError("Cannot merge a person with themselves.")
    keep, drop = session.get(Person, keep_id), session.get(Person, drop_id)
    if keep is None or drop is None:
        raise NotFound(f"There is no person with id {keep_id if keep is None else drop_id}.")
    _fill_blanks(session, keep, drop)
    moved, merged = _merge_participations(session, keep_id, drop_id)
    legs = session.execute(update(TravelLeg).where(TravelLeg.person_id == drop_id).values(person_id=keep_id)).rowcount
    stays = session.execute(update(Stay).where(Stay.person_id == drop_id).values(person_id=keep_id)).rowcount
    session.execute(update(Stay).where(Stay.shares_with_id == drop_id).values(shares_with_id=keep_id))
    items = _merge_items(session, keep_id, drop_id)
    session.expire_all()
    session.delete(session.get(Person, drop_id))
    session.flush()
    return MergeReport(keep_id, moved, merged, legs, stays, items)


def _fill_blanks(session: Session, keep: Person, drop: Person) -> None:
    for field in _FILLED:
        if not getattr(keep, field) and getattr(drop, field):
            value = getattr(drop, field)
            if field == "key":
                drop.key = None
                session.flush()
            setattr(keep, field, value)
    if drop.notes and drop.notes not in keep.notes:
        keep.notes = "\n".join(n for n in (keep.notes, drop.notes) if n)
    if not keep.email and drop.email:
        email, drop.email = drop.email, None
        session.flush()  # the e-mail is unique: free it before giving it to keep
        keep.email = email
    session.flush()


def _merge_participations(session: Session, keep_id: int, drop_id: int) -> tuple[int, int]:
    keep_parts = {p.event_id: p for p in session.scalars(select(Participation).where(Participation.person_id == keep_id))}
    moved = merged = 0
    for part in list(session.scalars(select(Participation).where(Participation.person_id == drop_id))):
        other = keep_parts.get(part.event_id)
        if other is None:
            session.execute(update(Participation).where(Participation.id == part.id).values(person_id=keep_id))
            moved += 1
            continue
        _merge_one(other, part)
        session.execute(update(StatusChange).where(StatusChange.participation_id == part.id).values(participation_id=other.id))
        session.execute(update(VisaChange).where(VisaChange.participation_id == part.id).values(participation_id=other.id))
        session.flush()
        session.execute(delete(Participation).where(Participation.id == part.id))
        merged += 1
    session.flush()
    return moved, merged


def _merge_one(keep: Participation, drop: Participation) -> None:
    """Two registrations of one person in one event become the one further along, with blanks filled."""
    if _STATUS_RANK.get(drop.status, -1) > _STATUS_RANK.get(keep.status, -1):
        keep.status, keep.waitlist_position = drop.status, drop.waitlist_position
    if keep.role == "delegate" and drop.role != "delegate":
        keep.role = drop.role
    keep.group_id = keep.group_id or drop.group_id
    keep.visa_needed = keep.visa_needed or drop.visa_needed
    keep.visa_status = keep.visa_status or drop.visa_status
    keep.notes = "\n".join(n for n in (keep.notes, drop.notes) if n)
    joins = [t for t in (keep.first_join_utc, drop.first_join_utc) if t]
    leaves = [t for t in (keep.last_leave_utc, drop.last_leave_utc) if t]
    keep.first_join_utc = min(joins) if joins else None
    keep.last_leave_utc = max(leaves) if leaves else None
    if keep.attended_minutes is not None or drop.attended_minutes is not None:
        keep.attended_minutes = (keep.attended_minutes or 0) + (drop.attended_minutes or 0)


def _merge_items(session: Session, keep_id: int, drop_id: int) -> int:
    kept = set(session.scalars(select(ItemPerson.item_id).where(ItemPerson.person_id == keep_id)))
    session.execute(delete(ItemPerson).where(ItemPerson.person_id == drop_id, ItemPerson.item_id.in_(kept)))
    return session.execute(update(ItemPerson).where(ItemPerson.person_id == drop_id).values(person_id=keep_id)).rowcount
