"""Mail templates: `NAME.txt` per language, shipped and the user's own, rendered in a sandbox.

A template is `resources/mail/<language>/<name>.txt` (ISO 639-1 language), or
the same path under the configuration folder's `mail/`, which adds templates
and languages and replaces a shipped file of the same name and language. Its
first line is `Subject: ...`, then a blank line, then the body. Both are Jinja2
text rendered by an `ImmutableSandboxedEnvironment` over plain data only (dicts,
lists, strings): the sandbox refuses internals (`__class__`, `mro`, ...) and any
change to the data (`pop`, `append`, ...), the usual
globals (`cycler`, `range`, ...) are taken away, and a misspelt field is an
error naming it (`StrictUndefined`) rather than a blank in a sent message.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from ...core.errors import NotFound, ValidationError
from ...core.languages import ENGLISH, language_name
from ...core.paths import config_dir, resource_dir

FOLDER = "mail"  # in resources/ and in the user's configuration folder
SUFFIX = ".txt"
MAX_BYTES = 256 * 1024  # a mail template is a page of text; a bigger file is a mistake
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_SUBJECT = "Subject:"
# What a template sees (exchange/mail/fields.py says what each holds).
FIELD_NAMES = ("person", "role", "status", "group", "event", "items", "cancelled_items", "stays", "hotel", "travel",
               "arrival", "pickup", "organiser", "zone", "event_zone", "document")


@dataclass(frozen=True)
class MailTemplate:
    """One template file: its name, language and where it was found."""

    name: str
    language: str
    path: Path

    @property
    def label(self) -> str:
        """'invitation (ja)', as messages name it."""
        return f"{self.name} ({self.language})"


def user_templates_dir() -> Path:
    """Where a user's own templates go (`mail/<language>/` in the app's configuration folder)."""
    return config_dir() / FOLDER


def folders(user_dir: Path | None = None) -> tuple[Path, ...]:
    """The template folders, shipped first: a later folder's file replaces an earlier one's."""
    return resource_dir(FOLDER), user_templates_dir() if user_dir is None else user_dir


def catalogue(user_dir: Path | None = None) -> dict[str, dict[str, MailTemplate]]:
    """Every template by name, then language (a user's file in place of a shipped one)."""
    found: dict[str, dict[str, MailTemplate]] = {}
    for folder in folders(user_dir):
        if not folder.is_dir():
            continue
        for language_dir in sorted(folder.iterdir()):
            language = language_dir.name.lower()
            if not language_dir.is_dir() or language_name(language) is None:
                continue  # not a language folder: a note or a backup beside them
            for path in sorted(language_dir.glob(f"*{SUFFIX}")):
                name = path.name.removesuffix(SUFFIX)
                if _NAME.match(name):
                    found.setdefault(name, {})[language] = MailTemplate(name, language, path)
    return found


def versions(name: str, user_dir: Path | None = None) -> dict[str, MailTemplate]:
    """The template `name` by language; NotFound lists the templates there are."""
    known = catalogue(user_dir)
    if not known.get(name):
        raise NotFound(f"There is no mail template {name!r} (templates: {', '.join(sorted(known)) or 'none'}).")
    return known[name]


def pick(versions: Mapping[str, MailTemplate], language: str | None) -> MailTemplate:
    """The version in `language` (a person's preferred one), else the English one."""
    chosen = versions.get(language or ENGLISH) or versions.get(ENGLISH)
    if chosen is None:
        name = next(iter(versions.values())).name
        raise NotFound(f"The mail template {name!r} has no English version to fall back on"
                       f" (it exists in: {', '.join(sorted(versions))}). Add {name}{SUFFIX} to the folder en/.")
    return chosen


def render(template: MailTemplate, fields: Mapping[str, Any]) -> tuple[str, str]:
    """(subject, body) of the template over `fields`; a refused or broken template is told naming it."""
    subject_source, body_source = _parts(template)
    try:
        subject = _compiled(subject_source).render(fields)
        body = _compiled(body_source).render(fields)
    except SecurityError as exc:
        raise ValidationError(f"The mail template {template.label} was refused: it reaches outside the message's"
                              f" fields ({exc}); a template may only read its fields ({', '.join(FIELD_NAMES)})."
                              f" File: {template.path}") from None
    except UndefinedError as exc:
        raise ValidationError(f"The mail template {template.label} uses a field that does not exist: {exc.message}."
                              f" Check its spelling. File: {template.path}") from None
    except TemplateSyntaxError as exc:
        raise ValidationError(f"The mail template {template.label} cannot be read at line {exc.lineno}: {exc.message}."
                              f" File: {template.path}") from None
    except TemplateError as exc:
        raise ValidationError(f"The mail template {template.label} failed: {exc}. File: {template.path}") from None
    return " ".join(subject.split()), body.strip("\n") + "\n"  # a subject is one header line, whatever the fields held


def _parts(template: MailTemplate) -> tuple[str, str]:
    """The subject line's and the body's source, or ValidationError saying how the file should start."""
    try:
        data = template.path.read_bytes()[: MAX_BYTES + 1]
    except OSError as exc:
        raise NotFound(f"The mail template {template.label} cannot be read ({exc.strerror}). File: {template.path}") from None
    if len(data) > MAX_BYTES:
        raise ValidationError(f"The mail template {template.label} is larger than {MAX_BYTES // 1024} KB. File: {template.path}")
    try:
        text = data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        raise ValidationError(f"The mail template {template.label} is not UTF-8 text; save it as UTF-8."
                              f" File: {template.path}") from None
    head, _, body = text.partition("\n")
    if not head.startswith(_SUBJECT):
        raise ValidationError(f"The mail template {template.label} must start with a line 'Subject: ...', then a blank"
                              f" line, then the message. File: {template.path}")
    return head.removeprefix(_SUBJECT).strip(), body.removeprefix("\n")


MAX_MADE = 100_000  # the most characters (or items) one expression of a template may make
_WIDE_FORMAT = re.compile(r"%[-+ #0]*(\*|\d{6,})|\{[^{}]*:[^{}]*(\*|\d{6,})")


class _BoundedSandbox(ImmutableSandboxedEnvironment):
    """The sandbox, with memory and time bounded whatever a template asks (`'x' * 10**9`, `10**10**10`,
    `'x'|center(10**9)`, `'%999999999s'`): an expression that would make more than MAX_MADE is refused."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > 64:
            raise SecurityError(f"a power of {right} is larger than a message needs")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and len(seq) * times > MAX_MADE:
                    raise SecurityError(f"repeating {len(seq)} characters {times} times is larger than a message needs")
        if operator == "%" and isinstance(left, str) and _WIDE_FORMAT.search(left):
            raise SecurityError("a format width that large is more than a message needs")
        return super().call_binop(context, operator, left, right)

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.filters = {name: _bounded_filter(f) for name, f in self.filters.items()}  # filters are called directly

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja's signature)
        if isinstance(getattr(__obj, "__self__", None), str) and getattr(__obj, "__name__", "") in _PADDING:
            _bounded(args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def getattr(self, obj: Any, attribute: str) -> Any:
        if attribute in ("format", "format_map") and isinstance(obj, str) and _WIDE_FORMAT.search(obj):
            raise SecurityError("a format width that large is more than a message needs")
        return super().getattr(obj, attribute)


_PADDING = {"center", "ljust", "rjust", "zfill", "expandtabs"}  # the string methods that make as much as they are told


def _bounded(args: Any, kwargs: Mapping[str, Any]) -> None:
    """Refuse a width or count above MAX_MADE."""
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_MADE:
            raise SecurityError(f"{value} is larger than a message needs")


def _passed(run: Any) -> int:
    """How many leading arguments Jinja passes a filter before its value (a context or an environment)."""
    return 1 if getattr(run, "jinja_pass_arg", None) is not None else 0


def _bounded_filter(run: Any) -> Any:
    @functools.wraps(run)  # keeps Jinja's marks of what the filter is passed (context, environment)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _bounded(args[_passed(run) + 1:], kwargs)  # the value filtered may be any number; its parameters may not
        return run(*args, **kwargs)
    return bounded


@cache
def _environment() -> ImmutableSandboxedEnvironment:
    env = _BoundedSandbox(autoescape=False, undefined=StrictUndefined, keep_trailing_newline=True,
                          trim_blocks=True, lstrip_blocks=True)
    env.globals.clear()  # no cycler, joiner, namespace, range or lipsum: a template sees its fields and nothing else
    return env


@cache
def _compiled(source: str) -> Any:
    """A template compiled once per source text (a batch renders the same one for every recipient)."""
    return _environment().from_string(source)
