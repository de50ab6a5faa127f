"""The erasure register: which e-mails were erased, kept so that no restore or copy brings a person back.

Each entry is an HMAC-SHA256 of the normalised e-mail under a salt, the salt, and
the day of the erasure; no name, no e-mail, nothing else. Restoring a backup or
copying a database merges the registers of both sides and erases again whoever
they name (`erasure.replay`).

Why one random salt per database, stored in the database itself. The register
must travel with the data (a backup, a copy, a restore on another computer) and
be usable without any other file: a salt kept outside it (settings, a key
chain) would be lost with the laptop, and with it every register it salted.
A salt fixed in the program would let anyone with the program test a guessed
address against every database's register and link registers across
databases. With a per-database salt, a register says nothing without its own
database, and whoever holds the database can only ask "was this address
erased?", which the app itself must be able to ask to replay the register.
Registers merged from another database keep their own salt (one column per
entry), because an entry cannot be re-hashed without the e-mail it forgot.

A fast keyed hash rather than a slow password hash: replay hashes every e-mail
of a restored database (100,000 people in a fraction of a second); a slow hash
would make a restore take minutes, and e-mail addresses are guessable anyway.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable, Iterable
from datetime import date

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from ..models import Erasure, ErasureSalt, Person
from ..timeutil import utc_now
from .listing import normalise_email

Entry = tuple[str, str, date]  # salt, digest, day erased


def digest(salt: str, email: str) -> str:
    """The register's hash of `email` (normalised) under `salt`."""
    return hmac.new(bytes.fromhex(salt), normalise_email(email).encode("utf-8"), hashlib.sha256).hexdigest()


def own_salt(session: Session) -> str:
    """This database's salt, made (random, 16 bytes) at its first erasure."""
    salt = session.scalar(select(ErasureSalt.salt).where(ErasureSalt.id == 1))
    if salt is None:
        salt = secrets.token_hex(16)
        session.add(ErasureSalt(id=1, salt=salt))
        session.flush()
    return salt


def record(session: Session, email: str) -> None:
    """Enter `email` in the register under this database's salt (once), dated today."""
    salt = own_salt(session)
    merge(session, [(salt, digest(salt, email), utc_now().date())])


def entries(conn: Connection | Session) -> list[Entry]:
    """Every entry of the register."""
    return [(salt, dig, day) for salt, dig, day in conn.execute(select(Erasure.salt, Erasure.digest, Erasure.erased_on))]


def merge(session: Session, new: Iterable[Entry]) -> int:
    """Add the entries not yet in the register (another database's, or a new one); how many were added."""
    held = {(salt, dig) for salt, dig, _day in entries(session)}
    added = 0
    for salt, dig, day in new:
        if (salt, dig) not in held:
            session.add(Erasure(salt=salt, digest=dig, erased_on=day))
            held.add((salt, dig))
            added += 1
    session.flush()
    return added


def is_registered(session: Session, email: str) -> bool:
    """Whether the register names `email` under any of its salts."""
    return _names(session)(email)


def named_people(session: Session) -> list[str]:
    """The e-mails of the people in this database whom the register names (to be erased again)."""
    names = _names(session)
    emails = session.scalars(select(Person.email).where(Person.email.is_not(None)))
    return [email for email in emails if names(email)]


def _names(session: Session) -> Callable[[str], bool]:
    """A test of whether the register names an e-mail (one hash per salt the register holds)."""
    held = {(salt, dig) for salt, dig, _day in entries(session)}
    salts = {salt for salt, _dig in held}
    return lambda email: any((salt, digest(salt, email)) in held for salt in salts)
