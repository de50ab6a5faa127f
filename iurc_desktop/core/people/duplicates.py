"""Duplicate people: recognised by e-mail, suggested by name across scripts, merged without loss.

Names are compared after `textfold` (full-width/half-width, ideographic spaces,
accents, case, word order), both the Latin name and the name in the person's own
script, so "Hiroshi Yamada", "YAMADA Hiroshi" and "Ｈｉｒｏｓｈｉ　Ｙａｍａｄａ" meet.
"""

from __future__ import annotations

import heapq
import sys
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import chain, islice

from sqlalchemy import Select, String, cast, delete, func, literal, literal_column, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from ..errors import NotFound, ValidationError
from ..models import ItemPerson, Participation, Person, StatusChange, Stay, TravelLeg, VisaChange
from ..names import display_name
from ..textfold import compact, name_key, normalise_email
from ..vocab import BY_PROGRESS
from .erasure import ERASED, not_erased

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


@dataclass(frozen=True)
class DuplicateSearch:
    """The first suggestions, most likely first, and how many pairs there are in all."""

    suggestions: list[Suggestion]
    total: int


def find_duplicates(session: Session, *, threshold: float = SIMILARITY) -> list[Suggestion]:
    """Pairs of people who look like one: same e-mail, same folded name, or similar names (every pair)."""
    return search_duplicates(session, threshold=threshold).suggestions


def search_duplicates(session: Session, *, threshold: float = SIMILARITY, limit: int | None = None) -> DuplicateSearch:
    """The first `limit` pairs of people who look like one (all when None), most likely first, and their number.

    Each pair has its first reason of: same e-mail (certain), same folded name (0.99), the same name as shown
    (certain), similar names (their likeness). People sharing a name form groups whose pairs grow with the
    square of their size (a generated season repeats 210 names over 100,000 people: 24 million pairs), so
    the pairs of a group are counted from their sizes and only those that can be among the first `limit`
    are ever made.
    """
    people = _People(session)
    cap = limit if limit is not None else sys.maxsize
    found: list[tuple[float, int, int, str]] = []  # (score, keep, drop, reason)
    total = 0
    for pairs, counted in (people.same_email(), people.same_name(cap), people.same_shown_name(),
                           *people.similar(threshold, cap)):
        found += pairs
        total += counted
    found.sort(key=lambda f: (-f[0], f[1], f[2]))
    first = found[:cap]
    emails = _emails(session, {pid for f in first for pid in f[1:3]})
    return DuplicateSearch([people.suggestion(emails, *f) for f in first], total)


@dataclass(frozen=True)
class _Spelling:
    """People written alike (given, family, order, local name): they share every key, so they are folded once."""

    name: str  # as shown
    keys: frozenset[str]
    shown_key: str
    members: list[int]  # ids, ascending


class _People:
    """Everyone not erased, as the spellings of their names, with those sharing an e-mail, a name key or a shown name.

    The database groups people by spelling and hands each group's ids over as one string, so names are folded
    once per spelling and no row per person crosses into Python (a season's 100,000 people are a few hundred
    spellings). A group's pairs are counted from sizes; only the first ones asked for are made.
    """

    def __init__(self, session: Session) -> None:
        erased = _erased(session)
        self.spellings: list[_Spelling] = []
        self.spelling_of: dict[int, int] = {}
        for given, family, order, local, joined in session.execute(_by_spelling(session)):
            members = sorted(map(int, joined.split(",")))
            if erased:
                members = [pid for pid in members if pid not in erased]
            if not members:
                continue
            name = display_name(given, family, order)
            self.spelling_of.update(dict.fromkeys(members, len(self.spellings)))
            self.spellings.append(_Spelling(name, frozenset(name_keys(given, family, local)), name_key(name), members))
        self.by_key: dict[str, list[int]] = defaultdict(list)  # key -> its spellings
        self.named: dict[str, list[int]] = defaultdict(list)  # folded shown name -> its spellings
        for number, spelling in enumerate(self.spellings):
            for key in spelling.keys:
                self.by_key[key].append(number)
            if spelling.shown_key:
                self.named[spelling.shown_key].append(number)
        self.email_pairs = _email_pairs(session, erased)
        self._alike = self._alike_spellings()
        self._unions: dict[int, tuple[list[int], set[int]]] = {}
        self._named_members: dict[str, list[int]] = {}

    def _alike_spellings(self) -> dict[int, set[int]]:
        """Per spelling with a key, the spellings sharing one with it (itself included)."""
        alike: dict[int, set[int]] = defaultdict(set)
        for spellings in self.by_key.values():
            for number in spellings:
                alike[number].update(spellings)
        return alike

    def suggestion(self, emails: dict[int, str], score: float, keep: int, drop: int, reason: str) -> Suggestion:
        keep_name, drop_name = (self.spellings[self.spelling_of[pid]].name for pid in (keep, drop))
        return Suggestion(keep, drop, keep_name, drop_name, emails.get(keep, ""), emails.get(drop, ""), reason, score)

    def _size(self, number: int) -> int:
        return len(self.spellings[number].members)

    def _in_a_group(self, number: int) -> bool:
        """Whether anyone else shares a name key with the people of this spelling."""
        return self._size(number) > 1 if self._alike.get(number) == {number} else number in self._alike

    def same_name_as(self, pid: int) -> tuple[list[int], set[int]]:
        """Everyone sharing a name key with `pid` (themselves included, or nobody when no one does), sorted and as a set."""
        number = self.spelling_of[pid]
        if number not in self._unions:
            if not self._in_a_group(number):
                self._unions[number] = ([], set())
            else:
                union = sorted(chain.from_iterable(self.spellings[n].members for n in self._alike[number]))
                self._unions[number] = (union, set(union))
        return self._unions[number]

    def named_alike(self, a: int, b: int) -> bool:
        first, second = self.spelling_of[a], self.spelling_of[b]
        return second in self._alike.get(first, ()) and self._in_a_group(first)

    def same_email(self) -> tuple[list[tuple[float, int, int, str]], int]:
        return [(1.0, a, b, "same e-mail") for a, b in self.email_pairs], len(self.email_pairs)

    def same_name(self, cap: int) -> tuple[list[tuple[float, int, int, str]], int]:
        """Pairs sharing a name key and not an e-mail: counted from the spellings' sizes, the first `cap` made in order."""
        grouped = [n for n in range(len(self.spellings)) if self._in_a_group(n)]
        total = sum(self._size(n) * (self._size(n) - 1) // 2 for n in grouped)
        total += sum(self._size(a) * self._size(b) for a in grouped for b in self._alike[a] if b > a)
        total -= sum(self.named_alike(a, b) for a, b in self.email_pairs)
        pairs: list[tuple[float, int, int, str]] = []
        for pid in heapq.merge(*(self.spellings[n].members for n in grouped)):  # ascending ids
            if len(pairs) == cap:
                break
            ordered, _ = self.same_name_as(pid)
            for other in islice(ordered, bisect_right(ordered, pid), None):
                if (pid, other) not in self.email_pairs:
                    pairs.append((0.99, pid, other, "same name"))
                    if len(pairs) == cap:
                        break
        return pairs, total

    def same_shown_name(self) -> tuple[list[tuple[float, int, int, str]], int]:
        """Pairs with the same folded name as shown that neither an e-mail nor a name key paired (rare)."""
        pairs = [(1.0, a, b, "similar names (100%)") for spellings in self.named.values()
                 if sum(map(self._size, spellings)) > 1 for a, b in self._unpaired(spellings)]
        return pairs, len(pairs)

    def _unpaired(self, spellings: list[int]) -> Iterator[tuple[int, int]]:
        """Pairs among these spellings' people that share no name key."""
        for i, first in enumerate(spellings):
            members = self.spellings[first].members
            if not self._in_a_group(first):  # nobody shares a key with them: pairs within the spelling too
                yield from ((a, b) for j, a in enumerate(members) for b in members[j + 1:] if (a, b) not in self.email_pairs)
            for second in spellings[i + 1:]:
                if second in self._alike.get(first, ()) and self._in_a_group(first):
                    continue
                for a in members:
                    for b in self.spellings[second].members:
                        pair = (min(a, b), max(a, b))
                        if pair not in self.email_pairs:
                            yield pair

    def members_named(self, shown_key: str) -> list[int]:
        if shown_key not in self._named_members:
            self._named_members[shown_key] = sorted(chain.from_iterable(self.spellings[n].members
                                                                        for n in self.named[shown_key]))
        return self._named_members[shown_key]

    def similar(self, threshold: float, cap: int) -> Iterator[tuple[list[tuple[float, int, int, str]], int]]:
        """Per pair of similar shown names and per direction, the pairs no earlier reason took."""
        for ka, kb, ratios in similar_names(list(self.named), threshold):
            named_a, named_b = self.members_named(ka), self.members_named(kb)
            for first, second, score in ((named_a, named_b, ratios[0]), (named_b, named_a, ratios[1])):
                if score >= threshold:  # the ratio as compared from the person listed first (the lower id)
                    yield self._across(first, second, score, cap)

    def _across(self, keeps: list[int], drops: list[int], score: float, cap: int) -> tuple[list[tuple[float, int, int, str]], int]:
        """Pairs of a keep from `keeps` and a later drop from `drops` not paired by an e-mail or a name key."""
        reason, rounded = f"similar names ({score:.0%})", round(score, 3)
        drop_set = set(drops)
        pairs: list[tuple[float, int, int, str]] = []
        total = 0
        left: dict[int, list[int]] = {}  # per keep's spelling: the drops it leaves
        for keep in keeps:
            number = self.spelling_of[keep]
            if number not in left:
                named = self.same_name_as(keep)[1]
                left[number] = drops if not named & drop_set else [d for d in drops if d not in named]
            free = left[number]
            after = bisect_right(free, keep)
            total += len(free) - after
            for drop in islice(free, after, None) if len(pairs) < cap else ():
                if (keep, drop) not in self.email_pairs:
                    pairs.append((rounded, keep, drop, reason))
                    if len(pairs) == cap:
                        break
        keep_set = set(keeps)
        total -= sum(a in keep_set and b in drop_set and not self.named_alike(a, b) for a, b in self.email_pairs)
        return pairs, total


def _joined_ids(session: Session) -> ColumnElement[str]:
    """A group's ids joined by commas, as this database spells the aggregate."""
    if session.get_bind().dialect.name == "sqlite":
        return func.group_concat(Person.id)
    return func.string_agg(cast(Person.id, String), literal(","))


def _by_spelling(session: Session) -> Select[tuple[str, str, str, str, str]]:
    """Each spelling of a name with its people's ids (read from ix_people_spelling alone)."""
    spelled = (Person.given_name, Person.family_name, Person.name_order, Person.local_name)
    return select(*spelled, _joined_ids(session)).group_by(*spelled)


def _erased(session: Session) -> set[int]:
    """The erased people, from their partial index (whose condition this spells with the same literal)."""
    return set(session.scalars(select(Person.id).where(Person.notes == literal_column(f"'{ERASED}'"),
                                                       Person.email.is_(None))))


def _email_pairs(session: Session, erased: set[int]) -> set[tuple[int, int]]:
    """Pairs (lower id first) whose e-mails are one as compared (`normalise_email`: no case, no spaces).

    Most rows carry that form as `email_key`: sharing one is an index scan. A row whose key is not known
    (written by a statement that left it NULL) has its e-mail folded here and met with the keys there are.
    """
    key = Person.email_key
    by_form: dict[str, set[int]] = defaultdict(set)
    shared = select(key).where(key.is_not(None)).group_by(key).having(func.count() > 1)
    for pid, form in session.execute(select(Person.id, key).where(key.in_(shared))):
        by_form[form].add(pid)
    unknown: dict[str, set[int]] = defaultdict(set)
    for pid, email in session.execute(select(Person.id, Person.email).where(key.is_(None), Person.email.is_not(None))):
        unknown[normalise_email(email)].add(pid)
    for pid, form in session.execute(select(Person.id, key).where(key.in_(sorted(unknown)))):
        unknown[form].add(pid)
    for form, ids in unknown.items():
        by_form[form].update(ids)
    pairs: set[tuple[int, int]] = set()
    for ids in by_form.values():
        members = sorted(ids - erased)
        pairs.update((a, b) for i, a in enumerate(members) for b in members[i + 1:])
    return pairs


def _emails(session: Session, ids: set[int]) -> dict[int, str]:
    """The e-mails of these people ('' for none), in statements of at most 30,000 ids."""
    ordered = sorted(ids)
    out: dict[int, str] = {}
    for start in range(0, len(ordered), 30000):
        rows = session.execute(select(Person.id, Person.email).where(Person.id.in_(ordered[start:start + 30000])))
        out.update((pid, email or "") for pid, email in rows)
    return out


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
           "nationality", "passport_expiry", "dietary", "accessibility", "preferred_language", "key")


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
