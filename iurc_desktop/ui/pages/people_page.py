"""The People page: contacts with their organisation; new person, remove (undoably); F2 on a job title edits it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QBoxLayout, QWidget

from ...app.changes import Topic
from ...app.people import PersonRow, count_people, list_people
from ..commands.keyed_records import RemoveRecord
from ..commands.people import PERSON_STEPS, SetPersonField
from ..models.table import Column
from ..shell.context import Context
from .list_page import ListPage
from .record_actions import ask, page_action, push, tool_bar

if TYPE_CHECKING:
    from ...app.people import PersonSummary

NEW_SHORTCUT = "Ctrl+Shift+P"  # Ctrl+N is New event everywhere


class PeoplePage(ListPage):
    title = "People"
    noun = ("person", "people")
    topics = (Topic.PEOPLE, Topic.PARTICIPANTS, Topic.ORGANISATIONS)
    stretch = 3
    wide = (0, 2, 3, 5)  # name, e-mail, organisation, job title
    max_chars = 44

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        columns = (
            Column("Name", "name", "name"),
            Column("Own script", "local_name", "local_name", tooltip="name in the person's own script"),
            Column("E-mail", "email", "email"),
            Column("Organisation", "organisation", "organisation"),
            Column("Country", "country", "country"),
            Column("Job title", "job_title", "job_title", tooltip="F2 to edit", edit=self._edit_job_title),
            Column("Events", "events", "events", numeric=True),
        )
        super().__init__(ctx, list_people, count_people, columns, default_sort="name", parent=parent)
        self.on_dialog: Any = None  # tests reach each opened dialog through this
        self.confirm = lambda title, text: ask(self, title, text)
        self.new_action = page_action(self, "&New person…", "user-plus", NEW_SHORTCUT, self.new_person)
        self.open_action = page_action(self.table, "&Open", "user-pen", "F4", self.open_current,
                                       context=Qt.ShortcutContext.WidgetShortcut)
        self.open_action.setToolTip("Open the person's page to see and edit everything (Enter, double-click or F4)")
        self.remove_action = page_action(self.table, "&Remove", "trash-2", QKeySequence.StandardKey.Delete,
                                         self.remove_current, context=Qt.ShortcutContext.WidgetShortcut)
        layout = self.layout()
        assert isinstance(layout, QBoxLayout)
        layout.insertLayout(0, tool_bar(self.new_action, self.open_action, self.remove_action))

    def _edit_job_title(self, row: PersonRow, value: str) -> bool:
        command = SetPersonField(self.ctx.db, self.ctx.changes, self.ctx.report, row.id, row.name, "job_title", row.job_title,
                                 value, version=row.version)
        self.ctx.undo.push(command)
        return True

    def new_person(self) -> None:
        from ..dialogs.person_dialog import PersonDialog
        from ..widgets.record_form import open_dialog  # with the dialogs: the page opens without them

        try:
            dialog = PersonDialog(self.ctx, parent=self)
        except Exception as exc:  # the organisations could not be read
            self.ctx.report(exc)
            return
        open_dialog(dialog, self.on_dialog)

    def open_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.row_activated.emit(row)

    def remove_current(self) -> None:
        """Remove the selected person; when they take part in events, say what goes with them first."""
        from ...app.people import person_summary_of

        row = self.current_row()
        if row is None:
            return
        try:
            summary = person_summary_of(self.ctx.db, row.id)
        except Exception as exc:
            self.ctx.report(exc)
            return
        question = removal_question(row.name, summary)
        if question and not self.confirm("Remove person", question):
            return
        done = push(self.ctx, RemoveRecord(self.ctx.db, self.ctx.changes, self.ctx.report, PERSON_STEPS, row.id, row.name))
        if done:
            self.status.emit(done)


def removal_question(name: str, summary: PersonSummary) -> str:
    """What removing a person takes with them, asked before; "" when they are in no event."""
    went = [f"{n} {noun}{'' if n == 1 else 's'}" for n, noun in
            ((len(summary.events), "participation"), (len(summary.legs), "travel leg"), (len(summary.stays), "hotel stay")) if n]
    return f"Remove {name}? Going with them: {', '.join(went)}. You can undo this (Ctrl+Z)." if went else ""
