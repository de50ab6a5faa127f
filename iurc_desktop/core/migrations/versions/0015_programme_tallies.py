"""Running totals for the programme report, kept in step by triggers, so its figures read a few rows.

The dashboard's GROUP BYs ran over every participation (240,000 at a season's
100x scale, most of a second). Four tables now hold the totals they need, and
four indexes let the report ask of each city or region whether it is engaged:

- `person_tallies`: per person, their confirmed or attended participations in
  events that are not cancelled (`n`);
- `participant_tallies`: per (organisation, nationality when there is no
  organisation, gender), the people with n > 0 and the sum of their n: which
  organisations are engaged through their people;
- `label_tallies`: the same sums per (country, sector, gender) as the report
  shows them ('' for none), so its figures read a few dozen rows;
- `event_tallies`: per event, its confirmed or attended participations.

Row triggers keep them in step on every writer (ORM, bulk insert, raw UPDATE,
undo, load, copy), and only ever add differences, so a statement changing many
rows gives the same totals on SQLite (whose row triggers run as each row changes)
and PostgreSQL (whose AFTER row triggers run when the statement ends). A
participation moves its person's `n` by one; a change of `n` moves the person's
share of `participant_tallies`, and a change there moves its share of
`label_tallies`; a person changing organisation, nationality or gender moves
their share from one key to the other, an organisation changing country or
sector its people's from one label to the other; cancelling an event or taking it
back moves `n` for its people. Deleting an event or a person first deletes its
participations, and deleting an organisation first takes its people out of it, so
those go through the same triggers rather than foreign-key actions (whose order
around row triggers differs between the two databases). The tables are not in
the ORM's metadata: `copy` fills them through the triggers instead of copying
them. A later migration that rebuilds people, organisations, events or
participations (batch mode) drops these triggers and must create them again.

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

# Mirrors vocab.HOLDS_PLACE at this revision.
HOLDS_PLACE = "('confirmed', 'attended')"
NO_ORGANISATION = 0  # the organisation key of people without one (a NULL would never meet ON CONFLICT)


def _live(event: str) -> str:
    return f"EXISTS (SELECT 1 FROM events WHERE id = {event} AND status <> 'cancelled')"


def _counted(row: str) -> str:
    """Whether participation `row` (NEW or OLD) counts: it holds a place in an event that is not cancelled."""
    return f"{row}.status IN {HOLDS_PLACE} AND {_live(f'{row}.event_id')}"


def _key(row: str) -> str:
    """The participant_tallies key of person `row` (NEW or OLD, or a people table's alias)."""
    return (f"coalesce({row}.organisation_id, {NO_ORGANISATION}), "
            f"CASE WHEN {row}.organisation_id IS NULL THEN coalesce({row}.nationality, '') ELSE '' END, "
            f"coalesce({row}.gender, '')")


def _upsert(target: str, columns: str, key: str, sums: str, select: str) -> str:
    """INSERT INTO `target` the rows of `select`, adding the `sums` columns to a row already there."""
    added = ", ".join(f"{c} = {target}.{c} + excluded.{c}" for c in sums.split(", "))
    return f"INSERT INTO {target} ({columns}) {select} ON CONFLICT ({key}) DO UPDATE SET {added}"


def _to_person(person: str, delta: str, when: str) -> str:
    return _upsert("person_tallies", "person_id, n", "person_id", "n", f"SELECT {person}, {delta} WHERE {when}")


def _to_event(event: str, delta: str, when: str = "true") -> str:
    return _upsert("event_tallies", "event_id, participations", "event_id", "participations",
                   f"SELECT {event}, {delta} WHERE {when}")


def _to_labels(select: str) -> str:
    return _upsert("label_tallies", "country, sector, gender, participants, participations",
                   "country, sector, gender", "participants, participations", select)


def _to_participants(select: str) -> str:
    return _upsert("participant_tallies", "organisation_id, nationality, gender, participants, participations",
                   "organisation_id, nationality, gender", "participants, participations", select)


PARTICIPATION_CHANGED = (f"(OLD.status IN {HOLDS_PLACE} OR NEW.status IN {HOLDS_PLACE}) AND (OLD.status <> NEW.status "
                         "OR OLD.event_id <> NEW.event_id OR OLD.person_id <> NEW.person_id)")
PERSON_CHANGED = (f"coalesce(OLD.organisation_id, {NO_ORGANISATION}) <> coalesce(NEW.organisation_id, {NO_ORGANISATION}) "
                  "OR coalesce(OLD.nationality, '') <> coalesce(NEW.nationality, '') "
                  "OR coalesce(OLD.gender, '') <> coalesce(NEW.gender, '')")
IS_PARTICIPANT = "CASE WHEN {row}.n > 0 THEN 1 ELSE 0 END"
# The report asks of each city and region whether it is engaged, one way after the other: each an index look-up.
ENGAGED_INDEXES = (
    ("ix_cluster_members_organisation_id", "cluster_members", "organisation_id"),
    ("ix_pairings_eu_organisation_id", "pairings", "eu_organisation_id"),
    ("ix_pairings_partner_organisation_id", "pairings", "partner_organisation_id"),
    ("ix_items_host_id", "items", "host_id"),
)
# Deleting a parent row: first its children, through their own triggers.
BEFORE_DELETE = {
    "events": "DELETE FROM participations WHERE event_id = OLD.id",
    "people": "DELETE FROM participations WHERE person_id = OLD.id",
    "organisations": "UPDATE people SET organisation_id = NULL WHERE organisation_id = OLD.id",
}


def triggers() -> list[tuple[str, str, str, str, str, list[str]]]:
    """Every trigger: (name, BEFORE or AFTER, change, table, condition, statements)."""
    share = (f"SELECT {_key('p')}, {IS_PARTICIPANT.format(row='NEW')} - {{was}}, NEW.n - {{had}} "
             "FROM people p WHERE p.id = NEW.person_id")
    moved = "SELECT {key}, {sign}1, {sign}t.n FROM person_tallies t WHERE t.person_id = NEW.id AND t.n > 0"
    of = "(SELECT {column} FROM organisations WHERE id = NEW.organisation_id)"
    labelled = (f"SELECT coalesce(upper(coalesce({of.format(column='country')}, nullif(NEW.nationality, ''))), ''), "
                f"coalesce({of.format(column='sector')}, ''), NEW.gender, NEW.participants - {{was}}, "
                "NEW.participations - {had} WHERE true")
    relabelled = ("SELECT coalesce(upper({row}.country), ''), coalesce({row}.sector, ''), gender, {sign}sum(participants), "
                  "{sign}sum(participations) FROM participant_tallies WHERE organisation_id = {row}.id GROUP BY gender")
    cancelled = "CASE WHEN NEW.status = 'cancelled' THEN -1 ELSE 1 END"
    out = [
        ("tally_participations_insert", "AFTER", "INSERT", "participations", f"NEW.status IN {HOLDS_PLACE}",
         [_to_person("NEW.person_id", "1", _live("NEW.event_id")), _to_event("NEW.event_id", "1")]),
        ("tally_participations_delete", "AFTER", "DELETE", "participations", f"OLD.status IN {HOLDS_PLACE}",
         [_to_person("OLD.person_id", "-1", _live("OLD.event_id")), _to_event("OLD.event_id", "-1")]),
        ("tally_participations_update", "AFTER", "UPDATE OF status, event_id, person_id", "participations",
         PARTICIPATION_CHANGED,
         [_to_person("OLD.person_id", "-1", _counted("OLD")), _to_person("NEW.person_id", "1", _counted("NEW")),
          _to_event("OLD.event_id", "-1", f"OLD.status IN {HOLDS_PLACE}"),
          _to_event("NEW.event_id", "1", f"NEW.status IN {HOLDS_PLACE}")]),
        ("tally_person_tallies_insert", "AFTER", "INSERT", "person_tallies", "true",
         [_to_participants(share.format(was="0", had="0"))]),
        ("tally_person_tallies_update", "AFTER", "UPDATE OF n", "person_tallies", "OLD.n <> NEW.n",
         [_to_participants(share.format(was=IS_PARTICIPANT.format(row="OLD"), had="OLD.n"))]),
        ("tally_participant_tallies_insert", "AFTER", "INSERT", "participant_tallies", "true",
         [_to_labels(labelled.format(was="0", had="0"))]),
        ("tally_participant_tallies_update", "AFTER", "UPDATE OF participants, participations", "participant_tallies",
         "OLD.participants <> NEW.participants OR OLD.participations <> NEW.participations",
         [_to_labels(labelled.format(was="OLD.participants", had="OLD.participations"))]),
        ("tally_organisations_update", "AFTER", "UPDATE OF country, sector", "organisations",
         "OLD.country <> NEW.country OR OLD.sector <> NEW.sector",
         [_to_labels(relabelled.format(row="OLD", sign="-")), _to_labels(relabelled.format(row="NEW", sign=""))]),
        ("tally_people_update", "AFTER", "UPDATE OF organisation_id, nationality, gender", "people", PERSON_CHANGED,
         [_to_participants(moved.format(key=_key("OLD"), sign="-")),
          _to_participants(moved.format(key=_key("NEW"), sign=""))]),
        ("tally_events_update", "AFTER", "UPDATE OF status", "events",
         "(OLD.status = 'cancelled') <> (NEW.status = 'cancelled')",
         [_upsert("person_tallies", "person_id, n", "person_id", "n",
                  f"SELECT person_id, {cancelled} * count(*) FROM participations "
                  f"WHERE event_id = NEW.id AND status IN {HOLDS_PLACE} GROUP BY person_id")]),
        ("tally_events_gone", "AFTER", "DELETE", "events", "true", ["DELETE FROM event_tallies WHERE event_id = OLD.id"]),
        ("tally_people_gone", "AFTER", "DELETE", "people", "true", ["DELETE FROM person_tallies WHERE person_id = OLD.id"]),
    ]
    out += [(f"tally_{table}_delete", "BEFORE", "DELETE", table, "true", [children])
            for table, children in BEFORE_DELETE.items()]
    return out


def upgrade() -> None:
    op.create_table(
        "person_tallies",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("person_id", name="pk_person_tallies"),
    )
    op.create_table(
        "participant_tallies",
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("nationality", sa.String(2), nullable=False),
        sa.Column("gender", sa.String(20), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.Column("participations", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("organisation_id", "nationality", "gender", name="pk_participant_tallies"),
    )
    op.create_table(
        "label_tallies",
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("sector", sa.String(30), nullable=False),
        sa.Column("gender", sa.String(20), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.Column("participations", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("country", "sector", "gender", name="pk_label_tallies"),
    )
    op.create_table(
        "event_tallies",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("participations", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("event_id", name="pk_event_tallies"),
    )
    op.execute("INSERT INTO person_tallies (person_id, n) SELECT pa.person_id, count(*) FROM participations pa "
               f"JOIN events e ON e.id = pa.event_id WHERE pa.status IN {HOLDS_PLACE} AND e.status <> 'cancelled' "
               "GROUP BY pa.person_id")
    op.execute("INSERT INTO participant_tallies (organisation_id, nationality, gender, participants, participations) "
               f"SELECT {_key('p')}, count(*), sum(t.n) FROM person_tallies t JOIN people p ON p.id = t.person_id "
               f"GROUP BY {_key('p')}")
    label = "coalesce(upper(coalesce(o.country, nullif(t.nationality, ''))), ''), coalesce(o.sector, ''), t.gender"
    op.execute("INSERT INTO label_tallies (country, sector, gender, participants, participations) "
               f"SELECT {label}, sum(t.participants), sum(t.participations) FROM participant_tallies t "
               f"LEFT JOIN organisations o ON o.id = t.organisation_id GROUP BY {label}")
    op.execute("INSERT INTO event_tallies (event_id, participations) SELECT event_id, count(*) FROM participations "
               f"WHERE status IN {HOLDS_PLACE} GROUP BY event_id")
    for name, table, column_ in ENGAGED_INDEXES:
        op.create_index(name, table, [column_])
    sqlite = op.get_bind().dialect.name == "sqlite"
    for trigger in triggers():
        for statement in (_sqlite(*trigger) if sqlite else _postgresql(*trigger)):
            op.execute(statement)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for name, _timing, _change, table, _when, _body in triggers():
        op.execute(f"DROP TRIGGER IF EXISTS {name}" + ("" if sqlite else f" ON {table}"))
        if not sqlite:
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    for table in ("event_tallies", "label_tallies", "participant_tallies", "person_tallies"):
        op.drop_table(table)
    for name, table, _column in ENGAGED_INDEXES:
        op.drop_index(name, table)


def _sqlite(name: str, timing: str, change: str, table: str, when: str, body: list[str]) -> list[str]:
    statements = "".join(f" {s};" for s in body)
    return [f"CREATE TRIGGER {name} {timing} {change} ON {table} FOR EACH ROW WHEN {when} BEGIN{statements} END"]


def _postgresql(name: str, timing: str, change: str, table: str, when: str, body: list[str]) -> list[str]:
    """A PL/pgSQL function and its row trigger (a BEFORE trigger returns the row, or the change would not happen)."""
    row = "NULL" if timing == "AFTER" else "OLD" if change == "DELETE" else "NEW"
    statements = "".join(f" {s};" for s in body)
    return [f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN{statements} RETURN {row}; END $$",
            f"CREATE TRIGGER {name} {timing} {change} ON {table} FOR EACH ROW WHEN ({when}) EXECUTE FUNCTION {name}()"]
