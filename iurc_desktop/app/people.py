"""People and organisations: the lists, a person's summary and card, field edits, duplicates and merging."""

from __future__ import annotations

from ..core.paging import ListQuery
from ..core.people import duplicates, fields, organisations, listing as people, card as person_card, summary as person_summary
from ..core.people.card import PersonCard
from ..core.people.duplicates import MergeReport, Suggestion
from ..core.people.listing import PersonRow
from ..core.people.organisations import OrganisationRow
from ..core.people.summary import PersonSummary
from ..core.registrations import participations as registrations
from ..core.registrations.participations import HistoryEntry
from .changes import Topic
from .unit_of_work import UnitOfWork, reads, writes

__all__ = [
    "HistoryEntry", "MergeReport", "OrganisationRow", "PersonCard", "PersonRow", "PersonSummary", "Suggestion",
    "count_organisations", "count_people", "find_duplicates", "list_organisations", "list_people", "merge_people",
    "person_card_of", "person_summary_of", "set_person_field", "status_history",
]


@reads
def list_people(uow: UnitOfWork, query: ListQuery = ListQuery()) -> list[PersonRow]:
    """People with their organisation, filtered, sorted and windowed in SQL."""
    return people.list_people(uow.session, query)


@reads
def count_people(uow: UnitOfWork, text: str = "") -> int:
    return people.count_people(uow.session, text)


@reads
def list_organisations(uow: UnitOfWork, query: ListQuery = ListQuery()) -> list[OrganisationRow]:
    """Organisations with their people counted, filtered, sorted and windowed in SQL."""
    return organisations.list_organisations(uow.session, query)


@reads
def count_organisations(uow: UnitOfWork, text: str = "") -> int:
    return organisations.count_organisations(uow.session, text)


@reads
def person_summary_of(uow: UnitOfWork, person_id: int) -> PersonSummary:
    """Everything about one person: card, events, travel, stays; NotFound once merged or erased."""
    return person_summary.person_summary(uow.session, person_id)


@reads
def person_card_of(uow: UnitOfWork, person_id: int) -> PersonCard:
    return person_card.person_card(uow.session, person_id)


@reads
def status_history(uow: UnitOfWork, participation_id: int) -> list[HistoryEntry]:
    """Every recorded status change of a participation, oldest first."""
    return registrations.history(uow.session, participation_id)


@writes(Topic.PEOPLE)
def set_person_field(uow: UnitOfWork, person_id: int, field: str, value: str, *,
                     expected_version: int | None = None) -> str:
    """Set one free-text field of a person; returns the old value (for undo).

    With `expected_version`, refused with EditConflict when someone else saved the person since.
    """
    return fields.set_person_field(uow.session, person_id, field, value, expected_version=expected_version)


@reads
def find_duplicates(uow: UnitOfWork) -> list[Suggestion]:
    """Pairs of people who may be recorded twice, likeliest first."""
    return duplicates.find_duplicates(uow.session)


@writes(Topic.PEOPLE)
def merge_people(uow: UnitOfWork, keep_id: int, drop_id: int) -> MergeReport:
    """Merge `drop_id` into `keep_id` (events, history, travel, stays move over); not undoable."""
    return duplicates.merge_people(uow.session, keep_id, drop_id)
