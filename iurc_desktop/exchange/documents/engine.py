"""The document engine: a typst template plus one plain data model in, a PDF (or a PNG preview) out.

A template is `NAME.typ`, bundled in `resources/documents/`; a copy a user puts
in their configuration folder's `documents/` is used instead. The data model (a
dataclass) reaches the template as JSON in `sys.inputs.data`, read there with
`json(bytes(sys.inputs.data))`. Only the bundled fonts are used, so a document
looks the same on every computer and every PDF embeds its fonts.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import typst

from ...core.errors import NotFound, ValidationError
from ...core.paths import config_dir, resource_dir

TEMPLATES = "documents"  # the folder of templates, in resources/ and in the user's configuration folder
FONTS = "fonts"
PREVIEW_PPI = 96.0


def user_templates_dir() -> Path:
    """Where a user's own templates go (`documents/` in the app's configuration folder)."""
    return config_dir() / TEMPLATES


def template_path(name: str, *, user_dir: Path | None = None) -> Path:
    """The template `name`: the user's copy when there is one, else the bundled one."""
    own = (user_templates_dir() if user_dir is None else user_dir) / f"{name}.typ"
    if own.is_file():
        return own
    bundled = resource_dir(TEMPLATES) / f"{name}.typ"
    if not bundled.is_file():
        raise NotFound(f"The document template {name}.typ is missing from this installation. Reinstall IURC Desktop.")
    return bundled


def fonts_dir() -> Path:
    """The bundled fonts (Latin, Thai, Chinese, Japanese, Korean), each with its licence."""
    return resource_dir(FONTS)


def _plain(value: Any) -> Any:
    """JSON for what a data model holds: dates as ISO text."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} cannot go into a document")


def data_json(model: Any) -> str:
    """The data model as the JSON text a template reads."""
    return json.dumps(dataclasses.asdict(model), default=_plain, ensure_ascii=False)


class Engine:
    """Renders templates; fonts are read once and a compiler kept per template (renders take turns)."""

    def __init__(self, *, user_dir: Path | None = None) -> None:
        self.user_dir = user_templates_dir() if user_dir is None else user_dir  # looked up once: it is slow
        self._fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                                  font_paths=[str(fonts_dir())])
        self._compilers: dict[Path, typst.Compiler] = {}
        self._lock = threading.Lock()  # a typst compiler is one document at a time

    def render(self, name: str, model: Any, *, png: bool = False, ppi: float = PREVIEW_PPI,
               stamp: datetime | None = None) -> bytes:
        """`model` set in template `name`: a PDF, or the first page as PNG."""
        path = template_path(name, user_dir=self.user_dir)
        inputs = {"data": data_json(model)}
        # A fixed creation date keeps the same letter byte for byte the same.
        when = stamp or datetime(2000, 1, 1, tzinfo=timezone.utc)
        with self._lock:
            compiler = self._compilers.get(path)
            if compiler is None:
                compiler = typst.Compiler(str(path), root=str(path.parent), font_paths=self._fonts,
                                          ignore_system_fonts=True)
                self._compilers[path] = compiler
            try:
                out = compiler.compile(format="png" if png else "pdf", ppi=ppi if png else None,
                                       sys_inputs=inputs, timestamp=when)
            except typst.TypstError as exc:
                raise ValidationError(f"The document template {path} could not be used: {exc.message}. "
                                      "Correct it, or remove it to use the bundled one.") from None
        return out[0] if isinstance(out, list) else out


_shared: Engine | None = None


def engine() -> Engine:
    """The engine of this process (fonts are read once)."""
    global _shared
    if _shared is None:
        _shared = Engine()
    return _shared
