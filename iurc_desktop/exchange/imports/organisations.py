"""Organisations an import names: linked to the stored one of the same name, or proposed for creation.

A name matches a stored organisation's name or name in its own script compared
folded (case, accents, full-width forms ignored). The others are proposed as new
organisations with what the file tells: a key from the name, a kind guessed from
words of the name, the country from the rows' country column or else the
e-mail domain's country code, and the zone when that country keeps one clock.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from functools import cache
from importlib import resources

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...core.errors import ValidationError
from ...core.models import Organisation
from ...core.programme.schema import FORMAT
from ...core.programme.validate import validate
from ...core.textfold import fold, slug
from .plan import NewOrganisation, PlannedRow
from .rows import country_code

# The fates of rows that write a person (a duplicate's values are merged into the row it repeats).
_WRITING = ("new", "matched", "update", "unchanged")
# Words of a name that tell its kind, tried in this order; any other name is taken for a business.
_KIND_WORDS = (
    ("eu_institution", ("european commission", "european union", "eu delegation", "european parliament")),
    ("university", ("universit", "universidad", "college", "institute of technology", "hochschule", "大学", "대학")),
    ("national_body", ("ministry", "ministere", "ministerio", "ministero", "national agency", "embassy", "省")),
    ("prefecture", ("prefecture", "県", "府")),
    ("region", ("region", "province", "provincia", "county", "regione", "bundesland", "generalitat", "도청")),
    ("city", ("city", "municipal", "comune", "stadt", "ville", "ayuntamiento", "gemeente", "gemeinde",
              "kommun", "commune", "obcina", "mesto", "市", "시청")),
    ("ngo", ("association", "foundation", "ngo", "non-profit", "nonprofit", "verein", "fondazione", "fundacion")),
)
SECTOR_OF_KIND = {
    "city": "government", "region": "government", "prefecture": "government", "national_body": "government",
    "eu_institution": "government", "university": "research", "business": "business", "ngo": "civil_society",
}
_DOMAIN_COUNTRY = {"uk": "GB"}  # country-code domains that are not the ISO code


def known_organisations(session: Session) -> dict[str, int]:
    """Stored organisations' ids under their folded name and name in their own script."""
    out = {}
    for oid, name, local in session.execute(select(Organisation.id, Organisation.name, Organisation.local_name)):
        for text in (name, local):
            if text:
                out[fold(text)] = oid
    return out


def new_organisations(session: Session, rows: Sequence[PlannedRow], not_utf8: Sequence[int] = ()) -> tuple[NewOrganisation, ...]:
    """The organisations the rows name that are not stored, in the order the file first names them.

    A name with a "?" on a row that had bytes that are not UTF-8 is not ticked: the "?" stands for a lost letter.
    """
    lossy = set(not_utf8)
    named: dict[str, list[PlannedRow]] = defaultdict(list)
    first: dict[str, str] = {}
    for row in rows:
        text = str(dict(row.values).get("organisation") or "").strip()
        if text and row.fate in (*_WRITING, "duplicate"):
            named[fold(text)].append(row)
            first.setdefault(fold(text), " ".join(text.split()))
    if not named:
        return ()
    known = known_organisations(session)
    taken = set(session.scalars(select(Organisation.key)))
    out = []
    for folded, naming in named.items():
        if folded in known:
            continue
        key = derive_key(first[folded], taken)
        taken.add(key)
        kind, country = guess_kind(first[folded]), guess_country(naming)
        garbled = "?" in first[folded] and any(r.row in lossy for r in naming)
        doubt = "a ? in its name stands for a byte that is not UTF-8: check the name" if garbled else ""
        out.append(NewOrganisation(first[folded], key, kind, SECTOR_OF_KIND[kind], country, zone_of_country(country),
                                   tuple(r.row for r in naming), create=not doubt, doubt=doubt))
    return tuple(out)


def for_country(org: NewOrganisation, country: str) -> NewOrganisation:
    """The same proposal for another country, the zone following it when that country keeps one clock."""
    return replace(org, country=country, zone=zone_of_country(country))


def derive_key(name: str, taken: Iterable[str]) -> str:
    """A key from the folded name, words joined by '-'; a number is added on a clash."""
    used = set(taken)
    base = slug(name) or "organisation"
    key, n = base, 2
    while key in used:
        key, n = f"{base}-{n}", n + 1
    return key


def guess_kind(name: str) -> str:
    """The organisation kind the words of its name suggest; a business when none does."""
    folded = fold(name)
    return next((kind for kind, words in _KIND_WORDS if any(w in folded for w in words)), "business")


def guess_country(rows: Sequence[PlannedRow]) -> str:
    """The country most of the rows give in their country column, else most of their e-mail domains; or ""."""
    said = Counter(c for r in rows if (c := country_code(str(dict(r.values).get("country") or ""))))
    if not said:
        said = Counter(c for r in rows if (c := country_of_email(r.email)))
    return said.most_common(1)[0][0] if said else ""


def country_of_email(email: str) -> str:
    """The ISO country of an e-mail's country-code domain (`.si` → SI, `.uk` → GB); "" for .com, .eu and the like."""
    return _country_of_domain(email.rpartition(".")[2].lower() if "@" in email else "")


@cache  # a file's thousands of rows share a few domains
def _country_of_domain(top: str) -> str:
    import pycountry

    code = _DOMAIN_COUNTRY.get(top, top.upper())
    return code if len(code) == 2 and pycountry.countries.get(alpha_2=code) is not None else ""


def zones_of_country(country: str) -> tuple[str, ...]:
    """The IANA zones of a country, its main zone first; none for a code that is not a country."""
    return _zones_by_country().get(country.upper(), ())


def zone_of_country(country: str) -> str:
    """The country's zone when all its zones keep the same clock all year (JP, FR, DE), else ""."""
    zones = zones_of_country(country)
    if not zones:
        return ""
    clocks = {_clock(z) for z in zones}
    return zones[0] if len(clocks) == 1 else ""


@cache
def _zones_by_country() -> dict[str, tuple[str, ...]]:
    """The IANA zones of each country, its main zone first, as tzdata's zone.tab lists them."""
    text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    out: dict[str, list[str]] = defaultdict(list)
    for line in text.splitlines():
        if line and not line.startswith("#"):
            country, _coordinates, zone = line.split("\t")[:3]
            out[country].append(zone)
    return {c: tuple(z) for c, z in out.items()}


def _clock(zone: str) -> tuple[object, ...]:
    """A zone's UTC offsets through a year, to tell zones that keep the same clock."""
    from zoneinfo import ZoneInfo

    info = ZoneInfo(zone)
    year = datetime.now().year
    return tuple(datetime(year, month, 15, 12, tzinfo=info).utcoffset() for month in range(1, 13))



def problems(session: Session, orgs: Sequence[NewOrganisation]) -> list[str]:
    """Each organisation to create checked by the programme file's rules: lines "name: field: message"."""
    stored = set(session.scalars(select(Organisation.key).where(Organisation.key.in_([o.key for o in orgs]))))
    out, keys = [], Counter(o.key for o in orgs)
    for org in orgs:
        if org.key in stored:
            out.append(f"{org.name}: key: {org.key!r} is already the key of a stored organisation; choose another")
        elif keys[org.key] > 1:
            out.append(f"{org.name}: key: {org.key!r} is given to another new organisation too; choose another")
        try:
            validate(session, {"format": FORMAT, "organisations": [org.entry()]})
        except ValidationError as refused:
            out += [f"{org.name}: {_ENTRY_PATH.sub('', line)}" for line in refused.problems]
    return out


_ENTRY_PATH = re.compile(r"^organisations\[\d+\]\.")  # the file's path of the one entry checked
