"""Files the app writes: whole or not at all, with the user's usual permissions.

Output goes to a temporary file beside the target and replaces it only when
complete, so a failure or Cancel leaves the old file (or none), never half a file.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..core.errors import IurcError, ValidationError


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` that replaces it only if the block succeeds."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ValidationError(f"{target}: the folder {folder} does not exist")
    # A fresh name rather than mkstemp: the file gets the user's usual permissions, not 0600.
    tmp = folder / f".{target.stem}-{uuid.uuid4().hex[:12]}{target.suffix}.part"
    try:
        yield tmp
        os.replace(tmp, target)
    except PermissionError as exc:
        tmp.unlink(missing_ok=True)
        raise IurcError(f"Cannot write {target}: {exc.strerror} (is it open in another program?)") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all."""
    with atomic_output(path) as tmp:
        tmp.write_bytes(data)
