"""The demo programme: a programme file shipped in resources/, loaded idempotently."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from ..errors import NotFound
from ..paths import resource_candidates
from .file import LoadSummary, load_programme_file

DEMO_FILE = "demo_programme.json"


def demo_path() -> Path:
    """Where the demo programme file is, whether run from source, installed, or bundled."""
    candidates = resource_candidates(DEMO_FILE)
    for path in candidates:
        if path.is_file():
            return path
    raise NotFound(
        "The demo programme file is missing from this installation (looked in "
        + ", ".join(str(p.parent) for p in candidates) + "). Reinstall IURC Desktop."
    )


def load_demo(session: Session) -> LoadSummary:
    """Load the demo programme; its events are replaced in place, so loading twice changes nothing."""
    return load_programme_file(session, demo_path(), replace=True)
