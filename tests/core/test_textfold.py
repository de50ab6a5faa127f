"""Folding: the ASCII fast path gives exactly what the full Unicode path gives."""

from __future__ import annotations

import random
import re
import string
import unicodedata

from iurc_desktop.core import textfold


def _full(text: str) -> str:
    """The fold as first written: the Unicode path, whitespace runs collapsed by a regular expression."""
    folded = unicodedata.normalize("NFKC", text)
    folded = textfold.strip_accents(folded).casefold().translate(textfold._EXTRA)
    return re.sub(r"\s+", " ", folded).strip()


def test_ascii_fast_path_matches_the_full_fold() -> None:
    rng = random.Random(7)
    for _ in range(20_000):
        text = "".join(rng.choice(string.printable) for _ in range(rng.randint(1, 16)))
        assert textfold.fold(text) == _full(text), repr(text)


def test_non_ascii_still_folds_accents_width_and_spaces() -> None:
    assert textfold.fold("ＵＭＥÅ\u3000Kommun") == "umea kommun"
    assert textfold.fold("Łódź") == "lodz"


def test_every_kind_of_whitespace_folds_as_the_regular_expression_did() -> None:
    """Spaces are collapsed by str.split (faster); Unicode spaces, tabs and separators fold exactly as before."""
    spaces = [chr(c) for c in range(0x3100) if chr(c).isspace()] + ["\u200b", "\ufeff"]
    letters = list("aÅß髙 ") + spaces
    rng = random.Random(11)
    for _ in range(20_000):
        text = "".join(rng.choice(letters) for _ in range(rng.randint(1, 12)))
        assert textfold.fold(text) == _full(text), repr(text)
