"""Where the app keeps its files on this computer (platformdirs): user data, configuration and temporary files."""

from __future__ import annotations

import os
import stat
import sys
from contextlib import suppress
from pathlib import Path

APP_NAME = "iurc-desktop"
PRIVATE = 0o700  # owner only: these folders hold personal data in flight


def data_dir() -> Path:
    """The user data directory (the database, backups, staging journals), created on demand."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False, ensure_exists=True)


def config_dir() -> Path:
    """The user configuration directory (settings, saved layouts); not created here."""
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def temp_dir() -> Path:
    """The app's own folder for temporary files, owner-only, in the user data directory (never the system's)."""
    return private_dir(data_dir() / "tmp")


def private_dir(path: Path) -> Path:
    """`path` as a folder only its owner can open, created if missing."""
    path.mkdir(mode=PRIVATE, parents=True, exist_ok=True)
    if os.name == "posix" and stat.S_IMODE(path.stat().st_mode) != PRIVATE:
        with suppress(OSError):  # a file system without modes (a FAT stick, some network shares) keeps its own
            path.chmod(PRIVATE)  # made by an older version, or by hand, with the default mode
    return path


def resource_candidates(name: str) -> list[Path]:
    """Where the shipped file or folder `resources/name` may be: bundled, in a checkout, or installed."""
    package = Path(__file__).resolve().parents[1]  # the iurc_desktop package folder
    found = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:  # a PyInstaller bundle unpacks data files under _MEIPASS
        found.append(Path(bundle) / "resources" / name)
    found.append(package.parent / "resources" / name)  # a source checkout or an editable install
    found.append(package / "resources" / name)  # a wheel that ships resources inside the package
    found.append(Path(sys.prefix) / "share" / "iurc-desktop" / "resources" / name)  # installed as data files
    return found


def resource_dir(name: str) -> Path:
    """The shipped folder `resources/name` where it is found (else the first place looked at)."""
    candidates = resource_candidates(name)
    return next((path for path in candidates if path.is_dir()), candidates[0])
