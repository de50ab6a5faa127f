"""The one rule for text that enters the app: the characters no stored value may hold.

Everything a person or a file gives passes here before it is stored: a programme
file's `load`, an import's cells, the window's forms and the command line's options.
Refused are the invisible characters that only ever arrive by accident or on purpose
to break something:

- control characters (C0, DEL, C1) other than tab, line feed and carriage return
  (the last two are how lines end, "\\r\\n" on Windows): spreadsheets refuse them, a
  terminal runs ESC and CSI as commands, no keyboard types them;
- the Unicode line and paragraph separators U+2028 and U+2029: a line break that some
  programs show and others do not (one line in Excel, two in a browser); a new line is
  typed as one;
- the text-direction embeddings, overrides and isolates U+202A-U+202E and U+2066-U+2069:
  they reorder what follows on screen, so a name or an address can show as another
  ("Trojan Source"), and an unclosed one spills into the next cells of a CSV line;
- the byte-order mark U+FEFF inside text, left by joined files: invisible, it makes two
  equal names differ, so duplicates go unnoticed;
- half of a surrogate pair (U+D800-U+DFFF), which is no character at all: it is what
  Python makes of a byte that is not UTF-8 in a command-line argument, and no file or
  database can store it.

Kept are the zero-width joiner and non-joiner and the zero-width space (Indic and
Persian spelling, emoji, Thai word breaks need them) and the left-to-right and
right-to-left marks, which carry no state past themselves.

What a person types or a programme file says is refused with the field named
(`problem`); an import of a file some other system wrote has them removed with a
warning naming the row and column (`stripped`), since refusing a real export for a
stray bell in a notes cell would only be in the way.
"""

from __future__ import annotations

import re

# The refused characters' code points (see above): the one list both refusing and removing use.
CODES = (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029,
         *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF, *range(0xD800, 0xE000))
REFUSED = re.compile("[" + "".join(re.escape(chr(c)) for c in CODES) + "]")
# Removing: a separator becomes a space, so that words never run together (a name stays on one line); the rest go.
_REMOVE: dict[int, str | None] = dict.fromkeys(CODES)
_REMOVE.update({0x2028: " ", 0x2029: " "})


def kind(char: str) -> str:
    """What a refused character is, in words, with its code point."""
    code = ord(char)
    if code in (0x2028, 0x2029):
        what = "a Unicode line separator" if code == 0x2028 else "a Unicode paragraph separator"
    elif 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        what = "a text-direction control"
    elif code == 0xFEFF:
        what = "a byte-order mark"
    elif 0xD800 <= code < 0xE000:
        what = "a byte that is not UTF-8 or half a surrogate pair"
    else:
        what = "a control character"
    return f"{what} (U+{code:04X})"


def problem(text: str) -> str | None:
    """Why `text` cannot be stored ("holds a control character (U+0007) at character 3, ..."), or None."""
    if text.isprintable():  # every refused character is unprintable: most text is decided here, in C
        return None
    found = REFUSED.search(text)
    if found is None:
        return None
    more = len(REFUSED.findall(text, found.end()))
    others = f" and {more} more such character{'s' if more > 1 else ''}" if more else ""
    return (f"holds {kind(found.group())} at character {found.start() + 1}{others}, which cannot be stored: "
            "delete it or retype the text")


def stripped(text: str) -> tuple[str, str | None]:
    """`text` without refused characters (a line or paragraph separator becomes a space), and what was taken out."""
    if text.isprintable():
        return text, None
    found = REFUSED.findall(text)
    if not found:
        return text, None
    removed = kind(found[0]) + (f" and {len(found) - 1} more" if len(found) > 1 else "")
    return text.translate(_REMOVE), removed


def shown(text: str) -> str:
    """`text` with each refused character written as its escape (\\x07, \\u202e), for a message that quotes it."""
    if text.isprintable():
        return text
    return REFUSED.sub(lambda found: found.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text)
