"""The outbox: e-mails queued in the same transaction as the action that made them, then sent one by one.

A message moves queued → sending → sent, or failed (the server refused it, with
its reason), or back to queued (the server asked to try later; attempts + 1).
The user may cancel what is not sent yet and retry what failed or was cancelled.
`review` holds a message whose fate is unknown (see `interrupted`).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Optional

from sqlalchemy import Select, delete, func, or_, select, update
from sqlalchemy.orm import Session, defer

from ..errors import ValidationError
from ..models import Event, OutboxMessage
from ..programme.schema import Fields
from ..timeutil import utc_now
from .draft import KINDS, STATES, Draft
from .message import Sender, build, header_text, new_message_id

RETRYABLE = ("failed", "cancelled", "review")  # retry puts these back in the queue
CANCELLABLE = ("queued", "failed", "review")  # never one being sent or already sent
# Longer than any one attempt can take (connecting, then each SMTP step, under smtp.TIMEOUT): a message
# "sending" for longer was left so by a sender that stopped, not one still at work in another window.
STALE = timedelta(minutes=10)

Listed = tuple[OutboxMessage, Optional[str]]  # a message (its raw bytes not loaded) and its event's code


def queue(session: Session, drafts: Sequence[Draft], *, sender: Sender, now: datetime | None = None) -> list[int]:
    """Queue each draft as one message from `sender`; all or none (a bad address refuses the lot, naming whom)."""
    _check(drafts, sender)
    now = now or utc_now()
    rows = []
    for draft in drafts:
        message_id = new_message_id(sender)
        rows.append(OutboxMessage(
            state="queued", kind=draft.kind, person_id=draft.person_id, event_id=draft.event_id,
            # the list's columns are clipped to their size; the message itself keeps everything
            to_address=draft.to_address.strip(), to_name=header_text(draft.to_name)[:300],
            subject=header_text(draft.subject), language=(draft.language or "en")[:20], message_id=message_id,
            raw=build(_stripped(draft), sender, message_id, now), queued_at=now, attempts=0, last_error="",
        ))
    session.add_all(rows)
    session.flush()
    return [row.id for row in rows]


def _stripped(draft: Draft) -> Draft:
    return replace(draft, to_address=draft.to_address.strip())


def _check(drafts: Sequence[Draft], sender: Sender) -> None:
    problems = [problem] if (problem := sender_problem(sender)) else []
    for number, draft in enumerate(drafts, 1):
        who = f"message {number} (to {header_text(draft.to_name) or 'a recipient with no name'})"
        reason = _address_problem(draft.to_address.strip())
        if reason:
            problems.append(f"{who}: {reason}")
        if draft.kind not in KINDS:
            problems.append(f"{who}: {draft.kind!r} is not a kind of message (one of: {', '.join(KINDS)})")
    if problems:
        raise ValidationError(problems + ["Nothing was queued."])


def sender_problem(sender: Sender) -> str:
    """Why messages cannot come from `sender` (no address, or not an e-mail address), or ""."""
    if _is_address(sender.address):
        return ""
    return ("The sender's address is not set or not an e-mail address: set it in the mail settings"
            " (`mail-settings --from ADDRESS`).")


def _address_problem(address: str) -> str:
    """Why `address` is not one to send to (the app's e-mail rule), or ""."""
    if not address:
        return "no e-mail address"
    problems: list[str] = []
    Fields({"address": address}, "", problems, ("address",)).email("address")
    return problems[0].partition(": ")[2] if problems else ""


def _is_address(address: str) -> bool:
    return bool(address) and not _address_problem(address)


def counts(session: Session, ids: Sequence[int] | None = None, *, event_id: int | None = None) -> dict[str, int]:
    """How many messages (of `ids`, or about one event, else all) are in each state (every state named, 0 included)."""
    stmt = select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state)
    if ids is not None:
        stmt = stmt.where(OutboxMessage.id.in_(list(ids)))
    if event_id is not None:
        stmt = stmt.where(OutboxMessage.event_id == event_id)
    found = dict(session.execute(stmt).all())
    return {state: int(found.get(state, 0)) for state in STATES}


def listing(session: Session, state: str | None = None, *, limit: int | None = None, offset: int = 0,
            event_id: int | None = None) -> list[Listed]:
    """Messages, newest first, in one state or all (about one event, or any); without their raw bytes."""
    if state is not None and state not in STATES:
        raise ValidationError(f"{state!r} is not a state of the outbox (one of: {', '.join(STATES)})")
    stmt = _listed().order_by(OutboxMessage.id.desc()).offset(offset).limit(limit)
    if state is not None:
        stmt = stmt.where(OutboxMessage.state == state)
    if event_id is not None:
        stmt = stmt.where(OutboxMessage.event_id == event_id)
    return [(row, code) for row, code in session.execute(stmt).all()]


def event_codes(session: Session) -> list[str]:
    """The events some message is about, by code."""
    return list(session.scalars(select(Event.code).where(Event.id.in_(select(OutboxMessage.event_id))).order_by(Event.code)))


def messages_for(session: Session, *, person_id: int | None = None, event_id: int | None = None) -> list[Listed]:
    """What was queued or sent to a person, or about an event (or both), newest first."""
    stmt = _listed().order_by(OutboxMessage.id.desc())
    if person_id is not None:
        stmt = stmt.where(OutboxMessage.person_id == person_id)
    if event_id is not None:
        stmt = stmt.where(OutboxMessage.event_id == event_id)
    return [(row, code) for row, code in session.execute(stmt).all()]


def _listed() -> Select[tuple[OutboxMessage, Optional[str]]]:
    return (select(OutboxMessage, Event.code).outerjoin(Event, Event.id == OutboxMessage.event_id)
            .options(defer(OutboxMessage.raw)))


def retry(session: Session, ids: Iterable[int]) -> list[tuple[int, str]]:
    """Put failed, cancelled and review messages back in the queue; (id, state before) of each one moved."""
    return _move(session, ids, RETRYABLE, "queued")


def cancel(session: Session, ids: Iterable[int]) -> list[tuple[int, str]]:
    """Cancel messages not sent yet; (id, state before) of each one cancelled (`retry` undoes it)."""
    return _move(session, ids, CANCELLABLE, "cancelled")


def _move(session: Session, ids: Iterable[int], allowed: tuple[str, ...], to: str) -> list[tuple[int, str]]:
    wanted = sorted(set(ids))
    if not wanted:
        return []
    moved = [(i, s) for i, s in session.execute(
        select(OutboxMessage.id, OutboxMessage.state)
        .where(OutboxMessage.id.in_(wanted), OutboxMessage.state.in_(allowed)).with_for_update()).all()]
    if moved:
        session.execute(update(OutboxMessage).where(OutboxMessage.id.in_([i for i, _ in moved]),
                                                    OutboxMessage.state.in_(allowed)).values(state=to))
    return moved


def queued_ids(session: Session) -> list[int]:
    """The queued messages, oldest first: the order they are sent in."""
    return list(session.scalars(select(OutboxMessage.id).where(OutboxMessage.state == "queued").order_by(OutboxMessage.id)))


def claim(session: Session, message: int, now: datetime | None = None) -> OutboxMessage | None:
    """Mark one queued message as being sent by this process (attempts + 1); None when it is no longer queued.

    The state is checked in the UPDATE itself, so of two senders (two windows, a window and the command line)
    only one claims a message."""
    done = session.execute(update(OutboxMessage)
                           .where(OutboxMessage.id == message, OutboxMessage.state == "queued")
                           .values(state="sending", tried_at=now or utc_now(), tried_by=_this_process(),
                                   attempts=OutboxMessage.attempts + 1))
    if done.rowcount != 1:
        return None
    return session.get(OutboxMessage, message, populate_existing=True)


def settle(session: Session, message: int, state: str, *, reason: str = "", now: datetime | None = None) -> None:
    """What became of a message being sent: sent, failed, queued again (a temporary failure) or review."""
    values: dict[str, object] = {"state": state, "last_error": reason}
    if state == "sent":
        values["sent_at"] = now or utc_now()
    session.execute(update(OutboxMessage).where(OutboxMessage.id == message, OutboxMessage.state == "sending")
                    .values(**values))


def interrupted(session: Session, now: datetime | None = None) -> int:
    """Move messages left "sending" by a sender that stopped (a crash, a killed process) to review; how many.

    Their fate is unknown: the server may have accepted one just before the app stopped, with the
    "sent" mark never written. Sending it again could give the recipient two copies; dropping it
    could lose it. Neither is right without a person, so the user chooses: Retry sends the same bytes
    under the same Message-ID (mail programs then show one message), Cancel keeps it from going.
    A sender is known to have stopped when it was a process of this computer that no longer runs, or,
    for one elsewhere (a team's shared database), when its attempt began longer ago than any can last."""
    cutoff = (now or utc_now()) - STALE
    left = session.execute(select(OutboxMessage.id, OutboxMessage.tried_at, OutboxMessage.tried_by)
                           .where(OutboxMessage.state == "sending")).all()
    stopped = [i for i, at, by in left if (at is not None and at < cutoff) or _gone(by)]
    if not stopped:
        return 0
    session.execute(update(OutboxMessage).where(OutboxMessage.id.in_(stopped), OutboxMessage.state == "sending")
                    .values(state="review", last_error="The app stopped while sending this message: it may have"
                            " arrived. Retry to send it again, or cancel it."))
    return len(stopped)


def _this_process() -> str:
    return f"{socket.gethostname()}/{os.getpid()}"


def _gone(tried_by: str) -> bool:
    """Whether the process `tried_by` names ran on this computer and runs no more (elsewhere: unknown, False)."""
    host, _, pid_text = tried_by.rpartition("/")
    if host != socket.gethostname() or not pid_text.isdigit() or int(pid_text) == os.getpid() or os.name != "posix":
        return False  # on Windows there is no harmless way to ask: the age rule decides
    try:
        os.kill(int(pid_text), 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return True
    except OSError:
        return False  # it exists, as another user's process: its id was reused
    return False  # running (or its id reused): wait for the age rule rather than risk a second copy


def remove_for_person(session: Session, person_id: int, email: str | None) -> int:
    """Delete every message to a person (queued or sent: the text is their personal data); how many."""
    who = [OutboxMessage.person_id == person_id]
    if email:
        who.append(func.lower(OutboxMessage.to_address) == email.strip().lower())
    return session.execute(delete(OutboxMessage).where(or_(*who))).rowcount or 0


def restore(session: Session, moved_to: str, before: Iterable[tuple[int, str]]) -> int:
    """Put messages moved to `moved_to` back to their earlier states, those not moved on since; how many."""
    count = 0
    for message, state in before:
        count += session.execute(update(OutboxMessage).where(OutboxMessage.id == message, OutboxMessage.state == moved_to)
                                 .values(state=state)).rowcount or 0
    return count
