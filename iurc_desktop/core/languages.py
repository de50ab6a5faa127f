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


# Languages as their speakers name them, as a registration form may give them.
_OWN_NAMES = {"english": "en", "français": "fr", "francais": "fr", "日本語": "ja", "한국어": "ko", "deutsch": "de",
              "español": "es", "espanol": "es", "italiano": "it", "中文": "zh", "polski": "pl", "português": "pt"}


def language_code(text: str) -> str | None:
    """The ISO 639-1 code of a language given as a code ('ja', 'jpn', 'en_GB'), an English name or its own; else None."""
    wanted = text.strip().casefold()
    head = wanted.replace("_", "-").split("-")[0]
    if len(head) == 2 and language_name(head) is not None:
        return head  # a code, or a locale such as en-GB or pt_BR
    if wanted in _OWN_NAMES:
        return _OWN_NAMES[wanted]
    import pycountry

    try:
        found = pycountry.languages.lookup(wanted)
    except LookupError:
        return None
    return getattr(found, "alpha_2", None)
