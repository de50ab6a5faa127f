"""Safe file names made from names and titles: accents taken off (Élodie: Elodie), anything else odd a dash."""

from __future__ import annotations

import re
import unicodedata

_ODD = re.compile(r"[^A-Za-z0-9._-]+")


def safe_stem(text: str, *, fill: str = "-", fallback: str = "file") -> str:
    """`text` as a file name any system takes: ASCII letters, digits, `.`, `_`, `-` (a name in another script: `fallback`)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _ODD.sub(fill, plain).strip("-._") or fallback
