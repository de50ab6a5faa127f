"""Folding: the ASCII fast path gives exactly what the full Unicode path gives."""

from __future__ import annotations

import random
import string
import unicodedata

from iurc_desktop.core import textfold


def _full(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text)
    folded = textfold.strip_accents(folded).casefold().translate(textfold._EXTRA)
    return textfold._SPACES.sub(" ", folded).strip()


def test_ascii_fast_path_matches_the_full_fold() -> None:
    rng = random.Random(7)
    for _ in range(20_000):
        text = "".join(rng.choice(string.printable) for _ in range(rng.randint(1, 16)))
        assert textfold.fold(text) == _full(text), repr(text)


def test_non_ascii_still_folds_accents_width_and_spaces() -> None:
    assert textfold.fold("ＵＭＥÅ\u3000Kommun") == "umea kommun"
    assert textfold.fold("Łódź") == "lodz"
