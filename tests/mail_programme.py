"""A small programme for the mail tests: a study visit in Brussels across the October clock change, and a webinar.

Hanako (Tokyo, Japanese) and Ane (Bilbao, no language set) are in group A; Hanako flies in and is picked up.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli_support import run

ORGANISER = {"name": "IURC team", "email": "team@example.eu"}
JOIN_LINK = "https://meet.example.eu/j/123"

PROGRAMME = {
    "format": "iurc-programme/1",
    "organisations": [
        {"key": "tokyo", "name": "Tokyo Metropolitan Government", "local_name": "東京都", "kind": "prefecture",
         "sector": "government", "country": "JP", "zone": "Asia/Tokyo"},
        {"key": "bilbao", "name": "Bilbao City Council", "kind": "city", "sector": "government", "country": "ES",
         "zone": "Europe/Madrid"},
    ],
    "people": [
        {"key": "hanako", "given_name": "花子", "family_name": "鈴木", "local_name": "鈴木花子", "email": "hanako@example.jp",
         "organisation": "tokyo", "preferred_language": "ja"},
        {"key": "ane", "given_name": "Ane", "family_name": "Etxeberria", "email": "ane@example.eus", "organisation": "bilbao"},
        {"key": "bo", "given_name": "Bo", "family_name": "Berg", "email": "bo@example.se", "organisation": "bilbao"},
    ],
    "events": [
        {"code": "visit-2026", "kind": "study_visit", "title": "Brussels study visit", "zone": "Europe/Brussels",
         "start": "2026-10-22", "end": "2026-10-29", "organiser": ORGANISER, "groups": ["A", "B"],
         "items": [
             {"key": "opening", "title": "Opening", "kind": "meeting", "start": "2026-10-22T10:00",
              "end": "2026-10-22T11:30", "zone": "Europe/Brussels", "place": "Berlaymont"},
             {"key": "b-visit", "title": "Port visit", "kind": "site_visit", "start": "2026-10-23T10:00",
              "end": "2026-10-23T12:00", "zone": "Europe/Brussels", "groups": ["B"]},
             {"key": "closing", "title": "Closing", "kind": "meeting", "start": "2026-10-29T10:00",
              "end": "2026-10-29T11:30", "zone": "Europe/Brussels", "place": "Berlaymont", "groups": ["A"]},
         ],
         "participants": [
             {"person": "hanako", "role": "delegate", "status": "confirmed", "group": "A"},
             {"person": "ane", "role": "speaker", "status": "registered", "group": "A"},
             {"person": "bo", "role": "delegate", "status": "waitlisted", "group": "B"},
         ],
         "travel": [
             {"person": "hanako", "kind": "flight", "carrier": "NH", "number": "NH231", "from": "HND",
              "from_zone": "Asia/Tokyo", "depart": "2026-10-21T09:00", "to": "BRU", "to_zone": "Europe/Brussels",
              "arrive": "2026-10-21T16:00"},
             {"person": "hanako", "kind": "car", "from": "BRU", "from_zone": "Europe/Brussels",
              "depart": "2026-10-21T17:00", "to": "Hotel Amigo", "to_zone": "Europe/Brussels", "arrive": "2026-10-21T17:45"},
         ],
         "stays": [
             {"person": "hanako", "hotel": "Hotel Amigo", "hotel_local": "Hôtel Amigo",
              "address_local": "Rue de l'Amigo 1-3, 1000 Bruxelles", "zone": "Europe/Brussels",
              "check_in": "2026-10-21", "check_out": "2026-10-30", "room": "single"},
         ]},
        {"code": "web-2026", "kind": "webinar", "title": "Hydrogen webinar", "zone": "Europe/Brussels",
         "start": "2026-10-26", "end": "2026-10-26", "organiser": ORGANISER, "url": JOIN_LINK,
         "items": [{"key": "talk", "title": "Talk", "kind": "session", "start": "2026-10-26T09:00",
                    "end": "2026-10-26T10:00", "zone": "Europe/Brussels"}],
         "participants": [{"person": "hanako", "role": "delegate", "status": "confirmed"},
                          {"person": "ane", "role": "delegate", "status": "confirmed"}]},
    ],
}


def write_programme(folder: Path) -> Path:
    """The programme as a file in `folder`."""
    path = folder / "mail-programme.json"
    path.write_text(json.dumps(PROGRAMME, ensure_ascii=False), encoding="utf-8")
    return path


def loaded_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                    programme: dict[str, Any] = PROGRAMME) -> str:
    """The URL of a database `load` filled with `programme`, with mail settings of this test alone."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("IURC_SMTP_PASSWORD", raising=False)
    path = tmp_path / "programme.json"
    path.write_text(json.dumps(programme, ensure_ascii=False), encoding="utf-8")
    address = f"sqlite:///{tmp_path / 'mail.db'}"
    assert run(capsys, "--db", address, "load", str(path))[0] == 0
    return address
