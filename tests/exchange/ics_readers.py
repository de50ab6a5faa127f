"""Independent readers of our calendar files, each giving every entry's UTC start and end, and libical's RFC 5546 check.

icalendar, vobject and ical come from PyPI (the test extras); libical is Debian's C library
(`libical3`), reached through ctypes so that no Python binding is needed. Where it is not
installed, `libical` is None and the tests that need it skip, saying so.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import re
from datetime import date, datetime, timezone

import vobject
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar

UTC = timezone.utc
Instants = dict[str, tuple[object, object]]  # UID -> (start, end): UTC datetimes, or dates for all-day entries
VEVENT_KIND = 4  # ICAL_VEVENT_COMPONENT


def _utc(value: datetime | date) -> object:
    return value.astimezone(UTC) if isinstance(value, datetime) else value


def by_icalendar(data: bytes) -> Instants:
    return {str(e["UID"]): (_utc(e["DTSTART"].dt), _utc(e["DTEND"].dt)) for e in Calendar.from_ical(data).walk("VEVENT")}


def renamed(data: bytes) -> str:
    """The file with every TZID renamed, so a reader must use the file's VTIMEZONE rather than its own zone database."""
    return re.sub(r"(TZID[:=])([A-Za-z_/+-]+)", lambda m: m.group(1) + "X-" + m.group(2).replace("/", "-"), data.decode("utf-8"))


def by_vobject(data: bytes) -> Instants:
    return {e.uid.value: (_utc(e.dtstart.value), _utc(e.dtend.value)) for e in vobject.readOne(renamed(data)).vevent_list}


def by_ical(data: bytes) -> Instants:
    """The `ical` package (Home Assistant's reader), strict about RFC 5545; it resolves IANA TZIDs in its own zone database."""
    calendar = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    return {e.uid: (_utc(e.dtstart), _utc(e.dtend)) for e in calendar.events if e.uid and e.dtstart and e.dtend}


class _Time(ctypes.Structure):
    _fields_ = [(name, ctypes.c_int) for name in ("year", "month", "day", "hour", "minute", "second", "is_date", "is_daylight")] + [
        ("zone", ctypes.c_void_p)]


class LibIcal:
    """Debian's libical 3: parse, check RFC 5545/5546 restrictions, and read times through the file's VTIMEZONEs."""

    def __init__(self, lib: ctypes.CDLL) -> None:
        self.lib = lib
        lib.icalparser_parse_string.restype = ctypes.c_void_p
        lib.icalparser_parse_string.argtypes = [ctypes.c_char_p]
        lib.icalcomponent_check_restrictions.argtypes = [ctypes.c_void_p]
        lib.icalcomponent_as_ical_string.restype = ctypes.c_char_p
        lib.icalcomponent_as_ical_string.argtypes = [ctypes.c_void_p]
        for name in ("icalcomponent_get_first_component", "icalcomponent_get_next_component"):
            getattr(lib, name).restype = ctypes.c_void_p
            getattr(lib, name).argtypes = [ctypes.c_void_p, ctypes.c_int]
        for name in ("icalcomponent_get_dtstart", "icalcomponent_get_dtend"):
            getattr(lib, name).restype = _Time
            getattr(lib, name).argtypes = [ctypes.c_void_p]
        lib.icalcomponent_get_uid.restype = ctypes.c_char_p
        lib.icalcomponent_get_uid.argtypes = [ctypes.c_void_p]
        lib.icaltime_as_timet_with_zone.restype = ctypes.c_int64
        lib.icaltime_as_timet_with_zone.argtypes = [_Time, ctypes.c_void_p]
        lib.icalcomponent_free.argtypes = [ctypes.c_void_p]

    def _parse(self, data: bytes) -> int:
        root = self.lib.icalparser_parse_string(data)
        assert root, "libical could not parse the file"
        return root  # type: ignore[no-any-return]

    def errors(self, data: bytes) -> list[str]:
        """libical's parse errors and RFC 5546 restriction failures (its X-LIC-ERROR lines)."""
        root = self._parse(data)
        try:
            self.lib.icalcomponent_check_restrictions(root)
            text = self.lib.icalcomponent_as_ical_string(root).decode("utf-8")
        finally:
            self.lib.icalcomponent_free(root)
        return [line for line in re.sub(r"\r?\n[ \t]", "", text).splitlines() if line.startswith("X-LIC-ERROR")]

    def _when(self, time: _Time) -> object:
        if time.is_date:
            return date(time.year, time.month, time.day)
        return datetime.fromtimestamp(self.lib.icaltime_as_timet_with_zone(time, time.zone), UTC)

    def instants(self, data: bytes) -> Instants:
        root = self._parse(data)
        found: Instants = {}
        try:
            entry = self.lib.icalcomponent_get_first_component(root, VEVENT_KIND)
            while entry:
                uid = self.lib.icalcomponent_get_uid(entry).decode("utf-8")
                found[uid] = (self._when(self.lib.icalcomponent_get_dtstart(entry)), self._when(self.lib.icalcomponent_get_dtend(entry)))
                entry = self.lib.icalcomponent_get_next_component(root, VEVENT_KIND)
        finally:
            self.lib.icalcomponent_free(root)
        return found


def _libical() -> LibIcal | None:
    name = ctypes.util.find_library("ical")
    return LibIcal(ctypes.CDLL(name)) if name else None


libical = _libical()
NO_LIBICAL = "libical is not installed (Debian: apt-get install libical3)"
