"""The People and Organisations pages open without the modules only their dialogs and the duplicates page need."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LATER = ("rapidfuzz", "iurc_desktop.core.people.summary", "iurc_desktop.core.people.card",
         "iurc_desktop.core.people.duplicates", "iurc_desktop.ui.widgets.record_form")


def _loaded_after_importing(module: str) -> list[str]:
    """The modules of LATER that importing `module` loads, in a fresh interpreter."""
    code = (f"import json, sys; import {module}; "
            f"print(json.dumps([m for m in {list(LATER)!r} if m in sys.modules]))")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_the_list_pages_load_no_duplicates_summary_or_dialog_modules() -> None:
    assert _loaded_after_importing("iurc_desktop.ui.pages.people_page") == []
    assert _loaded_after_importing("iurc_desktop.ui.pages.organisations_page") == []


def test_the_types_loaded_later_are_still_those_of_their_modules() -> None:
    from iurc_desktop.app import people
    from iurc_desktop.core.people import card, duplicates, summary

    assert (people.PersonCard, people.PersonSummary) == (card.PersonCard, summary.PersonSummary)
    assert (people.Suggestion, people.MergeReport) == (duplicates.Suggestion, duplicates.MergeReport)
