"""Saved column layouts per recipient, and using one for a roster."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from iurc_desktop.core.db import Database
from iurc_desktop.core.errors import IurcError, NotFound, ValidationError
from iurc_desktop.core.layouts import config_dir, delete_layout, list_layouts, load_layout, save_layout
from iurc_desktop.exchange.rosters.rosters import write_roster

from .test_rosters import world  # noqa: F401  (fixture)


def test_layouts_live_in_the_user_config_folder() -> None:
    """Without a folder, layouts go to platformdirs' user config path (tests point it at a temp folder)."""
    save_layout("hotel", "rooming", ["hotel", "guest"])
    path = config_dir() / "roster-layouts.json"
    assert path.exists() and str(path).startswith(os.environ["XDG_CONFIG_HOME"])
    assert json.loads(path.read_text(encoding="utf-8"))["layouts"][0]["name"] == "hotel"
    delete_layout("hotel")


def test_save_load_list_delete_round_trip(tmp_path: Path) -> None:
    """Saved layouts come back by name in any case; saving the same name replaces it; delete removes it."""
    save_layout("Osaka host", "host", ["name", "local_name", "dietary"], folder=tmp_path)
    save_layout("hotel", "rooming", ["hotel", "guest", "shares_with"], folder=tmp_path)
    save_layout("osaka  HOST", "host", ["name", "group"], folder=tmp_path)
    assert [x.name for x in list_layouts(folder=tmp_path)] == ["hotel", "osaka HOST"]
    assert [x.name for x in list_layouts("rooming", folder=tmp_path)] == ["hotel"]
    assert load_layout("OSAKA host", folder=tmp_path).columns == ("name", "group")
    delete_layout("Hotel", folder=tmp_path)
    assert [x.name for x in list_layouts(folder=tmp_path)] == ["osaka HOST"]
    with pytest.raises(NotFound, match="osaka HOST"):
        load_layout("hotel", folder=tmp_path)


def test_invalid_layouts_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as info:
        save_layout("  ", "badges", [], folder=tmp_path)
    assert len(info.value.problems) == 3


def test_unreadable_layout_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "roster-layouts.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(IurcError, match="move the file aside"):
        list_layouts(folder=tmp_path)


def test_a_saved_layout_drives_a_roster(world: Database, tmp_path: Path) -> None:  # noqa: F811
    """The columns of a saved layout are the roster's columns, in the saved order."""
    layout = save_layout("Osaka host", "host", ["group", "name", "dietary"], folder=tmp_path)
    with world.reading() as session:
        result = write_roster(session, "r2r", layout.kind, tmp_path / "h.xlsx", item_key="osaka-visit", columns=layout.columns)
    assert result.headers == ("Group", "Name", "Dietary needs") and result.rows == 2
