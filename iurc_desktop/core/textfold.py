"""Folding of names and text so that spellings across scripts and keyboards compare equal.

`fold("ＵＭＥÅ　Kommun")` == `fold("umea kommun")`: NFKC turns full-width and
half-width forms into their usual ones, the ideographic space into a space,
accents are stripped, case is folded and whitespace collapsed. CJK characters
are kept as they are (they carry no accents to strip).
"""

from __future__ import annotations

import re
import unicodedata

# Punctuation that separates name parts in exports ("García Simón, Pedro", "O'Neill").
_SEPARATORS = re.compile(r"[\s,.;·・'’\"()\[\]_\-]+")


def strip_accents(text: str) -> str:
    """Remove combining marks (é → e, å → a) but keep letters of scripts without them."""
    decomposed = unicodedata.normalize("NFD", text)
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", kept)


def fold(text: str | None) -> str:
    """Casefolded, accent-free, NFKC text with single spaces; '' for None."""
    if not text:
        return ""
    if text.isascii():  # most names: NFKC, accents and the extra letters change nothing, casefold is lower()
        return _single_spaced(text.lower())
    folded = unicodedata.normalize("NFKC", text)
    folded = strip_accents(folded).casefold()
    # Letters without a decomposition that people still type without their mark.
    folded = folded.translate(_EXTRA)
    return _single_spaced(folded)


def search_words(text: str | None) -> list[str]:
    """The folded words a search looks for, split at spaces and at the commas and semicolons that join
    name parts in lists: "Dubois, Ane" looks for "dubois" and "ane", as "DUBOIS Ane" does."""
    return fold(text).replace(",", " ").replace(";", " ").split()


def _single_spaced(text: str) -> str:
    """Runs of whitespace as one space, none at the ends (what re's \\s+ and strip() give, a third of the time)."""
    return " ".join(text.split())


_EXTRA = str.maketrans({"ø": "o", "đ": "d", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"})


def name_key(text: str | None) -> str:
    """A folded name with punctuation dropped and its words sorted, so word order does not matter."""
    words = [w for w in _SEPARATORS.split(fold(text)) if w]
    return " ".join(sorted(words))


def compact(text: str | None) -> str:
    """A folded name with every space and separator removed (浜松 市 == 浜松市)."""
    return _SEPARATORS.sub("", fold(text))


def slug(text: str | None, max_len: int = 60) -> str:
    """A key made of the folded words joined by '-' ("Visit to Aichi Pref." -> "visit-to-aichi-pref")."""
    return re.sub(r"[\W_]+", "-", fold(text)).strip("-")[:max_len].strip("-")


def normalise_email(text: str) -> str:
    """An e-mail as it is compared: without case or spaces."""
    return "".join(text.split()).lower()
