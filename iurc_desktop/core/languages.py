"""Languages a person reads their e-mails in: ISO 639-1 two-letter codes ("ja"), none meaning English."""

from __future__ import annotations

import functools

ENGLISH = "en"


@functools.cache
def language_name(code: str) -> str | None:
    """The English name of the ISO 639-1 language `code` ("Japanese"), or None when it names no language."""
    import pycountry

    found = pycountry.languages.get(alpha_2=code) if len(code) == 2 and code.isascii() and code.isalpha() else None
    return found.name.split(" (")[0] if found is not None else None  # "Modern Greek (1453-)" as "Modern Greek"


def language_problem(code: str) -> str | None:
    """Why `code` is not a language code (None when it is one), in words a person can act on."""
    if language_name(code.lower()) is None:
        return f"{code!r} is not an ISO 639-1 two-letter language code (e.g. en, ja, fr, ko)"
    return None
