"""Team mode: several staff on one shared database (others' changes appear, read-only roles, server connections)."""

from __future__ import annotations

from .mode import TeamMode, connect_action, install_team_mode
from .selection import keep_selection

__all__ = ["TeamMode", "connect_action", "install_team_mode", "keep_selection"]
