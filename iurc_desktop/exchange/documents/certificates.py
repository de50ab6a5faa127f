"""Certificates of attendance: the data a certificate shows, and its file name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...core.file_names import safe_stem

TEMPLATE = "certificate"


@dataclass(frozen=True)
class CertificateData:
    """One person's certificate of attendance of one event."""

    latin_name: str  # FAMILY NAME in capitals, in the person's name order
    local_name: str
    organisation: str
    organisation_local: str
    event_title: str
    event_kind: str  # "webinar", "study visit", ...
    start: date
    end: date
    minutes: int | None  # time attended online, from the attendance report (None: not measured)
    signer: str
    issued_on: date


def file_name(certificate: CertificateData) -> str:
    """A safe file name for the certificate: the Latin name, accents taken off (DVOŘÁK: DVORAK)."""
    return "certificate-" + safe_stem(certificate.latin_name, fallback="person") + ".pdf"
