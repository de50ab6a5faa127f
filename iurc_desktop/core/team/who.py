"""Who is making a change, for the history ("by") of each recorded change.

Order: what the caller passes (the settings' name in the GUI, `--by` on the
command line), then the IURC_USER environment variable, then the operating
system's login name. Never empty unless the system cannot tell.
"""

from __future__ import annotations

import getpass
import os

USER_ENV = "IURC_USER"
LIMIT = 120  # StatusChange.by column


def login_name() -> str:
    """The operating system's login name, or '' when it cannot be told (no passwd entry in a container)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def current_user(configured: str | None = None) -> str:
    """The name to record as "by": the configured name, else IURC_USER, else the login name."""
    for candidate in (configured, os.environ.get(USER_ENV), login_name()):
        name = " ".join((candidate or "").split())
        if name:
            return name[:LIMIT]
    return ""


def by_or_current(by: str) -> str:
    """A service's `by` argument, or the current user when it was left empty."""
    return current_user(by)
