"""Programme file: its JSON read whole (`read_programme_file`) or one record at a time (`sections`).

A season's file is tens of megabytes, and as Python objects it would take six
times that: `sections` reads it in chunks and hands out each top-level field, a
list field one record at a time, so only the record being checked is held. Both
readers refuse the same files: anything the streaming reader cannot take
(broken JSON or UTF-8, a field given twice, half a surrogate pair) raises
`Unreadable`, and the whole-file reader then says what is wrong in its words.
"""

from __future__ import annotations

import codecs
import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from .. import text_gate
from ..errors import ValidationError, first_line
from ..file_limits import PROGRAMME_SIZE, check_size
from .schema import FORMAT

CHUNK = 1 << 20  # bytes read at a time: a few records of a season's file, a whole small file

# A \uD800-\uDFFF escape: half of a pair, which JSON allows but no text can store alone.
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_WHITESPACE = re.compile(r"[ \t\n\r]*")


class Unreadable(Exception):
    """The streaming reader cannot go on; `read_programme_file` says why (or reads the file itself)."""


class _Twice(dict):  # type: ignore[type-arg]
    """An object of the file that gives a field more than once; `names` says which."""

    __slots__ = ("names",)


def _pairs_to_object(twice: list[_Twice]) -> Any:
    """An object_pairs_hook that builds dicts and notes, in `twice`, each object giving a field twice.

    Python keeps the last of two equal keys without a word, so a file edited by hand could
    load another value than the one its author sees.
    """
    def pairs_to_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        found = dict(pairs)
        if len(found) == len(pairs):
            return found
        duplicated = _Twice(found)
        duplicated.names = [key for key, n in Counter(key for key, _ in pairs).items() if n > 1]
        twice.append(duplicated)
        return duplicated

    return pairs_to_object


def _refuse_lone_surrogates(data: Any, name: str, where: str = "") -> None:
    """Refuse text holding half of a UTF-16 surrogate pair, naming where it is."""
    if isinstance(data, str):
        try:
            data.encode("utf-8")
        except UnicodeEncodeError:
            raise ValidationError(f"{name}: {where or 'a value'}: holds a broken character (half of a \\u escape pair)") from None
    elif isinstance(data, dict):
        for key, value in data.items():
            _refuse_lone_surrogates(key, name, where)
            _refuse_lone_surrogates(value, name, f"{where}.{key}" if where else str(key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            _refuse_lone_surrogates(value, name, f"{where}[{i}]")


def _parse(text: str, name: str) -> Any:
    """The JSON in `text`; ValidationError naming each object that gives a field twice.

    Control characters inside strings are read (not strict), so that the text gate names
    the field that holds them.
    """
    twice: list[_Twice] = []
    data = json.loads(text, strict=False, object_pairs_hook=_pairs_to_object(twice))
    if twice:
        raise ValidationError([f"{name}: {where or 'the top level'}: gives {_listed(names)} twice; "
                               "give each field once, with the value meant" for where, names in _duplicated(data)])
    return data


def _duplicated(data: Any, where: str = "") -> Iterator[tuple[str, list[str]]]:
    """Where each object that gives a field twice is, with the fields it repeats."""
    if isinstance(data, _Twice):
        yield where, data.names
    if isinstance(data, dict):
        for key, value in data.items():
            key = text_gate.shown(key)  # part of a message: nothing in it may act on a terminal
            yield from _duplicated(value, f"{where}.{key}" if where else key)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _duplicated(value, f"{where}[{i}]")


def _listed(names: list[str]) -> str:
    """The field names quoted as JSON writes them (escapes shown, not run), joined with "and"."""
    quoted = [json.dumps(n) for n in names]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} and {quoted[-1]}"


def open_programme_file(path: Path) -> IO[bytes]:
    """The file at `path` opened for reading, or a ValidationError that says why it cannot be (its size included)."""
    try:
        check_size(path.stat().st_size, PROGRAMME_SIZE, str(path))
        return path.open("rb")
    except FileNotFoundError:
        raise ValidationError(f"{path}: no such file") from None
    except OSError as exc:
        raise ValidationError(f"{path}: cannot be read ({exc.strerror or exc})") from None


def read_programme_file(path: Path) -> dict[str, Any]:
    """The JSON object in `path`, or a ValidationError that says why it cannot be read."""
    path = Path(path)
    with open_programme_file(path) as file:
        try:
            raw = file.read()
        except OSError as exc:
            raise ValidationError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(f"{path}: is not UTF-8 text (byte {exc.start}); save it as UTF-8 JSON") from None
    del raw  # a season's file: its bytes need not stay beside its text and objects
    try:
        data = _parse(text, str(path))
    except json.JSONDecodeError as exc:
        raise ValidationError(f"{path}: is not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise ValidationError(f"{path}: nests lists or objects too deeply to be a programme file (it nests 4 deep)") from None
    except ValueError as exc:  # Python refuses numbers of thousands of digits
        why = "it holds a number of thousands of digits" if "digits" in str(exc) else first_line(exc)
        raise ValidationError(f"{path}: is not a programme file ({why})") from None
    if _ESCAPED_SURROGATE.search(text):
        _refuse_lone_surrogates(data, str(path))
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        found = data.get("format") if isinstance(data, dict) else None
        what = f"its format is {found!r}" if found else "it has no \"format\" field"
        raise ValidationError(f"{path}: is not a programme file ({what}; expected \"format\": \"{FORMAT}\")")
    return data


# --- one record at a time ------------------------------------------------------------------------

class _Text:
    """The file's text, read a chunk at a time; `pos` is where reading has got to in `buf`."""

    def __init__(self, file: IO[bytes]) -> None:
        self.file, self.buf, self.pos, self.read_bytes, self.ended = file, "", 0, 0, False
        self.utf8 = codecs.getincrementaldecoder("utf-8-sig")("strict")
        self.twice: list[_Twice] = []
        self.json = json.JSONDecoder(strict=False, object_pairs_hook=_pairs_to_object(self.twice))
        self.escapes = False  # a \uD8xx escape was seen: each value is checked for half a pair

    def more(self) -> bool:
        """Read on (as much again as is held, so a long value is decoded a few times, not once per chunk)."""
        if self.ended:
            return False
        data = self.file.read(max(CHUNK, len(self.buf) - self.pos))
        self.read_bytes += len(data)
        self.ended = not data
        try:
            text = self.utf8.decode(data, final=self.ended)
        except UnicodeDecodeError:
            raise Unreadable from None
        overlap = self.buf[-5:]  # an escape split between two chunks
        self.buf, self.pos = self.buf[self.pos:] + text, 0
        self.escapes = self.escapes or _ESCAPED_SURROGATE.search(overlap + text) is not None
        return True

    def char(self) -> str:
        """The next character that is not whitespace ('' at the end), not consumed."""
        while True:
            self.pos = _WHITESPACE.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buf) or not self.more():
                return self.buf[self.pos:self.pos + 1]

    def take(self, expected: str) -> str:
        """Consume the next character, which must be one of `expected`."""
        found = self.char()
        if not found or found not in expected:
            raise Unreadable
        self.pos += 1
        return found

    def value(self) -> Any:
        """The next JSON value, however many chunks it spans."""
        self.char()
        while True:
            try:
                value, end = self.json.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError:
                if self.more():
                    continue  # cut by the chunk's end, or broken: reading on tells which
                raise Unreadable from None
            except (RecursionError, ValueError):
                raise Unreadable from None
            if end == len(self.buf) and self.more():
                continue  # a number may go on in the next chunk
            break
        self.pos = end
        if self.twice:
            raise Unreadable
        if self.escapes:
            try:
                _refuse_lone_surrogates(value, "")
            except ValidationError:
                raise Unreadable from None
        return value


class Records:
    """The values of one list field of the file, read as they are iterated (once)."""

    def __init__(self, text: _Text) -> None:
        self.text = text
        self.done = False

    def __iter__(self) -> Iterator[Any]:
        text = self.text
        if text.char() == "]":
            text.pos += 1
        else:
            while True:
                yield text.value()
                if text.take(",]") == "]":
                    break
        self.done = True

    def drain(self) -> None:
        """Read past what is left of the list."""
        if not self.done:
            for _ in self:
                pass


class Sections:
    """The top-level fields of a programme file, in the file's order: (name, value), a list field as `Records`.

    The first field must be "format" with this version's format (else `Unreadable`), so nothing is
    checked or written from a file that is not a programme file.
    """

    def __init__(self, file: IO[bytes]) -> None:
        self.text = _Text(file)

    @property
    def read_bytes(self) -> int:
        return self.text.read_bytes

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        text, seen = self.text, set()
        text.take("{")
        while True:
            name = text.value()
            if not isinstance(name, str) or name in seen or (not seen and name != "format"):
                raise Unreadable
            seen.add(name)
            text.take(":")
            if text.char() == "[" and name != "format":
                text.pos += 1
                records = Records(text)
                yield name, records
                records.drain()
            else:
                value = text.value()
                if name == "format" and value != FORMAT:
                    raise Unreadable
                yield name, value
            if text.take(",}") == "}":
                break
        if text.char():
            raise Unreadable  # more after the object
