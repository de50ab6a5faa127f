"""Rows of an import file: cells by field, and a row read as a person's fields with its problems.

Every problem of a row is collected (not just the first), so the preview can say
all that must be fixed in the file at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from email_validator import EmailNotValidError, validate_email
from email_validator.syntax import validate_email_local_part

from ...core.errors import ValidationError
from ...core.languages import language_code
from ...core.people.listing import normalise_email
from ...core.textfold import fold, name_key
from . import layouts
from .dates import parse_date_text, parse_datetime_value, travel_date
from .mapping import EMPTY, PLACEHOLDER, ROLES, guess_mapping, is_romanised
from .tabular import Sheet, Table
from .values import (
    clean_display_name, device_name, gender_value, has_cjk, role_value, split_name, status_value, tagged_role, yes_no,
)

# Cells that stand for no value: Microsoft Forms writes "anonymous" in the Name and Email of anonymous answers.
PLACEHOLDERS = {"anonymous", "anonyme", "anonym", "anonimo", "匿名", "익명", "--", "-", "n/a", "none"}


@dataclass
class Record:
    """One data row with its cells by field, before validation."""

    row: int
    values: dict[str, object]
    section_role: str | None = None
    romanised: bool = False  # the full name comes from a romanised column beside a name in its own script


def records(sheet: Sheet, mapping: dict[str, str] | None) -> tuple[list[Record], tuple[str, ...], dict[str, str]]:
    """Rows of the people tables as field dicts, the main header and the mapping used."""
    tables = layouts.people_tables(sheet)
    if not tables:
        raise ValidationError(f"{sheet.path.name}: no table of people found (no row of column names such as Name, Email, 氏名, 이메일)")
    main = max(tables, key=lambda t: len(t.rows))
    used: dict[str, str] = {}
    out: list[Record] = []
    for table in tables:
        names = column_names(table)
        table_map = guess_mapping(names, column_kinds(table, names))
        if mapping:
            _chosen(table_map, mapping)
        used.update({h: f for h, f in table_map.items() if h not in used})
        out += _table_records(table, names, table_map)
    out.sort(key=lambda r: r.row)
    return out, column_names(main), used


def column_names(table: Table) -> tuple[str, ...]:
    """Each column as the mapping names it: its header, a repeated header numbered ("Name (2)"), a column holding
    something under no header by its letter ("Column D"); '' for an empty column without a header."""
    names: list[str] = []
    for i, header in enumerate(table.header):
        if not header:
            filled = any(i < len(cells) and cells[i] is not None for _, cells in table.rows)
            header = f"Column {_letter(i)}" if filled else ""
        name, n = header, 1
        while name and name in names:
            n += 1
            name = f"{header} ({n})"
        names.append(name)
    return tuple(names)


def _letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column: 0 → A, 27 → AB."""
    out, n = "", index + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _chosen(table_map: dict[str, str], mapping: dict[str, str]) -> None:
    """The user's choices over the guess: a field the user gives a column is taken from the column guessed for it."""
    given = {h: f for h, f in mapping.items() if h in table_map}
    for header, guessed in table_map.items():
        if guessed and header not in given and guessed in given.values():
            table_map[header] = ""
    table_map.update(given)


def column_kinds(table: Table, names: tuple[str, ...]) -> dict[str, str]:
    """What each named column holds, for the guess: nothing, only placeholders ("anonymous"), only role labels, or values."""
    return {name: _kind(table, i) for i, name in enumerate(names) if name}


def _kind(table: Table, column: int, enough: int = 50) -> str:
    """The kind of one column, from its first `enough` real values."""
    seen, real = False, []
    for _, cells in table.rows:
        cell = cells[column] if column < len(cells) else None
        if cell is None:
            continue
        seen, text = True, str(cell).strip()
        if fold(text) not in PLACEHOLDERS:
            real.append(text)
            if len(real) == enough:  # enough to tell; a long file is not read twice over
                break
    if not real:
        return PLACEHOLDER if seen else EMPTY
    return ROLES if all(role_value(t) for t in real) else ""


def _table_records(table: Table, names: tuple[str, ...], mapping: dict[str, str]) -> list[Record]:
    columns = [(i, mapping.get(h, "")) for i, h in enumerate(names) if h]
    columns = [(i, f) for i, f in columns if f]
    role = layouts.section_role(table)
    roman = any(f == "full_name" and is_romanised(names[i]) for i, f in columns)
    return [Record(number, {f: cells[i] for i, f in columns if cells[i] is not None}, role, roman) for number, cells in table.rows]


def check_email(value: object) -> tuple[str, str | None]:
    """(normalised e-mail, problem or None); the syntax is checked, deliverability is not (offline)."""
    text = "" if value is None else str(value).strip()
    if not text:
        return "", None
    local, at, domain = text.rpartition("@")
    fast_ok = bool(at and local and len(text) <= 254) and _domain_ok(domain.lower()) and _local_ok(local)
    if not fast_ok:
        try:
            validate_email(text, check_deliverability=False)
        except EmailNotValidError as exc:
            return text, f"e-mail {text!r} is not valid: {exc}"
    return normalise_email(text), None


@lru_cache(maxsize=4096)
def _domain_ok(domain: str) -> bool:
    """The domain part checked once per domain: a file's addresses share a handful of them."""
    try:
        validate_email(f"postmaster@{domain}", check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def _local_ok(local: str) -> bool:
    try:
        validate_email_local_part(local)
    except EmailNotValidError:
        return False
    return True


@dataclass
class PersonFields:
    """The fields a row gives for a person, and what was wrong reading them."""

    row: int
    email: str = ""
    values: dict[str, object] = field(default_factory=dict)
    status: str = "registered"
    role: str = "delegate"
    group: str = ""
    visa_needed: bool | None = None
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # shown on the row, which is still imported
    not_a_person: str = ""  # why the row is left out: a device, a room or a role label where the name should be
    shown: str = ""  # the name as the file writes it, shown for a row that is no one

    @property
    def name(self) -> str:
        v = self.values
        if v.get("name_order") == "family_first":
            text = f"{v.get('family_name', '')} {v.get('given_name', '')}".strip()
        else:
            text = f"{v.get('given_name', '')} {v.get('family_name', '')}".strip()
        return text or str(v.get("local_name", ""))

    @property
    def key(self) -> str:
        return name_key(self.name) or name_key(str(self.values.get("local_name", "")))


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def read_person(rec: Record, dayfirst: bool, groups: set[str], around: date | None = None) -> PersonFields:
    """Turn a record into a person's fields, collecting every problem of the row.

    `around` (the event's start) gives the year of an arrival or departure written without one.
    """
    v = rec.values
    p = PersonFields(rec.row)
    # the e-mail someone registered with is who they are; the one a meeting tool shows may be another account
    p.email, problem = check_email(v.get("registration_email") or v.get("email"))
    if problem:
        p.problems.append(problem)
    other, _ = check_email(v.get("email")) if v.get("registration_email") else ("", None)
    given, family = _text(v.get("given_name")), _text(v.get("family_name"))
    local = " ".join(_text(v.get("local_name")).split())  # ideographic spaces too
    order = "given_first"
    full = clean_display_name(_text(v.get("full_name"))) if v.get("full_name") else ""
    p.shown = " ".join((_text(v.get("full_name")) or f"{given} {family}".strip() or local).split())
    if not (given or family):
        p.not_a_person = not_a_person(_text(v.get("full_name")) or local)
    elif not p.email:  # a room written in the name columns is still no one
        p.not_a_person = not_a_person(f"{given} {family}")
    if full and not p.not_a_person and not (given or family):
        given, family, local_from_full, order = split_name(full)
        if rec.romanised and local and not has_cjk(full) and has_cjk(local):
            given, family, order = _romanised_order(full, given, family, order)
        if local and name_key(local) == name_key(full):
            local = ""  # the same name twice (e.g. full-width Latin letters), not a name in another script
        local = local or local_from_full
    elif local and not (given or family):
        given, family, _, order = split_name(local)
    if not (given or family or local):
        p.problems.append("no name (expected a column such as Name, First name/Last name, 氏名 or 이름)")
    p.values.update(given_name=given, family_name=family, local_name=local, name_order=order)
    for name in ("phone", "job_title", "dietary", "accessibility", "notes"):
        if v.get(name) is not None:
            p.values[name] = _text(v[name])
    for name in ("organisation", "country"):
        if v.get(name) is not None:
            p.values[name] = _text(v[name])
    if other and p.email and other != p.email:
        p.values["notes"] = "\n".join(x for x in (str(p.values.get("notes", "")), f"Also uses the e-mail {other}") if x)
    _read_choices(p, v, tagged_role(_text(v.get("full_name"))) or rec.section_role, groups)
    _read_travel(p, v, dayfirst, around)
    _read_dates(p, v, dayfirst)
    return p


def not_a_person(display: str) -> str:
    """Why a meeting tool's display name is no one's name (a device, a room, a dial-in number, a role label), or ''."""
    if device_name(display):
        return "a device, meeting room or dial-in number joined, not a person: not imported"
    if role_value(clean_display_name(display)):
        return f"{clean_display_name(display)!r} is a role label, not a name: not imported"
    return ""


def _romanised_order(full: str, given: str, family: str, order: str) -> tuple[str, str, str]:
    """A romanised column's name beside a Chinese, Japanese or Korean one is read in that name's order: family first.

    Host rosters write "Yamada Taro" under ローマ字 for 山田 太郎; a comma or a name
    in capitals (already read by `split_name`) says otherwise. A plain Name column
    keeps the Western order.
    """
    words = full.split()
    if order == "given_first" and "," not in full and len(words) == 2:
        return words[1], words[0], "family_first"
    return given, family, order


def _read_choices(p: PersonFields, v: dict[str, object], section: str | None, groups: set[str]) -> None:
    if v.get("status") is not None:
        status = status_value(_text(v["status"]))
        if status is None:
            p.problems.append(f"status {_text(v['status'])!r} is not known (expected e.g. registered, confirmed, cancelled)")
        else:
            p.status = status
    if v.get("role") is not None:
        role = role_value(_text(v["role"]))
        if role is None:
            p.problems.append(f"role {_text(v['role'])!r} is not known (expected e.g. delegate, speaker, organiser)")
        else:
            p.role = role
    elif section:
        p.role = section
    if v.get("gender") is not None:
        gender = gender_value(_text(v["gender"]))
        if gender is None:
            p.problems.append(f"gender {_text(v['gender'])!r} is not known (expected female, male, non-binary or undisclosed)")
        else:
            p.values["gender"] = gender
    if v.get("nationality") is not None:
        code = country_code(_text(v["nationality"]))
        if code is None:
            p.problems.append(f"nationality {_text(v['nationality'])!r} is not a country")
        else:
            p.values["nationality"] = code
    if v.get("preferred_language") is not None:
        language = language_code(_text(v["preferred_language"]))
        if language is None:
            p.warnings.append(f"language {_text(v['preferred_language'])!r} is not known: their e-mails go in English")
        else:
            p.values["preferred_language"] = language
    if v.get("group") is not None:
        p.group = _text(v["group"])
        if p.group not in groups:
            p.problems.append(f"group {p.group!r} is not a group of this event (its groups: {', '.join(sorted(groups)) or 'none'})")
    if v.get("visa_needed") is not None:
        p.visa_needed = yes_no(v["visa_needed"])
        p.values["visa_needed"] = bool(p.visa_needed)
    if p.group:
        p.values["group"] = p.group


@lru_cache(maxsize=1024)
def country_code(text: str) -> str | None:
    """The ISO code of a country given by code or name ("si", "Slovenia" → SI), or None."""
    if not text.strip():
        return None  # pycountry would look through every country before saying so
    if len(text) == 2 and text.isalpha():
        return text.upper()
    try:
        import pycountry

        return pycountry.countries.lookup(text).alpha_2
    except (LookupError, ImportError):
        return None


# An arrival further than this before the event's start is more likely a typo (a month or a year off) than a plan.
EARLY_ARRIVAL_DAYS = 30


def check_arrival(p: PersonFields, start: date, end: date) -> None:
    """Warn on an arrival far from the event: more than `EARLY_ARRIVAL_DAYS` before its start, or after its end."""
    arrival = p.values.get("arrival")
    if not isinstance(arrival, date):
        return
    day = _day(arrival)
    if (start - day).days > EARLY_ARRIVAL_DAYS or day > end:
        when = "after the event ends" if day > end else f"more than {EARLY_ARRIVAL_DAYS} days before the event starts"
        p.warnings.append(f"arrival {day.isoformat()} is {when} ({start.isoformat()} to {end.isoformat()}): check the date")


def _read_travel(p: PersonFields, v: dict[str, object], dayfirst: bool, around: date | None) -> None:
    """The arrival and departure dates, the departure not before the arrival."""
    for name in ("arrival", "departure"):
        if v.get(name) is not None:
            try:
                p.values[name] = travel_date(v[name], dayfirst, around)
            except ValueError as exc:
                p.problems.append(f"{name}: {exc}")
    arrival, departure = p.values.get("arrival"), p.values.get("departure")
    if isinstance(arrival, date) and isinstance(departure, date) and _day(departure) < _day(arrival):
        p.problems.append(f"departure {_day(departure).isoformat()} is before arrival {_day(arrival).isoformat()}")


def _read_dates(p: PersonFields, v: dict[str, object], dayfirst: bool) -> None:
    if v.get("passport_expiry") is not None:
        value = v["passport_expiry"]
        try:
            parsed = value if isinstance(value, (date, datetime)) else parse_date_text(_text(value), dayfirst)
            p.values["passport_expiry"] = parsed.date() if isinstance(parsed, datetime) else parsed
        except ValueError as exc:
            p.problems.append(f"passport expiry: {exc}")
    if v.get("registered_at") is not None:
        try:
            parse_datetime_value(v["registered_at"], dayfirst)
        except ValueError as exc:
            p.problems.append(f"registration time: {exc}")


def _day(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value
