"""Optimistic concurrency: no edit silently overwrites another person's.

People, events, items and participations carry a `version` that every UPDATE
checks and raises (SQLAlchemy's `version_id_col`, migration 0005). Two ways in:

- a page that showed a row at some version saves with `save_with_version`, which
  refuses if the row moved on since, naming what the other person changed;
- two units of work racing on one row: the loser's flush fails with
  `StaleDataError`, which `Database.transaction` turns into the same
  `EditConflict` through `conflict_from_stale`.

Either way the error carries both sides as plain dicts, and `apply_mine` puts
the user's own change on top of the other person's once they have seen it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from ..errors import Conflict, NotFound, ValidationError
from ..models import Base, Event, Item, Participation, Person

# The rows a person edits, by the name the messages use.
VERSIONED: dict[str, type[Base]] = {"person": Person, "event": Event, "item": Item, "participation": Participation}
_KIND_OF = {model: kind for kind, model in VERSIONED.items()}
# Columns an edit never sets by hand.
_INTERNAL = frozenset({"id", "version", "search_text"})


@dataclass(frozen=True)
class RowRef:
    """Which row a conflict is about: its kind (see VERSIONED), id and a label a person recognises."""

    kind: str
    row_id: int
    label: str


class EditConflict(Conflict):
    """Someone else saved the same row first; `mine` and `theirs` hold both sides of the changed fields."""

    def __init__(self, row: RowRef, mine: Mapping[str, Any], theirs: Mapping[str, Any], *, my_version: int, their_version: int | None) -> None:
        self.row = row
        self.mine = dict(mine)
        self.theirs = dict(theirs)
        self.my_version = my_version
        self.their_version = their_version  # None: the row was deleted meanwhile
        super().__init__(self._message())

    def _message(self) -> str:
        what = f"this {self.row.kind} ({self.row.label})"
        if self.their_version is None:
            return f"Someone else deleted {what} while you were editing it; your change was not saved."
        theirs = ", ".join(f"{k} to {_shown(v)}" for k, v in self.theirs.items() if self.mine.get(k, _MISSING) != v) or "other fields"
        mine = ", ".join(f"{k}: {_shown(v)}" for k, v in self.mine.items())
        return (
            f"Someone else saved {what} while you were editing it: they changed {theirs}. "
            f"Your change ({mine}) was not saved. Reload to see their version, or apply yours on top of it."
        )


_MISSING = object()


def _shown(value: Any) -> str:
    return "(empty)" if value in ("", None) else repr(value) if isinstance(value, str) else str(value)


def kind_of(model: type[Base]) -> str:
    """The name of a versioned model as messages use it."""
    try:
        return _KIND_OF[model]
    except KeyError:
        raise ValidationError(f"{model.__name__} rows are not edited with versions (versioned: {', '.join(VERSIONED)})") from None


def label_of(row: Base) -> str:
    """A short name a person recognises for a row."""
    if isinstance(row, Person):
        return row.display_name or row.email or f"#{row.id}"
    if isinstance(row, Event):
        return row.code
    if isinstance(row, Item):
        return f"{row.key}: {row.title}"
    if isinstance(row, Participation):
        return f"participation #{row.id}"
    return f"#{getattr(row, 'id', '?')}"


def _check_fields(model: type[Base], fields: Mapping[str, Any]) -> None:
    columns = set(inspect(model).columns.keys()) - _INTERNAL
    unknown = sorted(set(fields) - columns)
    if unknown:
        raise ValidationError(f"{', '.join(unknown)} cannot be edited on a {kind_of(model)} (fields: {', '.join(sorted(columns))})")


def save_with_version(
    session: Session,
    model: type[Base],
    row_id: int,
    expected_version: int,
    changes: Mapping[str, Any],
    *,
    seen: Mapping[str, Any] | None = None,
) -> int:
    """Apply `changes` if the row is still at `expected_version`; returns the new version.

    `seen` (optional) are the values the user was looking at: when given, the
    conflict also names fields the other person changed outside `changes`.
    """
    kind = kind_of(model)
    _check_fields(model, changes)
    # Lock the row (PostgreSQL) so nobody commits between the comparison and the write.
    row = session.scalars(
        select(model).where(model.id == row_id).with_for_update().execution_options(populate_existing=True)  # type: ignore[attr-defined]
    ).first()
    if row is None:
        raise NotFound(f"There is no {kind} with id {row_id}; someone may have deleted it.")
    current = row.version  # type: ignore[attr-defined]
    if current != expected_version:
        theirs = {field: getattr(row, field) for field in changes}
        for field, value in (seen or {}).items():
            if hasattr(row, field) and getattr(row, field) != value:
                theirs[field] = getattr(row, field)
        raise EditConflict(RowRef(kind, row_id, label_of(row)), changes, theirs, my_version=expected_version, their_version=current)
    changed = [field for field, value in changes.items() if getattr(row, field) != value]
    for field in changed:
        setattr(row, field, changes[field])
    if changed:
        session.flush()
    return row.version  # type: ignore[attr-defined,no-any-return]


def apply_mine(session: Session, conflict: EditConflict) -> int:
    """Put the user's own change on top of the other person's version (after they have seen it)."""
    if conflict.their_version is None:
        raise NotFound(f"The {conflict.row.kind} {conflict.row.label} was deleted; there is nothing to apply your change to.")
    return save_with_version(session, VERSIONED[conflict.row.kind], conflict.row.row_id, conflict.their_version, conflict.mine)


def version_of(session: Session, model: type[Base], row_id: int) -> int:
    """The row's current version, as a page keeps it beside what it shows."""
    found = session.scalar(select(model.version).where(model.id == row_id))  # type: ignore[attr-defined]
    if found is None:
        raise NotFound(f"There is no {kind_of(model)} with id {row_id}.")
    return int(found)


@dataclass(frozen=True)
class _Pending:
    row: RowRef
    model: type[Base]
    mine: dict[str, Any]
    my_version: int
    seen: dict[str, Any]


def pending_edits(session: Session) -> list[_Pending]:
    """The unsaved changes of versioned rows in a session, read before it is rolled back."""
    found = []
    for obj in list(session.dirty):
        model = type(obj)
        if model not in _KIND_OF:
            continue
        state = inspect(obj)
        mine, seen = {}, {}
        for attr in state.mapper.column_attrs:
            if attr.key in _INTERNAL:
                continue
            history = state.attrs[attr.key].history
            if history.added:
                mine[attr.key] = history.added[0]
            if history.deleted:
                seen[attr.key] = history.deleted[0]
            elif attr.key in state.dict:
                seen[attr.key] = state.dict[attr.key]
        loaded_version = state.committed_state.get("version", state.dict.get("version"))
        row_id = state.identity[0] if state.identity else state.dict.get("id")
        found.append(_Pending(RowRef(_KIND_OF[model], row_id, label_of(obj)), model, mine, loaded_version, seen))
    return found


PENDING_KEY = "iurc_pending_edits"


def _remember_pending(session: Session, _context: object, _instances: object) -> None:
    # A failed flush resets the rows' history, so what the user changed is noted before each flush.
    session.info[PENDING_KEY] = pending_edits(session)


def track_edits(sessions: sessionmaker[Session]) -> None:
    """Note each flush's versioned edits in `session.info`, for `conflict_from_stale` after a failure."""
    event.listen(sessions, "before_flush", _remember_pending)


def conflict_from_stale(pending: list[_Pending], session: Session) -> EditConflict | None:
    """The conflict behind a StaleDataError: the pending row whose version moved on, with their values."""
    for edit in pending:
        row = session.get(edit.model, edit.row.row_id, populate_existing=True)
        if row is None:
            return EditConflict(edit.row, edit.mine, {}, my_version=edit.my_version, their_version=None)
        if row.version != edit.my_version:  # type: ignore[attr-defined]
            theirs = {field: getattr(row, field) for field in edit.mine}
            theirs.update({f: getattr(row, f) for f, v in edit.seen.items() if getattr(row, f) != v})
            return EditConflict(edit.row, edit.mine, theirs, my_version=edit.my_version, their_version=row.version)  # type: ignore[attr-defined]
    return None
