"""Time-zone names found in other programs' calendar files, mapped to IANA zones.

Outlook and Exchange write Windows zone names (`W. Europe Standard Time`),
sometimes without a VTIMEZONE; newer Outlook writes display names such as
`(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna`. The table is
CLDR's windowsZones mapping (territory 001) for the zones the programme meets.
"""

from __future__ import annotations

import re
from functools import lru_cache
from zoneinfo import available_timezones

from iurc_desktop.core import timeutil

WINDOWS_ZONES = {
    "Dateline Standard Time": "Etc/GMT+12",
    "UTC": "Etc/UTC",
    "Coordinated Universal Time": "Etc/UTC",
    "Hawaiian Standard Time": "Pacific/Honolulu",
    "Alaskan Standard Time": "America/Anchorage",
    "Pacific Standard Time": "America/Los_Angeles",
    "US Mountain Standard Time": "America/Phoenix",
    "Mountain Standard Time": "America/Denver",
    "Central Standard Time": "America/Chicago",
    "Central Standard Time (Mexico)": "America/Mexico_City",
    "Canada Central Standard Time": "America/Regina",
    "Eastern Standard Time": "America/New_York",
    "SA Pacific Standard Time": "America/Bogota",
    "Atlantic Standard Time": "America/Halifax",
    "Pacific SA Standard Time": "America/Santiago",
    "E. South America Standard Time": "America/Sao_Paulo",
    "Argentina Standard Time": "America/Argentina/Buenos_Aires",
    "Greenwich Standard Time": "Atlantic/Reykjavik",
    "GMT Standard Time": "Europe/London",
    "W. Europe Standard Time": "Europe/Berlin",
    "Central Europe Standard Time": "Europe/Budapest",
    "Central European Standard Time": "Europe/Warsaw",
    "Romance Standard Time": "Europe/Paris",
    "W. Central Africa Standard Time": "Africa/Lagos",
    "Morocco Standard Time": "Africa/Casablanca",
    "GTB Standard Time": "Europe/Bucharest",
    "E. Europe Standard Time": "Europe/Chisinau",
    "FLE Standard Time": "Europe/Kyiv",
    "Turkey Standard Time": "Europe/Istanbul",
    "Israel Standard Time": "Asia/Jerusalem",
    "Egypt Standard Time": "Africa/Cairo",
    "South Africa Standard Time": "Africa/Johannesburg",
    "Russian Standard Time": "Europe/Moscow",
    "E. Africa Standard Time": "Africa/Nairobi",
    "Arab Standard Time": "Asia/Riyadh",
    "Arabian Standard Time": "Asia/Dubai",
    "Iran Standard Time": "Asia/Tehran",
    "Pakistan Standard Time": "Asia/Karachi",
    "India Standard Time": "Asia/Kolkata",
    "Sri Lanka Standard Time": "Asia/Colombo",
    "Nepal Standard Time": "Asia/Kathmandu",
    "Central Asia Standard Time": "Asia/Almaty",
    "Bangladesh Standard Time": "Asia/Dhaka",
    "Myanmar Standard Time": "Asia/Yangon",
    "SE Asia Standard Time": "Asia/Bangkok",
    "N. Central Asia Standard Time": "Asia/Novosibirsk",
    "China Standard Time": "Asia/Shanghai",
    "Singapore Standard Time": "Asia/Singapore",
    "Taipei Standard Time": "Asia/Taipei",
    "W. Australia Standard Time": "Australia/Perth",
    "Ulaanbaatar Standard Time": "Asia/Ulaanbaatar",
    "Tokyo Standard Time": "Asia/Tokyo",
    "Korea Standard Time": "Asia/Seoul",
    "Cen. Australia Standard Time": "Australia/Adelaide",
    "AUS Central Standard Time": "Australia/Darwin",
    "E. Australia Standard Time": "Australia/Brisbane",
    "AUS Eastern Standard Time": "Australia/Sydney",
    "Tasmania Standard Time": "Australia/Hobart",
    "West Pacific Standard Time": "Pacific/Port_Moresby",
    "Vladivostok Standard Time": "Asia/Vladivostok",
    "New Zealand Standard Time": "Pacific/Auckland",
    "Fiji Standard Time": "Pacific/Fiji",
    "Tonga Standard Time": "Pacific/Tongatapu",
    "Samoa Standard Time": "Pacific/Apia",
}

_DISPLAY = re.compile(r"^\(UTC(?:([+-])(\d{2}):(\d{2}))?\)\s*(.+)$")


@lru_cache(maxsize=1)
def _by_city() -> dict[str, str]:
    """IANA zones by their last part, lower case ("berlin" -> Europe/Berlin)."""
    return {name.split("/")[-1].lower(): name for name in sorted(available_timezones()) if "/" in name and not name.startswith(("Etc/", "SystemV/", "US/"))}


def iana_zone(tzid: str) -> str | None:
    """The IANA zone a calendar file's TZID means, or None when the name is not known."""
    name = tzid.strip().strip('"').strip()
    if timeutil.is_zone(name):
        return name
    if name in WINDOWS_ZONES:
        return WINDOWS_ZONES[name]
    folded = {k.lower(): v for k, v in WINDOWS_ZONES.items()}
    if name.lower() in folded:
        return folded[name.lower()]
    return _from_display_name(name)


def _from_display_name(name: str) -> str | None:
    """`(UTC+01:00) Amsterdam, Berlin, ...`: the first listed city that is an IANA zone."""
    match = _DISPLAY.match(name)
    if not match:
        return None
    for city in re.split(r"[,/]", match.group(4)):
        key = city.strip().replace(" ", "_").lower()
        if key in _by_city():
            return _by_city()[key]
    return None
