"""Spreadsheets: rosters for hosts, hotels, drivers and caterers, the programme report, and mail lists.

Each file is staged by the unit of work and put in place when the export ends
without error; a Cancel or a failure leaves no file.
"""

from __future__ import annotations

from pathlib import Path

from ..core.progress import CancelToken, Progress, no_progress
from ..core.registrations.participations import RegistrationRow, list_registrations
from ..exchange import mail_list
from ..exchange.rosters import report, rosters
from ..exchange.rosters.report import ReportResult
from ..exchange.rosters.rosters import (
    KINDS, TITLES, ColumnInfo, PersonalColumn, RosterResult, personal_data, personal_data_text, roster_columns,
)
from ..exchange.rosters.table import output_format
from .unit_of_work import UnitOfWork, reads

__all__ = [
    "KINDS", "TITLES", "ColumnInfo", "PersonalColumn", "RegistrationRow", "ReportResult", "RosterResult",
    "mail_list_rows", "personal_data", "personal_data_text", "preview_roster", "roster_columns", "save_addresses",
    "write_report", "write_roster",
]


@reads
def write_roster(uow: UnitOfWork, code: str, kind: str, path: Path, *, item_key: str | None = None,
                 columns: list[str] | tuple[str, ...] | None = None, include_sensitive: bool = False,
                 progress: Progress = no_progress, cancel: CancelToken | None = None) -> RosterResult:
    """One roster of the event as .xlsx or .csv (by the suffix of `path`), streamed with progress."""
    output_format(path)  # a bad suffix is refused before anything is read
    return rosters.write_roster(uow.session, code, kind, Path(path), item_key=item_key, columns=columns,
                                include_sensitive=include_sensitive, progress=progress, cancel=cancel,
                                into=uow.stage(path))


@reads
def preview_roster(uow: UnitOfWork, code: str, kind: str, *, item_key: str | None = None,
                   columns: list[str] | tuple[str, ...] | None = None, include_sensitive: bool = False,
                   limit: int = 20) -> tuple[tuple[str, ...], list[tuple[object, ...]]]:
    """Headers and the first `limit` rows, as they would be written."""
    return rosters.preview_roster(uow.session, code, kind, item_key=item_key, columns=columns,
                                  include_sensitive=include_sensitive, limit=limit)


@reads
def write_report(uow: UnitOfWork, path: Path, *, progress: Progress = no_progress,
                 cancel: CancelToken | None = None) -> ReportResult:
    """The programme report workbook (.xlsx): targets, engaged cities and regions, participants and events."""
    return report.write_report(uow.session, Path(path), progress=progress, cancel=cancel, into=uow.stage(path))


# The participants a mail list is drawn from are read here (registrations are another area's
# writes): the list and its file read the same rows with the same filters.
@reads
def mail_list_rows(uow: UnitOfWork, code: str, *, status: str | None = None, role: str | None = None,
                   group: str | None = None) -> list[RegistrationRow]:
    """The event's participants that the filters select (filtered in SQL)."""
    return list_registrations(uow.session, code, status=status, role=role, group=group)


@reads
def save_addresses(uow: UnitOfWork, code: str, path: Path, *, status: str | None = None, role: str | None = None,
                   group: str | None = None, with_names: bool = True) -> int:
    """Save the selected participants' addresses as .txt (the To/Bcc line) or .csv (a table); returns how many."""
    rows = list_registrations(uow.session, code, status=status, role=role, group=group)
    data, count = mail_list.address_file(rows, Path(path).suffix, with_names=with_names)
    uow.write(path, data)
    return count
