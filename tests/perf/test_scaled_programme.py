"""The generated programme used to measure scale: valid, and larger where it says."""

from __future__ import annotations

from sqlalchemy import func, select

from iurc_desktop.core.models import Event, Participation, Person
from iurc_desktop.core.programme.scaled import scaled_programme


def _count(db, model, *where) -> int:  # type: ignore[no-untyped-def]
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def test_the_larger_season_has_twice_the_rows_and_bigger_demo_events(scaled_dbs) -> None:  # type: ignore[no-untyped-def]
    small, large = scaled_dbs
    assert _count(large, Person) == 2 * _count(small, Person) == 240
    assert _count(large, Event) == 2 * _count(small, Event)
    japan = select(Event.id).where(Event.code == "r2r-japan-2022").scalar_subquery()
    assert _count(large, Participation, Participation.event_id == japan) == 2 * _count(
        small, Participation, Participation.event_id == japan)


def test_copies_have_their_own_keys_e_mails_and_uids() -> None:
    plan = scaled_programme(3, people=80, attendees=20)
    emails = [p["email"] for p in plan["people"]]
    codes = [e["code"] for e in plan["events"]]
    uids = [e["uid"] for e in plan["events"] if e.get("uid")]
    assert len(set(emails)) == len(emails) == 240
    assert len(set(codes)) == len(codes) and "r2r-japan-2022-x2" in codes
    assert len(set(uids)) == len(uids)
