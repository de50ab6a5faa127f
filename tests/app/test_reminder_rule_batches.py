"""The use cases the reminders dialog adds: suggested rules in one transaction, and each field's problem by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from iurc_desktop.app import reminders
from iurc_desktop.app.programme import load_programme
from iurc_desktop.app.reminders import RuleSpec
from iurc_desktop.core.db import Database
from iurc_desktop.core.errors import ValidationError
from tests.mail_programme import write_programme


@pytest.fixture
def visit(db: Database, tmp_path: Path) -> Database:
    load_programme(db, write_programme(tmp_path))
    return db


def test_suggested_rules_are_added_and_removed_in_one_transaction_each(visit: Database) -> None:
    specs = [RuleSpec(s.template, s.before, s.anchor) for s in reminders.suggested_rules("study_visit")]
    added = reminders.add_rules(visit, "visit-2026", specs).value
    assert [(r.template, r.before, r.anchor) for r in added] == [("practical-information", "14d", "event"),
                                                                 ("reminder", "1d", "item")]
    removed = reminders.remove_rules(visit, [r.id for r in added]).value
    assert reminders.reminder_rules(visit, "visit-2026") == []
    back = reminders.restore_rules(visit, removed).value
    assert [r.id for r in back] == [r.id for r in added]
    assert reminders.reminder_rules(visit, "visit-2026") == back


def test_a_batch_with_one_bad_rule_adds_none(visit: Database) -> None:
    with pytest.raises(ValidationError):
        reminders.add_rules(visit, "visit-2026", [RuleSpec("reminder", "1d", "item"), RuleSpec("reminder", "0d")])
    assert reminders.reminder_rules(visit, "visit-2026") == []


def test_rule_problems_names_each_bad_field(visit: Database) -> None:
    assert reminders.rule_problems(visit, "visit-2026", RuleSpec("reminder", "1d", "item")) == {}
    found = reminders.rule_problems(visit, "visit-2026", RuleSpec("invitation", "400d", "item", "colour=blue"))
    assert set(found) == {"template", "before", "to"}
    assert "more than a year" in found["before"] and "calendar invites" in found["template"]
    assert "0 is not a time before" in reminders.rule_problems(visit, "visit-2026", RuleSpec("reminder", "0h"))["before"]


def test_rule_templates_leave_out_the_calendar_ones() -> None:
    names = reminders.rule_templates()
    assert "reminder" in names and "practical-information" in names
    assert not {"invitation", "update", "cancellation"} & set(names)
