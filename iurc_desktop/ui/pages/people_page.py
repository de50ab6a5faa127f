"""The People page: contacts with their organisation; F2 on a job title edits it (undoably)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...app.changes import Topic
from ...app.people import PersonRow, count_people, list_people
from ..commands.people import SetPersonField
from ..models.table import Column
from ..shell.context import Context
from .list_page import ListPage


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

    def _edit_job_title(self, row: PersonRow, value: str) -> bool:
        command = SetPersonField(self.ctx.db, self.ctx.changes, self.ctx.report, row.id, row.name, "job_title", row.job_title,
                                 value, version=row.version)
        self.ctx.undo.push(command)
        return True
