"""Turning the bytes of a text table into text: BOM, strict UTF-8, mostly UTF-8, then a restricted guess.

Order (see STACK.md): a byte-order mark decides; else strict UTF-8; else, when
more of the lines with non-ASCII bytes are UTF-8 than are not, UTF-8 with each
stray byte marked (one pasted cp1252 byte must not turn "Émile" into "Ã‰mile"
everywhere else); else charset-normalizer limited to the encodings our users' tools write (UTF-8,
cp1252 for Excel's western CSV, cp932 for Japanese Excel, UTF-16). Japanese is
decoded as cp932, not shift_jis, which lacks 髙, ① and ～.
"""

from __future__ import annotations

import codecs
from typing import NamedTuple

from ...core.errors import ValidationError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
CANDIDATES = ["utf_8", "cp1252", "cp932", "utf_16"]
_JAPANESE = {"shift_jis", "cp932", "shift_jis_2004", "shift_jisx0213", "euc_jp", "iso2022_jp"}
NOT_DECODED = "\ufffd"  # stands for each byte that is not UTF-8 in a mostly UTF-8 text


class Decoded(NamedTuple):
    text: str
    encoding: str
    lossy: bool = False  # a mostly UTF-8 text whose stray bytes are NOT_DECODED


def decode_bytes(data: bytes, name: str = "the file") -> Decoded:
    """The text of `data` and the encoding used; ValidationError if it is not text in a known encoding."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(encoding.replace("-sig", "")), encoding)
            except UnicodeDecodeError as exc:
                raise ValidationError(f"{name}: starts like {encoding} but byte {exc.start} is not {encoding} text") from None
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return Decoded(data.decode("utf-8", errors="replace"), "utf-8", lossy=True)
    return _guess(data, name)


def _mostly_utf8(data: bytes) -> bool:
    """More of the lines with non-ASCII bytes are UTF-8 than are not.

    In a cp1252 or cp932 file nearly every such line fails as UTF-8; in a UTF-8 file
    with a few pasted bytes, most pass.
    """
    good = bad = 0
    for line in data.splitlines():
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            good += 1
        except UnicodeDecodeError:
            bad += 1
    return good > bad


def _guess(data: bytes, name: str) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=CANDIDATES).best()
    if best is None:
        raise ValidationError(
            f"{name}: cannot tell its text encoding (tried UTF-8, UTF-16, Windows-1252 and Japanese Shift_JIS/cp932). "
            "Save it from the spreadsheet as 'CSV UTF-8' and try again."
        )
    encoding = "cp932" if best.encoding.lower() in _JAPANESE else best.encoding
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError as exc:
        raise ValidationError(f"{name}: looks like {encoding} but byte {exc.start} is not {encoding} text") from None
