"""People and organisations: the lists, a person's summary and card, field edits, duplicates and merging."""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from typing import TYPE_CHECKING, Any

from ..core.paging import ListQuery
from ..core.people import fields, organisations, listing as people
from ..core.people import records
from ..core.people.listing import PersonRow
from ..core.people.records import PERSON_FIELDS, PersonRecord
from ..core.people.snapshots import Edited, Removed
from ..core.people.organisations import OrganisationRow
from ..core.registrations import participations as registrations
from ..core.registrations.participations import HistoryEntry
from .changes import Topic
from .unit_of_work import UnitOfWork, reads, writes

__all__ = [
    "PERSON_FIELDS", "DuplicateSearch", "Edited", "HistoryEntry", "MergeReport", "OrganisationRow", "PersonCard", "PersonRecord",
    "PersonRow", "PersonSummary", "Removed", "Suggestion", "add_person", "count_organisations", "count_people",
    "edit_person", "list_organisations", "list_people", "merge_people", "person_card_of",
    "person_record", "person_removal_message", "person_summary_of", "remove_person", "restore_person",
    "search_duplicates", "set_person_field", "status_history",
]

person_removal_message = records.removal_message

if TYPE_CHECKING:
    from ..core.people.card import PersonCard
    from ..core.people.duplicates import DuplicateSearch, MergeReport, Suggestion
    from ..core.people.summary import PersonSummary

# Where the card, summary and duplicates come from: imported when first used, so the People and
# Organisations pages open without them (the summary alone brings the checks, to-do and travel rules).
_LATER = {"PersonCard": "card", "PersonSummary": "summary", "DuplicateSearch": "duplicates", "MergeReport": "duplicates",
          "Suggestion": "duplicates"}


def _later(module: str) -> Any:
    return import_module(f"..core.people.{module}", __package__)


def __getattr__(name: str) -> Any:
    """The types of `_LATER`, from their modules on first use."""
    if name in _LATER:
        return getattr(_later(_LATER[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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


def people_sort_keys() -> tuple[str, ...]:
    """The columns `list_people` sorts by."""
    return tuple(people.SORTS)


def organisation_sort_keys() -> tuple[str, ...]:
    """The columns `list_organisations` sorts by."""
    return tuple(organisations.SORTS)


@reads
def person_summary_of(uow: UnitOfWork, person_id: int) -> PersonSummary:
    """Everything about one person: card, events, travel, stays; NotFound once merged or erased."""
    return _later("summary").person_summary(uow.session, person_id)  # type: ignore[no-any-return]


@reads
def person_card_of(uow: UnitOfWork, person_id: int) -> PersonCard:
    return _later("card").person_card(uow.session, person_id)  # type: ignore[no-any-return]


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
def search_duplicates(uow: UnitOfWork, limit: int) -> DuplicateSearch:
    """The `limit` likeliest pairs of people who may be recorded twice, and how many pairs there are in all."""
    return _later("duplicates").search_duplicates(uow.session, limit=limit)  # type: ignore[no-any-return]


@writes(Topic.PEOPLE)
def merge_people(uow: UnitOfWork, keep_id: int, drop_id: int) -> MergeReport:
    """Merge `drop_id` into `keep_id` (events, history, travel, stays move over); not undoable."""
    return _later("duplicates").merge_people(uow.session, keep_id, drop_id)  # type: ignore[no-any-return]


@reads
def person_record(uow: UnitOfWork, who: int | str) -> PersonRecord:
    """A person (by id or e-mail) as the programme file writes them, with id and version."""
    return records.person_record(uow.session, who)


@writes(Topic.PEOPLE)
def add_person(uow: UnitOfWork, fields: Mapping[str, Any]) -> PersonRecord:
    """Create a person from programme-file fields; a duplicate e-mail is refused naming the other person."""
    return records.add_person(uow.session, fields)


@writes(Topic.PEOPLE, Topic.PARTICIPANTS)
def edit_person(uow: UnitOfWork, who: int | str, changes: Mapping[str, Any], *,
                expected_version: int | None = None) -> Edited:
    """Change fields of a person; with `expected_version`, EditConflict when someone else saved them since."""
    return records.edit_person(uow.session, who, changes, expected_version=expected_version)


@writes(Topic.PEOPLE, Topic.PARTICIPANTS, Topic.TRAVEL, Topic.STAYS, Topic.ITEMS)
def remove_person(uow: UnitOfWork, who: int | str) -> Removed:
    """Remove a person with their participations, travel, stays and item assignments; the token undoes it."""
    return records.remove_person(uow.session, who)


@writes(Topic.PEOPLE, Topic.PARTICIPANTS, Topic.TRAVEL, Topic.STAYS, Topic.ITEMS)
def restore_person(uow: UnitOfWork, removed: Removed) -> PersonRecord:
    """Put a removed person back with everything that went with them."""
    return records.restore_person(uow.session, removed)
