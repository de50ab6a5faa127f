"""A list's windows, cut before the counts are computed, are slices of the whole list in every order and filter."""

from __future__ import annotations

import pytest

from iurc_desktop.core.events.listing import SORTS as EVENT_SORTS, list_events
from iurc_desktop.core.paging import ListQuery
from iurc_desktop.core.people.listing import SORTS as PEOPLE_SORTS, list_people
from iurc_desktop.core.people.organisations import SORTS as ORGANISATION_SORTS, list_organisations

LISTS = [(list_people, PEOPLE_SORTS, ("", "ane", "jp")), (list_organisations, ORGANISATION_SORTS, ("", "city")),
         (list_events, EVENT_SORTS, ("", "webinar"))]


@pytest.mark.parametrize(("list_fn", "sorts", "texts"), LISTS, ids=["people", "organisations", "events"])
def test_windows_are_slices_of_the_whole_list(demo_db, list_fn, sorts, texts) -> None:  # type: ignore[no-untyped-def]
    with demo_db.reading() as s:
        for text in texts:
            for sort in sorts:
                for descending in (False, True):
                    whole = list_fn(s, ListQuery(text=text, sort=sort, descending=descending))
                    assert whole, (text, sort)
                    for offset in (0, 3, len(whole) - 2):
                        window = list_fn(s, ListQuery(text=text, sort=sort, descending=descending, offset=offset, limit=5))
                        assert window == whole[offset:offset + 5], (text, sort, descending, offset)
