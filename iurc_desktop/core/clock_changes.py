"""Wall times the clocks skip or pass twice, when an item is copied or imported: refuse, or go on keeping its length.

`load` refuses such a time and names the instants it can mean (`timeutil.to_utc`); a copied or imported item does
the same here, through the same rule (`timeutil.local_choices`). Each such time has two readings: in a fold the
first and the second occurrence, in a gap the time read with the offset after the change (an hour early on the
clock) and with the offset before it (an hour late). The user may go on with the `earlier` or the `later` reading
for every item concerned: the item's start takes that reading and its end follows at the item's own length, so no
item becomes zero-length or stretched, and each item moved is reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from . import local_times, timeutil
from .errors import TimeError

DST_CHOICES = ("earlier", "later")
GO_ON = "Choose the earlier or the later reading to go on; each item keeps its length."


@dataclass(frozen=True)
class ClockChange:
    """A wall time in `zone` that the clocks skip (`skipped`) or pass twice, and its two readings as UTC instants."""

    naive: datetime
    zone: str
    skipped: bool
    earlier: datetime
    later: datetime

    def reading(self, choice: str) -> datetime:
        """The UTC instant of the `earlier` or `later` reading."""
        return self.earlier if choice == "earlier" else self.later

    @property
    def rfc5545(self) -> str:
        """The reading RFC 5545 gives a calendar file's local time: a fold's first occurrence (earlier), a gap's time
        read with the offset before the change (later)."""
        return "later" if self.skipped else "earlier"

    def label(self, choice: str) -> str:
        """'02:30 CEST (00:30 UTC)': a reading as the clock of the zone and UTC show it."""
        instant = self.reading(choice)
        return f"{_clock(instant, self.zone)} ({instant:%H:%M} UTC)"

    def what(self) -> str:
        """'02:30 on Sun 25 Oct 2026 happens twice in Europe/Brussels'."""
        return (f"{local_times.clock(self.naive)} on {local_times.day(self.naive.date())}"
                f" {'does not exist' if self.skipped else 'happens twice'} in {self.zone}")

    def text(self) -> str:
        """'02:30 on Sun 25 Oct 2026 happens twice in Europe/Brussels (the clocks go back): choose ... or ...'."""
        why = "the clocks go forward" if self.skipped else "the clocks go back"
        return f"{self.what()} ({why}): choose {self.label('earlier')}, the earlier, or {self.label('later')}, the later"


def clock_change(naive: datetime, zone_name: str) -> ClockChange | None:
    """The skipped or repeated wall time `naive` in the zone with its two readings; None where it means one instant."""
    choices = timeutil.local_choices(naive, zone_name)
    if len(choices) == 1:
        return None
    if choices:
        return ClockChange(naive, zone_name, False, choices[0].instant, choices[-1].instant)
    tz = timeutil.zone(zone_name)  # in a gap each offset around the change gives an instant; neither reads back
    readings = sorted(naive.replace(tzinfo=tz, fold=fold).astimezone(timeutil.UTC) for fold in (0, 1))
    return ClockChange(naive, zone_name, True, readings[0], readings[-1])


@dataclass(frozen=True)
class ItemTime:
    """An item's start, or its end (`ends_at`: where its length puts it), that falls on a skipped or repeated wall time."""

    key: str
    title: str
    change: ClockChange
    ends_at: datetime | None = None

    @property
    def name(self) -> str:
        """'Opening (opening)', or the title alone for an entry of a file (its key says nothing to a person)."""
        return f"{self.title} ({self.key})" if self.key else self.title

    @property
    def part(self) -> str:
        return "start" if self.ends_at is None else "end"

    def outcome(self, choice: str) -> str:
        """What going on with `choice` makes of this time: '02:30 CEST (00:30 UTC)', or the end its length puts."""
        if self.ends_at is None:
            return self.change.label(choice)
        return f"ends at its own length, {_clock(self.ends_at, self.change.zone)} ({self.ends_at:%H:%M} UTC)"

    def text(self) -> str:
        if self.ends_at is None:
            return f"{self.name}, start: {self.change.text()}"
        return f"{self.name}, end: {self.change.what()}; going on, it {self.outcome('earlier')}"


class ClockChangeRefused(TimeError):
    """Items fall on times the clocks skip or repeat and no reading was chosen; nothing was changed."""

    def __init__(self, found: Sequence[ItemTime], go_on: str = GO_ON) -> None:
        self.found = tuple(found)
        self.go_on = go_on
        many = len(self.found) != 1
        head = (f"Nothing was changed: {len(self.found)} time{'s fall' if many else ' falls'} on a daylight-saving"
                f" change. {go_on}")
        super().__init__([head] + [f"  {t.text()}" for t in self.found])

    def saying(self, go_on: str) -> ClockChangeRefused:
        """The same refusal, telling how to go on in a front end's words (an option, a button)."""
        return ClockChangeRefused(self.found, go_on)


@dataclass(frozen=True)
class Placed:
    """Where an item goes: its UTC start and end, and what moved it (None when its wall times stood)."""

    start: datetime
    end: datetime
    note: str | None = None


def place(key: str, title: str, start: datetime, end: datetime | None, zone_name: str, length: timedelta,
          choice: str | None, found: list[ItemTime]) -> Placed:
    """Put an item at the naive wall time `start` in the zone, ending at the wall time `end` (naive), at the instant
    `end` (aware), or, with None, `length` after its start.

    A start or wall-time end the clocks skip or repeat is added to `found` (for the refusal) when `choice` is None;
    the start is then read as RFC 5545 says, for a preview. With a choice the start takes that reading; either way
    the end follows at `length`, and with a choice the note says where the item went.
    """
    if choice is not None and choice not in DST_CHOICES:
        raise TimeError(f"{choice!r} is not a reading of a time the clocks skip or repeat: choose earlier or later.")
    starting = clock_change(start, zone_name)
    ending = clock_change(end, zone_name) if end is not None and end.tzinfo is None else None
    if starting is None and ending is None:
        begin = timeutil.to_utc(start, zone_name)
        if end is None:
            return Placed(begin, begin + length)
        return Placed(begin, timeutil.to_utc(end, zone_name) if end.tzinfo is None else end.astimezone(timeutil.UTC))
    if starting is None:
        begin = timeutil.to_utc(start, zone_name)
    else:
        begin = starting.reading(choice or starting.rfc5545)
    times = [ItemTime(key, title, starting)] if starting else []
    times += [ItemTime(key, title, ending, begin + length)] if ending else []
    if choice is None:
        found.extend(times)
        return Placed(begin, begin + length)
    return Placed(begin, begin + length, _moved(times[0], begin, begin + length, length, choice))


def _moved(time: ItemTime, start: datetime, end: datetime, length: timedelta, choice: str) -> str:
    """'Opening (opening), start: 02:30 on ... does not exist in ...; the later reading: now 03:30–04:30 CEST (...), 1 h as before'."""
    chosen = f"the {choice} reading: " if time.ends_at is None else ""
    shown = local_times.when(timeutil.to_local(start, time.change.zone), timeutil.to_local(end, time.change.zone))
    return (f"{time.name}, {time.part}: {time.change.what()}; {chosen}now {shown} ({start:%H:%M}–{end:%H:%M} UTC),"
            f" {_length(length)} as before")


def _length(length: timedelta) -> str:
    """'1 h', '1 h 30 min', '45 min'."""
    minutes = int(length.total_seconds()) // 60
    hours, rest = divmod(minutes, 60)
    return " ".join(part for part in (f"{hours} h" if hours else "", f"{rest} min" if rest or not hours else "") if part)


def _clock(instant: datetime, zone_name: str) -> str:
    local = timeutil.to_local(instant, zone_name)
    return f"{local_times.clock(local)} {local_times.abbreviation(local)}"
