"""Visa tracking: each move the rule allows or refuses, its history and undo, the deadline, its warnings and to-do."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from iurc_desktop.core import timeutil
from iurc_desktop.core.errors import ValidationError
from iurc_desktop.core.events.checks import check_event
from iurc_desktop.core.events.todo import todo
from iurc_desktop.core.models import Participation, TravelLeg, VisaChange
from iurc_desktop.core.programme.file import dump_programme, load_programme
from iurc_desktop.core.registrations import visas

from .factories import event, participate, person

CODE = "visit"
ANE = "ane@example.eu"
START = date(2027, 5, 10)  # Seoul: 14 days by default, so the deadline is 26 April without legs


def _setup(s, *, state: str = "needed"):  # type: ignore[no-untyped-def]
    ev = event(s, CODE, kind="study_visit", zone="Asia/Seoul", start=START, end=date(2027, 5, 15))
    p = person(s, "Ane", "Etxeberria", email=ANE)
    part = participate(s, ev, p)
    part.visa_needed, part.visa_status = state not in ("not needed", ""), state
    s.flush()
    return ev, p, part


ALLOWED = [(a, b) for a, nexts in visas.TRANSITIONS.items() for b in nexts]
REFUSED = [(a, b) for a in visas.TRANSITIONS for b in visas.STATES if b != a and b not in visas.TRANSITIONS[a]]


@pytest.mark.parametrize(("start", "to"), ALLOWED)
def test_each_allowed_move_is_made_and_recorded_with_its_note(db, start: str, to: str) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        _ev, _p, part = _setup(s, state=start)
        made = visas.move(s, CODE, ANE, to, note="  asked  on 3 May ", by="Mia")
        assert (made.from_state, made.to_state) == (start, to)
        assert (part.visa_status, part.visa_needed) == (to, to != "not needed")
        change = s.get(VisaChange, made.change_id)
        assert (change.from_state, change.to_state, change.note, change.by) == (start, to, "asked on 3 May", "Mia")
        assert change.at_utc.tzinfo is not None and abs((timeutil.utc_now() - change.at_utc).total_seconds()) < 60


@pytest.mark.parametrize(("start", "to"), REFUSED)
def test_each_move_outside_the_rule_is_refused_naming_the_allowed_ones(db, start: str, to: str) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        _ev, _p, part = _setup(s, state=start)
        with pytest.raises(ValidationError) as refused:
            visas.move(s, CODE, ANE, to)
        allowed = visas.TRANSITIONS[start]
        assert (", ".join(allowed) if allowed else "none") in str(refused.value)
        assert part.visa_status == start and s.query(VisaChange).count() == 0  # nothing changed


def test_unknown_state_long_note_and_same_state(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        _setup(s)
        with pytest.raises(ValidationError, match="not a visa state; use one of: needed, letter sent"):
            visas.move(s, CODE, ANE, "applied")
        with pytest.raises(ValidationError, match="at most 300"):
            visas.move(s, CODE, ANE, "letter sent", note="x" * 301)
        assert visas.move(s, CODE, ANE, "needed").change_id is None  # already there: nothing recorded
        assert visas.move(s, CODE, ANE, "Letter_Sent").to_state == "letter sent"  # as typed on a command line
        assert s.query(VisaChange).count() == 1


def test_free_text_from_before_the_states_reads_as_needed_and_moves_on(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        _ev, _p, part = _setup(s)
        part.visa_status = "applied"
        assert visas.state_of(True, "applied") == "needed" and visas.state_of(False, "applied") == ""
        assert visas.move(s, CODE, ANE, "letter sent").from_state == "needed"


def test_undo_puts_the_state_back_and_drops_the_history_entry(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        _ev, _p, part = _setup(s, state="appointment")
        made = visas.move(s, CODE, ANE, "granted", note="sticker in passport")
        visas.undo_move(s, made)
        assert (part.visa_needed, part.visa_status) == (True, "appointment")
        assert s.query(VisaChange).count() == 0


def test_the_view_has_destination_processing_time_deadline_and_history(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        _setup(s)
        visas.move(s, CODE, ANE, "letter sent", note="n1")
        view = visas.visa_view(s, CODE, ANE)
        assert (view.state, view.allowed, view.destination, view.processing_days) == (
            "letter sent", ("appointment", "not needed"), "KR", 14)
        assert (view.departure, view.deadline) == (START, date(2027, 4, 26))
        assert [(h.from_state, h.to_state, h.note) for h in view.history] == [("needed", "letter sent", "n1")]


def test_the_departure_is_the_first_leg_local_to_where_it_leaves(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev, p, _part = _setup(s)
        for day in (9, 1):  # the earlier one counts, in Paris's date (23:30 local is the next day in UTC)
            s.add(TravelLeg(event=ev, person=p, kind="flight", from_place="CDG", from_zone="Europe/Paris",
                            depart_utc=timeutil.to_utc(datetime(2027, 5, day, 23, 30), "Europe/Paris"),
                            to_place="ICN", to_zone="Asia/Seoul",
                            arrive_utc=timeutil.to_utc(datetime(2027, 5, day + 1, 18, 0), "Asia/Seoul")))
        s.flush()
        view = visas.visa_view(s, CODE, ANE)
        assert (view.departure, view.deadline) == (date(2027, 5, 1), date(2027, 4, 17))


def test_processing_days_are_defaults_per_country_with_a_fallback() -> None:
    assert visas.destination("Asia/Tokyo") == "JP" and visas.destination("UTC") == ""
    assert visas.processing_days("JP") == 14 and visas.processing_days("DE") == visas.processing_days("FR")
    assert visas.processing_days("ZZ") == visas.DEFAULT_PROCESSING_DAYS
    for country in ("JP", "KR", "CN", "IN", "TH", "VN", "SG", "AU", "NZ"):
        assert country in visas.PROCESSING_DAYS


def _visa_problems(s, today):  # type: ignore[no-untyped-def]
    return [(p.severity, p.people) for p in check_event(s, CODE, today=today) if p.kind == "visa_deadline"]


def test_checks_warn_when_the_deadline_is_near_and_err_once_it_passed(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        _setup(s, state="letter sent")
        assert _visa_problems(s, date(2027, 4, 11)) == []  # 15 days before the deadline
        assert _visa_problems(s, date(2027, 4, 12)) == [("warning", (ANE,))]  # 14 days
        assert _visa_problems(s, date(2027, 4, 27)) == [("error", (ANE,))]  # passed
        message = next(p.message for p in check_event(s, CODE, today=date(2027, 4, 27)) if p.kind == "visa_deadline")
        assert "passed on 2027-04-26" in message and "14 days for KR" in message and "'letter sent'" in message
        assert _visa_problems(s, date(2027, 5, 11)) == []  # they have left: nothing left to warn about


@pytest.mark.parametrize("state", ["granted", "not needed"])
def test_a_granted_or_unneeded_visa_silences_the_warning(db, state: str) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        _setup(s, state=state)
        assert _visa_problems(s, date(2027, 4, 27)) == []
        assert [e for e in todo(s, today=date(2027, 4, 27)) if e.rule == "visa_deadline"] == []


def test_todo_lists_a_delegate_whose_deadline_is_within_14_days(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        _setup(s, state="appointment")
        assert [e for e in todo(s, today=date(2027, 4, 11)) if e.rule == "visa_deadline"] == []
        [entry] = [e for e in todo(s, today=date(2027, 4, 12)) if e.rule == "visa_deadline"]
        assert (entry.severity, entry.key, entry.target, entry.due) == ("normal", ANE, "participants", date(2027, 4, 26))
        [late] = [e for e in todo(s, today=date(2027, 4, 30)) if e.rule == "visa_deadline"]
        assert late.severity == "high" and "passed" in late.message


def test_erasure_takes_the_visa_history_with_it(db) -> None:  # type: ignore[no-untyped-def]
    from iurc_desktop.core.people.erasure import erase_person

    with db.transaction() as s:
        _setup(s)
        visas.move(s, CODE, ANE, "letter sent", note="consulate of Seoul, ref 42")
        erase_person(s, ANE)
        assert s.query(VisaChange).count() == 0


def test_the_programme_file_carries_the_state_both_ways(db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        _setup(s)
        visas.move(s, CODE, ANE, "letter sent")
        data = dump_programme(s)
    [entry] = [p for e in data["events"] if e["code"] == CODE for p in e["participants"]]
    assert (entry["visa_needed"], entry["visa_status"]) == (True, "letter sent")
    with db.transaction() as s:
        s.query(Participation).update({"visa_status": "", "visa_needed": False})
        load_programme(s, data, replace=True)
        assert visas.visa_view(s, CODE, ANE).state == "letter sent"


def test_an_event_sets_its_own_processing_time_kept_in_the_programme_file(db) -> None:  # type: ignore[no-untyped-def]
    from iurc_desktop.core.events.admin import update_event

    with db.transaction() as s:
        _setup(s)
        update_event(s, CODE, {"visa_days": 30})
        view = visas.visa_view(s, CODE, ANE)
        assert (view.processing_days, view.processing_default, view.deadline) == (30, False, date(2027, 4, 10))
        assert _visa_problems(s, date(2027, 3, 27)) == [("warning", (ANE,))]  # 14 days before the later deadline
        with pytest.raises(ValidationError, match="at most 365"):
            update_event(s, CODE, {"visa_days": 400})
        data = dump_programme(s)
    assert next(e for e in data["events"] if e["code"] == CODE)["visa_days"] == 30
    with db.transaction() as s:
        update_event(s, CODE, {"visa_days": None})
        assert visas.visa_view(s, CODE, ANE).processing_default
        load_programme(s, data, replace=True)
        assert visas.visa_view(s, CODE, ANE).processing_days == 30


def test_merging_a_duplicate_keeps_its_visa_history(db) -> None:  # type: ignore[no-untyped-def]
    from iurc_desktop.core.people.duplicates import merge_people

    with db.transaction() as s:
        ev, ane, part = _setup(s)
        twin = person(s, "Ane", "Etxeberría", email="ane.e@example.eu")
        participate(s, ev, twin)
        visas.move(s, CODE, "ane.e@example.eu", "needed", note="from the duplicate")
        merge_people(s, ane.id, twin.id)
        s.expire_all()
        assert [h.note for h in visas.visa_view(s, CODE, ANE).history] == ["from the duplicate"]
