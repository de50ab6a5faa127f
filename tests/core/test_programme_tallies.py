"""The programme report's running totals (migration 0015) against the plain GROUP BY over every participation.

After each kind of write (status changes, moves, cancelling, removing and putting
back, merging, erasing, deleting parents in plain SQL, load, copy, migration) the
report's figures equal those counted from scratch.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.orm import Session

from iurc_desktop.core.db import Database, _alembic_config, open_database
from iurc_desktop.core.events import admin
from iurc_desktop.core.models import Event, Organisation, Participation, Person
from iurc_desktop.core.people.duplicates import merge_people
from iurc_desktop.core.people.erasure import erase_person
from iurc_desktop.core.programme import report
from iurc_desktop.core.registrations.participants import remove_participant, restore_participant
from iurc_desktop.core.team.copying import copy_database
from iurc_desktop.core.vocab import HOLDS_PLACE

VISIT = "r2r-japan-2022"


def _people_by(session: Session, label) -> tuple[report.CountRow, ...]:  # type: ignore[no-untyped-def]
    """The figures as counted before the tallies: distinct people over every live, place-holding participation."""
    parts = (select(Participation.id, Participation.person_id).join(Event, Participation.event_id == Event.id)
             .where(Participation.status.in_(HOLDS_PLACE), Event.status != "cancelled").subquery())
    labelled = label.label("label")
    stmt = (select(labelled, func.count(func.distinct(parts.c.person_id)), func.count(parts.c.id)).select_from(parts)
            .join(Person, Person.id == parts.c.person_id).outerjoin(Organisation, Person.organisation_id == Organisation.id)
            .group_by(labelled))
    rows = [report.CountRow(lbl or report.UNKNOWN, people, n) for lbl, people, n in session.execute(stmt)]
    return tuple(sorted(rows, key=lambda r: (-r.participants, r.label)))


def _events_by(session: Session, label) -> tuple[report.EventCountRow, ...]:  # type: ignore[no-untyped-def]
    n_parts = (select(Participation.event_id, func.count().label("n")).where(Participation.status.in_(HOLDS_PLACE))
               .group_by(Participation.event_id).subquery())
    labelled = label.label("label")
    stmt = (select(labelled, func.count(Event.id), func.coalesce(func.sum(n_parts.c.n), 0))
            .outerjoin(n_parts, n_parts.c.event_id == Event.id).where(Event.status != "cancelled")
            .group_by(labelled).order_by(labelled))
    return tuple(report.EventCountRow(str(lbl) if lbl not in (None, "") else report.UNKNOWN, events, int(n))
                 for lbl, events, n in session.execute(stmt))


def _engaged_by_people(session: Session) -> set[int]:
    return set(session.scalars(
        select(Person.organisation_id).join(Participation, Participation.person_id == Person.id)
        .join(Event, Participation.event_id == Event.id)
        .where(Participation.status.in_(HOLDS_PLACE), Event.status != "cancelled", Person.organisation_id.is_not(None))))


def plain(session: Session) -> dict[str, object]:
    """Every figure the tallies serve, counted from scratch."""
    return {
        "country": _people_by(session, func.upper(func.coalesce(Organisation.country, func.nullif(Person.nationality, "")))),
        "sector": _people_by(session, Organisation.sector),
        "gender": _people_by(session, func.nullif(Person.gender, "")),
        "kind": _events_by(session, Event.kind),
        "theme": _events_by(session, Event.theme),
        "year": _events_by(session, func.extract("year", Event.start_date)),
        "engaged": _engaged_by_people(session),
    }


def tallied(session: Session) -> dict[str, object]:
    """The same figures as the report reads them."""
    tallies = report.participant_tallies.c
    return {
        "country": report.by_country(session), "sector": report.by_sector(session), "gender": report.by_gender(session),
        "kind": report.events_by_kind(session), "theme": report.events_by_theme(session), "year": report.per_year(session),
        "engaged": set(session.scalars(select(tallies.organisation_id)
                                       .where(tallies.participants > 0, tallies.organisation_id != 0))),
    }


def assert_in_step(db: Database) -> None:
    with db.reading() as session:
        expected = plain(session)
        assert expected["country"] and expected["kind"]  # there is something to compare
        assert tallied(session) == expected


def _email_of(session: Session, status: str, code: str = VISIT) -> str:
    return session.scalars(select(Person.email).join(Participation).join(Event)
                           .where(Event.code == code, Participation.status == status, Person.email.is_not(None))
                           .order_by(Person.id)).first()


def test_the_demo_as_loaded_is_in_step(demo_db: Database) -> None:
    assert_in_step(demo_db)


def test_status_changes_moves_and_people_edits_keep_the_tallies_in_step(demo_db: Database) -> None:
    with demo_db.transaction() as s:
        for part in s.scalars(select(Participation).order_by(Participation.id).limit(12)):
            part.status = "declined" if part.status in HOLDS_PLACE else "confirmed"
    assert_in_step(demo_db)
    with demo_db.transaction() as s:
        people = list(s.scalars(select(Person).join(Participation).where(Participation.status.in_(HOLDS_PLACE))
                                .order_by(Person.id).limit(4)))
        orgs = list(s.scalars(select(Organisation).order_by(Organisation.id).limit(2)))
        people[0].organisation_id = orgs[1].id if people[0].organisation_id != orgs[1].id else orgs[0].id
        people[1].organisation_id, people[1].nationality = None, "FR"
        people[2].gender = "" if people[2].gender else "female"
        people[3].nationality = "KR"
    assert_in_step(demo_db)
    with demo_db.transaction() as s:  # an organisation with participants moves country and sector
        org = s.get(Organisation, s.scalar(select(Person.organisation_id).join(Participation)
                                           .where(Participation.status.in_(HOLDS_PLACE), Person.organisation_id.is_not(None))
                                           .order_by(Person.id.desc())))
        org.country, org.sector = ("KR", "research") if org.country != "KR" else ("FR", "business")
    assert_in_step(demo_db)
    with demo_db.transaction() as s:  # one participation handed to someone else, in plain SQL
        first, second = s.scalars(select(Participation.id).where(Participation.status.in_(HOLDS_PLACE))
                                  .order_by(Participation.id).limit(2)).all()
        other = s.scalar(select(Person.id).where(~Person.participations.any()).order_by(Person.id))
        s.execute(update(Participation).where(Participation.id == first).values(person_id=other))
        s.execute(update(Participation).where(Participation.id == second).values(status="attended"))
        s.execute(update(Participation).where(Participation.status == "invited").values(status="confirmed"))
    assert_in_step(demo_db)


def test_a_move_between_place_holding_statuses_writes_no_total(demo_db: Database) -> None:
    """`confirmed` -> `attended` counts the same: no tally row is written (migration 0019), so writers do not queue."""
    with demo_db.transaction() as s:
        part = s.scalar(select(Participation.id).where(Participation.status == "confirmed").order_by(Participation.id))
        other = s.scalar(select(Event.id).where(Event.id != select(Participation.event_id)
                                                .where(Participation.id == part).scalar_subquery()).order_by(Event.id))
        if demo_db.is_sqlite:
            before = s.scalar(text("SELECT total_changes()"))
        s.execute(update(Participation).where(Participation.id == part).values(status="attended"))
        if demo_db.is_sqlite:  # the participation's own row, and nothing the tally triggers would add
            assert s.scalar(text("SELECT total_changes()")) - before == 1
        s.execute(update(Participation).where(Participation.id == part).values(event_id=other))
    assert_in_step(demo_db)  # a move to another event still moves its count


def test_cancelling_an_event_and_taking_it_back_keep_the_tallies_in_step(demo_db: Database) -> None:
    with demo_db.transaction() as s:
        cancellation = admin.cancel(s, VISIT)
    assert_in_step(demo_db)
    with demo_db.transaction() as s:
        admin.reinstate(s, cancellation)
    assert_in_step(demo_db)


def test_removing_and_putting_back_keep_the_tallies_in_step(demo_db: Database) -> None:
    with demo_db.transaction() as s:
        email = _email_of(s, "confirmed")
        removed = remove_participant(s, VISIT, email)
    assert_in_step(demo_db)
    with demo_db.transaction() as s:
        restore_participant(s, VISIT, removed)
        token = admin.remove_event(s, VISIT)  # the whole event, as the Events page removes it
    assert_in_step(demo_db)
    with demo_db.transaction() as s:
        admin.restore_event(s, token)  # undo: a load of the event's programme file
    assert_in_step(demo_db)


def test_merging_and_erasing_keep_the_tallies_in_step(demo_db: Database) -> None:
    with demo_db.transaction() as s:
        keep, drop = s.scalars(select(Person.id).join(Participation).where(Participation.status.in_(HOLDS_PLACE))
                               .group_by(Person.id).order_by(Person.id).limit(2)).all()
        merge_people(s, keep, drop)
    assert_in_step(demo_db)
    with demo_db.transaction() as s:
        erase_person(s, _email_of(s, "confirmed"))
    assert_in_step(demo_db)


def test_deleting_parents_in_plain_sql_keeps_the_tallies_in_step(demo_db: Database) -> None:
    with demo_db.transaction() as s:
        org = s.scalar(select(Person.organisation_id).join(Participation)
                       .where(Participation.status.in_(HOLDS_PLACE), Person.organisation_id.is_not(None))
                       .order_by(Person.id))
        s.execute(update(Event).where(Event.organiser_email != "").values(host_id=None))
        s.execute(delete(Organisation).where(Organisation.id == org))
        person = s.scalar(select(Person.id).join(Participation).where(Participation.status.in_(HOLDS_PLACE))
                          .order_by(Person.id.desc()))
        s.execute(delete(Person).where(Person.id == person))
        s.execute(delete(Event).where(Event.code == VISIT))
    assert_in_step(demo_db)
    with demo_db.reading() as s:  # the deleted event left no tally behind
        assert s.scalar(select(func.count()).select_from(report.event_tallies)
                        .where(~report.event_tallies.c.event_id.in_(select(Event.id)))) == 0


def test_a_copy_holds_tallies_in_step_and_not_doubled(demo_db: Database, tmp_path: Path) -> None:
    target = f"sqlite:///{tmp_path / 'copy.db'}"
    copy_database(demo_db.url, target)
    copied = open_database(target)
    try:
        assert_in_step(copied)
    finally:
        copied.dispose()


def test_the_migration_fills_the_tallies_from_the_rows_there_are(demo_db: Database) -> None:
    with demo_db.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0013")  # type: ignore[arg-type]
        assert "participant_tallies" not in {r[0] for r in conn.execute(text(
            "SELECT table_name FROM information_schema.tables" if conn.dialect.name != "sqlite"
            else "SELECT name FROM sqlite_master"))}
        conn.execute(update(Participation.__table__).where(Participation.status == "invited").values(status="attended"))
        command.upgrade(_alembic_config(conn), "head")  # type: ignore[arg-type]
    assert_in_step(demo_db)
