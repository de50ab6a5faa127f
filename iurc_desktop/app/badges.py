"""Badges and table cards of an event: the batches (everyone, a group, those not printed yet), preview and save.

Saving writes one PDF of the batch and records each badge printed, together:
a Cancel or a failure leaves no file and no record, so "since the last print"
still holds everyone whose badge never came out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from ..core.errors import ValidationError
from ..core.events.badges import badge_participations, last_badge_print, log_badges
from ..core.models import Event, Participation
from ..core.progress import CancelToken, Progress, no_progress
from ..exchange.documents import badges
from ..exchange.documents.badges import Badge, BadgeSheet
from ..exchange.documents.engine import engine
from ..exchange.documents.letters import passport_name
from .changes import Topic
from .unit_of_work import UnitOfWork, reads, writes

LAYOUTS = badges.LAYOUTS  # layout -> what the window calls it

__all__ = ["LAYOUTS", "BadgeBatch", "BadgesSaved", "badge_batches", "last_printed", "preview_badges", "write_badges"]

@dataclass(frozen=True)
class BadgeBatch:
    """A batch one can print: everyone taking part (group None) or a group, with how many badges and how many new."""

    group: str | None
    label: str
    count: int
    not_printed: int  # those added since the last print


@dataclass(frozen=True)
class BadgesSaved:
    """What a save wrote: one PDF with this many badges."""

    file: Path
    count: int
    layout: str


def event_dates(start: date, end: date) -> str:
    """An event's days as a badge prints them ("2 March 2027 – 6 March 2027", or one day)."""
    first, last = f"{start.day} {start:%B %Y}", f"{end.day} {end:%B %Y}"
    return first if start == end else f"{first} – {last}"


def _badge(event: Event, part: Participation) -> Badge:
    """One participant's badge."""
    person, org = part.person, part.person.organisation
    code = badges.check_in_code(event.code, part.id)
    return Badge(latin_name=passport_name(person.given_name, person.family_name, person.name_order),
                 local_name=person.local_name, organisation=org.name if org else "",
                 organisation_local=org.local_name if org else "", role=part.role,
                 role_colour=badges.role_colour(part.role), group=part.group.name if part.group else "",
                 check_in=code, qr_svg=badges.qr_svg(code))


def _sheet(event: Event, parts: list[Participation], layout: str) -> BadgeSheet:
    if layout not in badges.LAYOUTS:
        raise ValidationError(f"{layout!r} is not a badge layout (expected one of {', '.join(badges.LAYOUTS)}).")
    return BadgeSheet(layout, event.title, event_dates(event.start_date, event.end_date),
                      [_badge(event, p) for p in parts], badges.LABEL_SHEETS.get(layout))


def _batch(uow: UnitOfWork, code: str, group: str | None, since_last: bool) -> tuple[Event, list[Participation]]:
    """The event and the badges of a batch; an empty batch is refused with why."""
    event, parts = badge_participations(uow.session, code, group=group, since_last=since_last)
    if not parts:
        raise ValidationError(f"No badge to print: every badge of this batch of {code} is printed already." if since_last
                              else f"No badge to print: nobody in this batch takes part in {code}.")
    return event, parts


@reads
def badge_batches(uow: UnitOfWork, code: str) -> list[BadgeBatch]:
    """The batches of the event: everyone taking part, then each group; with those not printed yet."""
    event, everyone = badge_participations(uow.session, code)
    _event, fresh = badge_participations(uow.session, code, since_last=True)
    new = {p.id for p in fresh}
    rows = [BadgeBatch(None, "Everyone taking part", len(everyone), len(new))]
    for group in event.groups:
        members = [p.id for p in everyone if p.group_id == group.id]
        rows.append(BadgeBatch(group.name, f"Group {group.name}", len(members), len(new.intersection(members))))
    return rows


@reads
def last_printed(uow: UnitOfWork, code: str) -> datetime | None:
    """When the event's badges were last printed (None: never)."""
    return last_badge_print(uow.session, code)


@reads
def preview_badges(uow: UnitOfWork, code: str, *, group: str | None = None, since_last: bool = False,
                   layout: str = "a4") -> bytes:
    """The first page of the batch as PNG (nothing is recorded)."""
    event, parts = _batch(uow, code, group, since_last)
    first_page = parts[:badges.PER_PAGE.get(layout, 1)]  # the rest would be typeset for nothing
    return engine().render(badges.TEMPLATE, _sheet(event, first_page, layout), png=True)


@writes(Topic.PARTICIPANTS)
def write_badges(uow: UnitOfWork, code: str, path: Path, *, group: str | None = None, since_last: bool = False,
                 layout: str = "a4", now: datetime | None = None, progress: Progress = no_progress,
                 cancel: CancelToken | None = None) -> BadgesSaved:
    """The batch's badges as one PDF at `path`, each badge recorded as printed."""
    path = Path(path)
    if path.is_dir():
        raise ValidationError(f"{path} is a folder: give a file name for the badges (.pdf).")
    event, parts = _batch(uow, code, group, since_last)
    progress(0, 1, f"{len(parts)} badges")
    sheet = _sheet(event, parts, layout)
    uow.check(cancel)
    uow.write(path, engine().render(badges.TEMPLATE, sheet))
    log_badges(uow.session, event, [p.person for p in parts], now or datetime.now(timezone.utc))
    progress(1, 1, "")
    uow.check(cancel)
    return BadgesSaved(path, len(parts), layout)
