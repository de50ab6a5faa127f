"""SQLAlchemy 2 typed models of the programme's logistics.

Instants are stored as UTC (`UTCDateTime` returns aware UTC datetimes); the IANA
zone in which people think about each instant is stored beside it.
Vocabularies are plain strings checked by services (see `vocab`), so a new kind
needs no schema migration.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timezone
from typing import NewType, Optional

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from .names import display_name, display_name_sql

OrganisationId = NewType("OrganisationId", int)
PersonId = NewType("PersonId", int)
EventId = NewType("EventId", int)
ItemId = NewType("ItemId", int)
GroupId = NewType("GroupId", int)
ParticipationId = NewType("ParticipationId", int)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as naive UTC; returns aware UTC. Refuses naive input."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC instant column")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        return None if value is None else value.replace(tzinfo=timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def new_uid() -> str:
    return uuid.uuid4().hex


class Organisation(Base):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    local_name: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(30))  # vocab.ORGANISATION_KINDS
    sector: Mapped[str] = mapped_column(String(30))  # vocab.SECTORS (helix)
    country: Mapped[str] = mapped_column(String(2))  # ISO 3166-1 alpha-2
    zone: Mapped[str] = mapped_column(String(64))  # IANA; stored, never derived from country
    place: Mapped[str] = mapped_column(String(120), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default="")  # see search_text.py

    people: Mapped[list[Person]] = relationship(back_populates="organisation")


class Person(Base):
    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[Optional[str]] = mapped_column(String(80), unique=True)
    given_name: Mapped[str] = mapped_column(String(120), default="")
    family_name: Mapped[str] = mapped_column(String(120), default="")
    name_order: Mapped[str] = mapped_column(String(20), default="given_first")  # or family_first
    local_name: Mapped[str] = mapped_column(String(200), default="")  # name in own script
    email: Mapped[Optional[str]] = mapped_column(String(254), unique=True)
    email_key: Mapped[Optional[str]] = mapped_column(String(254), index=True)  # as compared; see search_text.py
    phone: Mapped[str] = mapped_column(String(40), default="")
    organisation_id: Mapped[Optional[int]] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"))
    job_title: Mapped[str] = mapped_column(String(200), default="")
    gender: Mapped[str] = mapped_column(String(20), default="")
    nationality: Mapped[str] = mapped_column(String(2), default="")
    passport_expiry: Mapped[Optional[date]] = mapped_column(Date)
    passport_number: Mapped[str] = mapped_column(String(40), default="", server_default="")  # printed only with consent
    dietary: Mapped[str] = mapped_column(String(200), default="")
    accessibility: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default="")  # see search_text.py
    # Optimistic concurrency (migration 0005): each UPDATE checks and raises it; see concurrency.py.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}
    # ISO 639-1 code the person's e-mails are written in (migration 0021); None: English.
    preferred_language: Mapped[Optional[str]] = mapped_column(String(8))

    organisation: Mapped[Optional[Organisation]] = relationship(back_populates="people")
    participations: Mapped[list[Participation]] = relationship(back_populates="person", cascade="all, delete-orphan")

    @hybrid_property
    def display_name(self) -> str:
        """The name in the person's own order and script (`core.names`)."""
        return display_name(self.given_name, self.family_name, self.name_order)

    @display_name.inplace.expression
    @classmethod
    def _display_name_sql(cls) -> ColumnElement[str]:
        return display_name_sql(cls.given_name, cls.family_name, cls.name_order)


cluster_members = Table(
    "cluster_members",
    Base.metadata,
    Column("cluster_id", ForeignKey("clusters.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True),
)


class Cluster(Base):
    """A thematic cluster: EU and non-EU cities or regions working on one theme."""

    __tablename__ = "clusters"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    theme: Mapped[str] = mapped_column(String(120), default="")
    description: Mapped[str] = mapped_column(Text, default="")

    members: Mapped[list[Organisation]] = relationship(secondary=cluster_members, order_by="Organisation.key")


class Pairing(Base):
    """A geographical pairing of an EU and a non-EU city or region."""

    __tablename__ = "pairings"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    eu_organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    partner_organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    theme: Mapped[str] = mapped_column(String(120), default="")
    status: Mapped[str] = mapped_column(String(30), default="active")
    fund_application: Mapped[str] = mapped_column(String(30), default="")  # competitive-fund status
    notes: Mapped[str] = mapped_column(Text, default="")

    eu_organisation: Mapped[Organisation] = relationship(foreign_keys=[eu_organisation_id])
    partner_organisation: Mapped[Organisation] = relationship(foreign_keys=[partner_organisation_id])


class Event(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(30))  # vocab.EVENT_KINDS
    title: Mapped[str] = mapped_column(String(300))
    theme: Mapped[str] = mapped_column(String(120), default="")
    zone: Mapped[str] = mapped_column(String(64))
    start_date: Mapped[date] = mapped_column(Date)  # local dates in `zone`, inclusive
    end_date: Mapped[date] = mapped_column(Date)
    capacity: Mapped[Optional[int]] = mapped_column(Integer)
    organiser_name: Mapped[str] = mapped_column(String(200), default="")
    organiser_email: Mapped[str] = mapped_column(String(254), default="")
    status: Mapped[str] = mapped_column(String(20), default="planned")
    cluster_id: Mapped[Optional[int]] = mapped_column(ForeignKey("clusters.id", ondelete="SET NULL"))
    # The region or prefecture that receives a study visit (migration 0007).
    host_id: Mapped[Optional[int]] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL",
                                                              name="fk_events_host_id_organisations"))
    # Days a visa for this event's destination takes, when not the default of its country (migration 0012).
    visa_days: Mapped[Optional[int]] = mapped_column(Integer)
    url: Mapped[str] = mapped_column(String(500), default="")
    # the zones a webinar must work in besides its own and its participants' (space-separated IANA names)
    zones: Mapped[str] = mapped_column(String(400), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    uid: Mapped[str] = mapped_column(String(64), default=new_uid)  # calendar identity of the whole event
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    search_text: Mapped[str] = mapped_column(Text, default="")  # see search_text.py
    # Optimistic concurrency (migration 0005): each UPDATE checks and raises it; see concurrency.py.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    cluster: Mapped[Optional[Cluster]] = relationship()
    host: Mapped[Optional[Organisation]] = relationship()
    groups: Mapped[list[Group]] = relationship(back_populates="event", cascade="all, delete-orphan", order_by="Group.name")
    items: Mapped[list[Item]] = relationship(back_populates="event", cascade="all, delete-orphan", order_by="Item.start_utc")
    participations: Mapped[list[Participation]] = relationship(back_populates="event", cascade="all, delete-orphan")
    travel_legs: Mapped[list[TravelLeg]] = relationship(back_populates="event", cascade="all, delete-orphan", order_by="TravelLeg.depart_utc")
    stays: Mapped[list[Stay]] = relationship(back_populates="event", cascade="all, delete-orphan", order_by="Stay.check_in")


class Group(Base):
    """Part of a study visit's participants following its own itinerary for a while."""

    __tablename__ = "groups"
    __table_args__ = (UniqueConstraint("event_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(80))

    event: Mapped[Event] = relationship(back_populates="groups")


item_groups = Table(
    "item_groups",
    Base.metadata,
    Column("item_id", ForeignKey("items.id", ondelete="CASCADE"), primary_key=True),
    Column("group_id", ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True),
)


class ItemPerson(Base):
    """A person assigned to an item individually (speaker, interpreter, host)."""

    __tablename__ = "item_people"

    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(30), default="speaker")

    person: Mapped[Person] = relationship()


class Item(Base):
    """A timed part of an event. No groups named means everyone attends."""

    __tablename__ = "items"
    __table_args__ = (UniqueConstraint("event_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(30))  # vocab.ITEM_KINDS
    start_utc: Mapped[datetime] = mapped_column(UTCDateTime)
    end_utc: Mapped[datetime] = mapped_column(UTCDateTime)
    zone: Mapped[str] = mapped_column(String(64))
    place: Mapped[str] = mapped_column(String(200), default="")
    host_id: Mapped[Optional[int]] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"))
    url: Mapped[str] = mapped_column(String(500), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="scheduled")  # or cancelled
    uid: Mapped[str] = mapped_column(String(64), default=new_uid)  # stable calendar UID
    sequence: Mapped[int] = mapped_column(Integer, default=0)  # rises when time/place/title change
    sent_sequence: Mapped[Optional[int]] = mapped_column(Integer)  # SEQUENCE last exported as an invite; None: never
    search_text: Mapped[str] = mapped_column(Text, default="")  # see search_text.py
    # Optimistic concurrency (migration 0005): each UPDATE checks and raises it; see concurrency.py.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    event: Mapped[Event] = relationship(back_populates="items")
    host: Mapped[Optional[Organisation]] = relationship()
    groups: Mapped[list[Group]] = relationship(secondary=item_groups, order_by="Group.name")
    assigned: Mapped[list[ItemPerson]] = relationship(cascade="all, delete-orphan")


class Participation(Base):
    __tablename__ = "participations"
    __table_args__ = (UniqueConstraint("event_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(30), default="delegate")
    status: Mapped[str] = mapped_column(String(20), default="invited")
    group_id: Mapped[Optional[int]] = mapped_column(ForeignKey("groups.id", ondelete="SET NULL"))
    waitlist_position: Mapped[Optional[int]] = mapped_column(Integer)
    visa_needed: Mapped[bool] = mapped_column(default=False)
    visa_status: Mapped[str] = mapped_column(String(30), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # From an attendance report (migration 0002): None until one is imported.
    first_join_utc: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    last_leave_utc: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    attended_minutes: Mapped[Optional[int]] = mapped_column(Integer)
    # Optimistic concurrency (migration 0005): each UPDATE checks and raises it; see concurrency.py.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    event: Mapped[Event] = relationship(back_populates="participations")
    person: Mapped[Person] = relationship(back_populates="participations")
    group: Mapped[Optional[Group]] = relationship()
    history: Mapped[list[StatusChange]] = relationship(cascade="all, delete-orphan", order_by="StatusChange.at_utc")
    visa_history: Mapped[list[VisaChange]] = relationship(cascade="all, delete-orphan", order_by="VisaChange.at_utc")


class StatusChange(Base):
    """One recorded change of a participation's status."""

    __tablename__ = "status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    participation_id: Mapped[int] = mapped_column(ForeignKey("participations.id", ondelete="CASCADE"))
    at_utc: Mapped[datetime] = mapped_column(UTCDateTime)
    by: Mapped[str] = mapped_column(String(120), default="")
    from_status: Mapped[str] = mapped_column(String(20), default="")
    to_status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(300), default="")


class VisaChange(Base):
    """One recorded change of a participation's visa state (migration 0012; see core/registrations/visas.py)."""

    __tablename__ = "visa_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    participation_id: Mapped[int] = mapped_column(ForeignKey("participations.id", ondelete="CASCADE"), index=True)
    at_utc: Mapped[datetime] = mapped_column(UTCDateTime)
    by: Mapped[str] = mapped_column(String(120), default="")
    from_state: Mapped[str] = mapped_column(String(30), default="")
    to_state: Mapped[str] = mapped_column(String(30))
    note: Mapped[str] = mapped_column(String(300), default="")


class TravelLeg(Base):
    """One person's flight, train, bus or car ride, from one zone to another."""

    __tablename__ = "travel_legs"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20), default="flight")  # vocab.TRAVEL_KINDS
    carrier: Mapped[str] = mapped_column(String(80), default="")
    number: Mapped[str] = mapped_column(String(40), default="")
    booking_ref: Mapped[str] = mapped_column(String(40), default="")
    from_place: Mapped[str] = mapped_column(String(120))
    from_zone: Mapped[str] = mapped_column(String(64))
    depart_utc: Mapped[datetime] = mapped_column(UTCDateTime)
    to_place: Mapped[str] = mapped_column(String(120))
    to_zone: Mapped[str] = mapped_column(String(64))
    arrive_utc: Mapped[datetime] = mapped_column(UTCDateTime)
    uid: Mapped[str] = mapped_column(String(64), default=new_uid)
    sequence: Mapped[int] = mapped_column(Integer, default=0)

    event: Mapped[Event] = relationship(back_populates="travel_legs")
    person: Mapped[Person] = relationship()


class Stay(Base):
    """A person's nights at a hotel. Dates are local dates in `zone`; check_out is exclusive."""

    __tablename__ = "stays"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    hotel: Mapped[str] = mapped_column(String(200))
    hotel_local: Mapped[str] = mapped_column(String(200), default="")  # the name in the local script (migration 0017)
    address_local: Mapped[str] = mapped_column(String(300), default="")  # for the taxi driver, in the local script
    zone: Mapped[str] = mapped_column(String(64))
    check_in: Mapped[date] = mapped_column(Date)
    check_out: Mapped[date] = mapped_column(Date)
    room: Mapped[str] = mapped_column(String(40), default="single")
    shares_with_id: Mapped[Optional[int]] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    uid: Mapped[str] = mapped_column(String(64), default=new_uid)
    sequence: Mapped[int] = mapped_column(Integer, default=0)

    event: Mapped[Event] = relationship(back_populates="stays")
    person: Mapped[Person] = relationship(foreign_keys=[person_id])
    shares_with: Mapped[Optional[Person]] = relationship(foreign_keys=[shares_with_id])


class Erasure(Base):
    """One erased person in the erasure register: a salted hash of the e-mail and the day, nothing personal."""

    __tablename__ = "erasures"
    __table_args__ = (UniqueConstraint("salt", "digest"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    salt: Mapped[str] = mapped_column(String(64))  # hex: the salt of the database the erasure was made in
    digest: Mapped[str] = mapped_column(String(64))  # hex HMAC-SHA256 of the normalised e-mail under that salt
    erased_on: Mapped[date] = mapped_column(Date)


class ErasureSalt(Base):
    """This database's own salt for the erasure register (one row, made at the first erasure)."""

    __tablename__ = "erasure_salt"

    id: Mapped[int] = mapped_column(primary_key=True)
    salt: Mapped[str] = mapped_column(String(64))


class LetterIssue(Base):
    """One visa invitation letter issued: its number, the day, and whether it carried the passport number."""

    __tablename__ = "letter_issues"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    serial: Mapped[int] = mapped_column(Integer)  # 1, 2, ... within the event
    number: Mapped[str] = mapped_column(String(100), unique=True)
    issued_on: Mapped[date] = mapped_column(Date)
    with_passport: Mapped[bool] = mapped_column(default=False)


class BookletPrint(Base):
    """An itinerary booklet saved, with a digest per entry: the next one marks what changed since.

    Only digests are kept, never the entries themselves, so the log holds no personal data
    beyond whose booklet it was (a person's rows go with the person)."""

    __tablename__ = "booklet_prints"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    subject: Mapped[str] = mapped_column(String(200))  # "group:NAME", or "person" with person_id
    person_id: Mapped[Optional[int]] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    printed_at_utc: Mapped[datetime] = mapped_column(UTCDateTime)
    version: Mapped[str] = mapped_column(String(120))
    marks: Mapped[str] = mapped_column(Text)  # JSON: entry key -> digest of what the entry said
    outbox_id: Mapped[Optional[int]] = mapped_column(Integer)  # the message a mailed booklet went in (no FK: see 0024)


class BadgePrint(Base):
    """A participant's badge printed for an event, with when: "since the last print" leaves them out."""

    __tablename__ = "badge_prints"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    printed_at_utc: Mapped[datetime] = mapped_column(UTCDateTime)


class OutboxMessage(Base):
    """One e-mail to one person, queued to send through the user's SMTP server, and what became of it.

    `raw` is the whole RFC 5322 message, made when it was queued, so what is sent (and sent again on a retry)
    is byte for byte what was queued, under the same Message-ID. A person's messages go with the person."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    state: Mapped[str] = mapped_column(String(20), default="queued", index=True)  # outbox.STATES
    kind: Mapped[str] = mapped_column(String(40))  # mail.draft.KINDS
    person_id: Mapped[Optional[int]] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[Optional[int]] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"), index=True)
    to_address: Mapped[str] = mapped_column(String(254))
    to_name: Mapped[str] = mapped_column(String(300), default="")
    subject: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(20), default="en")
    message_id: Mapped[str] = mapped_column(String(320), unique=True)  # "<…@domain>": a domain has up to 253
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    tried_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)  # when the last attempt began
    tried_by: Mapped[str] = mapped_column(String(300), default="")  # "host/pid" of the process that made it
    sent_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")


class ReminderRule(Base):
    """A message an event sends by itself: a template, so long before a start (the event's, each item's), to whom.

    `amount` and `unit` ("days" or "hours") say how long before; `recipients` is a filter as `mail --to` reads it."""

    __tablename__ = "reminder_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    template: Mapped[str] = mapped_column(String(64))
    amount: Mapped[int] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(10))  # mail.reminders.UNITS
    anchor: Mapped[str] = mapped_column(String(10))  # mail.reminders.ANCHORS
    recipients: Mapped[str] = mapped_column(String(500), default="")
    enabled: Mapped[bool] = mapped_column(default=True)

    event: Mapped[Event] = relationship()


class ReminderSent(Base):
    """One reminder a rule queued (or missed: no message) for one person and item, so it is never queued again.

    Unique over (rule, person, item), an event-wide reminder's missing item counted as 0 (NULLs are never equal)."""

    __tablename__ = "reminders_sent"
    __table_args__ = (Index("uq_reminders_sent_once", "rule_id", "person_id", text("coalesce(item_id, 0)"),
                            unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("reminder_rules.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    item_id: Mapped[Optional[int]] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    due_utc: Mapped[datetime] = mapped_column(UTCDateTime)
    # The message queued; None for a reminder missed (its start passed first). Erasing a person deletes their
    # messages, and with them these rows.
    outbox_id: Mapped[Optional[int]] = mapped_column(ForeignKey("outbox.id", ondelete="CASCADE"))
