"""Who a message goes to: an event's participants chosen by a filter, the participants tab's own filters in words.

A filter is terms separated by spaces, each `FIELD=VALUE[,VALUE...]`: `status`,
`role`, `group` and `country` (of the person's organisation) match as the
participants tab's filters do, `email` names people one by one. A person matches
when every term has one of its values: `status=confirmed,registered group=A`.
Without a `status` term only active participants (invited, registered,
confirmed, attended: those calendar invites go to) are chosen; `status=all`
takes every status. People without an e-mail address are never chosen.
"""

from __future__ import annotations

from collections.abc import Callable

from ...core.choices import listed
from ...core.errors import ValidationError
from ...core.mail.recipient_filter import FILTER_HELP
from ...core.models import Event, Participation
from ...core.people.listing import normalise_email
from ...core.vocab import GETS_INVITES, PARTICIPATION_STATUSES, ROLES

Filter = dict[str, frozenset[str]]
ALL = "all"

_FIELDS: dict[str, Callable[[Participation], str]] = {
    "status": lambda p: p.status,
    "role": lambda p: p.role,
    "group": lambda p: p.group.name if p.group is not None else "",
    "country": lambda p: p.person.organisation.country if p.person.organisation is not None else "",
    "email": lambda p: normalise_email(p.person.email or ""),
}


def parse_filter(text: str | None, event: Event) -> Filter:
    """The filter `text` checked against the event's statuses, roles and groups; ValidationError says what is wrong."""
    terms: Filter = {}
    for term in (text or "").split():
        field, sep, values = term.partition("=")
        field = field.lower()
        if not sep or field not in _FIELDS or not values:
            raise ValidationError(f"Recipients: {term!r} is not a filter term; write {FILTER_HELP}.")
        terms[field] = terms.get(field, frozenset()) | {_value(field, v) for v in values.split(",") if v}
    _check(terms, "status", (*PARTICIPATION_STATUSES, ALL))
    _check(terms, "role", ROLES)
    _check(terms, "group", tuple(g.name for g in event.groups))
    return terms


def _value(field: str, value: str) -> str:
    if field == "country":
        return value.upper()
    return normalise_email(value) if field == "email" else value


def _check(terms: Filter, field: str, known: tuple[str, ...]) -> None:
    unknown = terms.get(field, frozenset()) - set(known)
    if unknown:
        raise ValidationError(f"Recipients: {field} {listed(unknown)} is not one of: {listed(known)}.")


def chosen(event: Event, terms: Filter) -> list[Participation]:
    """The event's participants with an e-mail that the filter matches, by name."""
    statuses = terms.get("status", frozenset(GETS_INVITES))
    parts = [
        p for p in event.participations
        if p.person.email and (ALL in statuses or p.status in statuses)
        and all(_FIELDS[field](p) in values for field, values in terms.items() if field != "status")
    ]
    return sorted(parts, key=lambda p: (p.person.family_name, p.person.given_name, p.person.id))


def among(event: Event, parts: list[Participation], text: str | None) -> list[Participation]:
    """Those of `parts` the filter `text` chooses (all of them without a filter), in their order."""
    if not text:
        return parts
    wanted = {p.id for p in chosen(event, parse_filter(text, event))}
    return [p for p in parts if p.id in wanted]
