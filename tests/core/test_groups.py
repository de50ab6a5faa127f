"""Groups: a participant is in at most one group; renames and deletes keep members and items consistent."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from iurc_desktop.core.errors import Conflict, NotFound, ValidationError
from iurc_desktop.core.events import groups, items
from iurc_desktop.core.models import Participation

from . import factories as f


@pytest.fixture
def visit(db):  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        ev = f.event(s, "visit", zone="Asia/Tokyo", start=date(2026, 10, 20))
        f.participate(s, ev, f.person(s, "Ane", "Etxeberria", email="ane@example.eus"))
        f.participate(s, ev, f.person(s, "Jan", "Kowalski", email="jan@example.pl"))
        f.person(s, "Out", "Sider", email="out@example.eu")
    return db


def test_create_and_list_groups_with_members_and_items(visit) -> None:
    with visit.transaction() as s:
        groups.create_group(s, "visit", "B")
        groups.create_group(s, "visit", " A ")
        groups.assign_group(s, "visit", "ANE@example.eus", "A")
        items.create_item(s, "visit", key="aichi", title="Aichi", kind="site_visit", start_local=datetime(2026, 10, 21, 9),
                          end_local=datetime(2026, 10, 21, 11), zone="Asia/Tokyo", groups=["A"])
    with visit.reading() as s:
        rows = groups.list_groups(s, "visit")
    assert [(r.name, r.members, r.items) for r in rows] == [("A", ("ane@example.eus",), ("aichi",)), ("B", (), ())]


def test_a_participant_is_in_at_most_one_group(visit) -> None:
    with visit.transaction() as s:
        groups.create_group(s, "visit", "A")
        groups.create_group(s, "visit", "B")
        groups.assign_group(s, "visit", "ane@example.eus", "A")
        groups.assign_group(s, "visit", "ane@example.eus", "B")
    with visit.reading() as s:
        assert [r.members for r in groups.list_groups(s, "visit")] == [(), ("ane@example.eus",)]
    with visit.transaction() as s:
        groups.assign_group(s, "visit", "ane@example.eus", None)
    with visit.reading() as s:
        assert all(p.group_id is None for p in s.query(Participation))


def test_duplicate_and_blank_names_are_refused(visit) -> None:
    with visit.transaction() as s:
        groups.create_group(s, "visit", "A")
        groups.create_group(s, "visit", "B")
    with visit.transaction() as s, pytest.raises(Conflict, match="already has a group 'A'"):
        groups.create_group(s, "visit", "A")
    with visit.transaction() as s, pytest.raises(Conflict, match="already has a group 'B'"):
        groups.rename_group(s, "visit", "A", "B")
    with visit.transaction() as s, pytest.raises(ValidationError, match="needs a name"):
        groups.create_group(s, "visit", "  ")


def test_rename_keeps_members_and_items(visit) -> None:
    with visit.transaction() as s:
        groups.create_group(s, "visit", "A")
        groups.assign_group(s, "visit", "jan@example.pl", "A")
        items.create_item(s, "visit", key="k", title="K", kind="talk", start_local=datetime(2026, 10, 21, 9),
                          end_local=datetime(2026, 10, 21, 10), zone="Asia/Tokyo", groups=["A"])
        groups.rename_group(s, "visit", "A", "Osaka")
    with visit.reading() as s:
        assert [(r.name, r.members, r.items) for r in groups.list_groups(s, "visit")] == [("Osaka", ("jan@example.pl",), ("k",))]


def test_delete_leaves_members_in_the_event_without_group(visit) -> None:
    with visit.transaction() as s:
        groups.create_group(s, "visit", "A")
        groups.create_group(s, "visit", "B")
        groups.assign_group(s, "visit", "jan@example.pl", "A")
        items.create_item(s, "visit", key="k", title="K", kind="talk", start_local=datetime(2026, 10, 21, 9),
                          end_local=datetime(2026, 10, 21, 10), zone="Asia/Tokyo", groups=["A", "B"])
    with visit.transaction() as s:
        groups.delete_group(s, "visit", "A")
    with visit.reading() as s:
        assert [(r.name, r.items) for r in groups.list_groups(s, "visit")] == [("B", ("k",))]  # k just loses A
        assert s.query(Participation).count() == 2 and all(p.group_id is None for p in s.query(Participation))


def test_a_group_with_items_of_its_own_is_not_removed(visit) -> None:
    """Without its one group an item would silently become everyone's: the removal names it instead."""
    with visit.transaction() as s:
        groups.create_group(s, "visit", "A")
        groups.create_group(s, "visit", "B")
        for key, names in (("a-only", ["A"]), ("both", ["A", "B"])):
            items.create_item(s, "visit", key=key, title=key, kind="talk", start_local=datetime(2026, 10, 21, 9),
                              end_local=datetime(2026, 10, 21, 10), zone="Asia/Tokyo", groups=names)
    with visit.transaction() as s, pytest.raises(
            Conflict, match="^a-only is for group A only: give it to another group or remove it first.$"):
        groups.remove_group(s, "visit", "A")
    with visit.reading() as s:
        assert [(r.name, r.items) for r in groups.list_groups(s, "visit")] == [("A", ("a-only", "both")), ("B", ("both",))]


@pytest.mark.parametrize(("members", "said"), [
    (0, "it had no members"), (1, "its 1 member stays in the event"), (2, "its 2 members stay in the event")])
def test_the_removal_message_counts_members(visit, members: int, said: str) -> None:  # type: ignore[no-untyped-def]
    with visit.transaction() as s:
        groups.create_group(s, "visit", "A")
        for email in ("ane@example.eus", "jan@example.pl")[:members]:
            groups.assign_group(s, "visit", email, "A")
    with visit.transaction() as s:
        assert groups.remove_group(s, "visit", "A").message("visit") == f"Removed group A of visit; {said}."


def test_assigning_unknown_people_or_groups_says_what_is_missing(visit) -> None:
    with visit.transaction() as s:
        groups.create_group(s, "visit", "A")
    with visit.transaction() as s, pytest.raises(NotFound, match="not a participant of visit"):
        groups.assign_group(s, "visit", "out@example.eu", "A")
    with visit.transaction() as s, pytest.raises(NotFound, match="no person with the e-mail"):
        groups.assign_group(s, "visit", "nobody@example.eu", "A")
    with visit.transaction() as s, pytest.raises(NotFound, match="no group 'C' \\(its groups: A\\)"):
        groups.assign_group(s, "visit", "ane@example.eus", "C")
