"""How a person's name is shown: the one rule, for Python values here and for SQL in `Person.display_name`.

A name stored in Han, Kana or Hangul (both parts start with such a character: a person
known only in their own script, 박 / 지은, 佐藤 / 陽斗) is shown family name first and with
no space (박지은, 佐藤陽斗), as it is written in Korea, Japan and China, whatever `name_order`
says; a romanised name follows `name_order`. Calendar files, e-mails, rosters and screens
all take the name from here, so a person is named alike everywhere.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, case, func, or_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import Integer

FAMILY_FIRST = "family_first"

# Code points of Hangul, Han and Kana (with their compatibility and extension blocks).
CJK_RANGES = (
    (0x1100, 0x11FF), (0x2E80, 0x9FFF), (0xA960, 0xA97F), (0xAC00, 0xD7FF), (0xF900, 0xFAFF), (0xFF66, 0xFF9F),
    (0x20000, 0x3FFFF),
)


def in_cjk_script(text: str | None) -> bool:
    """Whether `text` starts with a Han, Kana or Hangul character."""
    return bool(text) and any(low <= ord(text[0]) <= high for low, high in CJK_RANGES)  # type: ignore[index]


def display_name(given: str | None, family: str | None, name_order: str | None) -> str:
    """The name in the person's own order and script (see the module's rule)."""
    if in_cjk_script(family) and in_cjk_script(given):
        return f"{family}{given}"
    parts = (family, given) if name_order == FAMILY_FIRST else (given, family)
    return f"{parts[0] or ''} {parts[1] or ''}".strip()


class _first_code_point(FunctionElement[int]):
    """The code point of a text's first character (NULL or 0 for an empty text)."""

    type = Integer()
    inherit_cache = True


@compiles(_first_code_point)
def _first_code_point_sqlite(element: _first_code_point, compiler: object, **kw: object) -> str:
    return f"unicode({compiler.process(element.clauses, **kw)})"  # type: ignore[attr-defined]


@compiles(_first_code_point, "postgresql")
def _first_code_point_pg(element: _first_code_point, compiler: object, **kw: object) -> str:
    return f"ascii({compiler.process(element.clauses, **kw)})"  # type: ignore[attr-defined]  # a code point in UTF-8


def _cjk_sql(text: ColumnElement[str]) -> ColumnElement[bool]:
    point = _first_code_point(text)
    return or_(*(point.between(low, high) for low, high in CJK_RANGES))  # NULL for an empty text: not CJK


def display_name_sql(given: ColumnElement[str], family: ColumnElement[str], name_order: ColumnElement[str]) -> ColumnElement[str]:
    """`display_name` as a SQL expression, for sorting, searching and rosters."""
    return case(
        (and_(_cjk_sql(family), _cjk_sql(given)), family + given),
        (name_order == FAMILY_FIRST, func.trim(family + " " + given)),
        else_=func.trim(given + " " + family),
    )
