"""Visa tracking: a participant's visa state, its allowed moves and history, a move and its undo.

`move` is the one way a state changes, for the window, the `visa` command and
whatever records a step on the way (a letter issued moves the state to "letter sent").
"""

from __future__ import annotations

from ..core.registrations import visas
from ..core.registrations.visas import STATES, VisaEntry, VisaMove, VisaView, allowed_from, state_of
from ..core.team.who import by_or_current
from .changes import Topic
from .unit_of_work import UnitOfWork, reads, writes

__all__ = ["STATES", "VisaEntry", "VisaMove", "VisaView", "allowed_from", "move", "state_of", "undo_move", "visa"]


@reads
def visa(uow: UnitOfWork, code: str, email: str) -> VisaView:
    """A participant's visa: state, the states allowed next, destination, processing time, deadline, history."""
    return visas.visa_view(uow.session, code, email)


@writes(Topic.PARTICIPANTS)
def move(uow: UnitOfWork, code: str, email: str, to: str, *, note: str = "", by: str = "") -> VisaMove:
    """Move a participant's visa to `to` as the rule allows (refused: nothing changes, the allowed states named)."""
    return visas.move(uow.session, code, email, to, note=note, by=by_or_current(by))


@writes(Topic.PARTICIPANTS)
def undo_move(uow: UnitOfWork, made: VisaMove) -> None:
    """Undo of `move`: the earlier state back, its history entry gone."""
    visas.undo_move(uow.session, made)
