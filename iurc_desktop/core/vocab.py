"""Controlled vocabularies. Stored as plain strings; services validate against these."""

from __future__ import annotations

import enum

ORGANISATION_KINDS = (
    "city", "region", "prefecture", "national_body", "university", "business", "ngo", "eu_institution",
)
SECTORS = ("government", "research", "business", "civil_society")
EVENT_KINDS = ("webinar", "study_visit", "networking", "workshop", "meeting")
EVENT_STATUSES = ("planned", "confirmed", "done", "cancelled")
ITEM_KINDS = (
    "talk", "session", "site_visit", "meal", "transfer", "meeting", "workshop", "reception", "break", "other",
)
ITEM_STATUSES = ("scheduled", "cancelled")
ROLES = ("delegate", "speaker", "host", "organiser", "interpreter", "observer")


class ParticipationStatus(enum.StrEnum):
    """Where a person stands in an event; moves follow `core.registrations.participations.TRANSITIONS`."""

    INVITED = "invited"
    REGISTERED = "registered"
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    ATTENDED = "attended"
    NO_SHOW = "no_show"


def _values(*statuses: ParticipationStatus) -> tuple[str, ...]:
    return tuple(s.value for s in statuses)


_S = ParticipationStatus
PARTICIPATION_STATUSES = _values(*ParticipationStatus)
# The named sets, each meaning one thing everywhere (plain strings: they go into SQL as they are).
HOLDS_PLACE = _values(_S.CONFIRMED, _S.ATTENDED)  # counts against capacity; "engaged" in the programme report
WITHDRAWN = _values(_S.CANCELLED, _S.DECLINED)  # said no: not copied to a new event, sent no itinerary
FREES_PLACE = WITHDRAWN  # a place-holder moving to one of these frees a place for the waitlist
NOT_COMING = (*WITHDRAWN, _S.NO_SHOW.value)  # the times need no longer suit them
UNCONFIRMED = _values(_S.INVITED, _S.REGISTERED)  # still to confirm before the event
TAKING_PART = _values(_S.REGISTERED, _S.CONFIRMED, _S.ATTENDED)  # on rosters, in groups, expected on site
GETS_INVITES = _values(_S.INVITED, _S.REGISTERED, _S.CONFIRMED, _S.ATTENDED)  # calendar invites go to them
EXPECTED = _values(_S.REGISTERED, _S.CONFIRMED)  # expected to come: a no-show when an attendance report misses them
CAN_ATTEND = _values(_S.INVITED, _S.REGISTERED, _S.CONFIRMED, _S.WAITLISTED, _S.NO_SHOW, _S.ATTENDED)
# From least to furthest along: when two participations merge, the one further along wins.
BY_PROGRESS = _values(
    _S.CANCELLED, _S.DECLINED, _S.INVITED, _S.NO_SHOW, _S.REGISTERED, _S.WAITLISTED, _S.CONFIRMED, _S.ATTENDED,
)
TRAVEL_KINDS = ("flight", "train", "bus", "car")
ROOM_TYPES = ("single", "double", "twin", "suite")
GENDERS = ("female", "male", "non_binary", "undisclosed", "")
NAME_ORDERS = ("given_first", "family_first")
