"""Reminder rules: a frozen clock walks through a study visit and a webinar; each reminder is queued once, on time."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from sqlalchemy import select

from iurc_desktop.app import outbox, reminders
from iurc_desktop.app.outbox import MailSettings
from iurc_desktop.app.programme import load_programme
from iurc_desktop.app.reminders import RuleSpec
from iurc_desktop.core.db import Database, open_database
from iurc_desktop.core.errors import NotFound, ValidationError
from iurc_desktop.core.models import Item, OutboxMessage, Person, ReminderSent
from tests.mail_programme import JOIN_LINK, write_programme

UTC = timezone.utc
ANE, HANAKO = "ane@example.eus", "hanako@example.jp"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture
def visit(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Database:
    """The mail programme (a Brussels visit across the October clock change, a webinar) and a sender address."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    load_programme(db, write_programme(tmp_path))
    outbox.save_settings(MailSettings(host="127.0.0.1", port=2525, security="none", from_address="team@example.eu"))
    return db


def add_walk_rules(db: Database) -> dict[str, int]:
    rules = {
        "practical": reminders.add_rule(db, "visit-2026", RuleSpec("practical-information", "14d", "event")),
        "day": reminders.add_rule(db, "visit-2026", RuleSpec("reminder", "1d", "item")),
        "week": reminders.add_rule(db, "visit-2026", RuleSpec("reminder", "7d", "item", f"email={ANE},{HANAKO}")),
        "hour": reminders.add_rule(db, "web-2026", RuleSpec("reminder", "1h", "webinar")),
    }
    return {name: outcome.value.id for name, outcome in rules.items()}


# (rule, recipient, item) -> the instant it is due. Opening: 22 Oct 10:00 Brussels (summer time, 08:00Z); closing:
# 29 Oct 10:00 Brussels (winter time, 09:00Z); the webinar 26 Oct 09:00 Brussels (08:00Z). Ane reads Madrid's clock
# (it changes with Brussels'), Hanako Tokyo's (it never changes).
EXPECTED = {
    ("practical", ANE, None): "2026-10-08T08:00", ("practical", HANAKO, None): "2026-10-08T08:00",
    ("day", ANE, "opening"): "2026-10-21T08:00", ("day", HANAKO, "opening"): "2026-10-21T08:00",
    ("day", ANE, "closing"): "2026-10-28T09:00", ("day", HANAKO, "closing"): "2026-10-28T09:00",
    ("week", ANE, "opening"): "2026-10-15T08:00", ("week", HANAKO, "opening"): "2026-10-15T08:00",
    # 7 days before 10:00 Madrid time is 10:00 Madrid time, in summer time: an hour earlier in UTC than
    # 7 × 24 hours; Tokyo's 18:00 is 18:00 on both days.
    ("week", ANE, "closing"): "2026-10-22T08:00", ("week", HANAKO, "closing"): "2026-10-22T09:00",
    ("hour", ANE, "talk"): "2026-10-26T07:00", ("hour", HANAKO, "talk"): "2026-10-26T07:00",
}


def recorded(db: Database, names: dict[str, int]) -> dict[tuple[str, str, str | None], tuple[datetime, int | None]]:
    by_id = {v: k for k, v in names.items()}
    with db.reading() as s:
        rows = s.execute(select(ReminderSent.rule_id, Person.email, Item.key, ReminderSent.due_utc, ReminderSent.outbox_id)
                         .join(Person, Person.id == ReminderSent.person_id)
                         .outerjoin(Item, Item.id == ReminderSent.item_id)).all()
    return {(by_id[r], e, k): (due, message) for r, e, k, due, message in rows}


def test_a_frozen_clock_walking_three_weeks_queues_each_reminder_once_at_its_instant_on_each_recipients_clock(
        visit: Database) -> None:
    names = add_walk_rules(visit)
    queued_at: dict[int, datetime] = {}
    now = at("2026-10-07T00:00")
    while now <= at("2026-10-30T00:00"):
        done = reminders.queue_due_reminders(visit, now).value
        assert not done.missed and not done.problems
        for message in done.message_ids:
            assert message not in queued_at
            queued_at[message] = now
        now += timedelta(hours=1)
    got = recorded(visit, names)
    assert {key: due.isoformat()[:16] for key, (due, _) in got.items()} == EXPECTED
    assert all(queued_at[message] == due for due, message in got.values())  # queued the hour it came due
    assert len(queued_at) == len(EXPECTED)  # Bo is waitlisted: never reminded
    assert reminders.queue_due_reminders(visit, at("2026-10-30T00:00")).value.queued == 0


def message(db: Database, message_id: int):  # type: ignore[no-untyped-def]
    with db.reading() as s:
        raw = s.get(OutboxMessage, message_id).raw  # type: ignore[union-attr]
    return message_from_bytes(raw, policy=policy.default)


def test_an_item_reminder_speaks_of_that_item_in_the_recipients_language_and_the_webinar_one_carries_the_link(
        visit: Database) -> None:
    names = add_walk_rules(visit)
    reminders.queue_due_reminders(visit, at("2026-10-26T07:00"))
    reminders.queue_due_reminders(visit, at("2026-10-28T09:00"))
    got = recorded(visit, names)
    hanako = message(visit, got[("day", HANAKO, "closing")][1]).get_body(("plain",)).get_content()  # type: ignore[arg-type]
    assert "Closing" in hanako and "Opening" not in hanako and "18:00–19:30 JST" in hanako and "鈴木花子" in hanako
    webinar = message(visit, got[("hour", ANE, "talk")][1])  # type: ignore[arg-type]
    assert JOIN_LINK in webinar.get_body(("plain",)).get_content() and webinar["Subject"].startswith("Reminder")
    # the subject names the one item it is about; a webinar's also its time on the recipient's clock
    closing = message(visit, got[("day", HANAKO, "closing")][1])  # type: ignore[arg-type]
    assert "Closing" in closing["Subject"] and "JST" not in closing["Subject"]
    assert "Talk" in webinar["Subject"] and "CET" in webinar["Subject"], webinar["Subject"]


def test_a_reminder_whose_start_passed_is_missed_told_once_and_never_sent(visit: Database) -> None:
    names = add_walk_rules(visit)
    done = reminders.queue_due_reminders(visit, at("2026-10-22T12:00")).value  # the app was closed until after the opening
    missed = {(r.template, r.item_key, r.rule_id) for r in done.missed}
    assert missed == {("practical-information", "", names["practical"]), ("reminder", "opening", names["day"]),
                      ("reminder", "opening", names["week"])}
    assert len(done.missed) == 6 and done.queued == 2  # the closing's 7-day reminders, late but before it
    again = reminders.queue_due_reminders(visit, at("2026-10-22T13:00")).value
    assert again.queued == 0 and not again.missed


def test_the_home_page_lists_what_came_due_while_the_app_was_closed(visit: Database) -> None:
    add_walk_rules(visit)
    due = reminders.due_reminders(visit, at("2026-10-15T12:00"))
    assert {(r.template, r.item_key, r.state) for r in due} == {("practical-information", "", "due"),
                                                               ("reminder", "opening", "due")}
    assert len(due) == 4 and all(r.event_code == "visit-2026" for r in due)
    reminders.queue_due_reminders(visit, at("2026-10-15T12:00"))
    assert reminders.due_reminders(visit, at("2026-10-15T12:00")) == []


def test_two_windows_queueing_at_the_same_moment_queue_each_reminder_once(visit: Database) -> None:
    add_walk_rules(visit)
    second = open_database(visit.url)
    results: list[int] = []
    errors: list[BaseException] = []

    def run(db: Database) -> None:
        try:
            results.append(reminders.queue_due_reminders(db, at("2026-10-15T12:00")).value.queued)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(db,)) for db in (visit, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    second.dispose()
    assert not errors and sorted(results) == [0, 4]
    with visit.reading() as s:
        assert s.scalar(select(OutboxMessage.id).where(OutboxMessage.kind == "practical-information").limit(1)) is not None
        assert len(s.scalars(select(OutboxMessage.id)).all()) == 4


@pytest.mark.parametrize(("before", "words"), [
    ("", "is not a time before"), ("soon", "is not a time before"), ("-1d", "is not a time before"),
    ("0h", "0 is not a time before"), ("400d", "more than a year"), ("1.5h", "whole number"),
])
def test_a_bad_time_before_is_refused_in_words_and_nothing_is_made(visit: Database, before: str, words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        reminders.add_rule(visit, "visit-2026", RuleSpec("reminder", before, "item"))
    assert reminders.reminder_rules(visit, "visit-2026") == []


def test_a_calendar_template_an_unknown_one_or_a_bad_filter_is_refused(visit: Database) -> None:
    with pytest.raises(ValidationError, match="calendar invites"):
        reminders.add_rule(visit, "visit-2026", RuleSpec("invitation", "1d"))
    with pytest.raises(NotFound):
        reminders.add_rule(visit, "visit-2026", RuleSpec("no-such-template", "1d"))
    with pytest.raises(ValidationError):
        reminders.add_rule(visit, "visit-2026", RuleSpec("reminder", "1d", "item", "colour=blue"))
    with pytest.raises(ValidationError, match="counts back from"):
        reminders.add_rule(visit, "visit-2026", RuleSpec("reminder", "1d", "lunch"))
    assert reminders.reminder_rules(visit, "visit-2026") == []


def test_edit_and_remove_give_back_what_their_undo_needs_and_a_restored_rule_sends_nothing_again(visit: Database) -> None:
    rule = reminders.add_rule(visit, "visit-2026", RuleSpec("reminder", "1d", "item")).value
    assert reminders.edit_rule(visit, rule.id, RuleSpec("reminder", "2d", "item", enabled=False)).value == rule
    assert reminders.reminder_rules(visit, "visit-2026")[0].before_label == "2 days"
    reminders.edit_rule(visit, rule.id, rule.spec)  # undo
    assert reminders.reminder_rules(visit, "visit-2026") == [rule]
    assert reminders.queue_due_reminders(visit, at("2026-10-21T08:00")).value.queued == 2
    removed = reminders.remove_rule(visit, rule.id).value
    assert reminders.reminder_rules(visit, "visit-2026") == []
    assert reminders.restore_rule(visit, removed).value == rule  # undo: the same id, and what it had queued
    assert reminders.queue_due_reminders(visit, at("2026-10-21T09:00")).value.queued == 0


def test_the_rules_offered_for_a_new_event() -> None:
    assert [(s.template, s.before, s.anchor) for s in reminders.suggested_rules("webinar")] == [
        ("practical-information", "14d", "event"), ("reminder", "1h", "webinar")]
    assert ("reminder", "1d", "item") in [(s.template, s.before, s.anchor) for s in reminders.suggested_rules("study_visit")]


def test_events_too_far_ahead_for_any_rule_are_not_read(visit: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    from iurc_desktop.exchange.mail import reminders as rules_engine

    read: list[str] = []
    real = rules_engine.load_event
    monkeypatch.setattr(rules_engine, "load_event", lambda session, code: read.append(code) or real(session, code))
    reminders.add_rule(visit, "visit-2026", RuleSpec("practical-information", "14d", "event"))  # opens 22 Oct 2026
    assert reminders.due_reminders(visit, at("2026-09-01T00:00")) == [] and read == []  # seven weeks ahead
    assert len(reminders.due_reminders(visit, at("2026-10-08T08:00"))) == 2 and read == ["visit-2026"]


def test_a_full_batch_says_more_are_due_and_the_next_run_queues_the_rest_once(visit: Database) -> None:
    reminders.add_rule(visit, "visit-2026", RuleSpec("practical-information", "14d", "event"))
    reminders.add_rule(visit, "visit-2026", RuleSpec("reminder", "1d", "item"))  # with the opening's: four due
    first = reminders.queue_due_reminders(visit, at("2026-10-21T09:00"), limit=3).value
    assert (first.queued, first.more) == (3, True)
    second = reminders.queue_due_reminders(visit, at("2026-10-21T09:00"), limit=3).value
    assert (second.queued, second.more) == (1, False)
    assert len(set(first.message_ids + second.message_ids)) == 4


def test_rules_offer_and_take_no_template_that_carries_an_invite_or_a_document(visit: Database) -> None:
    offered = reminders.rule_templates()
    assert {"reminder", "practical-information"} <= set(offered)
    assert not {"invitation", "update", "cancellation", "visa-letter", "booklet"} & set(offered)
    for name in ("visa-letter", "booklet"):
        with pytest.raises(ValidationError, match=f"cannot send the {name} template"):
            reminders.add_rule(visit, "visit-2026", RuleSpec(name, "1d", "item"))
    assert reminders.reminder_rules(visit, "visit-2026") == []


def test_a_rule_the_event_already_has_is_refused_and_suggestions_skip_the_ones_there(visit: Database) -> None:
    first = reminders.add_rule(visit, "visit-2026", RuleSpec("reminder", "1d", "item")).value
    with pytest.raises(ValidationError, match=f"already has this rule \\(rule {first.id}: .*each reminder would go twice"):
        reminders.add_rule(visit, "visit-2026", RuleSpec("reminder", "1d", "item", enabled=False))
    other = reminders.add_rule(visit, "visit-2026", RuleSpec("reminder", "2d", "item")).value
    with pytest.raises(ValidationError, match="already has this rule"):
        reminders.edit_rule(visit, other.id, RuleSpec("reminder", "1d", "item"))
    reminders.edit_rule(visit, other.id, RuleSpec("reminder", "2d", "item", enabled=False))  # itself: no twin
    added = reminders.add_rules(visit, "visit-2026", [RuleSpec(s.template, s.before, s.anchor)
                                                      for s in reminders.suggested_rules("study_visit")]).value
    assert [(r.template, r.before) for r in added] == [("practical-information", "14d")]  # the day's one was there
    with pytest.raises(ValidationError, match="already has these rules"):
        reminders.add_rules(visit, "visit-2026", [RuleSpec(s.template, s.before, s.anchor)
                                                  for s in reminders.suggested_rules("study_visit")])
    assert len(reminders.reminder_rules(visit, "visit-2026")) == 3


def test_a_new_rule_that_could_send_nothing_is_refused_in_words(visit: Database) -> None:
    with pytest.raises(ValidationError, match="visit-2026 has no online session .*Add the link to the item first"):
        reminders.add_rule(visit, "visit-2026", RuleSpec("reminder", "1h", "webinar"))
    assert reminders.reminder_rules(visit, "visit-2026") == []
    assert reminders.add_rule(visit, "web-2026", RuleSpec("reminder", "1h", "webinar")).value.anchor == "webinar"
