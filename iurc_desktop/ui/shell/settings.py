"""The user's preferences, kept as one JSON file in the user config folder (platformdirs).

Viewer zone, working hours, organiser identity for invites, light or dark
colours, backup folder, recent databases, remembered server connections (never a password) and the
window's geometry. A missing or unreadable file gives
the defaults: preferences must never stop the app from starting.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from ...core.errors import ValidationError
from ...core.programme.schema import Fields
from ...core.paths import config_dir, data_dir

FILE_NAME = "settings.json"
RECENT_MAX = 8
THEMES = {"system": "System", "light": "Light", "dark": "Dark"}  # how the colours are chosen, and its label


def settings_path() -> Path:
    return config_dir() / FILE_NAME


def default_backup_folder() -> Path:
    return data_dir() / "backups"


@dataclass(frozen=True)
class ServerConnection:
    """A remembered PostgreSQL connection: where and as whom, never a password (libpq finds that itself)."""

    host: str = ""
    port: int = 5432
    database: str = ""
    user: str = ""
    service: str = ""  # a pg_service.conf entry; when set it names everything else

    @property
    def label(self) -> str:
        if self.service:
            return f"service {self.service}"
        return f"{self.user + '@' if self.user else ''}{self.host or 'localhost'}:{self.port}/{self.database}"


SERVER_FIELDS = frozenset(ServerConnection.__dataclass_fields__)
SERVERS_MAX = 12


@dataclass(frozen=True)
class Settings:
    viewer_zone: str = ""  # "" means the computer's own zone
    work_start: int = 8  # working hours, local, for the out-of-hours check
    work_end: int = 20
    organiser_name: str = ""
    organiser_email: str = ""
    theme: str = "system"  # a key of THEMES: the desktop's colours, or always light or dark
    backup_folder: str = ""  # "" means the default folder in the user data directory
    backup_on_close: bool = True
    recent_databases: tuple[str, ...] = ()
    servers: tuple[ServerConnection, ...] = ()
    geometry: str = ""  # hex of QMainWindow.saveGeometry()
    window_state: str = ""  # hex of QMainWindow.saveState()
    extra: dict[str, object] = field(default_factory=dict)  # keys written by a newer version, kept as they were

    @property
    def working_hours(self) -> tuple[int, int]:
        return (self.work_start, self.work_end)

    def backup_dir(self) -> Path:
        return Path(self.backup_folder).expanduser() if self.backup_folder else default_backup_folder()

    def with_recent(self, url: str) -> Settings:
        """`url` first in the recent databases, without duplicates, at most RECENT_MAX."""
        rest = tuple(u for u in self.recent_databases if u != url)
        return replace(self, recent_databases=(url, *rest)[:RECENT_MAX])

    def with_server(self, server: ServerConnection) -> Settings:
        """`server` first among the remembered connections, without duplicates."""
        rest = tuple(s for s in self.servers if s != server)
        return replace(self, servers=(server, *rest)[:SERVERS_MAX])


def validate(settings: Settings) -> Settings:
    """Refuse values that would make the app misbehave: one `field: message` line each, by the programme file's rules."""
    problems: list[str] = []
    checked = ("viewer_zone", "organiser_email")
    fields = Fields({name: getattr(settings, name) or None for name in checked}, "", problems, checked)
    fields.zone("viewer_zone")
    fields.email("organiser_email")
    if not (0 <= settings.work_start < settings.work_end <= 24):
        problems.append(f"working_hours: {settings.work_start}–{settings.work_end} is not a range within the day"
                        " (start before end, 0–24)")
    if settings.theme not in THEMES:
        problems.append(f"theme: {settings.theme!r} is not one of {', '.join(THEMES)}")
    if problems:
        raise ValidationError(problems)
    return settings


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings, or the defaults when there are none or they cannot be read."""
    path = path or settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    known = {name for name in Settings.__dataclass_fields__ if name != "extra"}
    values = {k: v for k, v in raw.items() if k in known}
    values["recent_databases"] = tuple(str(u) for u in values.get("recent_databases", ()) if isinstance(u, str))
    values["servers"] = _servers(values.get("servers", ()))
    try:
        loaded = Settings(**values, extra={k: v for k, v in raw.items() if k not in known})
        return validate(loaded)
    except (TypeError, ValidationError):
        return Settings()


def _servers(raw: object) -> tuple[ServerConnection, ...]:
    """Remembered connections read back; anything else in the list (a password above all) is dropped."""
    if not isinstance(raw, list):
        return ()
    found = []
    for entry in raw:
        if isinstance(entry, dict):
            try:
                found.append(ServerConnection(**{k: v for k, v in entry.items() if k in SERVER_FIELDS}))
            except TypeError:
                continue
    return tuple(found)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write the settings atomically (a crash never leaves half a file)."""
    from ...core.output_files import write_text  # not before the window's first paint: settings are saved later

    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = asdict(settings)
    extra = data.pop("extra")
    data["recent_databases"] = list(settings.recent_databases)
    data["servers"] = [asdict(server) for server in settings.servers]
    write_text(path, json.dumps({**extra, **data}, ensure_ascii=False, indent=2))
