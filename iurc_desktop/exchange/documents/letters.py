"""Visa invitation letters: the data a letter shows, and its file name."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ...core.file_names import safe_stem
from ...core.names import FAMILY_FIRST

TEMPLATE = "letter"


@dataclass(frozen=True)
class Host:
    """An organisation the delegate visits, with its name in its own script and its place."""

    name: str
    local_name: str = ""
    place: str = ""


@dataclass(frozen=True)
class LetterData:
    """One visa invitation letter: who invites whom, to the consulate of which country, for what and when."""

    number: str  # "DRAFT" in a preview
    issued_on: date
    sender: str  # the organiser who signs
    sender_email: str
    destination: str  # the country whose consulate the letter is for (the main country visited), in English
    countries: str  # every country visited ("South Korea and Japan")
    latin_name: str  # as in the passport, FAMILY NAME in capitals, in the person's name order
    local_name: str  # the name in the person's own script ("" when none is recorded)
    nationality: str  # country name ("" when not recorded)
    organisation: str
    organisation_local: str
    job_title: str
    event_title: str
    purpose: str
    start: date
    end: date
    paid_by: str
    passport_number: str = ""  # only with the user's consent at export time
    hosts: list[Host] = field(default_factory=list)
    places: list[str] = field(default_factory=list)


def passport_name(given: str, family: str, name_order: str) -> str:
    """The Latin name as a passport prints it: FAMILY NAME in capitals, in the person's own name order."""
    family_caps = family.strip().upper()
    parts = [family_caps, given.strip()] if name_order == FAMILY_FIRST else [given.strip(), family_caps]
    return " ".join(p for p in parts if p)


def file_name(letter: LetterData) -> str:
    """A safe file name for the letter: its number and the Latin name."""
    text = f"{letter.number} {letter.latin_name}"
    return safe_stem(text, fallback="letter") + ".pdf"
