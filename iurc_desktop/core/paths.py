"""Where the app keeps its files on this computer (platformdirs): user data and configuration."""

from __future__ import annotations

from pathlib import Path

APP_NAME = "iurc-desktop"


def data_dir() -> Path:
    """The user data directory (the database, backups, staging journals), created on demand."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False, ensure_exists=True)


def config_dir() -> Path:
    """The user configuration directory (settings, saved layouts); not created here."""
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)
