"""The Organisations page: cities, regions, prefectures and bodies, with their zones; new, edit, remove."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QBoxLayout, QWidget

from ...app.changes import Topic
from ...app.people import OrganisationRow, count_organisations, list_organisations
from ..commands.keyed_records import RemoveRecord
from ..commands.organisations import ORGANISATION_STEPS
from ..models.table import Column
from ..shell.context import Context
from .events_page import kind_label
from .list_page import ListPage
from .record_actions import ask, page_action, push, tool_bar

NEW_SHORTCUT = "Ctrl+Shift+O"  # Ctrl+N is New event everywhere


class OrganisationsPage(ListPage):
    title = "Organisations"
    noun = ("organisation", "organisations")
    topics = (Topic.ORGANISATIONS, Topic.PEOPLE)
    stretch = 0
    wide = (0, 1, 5)  # name, own-script name, zone
    max_chars = 48

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        columns = (
            Column("Name", "name", "name"),
            Column("Own script", "local_name", "local_name", tooltip="name in its own script"),
            Column("Kind", "kind", "kind", fmt=kind_label),
            Column("Sector", "sector", "sector", fmt=kind_label, tooltip="helix sector"),
            Column("Country", "country", "country"),
            Column("Zone", "zone", "zone"),
            Column("People", "people", "people", numeric=True),
        )
        super().__init__(ctx, list_organisations, count_organisations, columns, default_sort="name", parent=parent)
        self.on_dialog: Any = None  # tests reach each opened dialog through this
        self.confirm = lambda title, text: ask(self, title, text)
        self.new_action = page_action(self, "&New organisation…", "plus", NEW_SHORTCUT, self.new_organisation)
        self.edit_action = page_action(self.table, "&Edit…", "pencil", "F4", self.edit_current,
                                       context=Qt.ShortcutContext.WidgetShortcut)
        self.remove_action = page_action(self.table, "&Remove", "trash-2", QKeySequence.StandardKey.Delete,
                                         self.remove_current, context=Qt.ShortcutContext.WidgetShortcut)
        self.edit_action.setToolTip("Edit the selected organisation (Enter, double-click or F4)")
        layout = self.layout()
        assert isinstance(layout, QBoxLayout)
        layout.insertLayout(0, tool_bar(self.new_action, self.edit_action, self.remove_action))
        self.row_activated.connect(self.edit)

    def new_organisation(self) -> None:
        from ..dialogs.organisation_dialog import OrganisationDialog
        from ..widgets.record_form import open_dialog  # with the dialogs: the page opens without them

        dialog = OrganisationDialog(self.ctx, parent=self)
        dialog.accepted.connect(lambda: self.status.emit(f"Added the organisation {dialog.values()['name']}."))
        open_dialog(dialog, self.on_dialog)

    def edit_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.edit(row)

    def edit(self, row: OrganisationRow) -> None:
        from ...app.organisations import organisation_entry
        from ..dialogs.organisation_dialog import OrganisationDialog
        from ..widgets.record_form import open_dialog

        try:
            entry = organisation_entry(self.ctx.db, row.key)
        except Exception as exc:
            self.ctx.report(exc)
            return
        open_dialog(OrganisationDialog(self.ctx, entry, parent=self), self.on_dialog)

    def remove_current(self) -> None:
        """Remove the selected organisation; when people, items, clusters or pairings refer to it, say what happens first."""
        from ...app.organisations import organisation_ties

        row = self.current_row()
        if row is None:
            return
        try:
            consequences = organisation_ties(self.ctx.db, row.key).consequences()
        except Exception as exc:
            self.ctx.report(exc)
            return
        if consequences and not self.confirm(
            "Remove organisation", f"Remove {row.name}? {consequences[0].upper()}{consequences[1:]}. You can undo this (Ctrl+Z)."
        ):
            return
        done = push(self.ctx, RemoveRecord(self.ctx.db, self.ctx.changes, self.ctx.report, ORGANISATION_STEPS, row.key, row.name))
        if done:
            self.status.emit(done)
