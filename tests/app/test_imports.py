"""Imports through the app: plan then apply, one transaction, Cancel rolls back, calendars, erasure."""

from __future__ import annotations

from pathlib import Path

import pytest

from iurc_desktop.app import erasure as app_erasure
from iurc_desktop.app import events as app_events
from iurc_desktop.app import imports as app_imports
from iurc_desktop.app import registrations as app_reg
from iurc_desktop.app.changes import Topic
from iurc_desktop.core.errors import Cancelled, NotFound
from iurc_desktop.core.progress import CancelToken
from tests.conftest import SAMPLES

EVENT = "networking-seoul-2026"
ROWS = "First Name,Last Name,Email,Status\nAna,Ruiz,ana.ruiz@example.es,confirmed\nLee,Kim,lee.kim@example.kr,registered\n"


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "registrations.csv"
    path.write_text(ROWS, encoding="utf-8")
    return path


def test_plan_changes_nothing_and_apply_registers_everyone(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _file(tmp_path)
    before = len(app_reg.registrations(demo_db, EVENT))
    plan = app_imports.plan_import(demo_db, EVENT, path)
    assert plan.counts == {"new": 2} and len(app_reg.registrations(demo_db, EVENT)) == before
    assert app_imports.column_samples(path) == {"First Name": "Ana", "Last Name": "Ruiz", "Email": "ana.ruiz@example.es", "Status": "confirmed"}
    outcome = app_imports.apply_import(demo_db, plan)
    assert outcome.changed == frozenset({Topic.PEOPLE, Topic.PARTICIPANTS})
    assert (outcome.value.people_created, outcome.value.registrations_created) == (2, 2)
    statuses = {r.email: r.status for r in app_reg.registrations(demo_db, EVENT)}
    assert statuses["ana.ruiz@example.es"] in ("confirmed", "waitlisted") and statuses["lee.kim@example.kr"] == "registered"


def test_a_cancel_before_the_commit_leaves_the_database_as_it_was(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plan = app_imports.plan_import(demo_db, EVENT, _file(tmp_path))
    before = app_reg.registrations(demo_db, EVENT)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        app_imports.apply_import(demo_db, plan, cancel=token)
    assert app_reg.registrations(demo_db, EVENT) == before


def test_calendar_preview_changes_nothing_and_import_adds_items(demo_db) -> None:  # type: ignore[no-untyped-def]
    path = SAMPLES / "ics" / "google_calendar_berlin.ics"
    app_events.edit_event(demo_db, EVENT, {"start": "2024-10-04"})  # the sample's day: items stay within their event
    preview = app_imports.preview_calendar(demo_db, EVENT, path)
    again = app_imports.preview_calendar(demo_db, EVENT, path)
    assert preview.created > 0 and again.created == preview.created  # the preview was rolled back
    outcome = app_imports.import_calendar(demo_db, EVENT, path)
    assert outcome.changed == frozenset({Topic.ITEMS}) and outcome.value.created == preview.created
    assert app_imports.preview_calendar(demo_db, EVENT, path).created == 0


def test_erase_through_the_app_keeps_the_participation_and_reports_it(demo_db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app_imports.import_file(demo_db, EVENT, _file(tmp_path))
    outcome = app_erasure.erase_person(demo_db, "lee.kim@example.kr")
    assert outcome.value.report.participations_kept == 1 and Topic.PEOPLE in outcome.changed
    assert "lee.kim@example.kr" not in {r.email for r in app_reg.registrations(demo_db, EVENT)}
    with pytest.raises(NotFound):
        app_erasure.erase_person(demo_db, "lee.kim@example.kr")
