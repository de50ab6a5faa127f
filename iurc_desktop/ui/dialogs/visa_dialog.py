"""A participant's visa: where it stands, the application deadline, its history, and a move to a next state.

Only the states the rule allows next are offered (core/registrations/visas.py); the
move is one undoable step, and a refusal (someone moved it meanwhile) shows here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from ...app.visas import VisaView
from ...core import local_times, timeutil
from ...core.errors import IurcError
from ..commands.base import Reporter, ServiceCommand
from ..commands.visas import MoveVisa
from ..models.table import Column, RowsTableModel
from ..pages.list_page import fit_columns, make_table
from ..shell.context import Context
from ..widgets.record_form import RecordDialog, open_dialog

SETTLED = ("granted", "not needed", "")


def intro(view: VisaView) -> str:
    """The heading: who, the state, and the deadline while one matters."""
    text = f"<b>{view.name}</b> in {view.event_code}: visa <b>{view.state or 'not recorded'}</b>."
    if view.state not in SETTLED:
        text += (f" Apply by <b>{local_times.calendar_date(view.deadline)}</b>: departure"
                 f" {local_times.calendar_date(view.departure)} minus {view.processing_days} days for"
                 f" {view.destination or 'the destination'}"
                 + (" (a default; check the consulate, or set the event's own)." if view.processing_default
                    else " (set for this event)."))
    return text


def history_columns(zone: str) -> tuple[Column, ...]:
    """Each change on the viewer's clock, who made it, from and to which state, and its note."""
    return (
        Column(f"When ({zone})", lambda h: local_times.stamp(timeutil.to_local(h.at_utc, zone))),
        Column("By", "by"),
        Column("From", "from_state", fmt=lambda v: str(v) or "not recorded"),
        Column("To", "to_state"),
        Column("Note", "note"),
    )


class VisaDialog(RecordDialog):
    """Shows a participant's visa and moves it to one of the states allowed next."""

    def __init__(self, ctx: Context, view: VisaView, parent: QWidget | None = None) -> None:
        super().__init__(ctx, f"Visa · {view.name}", parent, intro=intro(view))
        self.setAccessibleName("Visa")
        self.view = view
        self.to = QComboBox()
        for state in view.allowed:
            self.to.addItem(state, state)
        self.form.add("to", "&Move to", self.to, "" if view.allowed else "Granted is final: nothing follows it.")
        self.to.setEnabled(bool(view.allowed))
        self.note = QLineEdit()
        self.note.setMaxLength(300)
        self.note.setPlaceholderText("e.g. appointment on 12 March at the Seoul consulate")
        self.form.add("note", "&Note", self.note)
        self.model = RowsTableModel(history_columns(ctx.viewer_zone), view.history, parent=self)
        self.history = make_table("Visa history")
        self.history.setModel(self.model)
        self.history.setVisible(bool(view.history))
        self.layout().insertWidget(2, self.history)
        fit_columns(self.history, 4, 60)
        self.resize(720, 420 if view.history else 240)

    def command(self, report: Reporter) -> ServiceCommand | None:
        to = self.to.currentData()
        if not to:
            return None
        return MoveVisa(self.ctx.db, self.ctx.changes, report, self.view.event_code, self.view.email, self.view.name,
                        to, self.note.text().strip())


def open_visa_dialog(ctx: Context, parent: QWidget | None, code: str, email: str,
                     on_open: Callable[[VisaDialog], None] | None = None) -> VisaDialog | None:
    """Open the visa dialog of participant `email` of `code`; None (the window says why) when they are gone."""
    from ...app.visas import visa

    try:
        view = visa(ctx.db, code, email)
    except IurcError as exc:
        ctx.report(exc)
        return None
    dialog = VisaDialog(ctx, view, parent)
    open_dialog(dialog, on_open)  # type: ignore[arg-type]
    return dialog
