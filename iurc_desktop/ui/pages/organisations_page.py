"""The Organisations page: cities, regions, prefectures and bodies, with their zones."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...app.changes import Topic
from ...app.people import count_organisations, list_organisations
from ..models.table import Column
from ..shell.context import Context
from .events_page import kind_label
from .list_page import ListPage


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
