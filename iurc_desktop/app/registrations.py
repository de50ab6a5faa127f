"""Registrations as users change them: statuses (waitlisting and promotion) and their undo, the waitlist order,
roles, groups, needs and visas, and invite lists from a cluster, a pairing, another event or a filter."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..core.events.listing import get_event_model
from ..core.registrations import invitations, invite_preview, undo as registrations_undo
from ..core.registrations import participants, participations as reg
from ..core.registrations.invitations import InviteCriteria, InviteResult
from ..core.registrations.invite_preview import Candidate, InviteSources
from ..core.registrations.participants import Choice, ParticipantEdited, ParticipantForm, RemovedParticipation
from ..core.registrations.participations import Change, HistoryEntry, RegistrationRow, allowed_next
from ..core.registrations.undo import StatusSnapshot
from .changes import Topic
from .unit_of_work import UnitOfWork, reads, writes

__all__ = [
    "Candidate", "Change", "Choice", "HistoryEntry", "InviteCriteria", "InviteResult", "InviteSources", "Invited",
    "ParticipantChanged", "ParticipantEdited", "ParticipantForm", "ParticipantsView", "RegistrationRow", "RemovedParticipation",
    "StatusChanged", "StatusSnapshot", "add_participant", "allowed_next", "edit_participant", "history", "invite",
    "invite_preview_list", "invite_sources", "participant_form", "participant_record", "participants_view", "registrations",
    "remove_invited", "remove_participant", "reorder_waitlist", "restore_participant", "restore_statuses",
    "revert_participant", "set_group", "set_needs", "set_role", "set_status", "set_visa", "waitlist",
]

NEEDS = ("dietary", "accessibility")  # the person's own fields, edited beside the participation


@dataclass(frozen=True)
class ParticipantsView:
    """What the participants tab shows: the event's zone, capacity and groups, all rows and the filtered ones."""

    code: str
    zone: str
    capacity: int | None
    groups: tuple[str, ...]
    all_rows: tuple[RegistrationRow, ...]
    rows: tuple[RegistrationRow, ...]


@dataclass(frozen=True)
class StatusChanged:
    """The changes a status move made (promotions and waitlistings included) and what undoes them."""

    changes: tuple[Change, ...]
    before: tuple[StatusSnapshot, ...]  # the earlier status and waitlist place of every participation it moved


@dataclass(frozen=True)
class ParticipantChanged:
    """A participant's edit and the person's needs before it: what `revert_participant` needs."""

    edited: ParticipantEdited
    needs_before: dict[str, str]
    person_id: int


@dataclass(frozen=True)
class Invited:
    """An invite's result and the people it looked at, marked as they were before it (see `invite_preview_list`)."""

    result: InviteResult
    candidates: tuple[Candidate, ...]


# ---- reads ---------------------------------------------------------------------------------

@reads
def registrations(
    uow: UnitOfWork, code: str, *, status: str | None = None, role: str | None = None,
    group: str | None = None, country: str | None = None,
) -> list[RegistrationRow]:
    """The event's participants with needs, filtered in SQL; waitlisted in waitlist order last."""
    return reg.list_registrations(uow.session, code, status=status, role=role, group=group, country=country)


@reads
def participants_view(
    uow: UnitOfWork, code: str, *, status: str | None = None, role: str | None = None,
    group: str | None = None, country: str | None = None,
) -> ParticipantsView:
    """The participants tab's data in one read: every row (for counts and filter choices) and the filtered ones."""
    event = get_event_model(uow.session, code)
    every = tuple(reg.list_registrations(uow.session, code))
    rows = every if not (status or role or group or country) else tuple(
        reg.list_registrations(uow.session, code, status=status, role=role, group=group, country=country))
    return ParticipantsView(event.code, event.zone, event.capacity, tuple(g.name for g in event.groups), every, rows)


@reads
def waitlist(uow: UnitOfWork, code: str) -> list[int]:
    """Participation ids on the event's waitlist, first in line first."""
    return reg.waitlist(uow.session, code)


@reads
def history(uow: UnitOfWork, participation_id: int) -> list[HistoryEntry]:
    """Every recorded status change of a participation, oldest first."""
    return reg.history(uow.session, participation_id)


@reads
def participant_form(uow: UnitOfWork, code: str, email: str | None = None) -> ParticipantForm:
    """What the participant dialogs show: groups, the people not yet in the event (to add), or one participant."""
    return participants.participant_form(uow.session, code, email)


@reads
def participant_record(uow: UnitOfWork, code: str, email: str) -> dict[str, Any]:
    """A participant in the programme file's shape, with the person's needs (`dietary`, `accessibility`)."""
    part = participants.participation_of(uow.session, code, email)
    return {**participants.participant_fields(part), **{name: getattr(part.person, name) for name in NEEDS}}


@reads
def invite_sources(uow: UnitOfWork, code: str) -> InviteSources:
    """The clusters, pairings, other events and filter values an invite can start from."""
    return invite_preview.invite_sources(uow.session, code)


@reads
def invite_preview_list(uow: UnitOfWork, code: str, criteria: InviteCriteria) -> list[Candidate]:
    """Everyone the criteria select, each marked as already in, to be added, or without an e-mail."""
    return invite_preview.preview_invite(uow.session, code, criteria)


# ---- writes --------------------------------------------------------------------------------

@writes(Topic.PARTICIPANTS)
def set_status(
    uow: UnitOfWork, code: str, who: Sequence[int | str], status: str, *, by: str = "", reason: str = ""
) -> StatusChanged:
    """Move participants (ids or e-mails) to `status`, all or none; the result carries what undoes it."""
    moves = reg.change_status(uow.session, code, who, status, by=by, reason=reason)
    return StatusChanged(moves.changes, moves.before)


@writes(Topic.PARTICIPANTS)
def restore_statuses(uow: UnitOfWork, code: str, before: Sequence[StatusSnapshot], *, by: str = "") -> list[Change]:
    """Undo of `set_status`: put the earlier statuses and waitlist places back, recorded as "undo"."""
    return registrations_undo.restore(uow.session, code, before, by=by)


@writes(Topic.PARTICIPANTS)
def reorder_waitlist(uow: UnitOfWork, code: str, order: Sequence[int]) -> list[int]:
    """Put the waitlist in this order; the ids must be exactly those waitlisted."""
    return reg.reorder_waitlist(uow.session, code, order)


@writes(Topic.PARTICIPANTS)
def set_role(uow: UnitOfWork, participation_id: int, role: str) -> None:
    reg.set_role(uow.session, participation_id, role)


@writes(Topic.PARTICIPANTS)
def set_group(uow: UnitOfWork, participation_id: int, group: str | None) -> None:
    """Put a participant in one of the event's groups (None or '': no group)."""
    reg.set_group(uow.session, participation_id, group)


@writes(Topic.PARTICIPANTS)
def set_visa(uow: UnitOfWork, participation_id: int, *, needed: bool | None = None, status: str | None = None) -> None:
    reg.set_visa(uow.session, participation_id, needed=needed, status=status)


@writes(Topic.PEOPLE, Topic.PARTICIPANTS)
def set_needs(
    uow: UnitOfWork, person_id: int, *, dietary: str | None = None, accessibility: str | None = None,
    passport_expiry: date | None = None, clear_passport: bool = False,
) -> None:
    """Update a person's needs; what is left out stays (clear_passport=True removes the passport date)."""
    if clear_passport or passport_expiry is not None:
        reg.set_needs(uow.session, person_id, dietary=dietary, accessibility=accessibility, passport_expiry=passport_expiry)
    else:
        reg.set_needs(uow.session, person_id, dietary=dietary, accessibility=accessibility)


@writes(Topic.PARTICIPANTS)
def add_participant(uow: UnitOfWork, code: str, fields: dict[str, Any], *, by: str = "") -> dict[str, Any]:
    """Add a person (`person`: e-mail) with the programme file's participant fields, checked by its rules."""
    return participants.add_participant(uow.session, code, fields, by=by)


@writes(Topic.PARTICIPANTS, Topic.PEOPLE)
def edit_participant(uow: UnitOfWork, code: str, email: str, changes: dict[str, Any], *, by: str = "") -> ParticipantChanged:
    """Change a participant's fields and the person's needs (`dietary`, `accessibility`) in one step."""
    part = participants.participation_of(uow.session, code, email)
    person_id = part.person_id
    needs_before = {name: getattr(part.person, name) for name in NEEDS}
    needs = {name: str(changes[name]) for name in NEEDS if name in changes}
    edited = participants.edit_participant(
        uow.session, code, email, {k: v for k, v in changes.items() if k not in NEEDS}, by=by)
    if needs:
        reg.set_needs(uow.session, person_id, **needs)
    return ParticipantChanged(edited, needs_before, person_id)


@writes(Topic.PARTICIPANTS, Topic.PEOPLE)
def revert_participant(uow: UnitOfWork, code: str, changed: ParticipantChanged, *, by: str = "") -> None:
    """Undo of `edit_participant`: the earlier statuses, fields and needs back."""
    participants.revert_participant_edit(uow.session, code, changed.edited, by=by)
    reg.set_needs(uow.session, changed.person_id, **changed.needs_before)


@writes(Topic.PARTICIPANTS, Topic.TRAVEL, Topic.STAYS)
def remove_participant(uow: UnitOfWork, code: str, email: str) -> RemovedParticipation:
    """Take a person out of an event with their legs and stays of it; the result is the undo token."""
    return participants.remove_participant(uow.session, code, email)


@writes(Topic.PARTICIPANTS, Topic.TRAVEL, Topic.STAYS)
def restore_participant(uow: UnitOfWork, code: str, removed: RemovedParticipation) -> int:
    """Put a removed participation back with its history, legs, stays and room-mate links; returns its id."""
    return participants.restore_participant(uow.session, code, removed)


@writes(Topic.PARTICIPANTS)
def invite(uow: UnitOfWork, code: str, criteria: InviteCriteria, *, by: str = "") -> Invited:
    """Add everyone the criteria select who is not in the event yet, as invited; `result.added` undoes it."""
    candidates = tuple(invite_preview.preview_invite(uow.session, code, criteria))
    return Invited(invitations.invite(uow.session, code, criteria, by=by), candidates)


@writes(Topic.PARTICIPANTS)
def remove_invited(uow: UnitOfWork, participation_ids: Sequence[int]) -> int:
    """Undo of `invite`: remove exactly the participations it added."""
    return invitations.remove_invited(uow.session, tuple(participation_ids))
