"""The home page's data: the next events' cards, readiness and to-do read once together; every event counted."""

from __future__ import annotations

from datetime import date

from iurc_desktop.app.home import home
from iurc_desktop.app.planning import todo, upcoming_events
from iurc_desktop.app.readiness import readiness

TODAY = date(2022, 11, 1)  # every event of the generated seasons is still to come
CARDS = 6


def test_home_reads_the_next_events_as_the_separate_use_cases_do(scaled_dbs) -> None:  # type: ignore[no-untyped-def]
    _small, large = scaled_dbs  # 10 events to come: more than the cards
    data = home(large, TODAY, cards=CARDS)
    every = upcoming_events(large, TODAY, limit=100)
    assert data.upcoming == len(every) > CARDS
    assert data.events == every[:CARDS]
    codes = [up.row.code for up in data.events]
    assert data.readiness == readiness(large, codes)
    assert data.todo == todo(large, today=TODAY, next_events=CARDS)
    one_by_one = [entry for code in codes for entry in todo(large, today=TODAY, event_code=code)]
    assert sorted(data.todo, key=repr) == sorted(one_by_one, key=repr)
    assert data.todo and len(todo(large, today=TODAY)) > len(data.todo)  # the later events' lines are left out


def test_home_of_a_season_with_fewer_events_than_cards_has_all_their_todo(scaled_dbs) -> None:  # type: ignore[no-untyped-def]
    small, _large = scaled_dbs
    data = home(small, TODAY, cards=CARDS)
    assert data.upcoming == len(data.events) <= CARDS
    assert data.todo == todo(small, today=TODAY)
