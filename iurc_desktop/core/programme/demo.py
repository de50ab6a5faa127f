"""The demo programme: a programme file shipped in resources/, loaded idempotently."""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy.orm import Session

from ..errors import NotFound
from .file import LoadSummary, load_programme_file

DEMO_FILE = "demo_programme.json"


def _candidates() -> list[Path]:
    package = Path(__file__).resolve().parents[2]  # the iurc_desktop package folder
    found = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:  # a PyInstaller bundle unpacks data files under _MEIPASS
        found.append(Path(bundle) / "resources" / DEMO_FILE)
    found.append(package.parent / "resources" / DEMO_FILE)  # a source checkout or an editable install
    found.append(package / "resources" / DEMO_FILE)  # a wheel that ships resources inside the package
    found.append(Path(sys.prefix) / "share" / "iurc-desktop" / "resources" / DEMO_FILE)  # installed as data files
    return found


def demo_path() -> Path:
    """Where the demo programme file is, whether run from source, installed, or bundled."""
    candidates = _candidates()
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
