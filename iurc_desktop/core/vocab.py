"""Controlled vocabularies. Stored as plain strings; services validate against these."""

from __future__ import annotations

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
PARTICIPATION_STATUSES = (
    "invited", "registered", "confirmed", "waitlisted", "declined", "cancelled", "attended", "no_show",
)
TRAVEL_KINDS = ("flight", "train", "bus", "car")
ROOM_TYPES = ("single", "double", "twin", "suite")
GENDERS = ("female", "male", "non_binary", "undisclosed", "")
NAME_ORDERS = ("given_first", "family_first")
