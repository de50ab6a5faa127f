"""Groups of a study visit: create, rename, delete, assign participants, list.

A participant is in at most one group (`Participation.group_id`); items that name
a group are attended by its members, items that name none by everyone.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import Conflict, NotFound
from ..models import Event, Group, Participation, Person
from ..people.listing import email_is, normalise_email, person_by_email
from ..programme.validate import validate_group
from .listing import get_event_model


@dataclass(frozen=True)
class GroupRow:
    id: int
    name: str
    members: tuple[str, ...]  # e-mails (or names of people without one), sorted
    items: tuple[str, ...]  # keys of the items that name this group


def participation_of(session: Session, event: Event, email: str) -> Participation:
    """The person's participation in the event, or NotFound saying they are not in it."""
    key = normalise_email(email or "")
    # Sought among the event's participants: matching every person's e-mail is a scan of all people.
    in_event = select(Participation).join(Person, Participation.person_id == Person.id)
    part = session.scalar(in_event.where(Participation.event_id == event.id, email_is(key))) if key else None
    if part is None:
        person = person_by_email(session, email)  # says why: no e-mail given, or nobody has it
        raise NotFound(f"{person.display_name} ({person.email}) is not a participant of {event.code}; add them first.")
    return part


def person_label(person: Person) -> str:
    """How checks and itineraries name a person: the e-mail, else the name."""
    return person.email or person.display_name


def group_by_name(session: Session, event: Event, name: str) -> Group:
    group = session.scalar(select(Group).where(Group.event_id == event.id, Group.name == name))
    if group is None:
        known = ", ".join(g.name for g in event.groups) or "none yet"
        raise NotFound(f"{event.code} has no group {name!r} (its groups: {known}).")
    return group


def create_group(session: Session, event_code: str, name: str) -> int:
    """Add a group to the event; a name already used in the event is a Conflict."""
    event = get_event_model(session, event_code)
    cleaned = validate_group(name)
    if any(g.name == cleaned for g in event.groups):
        raise Conflict(f"{event_code} already has a group {cleaned!r}.")
    group = Group(name=cleaned)
    event.groups.append(group)
    session.flush()
    return group.id


def rename_group(session: Session, event_code: str, name: str, new_name: str) -> None:
    """Rename a group; its members and items follow it."""
    event = get_event_model(session, event_code)
    group = group_by_name(session, event, name)
    cleaned = validate_group(new_name)
    if cleaned != group.name and any(g.name == cleaned for g in event.groups):
        raise Conflict(f"{event_code} already has a group {cleaned!r}; choose another name.")
    group.name = cleaned
    session.flush()


def delete_group(session: Session, event_code: str, name: str) -> None:
    """Remove a group; its members stay in the event without a group and its items lose that group.

    An item for this group only is refused by name: without its one group it would become everyone's.
    """
    event = get_event_model(session, event_code)
    group = group_by_name(session, event, name)
    _refuse_own_items(event, group)
    for part in event.participations:
        if part.group_id == group.id:
            part.group_id = None
    for item in event.items:
        if group in item.groups:
            item.groups.remove(group)
    event.groups.remove(group)
    session.flush()


def _refuse_own_items(event: Event, group: Group) -> None:
    """Conflict naming the items that are for `group` alone."""
    own = [item.key for item in event.items if item.groups == [group]]
    if not own:
        return
    many = len(own) > 1
    names = f"{', '.join(own[:-1])} and {own[-1]}" if many else own[0]
    raise Conflict(f"{names} {'are' if many else 'is'} for group {group.name} only: give "
                   f"{'them' if many else 'it'} to another group or remove {'them' if many else 'it'} first.")


@dataclass(frozen=True)
class RemovedGroup:
    """A removed group with who was in it and which items named it, to put it back as it was."""

    name: str
    participation_ids: tuple[int, ...]
    item_ids: tuple[int, ...]

    def message(self, event_code: str) -> str:
        """'Removed group A of t1; its 2 members stay in the event.' (or 'it had no members')."""
        n = len(self.participation_ids)
        members = "it had no members" if n == 0 else (
            "its 1 member stays in the event" if n == 1 else f"its {n} members stay in the event")
        return f"Removed group {self.name} of {event_code}; {members}."


def remove_group(session: Session, event_code: str, name: str) -> RemovedGroup:
    """Remove a group (see `delete_group`); returns the undo token."""
    event = get_event_model(session, event_code)
    group = group_by_name(session, event, name)
    removed = RemovedGroup(
        group.name,
        tuple(sorted(p.id for p in event.participations if p.group_id == group.id)),
        tuple(sorted(i.id for i in event.items if group in i.groups)),
    )
    delete_group(session, event_code, name)
    return removed


def restore_group(session: Session, event_code: str, removed: RemovedGroup) -> None:
    """Put back a group removed by `remove_group`, with its members and items."""
    create_group(session, event_code, removed.name)
    event = get_event_model(session, event_code)
    group = group_by_name(session, event, removed.name)
    for part in event.participations:
        if part.id in removed.participation_ids:
            part.group_id = group.id
    for item in event.items:
        if item.id in removed.item_ids:
            item.groups.append(group)
    session.flush()


def assign_group(session: Session, event_code: str, email: str, group: str | None) -> None:
    """Put a participant in `group` (leaving any other), or in none when `group` is None."""
    event = get_event_model(session, event_code)
    part = participation_of(session, event, email)
    part.group_id = None if group is None else group_by_name(session, event, group).id
    session.flush()


def list_groups(session: Session, event_code: str) -> list[GroupRow]:
    """The event's groups with their members and the items naming them."""
    event = get_event_model(session, event_code)
    rows = []
    for group in sorted(event.groups, key=lambda g: g.name):
        members = sorted(person_label(p.person) for p in event.participations if p.group_id == group.id)
        items = tuple(i.key for i in event.items if group in i.groups)
        rows.append(GroupRow(group.id, group.name, tuple(members), items))
    return rows
