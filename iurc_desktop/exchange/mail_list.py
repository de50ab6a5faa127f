"""Mail lists: the addresses of chosen participants, for the mail program people already use.

`address_list(rows)` is the To/Bcc form ("Name <email>; …"); `address_file(rows, suffix)`
is the content of a saved list: .txt (that line) or .csv (name, e-mail, organisation,
role, status, group; formula-safe). Rows are any objects with those attributes
(`core.registrations.participations.RegistrationRow`). Building only: the app writes the file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Protocol

from ..core.people.listing import normalise_email
from .rosters.csv_writer import neutralise

SEPARATOR = "; "  # what Outlook expects; Gmail, Apple Mail and Thunderbird accept it too
SPECIALS = set('()<>[]:;@\\,."')
CSV_HEADER = ("Name", "E-mail", "Organisation", "Role", "Status", "Group")


class Addressee(Protocol):
    name: str
    email: str
    organisation: str
    role: str
    status: str
    group: str


def _quoted(name: str) -> str:
    """A display name as RFC 5322 wants it: quoted when it holds a comma, dot or other special."""
    if any(ch in SPECIALS for ch in name):
        return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return name


def distinct(rows: Iterable[Addressee]) -> list[Addressee]:
    """The rows with an e-mail address, the first of each address (compared normalised)."""
    seen: set[str] = set()
    out = []
    for row in rows:
        key = normalise_email(row.email)
        if key and key not in seen:
            seen.add(key)
            out.append(row)
    return out


def addresses(rows: Iterable[Addressee], *, with_names: bool = True) -> list[str]:
    """One entry per distinct e-mail address, in order; people without an address are left out."""
    return [f"{_quoted(row.name)} <{row.email.strip()}>" if with_names and row.name else row.email.strip()
            for row in distinct(rows)]


def address_list(rows: Iterable[Addressee], *, with_names: bool = True) -> str:
    """'Ane Etxeberria <ane@example.eus>; Kim Minjun <minjun@example.kr>' for a To or Bcc field."""
    return SEPARATOR.join(addresses(rows, with_names=with_names))


def address_file(rows: Sequence[Addressee], suffix: str, *, with_names: bool = True) -> tuple[bytes, int]:
    """The saved list's bytes and how many addresses: .csv a table (UTF-8 with BOM), otherwise the To/Bcc line."""
    chosen = distinct(rows)
    if suffix.lower() == ".csv":
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(CSV_HEADER)
        for row in chosen:
            writer.writerow([neutralise(v) for v in (row.name, row.email, row.organisation, row.role, row.status, row.group)])
        return text.getvalue().encode("utf-8-sig"), len(chosen)
    return (address_list(chosen, with_names=with_names) + "\n").encode("utf-8"), len(chosen)
