"""The roster export dialog: kind, item, columns (sensitive ones need consent), saved layouts, preview, Save.

Saving streams on the window's worker with a progress bar in the dialog; its
Cancel stops the export and leaves no file. The save-path chooser, the layout
name prompt and the layouts folder are attributes so tests can replace them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QFormLayout, QHBoxLayout, QInputDialog, QLabel, QListWidget, QListWidgetItem,
    QProgressBar, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from ...app import events, rosters
from ...app.rosters import KINDS, TITLES, ColumnInfo, roster_columns
from ...core import layouts, local_times
from .. import operations_export as ops
from ..models.roster_preview import RosterPreviewModel
from ..models.table import Column
from ..pages.list_page import make_table
from ..shell.context import Context
from ..worker import Task, is_cancelled

PREVIEW_ROWS = 20
ROSTER_FILTER = "Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)"
KEY_ROLE = Qt.ItemDataRole.UserRole


class ExportRosterDialog(QDialog):
    """Export one roster of the event `code`."""

    saved = Signal(object)  # the app's RosterResult

    def __init__(self, ctx: Context, code: str, kind: str = "participants", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.code = ctx, code
        self.setWindowTitle(f"Export a roster — {code}")
        self.choose_path = lambda title, name, filters: ops.ask_save_path(self, title, name, filters)
        self.ask_name = self._ask_name
        self.layouts_folder: Path | None = None  # None: the user's config folder
        self.task: Task | None = None
        self.items = events.event_detail(ctx.db, code).items

        self.kind = QComboBox()
        self.kind.setAccessibleName("Roster kind")
        for key in KINDS:
            self.kind.addItem(TITLES[key], key)
        self.item = QComboBox()
        self.item.setAccessibleName("Item")
        self.layout_choice = QComboBox()
        self.layout_choice.setAccessibleName("Saved layouts")
        self.layout_choice.setMinimumContentsLength(14)
        self.layout_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.columns = QListWidget()
        self.columns.setAccessibleName("Columns")
        self.personal = QLabel()
        self.personal.setWordWrap(True)
        self.personal.setAccessibleName("Personal data in this file")
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName("Personal data warning")
        self.confirm = QCheckBox("The recipient needs this personal data: include it")
        self.confirm.setAccessibleName("Include personal data")
        self.preview_caption = QLabel()
        self.preview_caption.setWordWrap(True)
        self.preview_model = RosterPreviewModel((), parent=self)
        self.preview_table = make_table("Roster preview")
        self.preview_table.setModel(self.preview_model)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Export progress")
        self.progress.setVisible(False)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.save_button = QPushButton("Save as…")
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton("Cancel export")
        self.cancel_button.setEnabled(False)
        self.close_button = QPushButton("Close")
        self._build()

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.item.currentIndexChanged.connect(self.refresh_preview)
        self.columns.itemChanged.connect(self._columns_changed)
        self.confirm.toggled.connect(self._update_consent)
        self.layout_choice.activated.connect(self._layout_chosen)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.cancel_export)
        self.close_button.clicked.connect(self.reject)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self._kind_changed()
        self.resize(1000, 620)

    def _build(self) -> None:
        form = QFormLayout()
        form.addRow("&Roster:", self.kind)
        form.addRow("&Item:", self.item)
        layout_row = QHBoxLayout()
        layout_row.addWidget(self.layout_choice, 1)
        for text, slot in (("Save layout…", self.save_layout), ("Delete", self.delete_layout)):
            button = QPushButton(text)
            button.setAccessibleName(f"{text.rstrip('…')}")
            button.clicked.connect(slot)
            layout_row.addWidget(button)
        layout_label = QLabel("&Layout:")
        layout_label.setBuddy(self.layout_choice)
        form.addRow(layout_label, layout_row)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(form)
        caption = QLabel("<b>Columns</b> (⚠ personal data that needs your consent; "
                         "• personal data this recipient needs)")
        caption.setWordWrap(True)
        left_layout.addWidget(caption)
        left_layout.addWidget(self.columns, 1)
        left_layout.addWidget(self.personal)
        left_layout.addWidget(self.warning)
        left_layout.addWidget(self.confirm)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.preview_caption)
        right_layout.addWidget(self.preview_table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([400, 600])
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.result_label, 2)
        for button in (self.cancel_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    # --- state ---------------------------------------------------------------------------
    @property
    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def chosen_columns(self) -> tuple[str, ...]:
        return tuple(self.columns.item(r).data(KEY_ROLE) for r in range(self.columns.count())
                     if self.columns.item(r).checkState() == Qt.CheckState.Checked)

    def sensitive_chosen(self) -> list[ColumnInfo]:
        chosen = set(self.chosen_columns())
        return [c for c in self._catalogue if c.sensitive and c.key in chosen]

    def item_key(self) -> str | None:
        return self.item.currentData() or None

    # --- kind, item, columns ---------------------------------------------------------
    def _kind_changed(self, _index: int = 0) -> None:
        kind = self.current_kind
        self._catalogue = roster_columns(kind)
        self.item.blockSignals(True)
        self.item.clear()
        if kind == "host":
            for item in self.items:
                if item.host:
                    self.item.addItem(f"{local_times.moment(item.start)} · {item.title} (host: {item.host})", item.key)
        elif kind == "needs":
            self.item.addItem("Every item", "")
            for item in self.items:
                self.item.addItem(f"{local_times.moment(item.start)} · {item.title}", item.key)
        else:
            self.item.addItem("(not needed for this roster)", "")
        self.item.setEnabled(kind in ("host", "needs"))
        self.item.blockSignals(False)
        self._fill_columns({c.key for c in self._catalogue if c.default})
        self._fill_layouts()

    def _fill_columns(self, ticked: set[str]) -> None:
        self.columns.blockSignals(True)
        self.columns.clear()
        for info in self._catalogue:
            mark = f"   ⚠ {info.why}" if info.sensitive else (f"   • {info.why}" if info.why else "")
            text = info.header.replace("{zone}", "local time") + mark
            entry = QListWidgetItem(text)
            entry.setData(KEY_ROLE, info.key)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked if info.key in ticked else Qt.CheckState.Unchecked)
            if info.sensitive:
                entry.setToolTip(f"Personal data ({info.why}): include it only if the recipient needs it.")
            elif info.why:
                entry.setToolTip(f"Personal data ({info.why}), included by default: {info.need}.")
            self.columns.addItem(entry)
        self.columns.blockSignals(False)
        self._columns_changed()

    def set_column(self, key: str, checked: bool) -> None:
        """Tick or untick the column `key` (as a click on its box does)."""
        for row in range(self.columns.count()):
            entry = self.columns.item(row)
            if entry.data(KEY_ROLE) == key:
                entry.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                return
        raise KeyError(key)

    def _columns_changed(self, _item: object = None) -> None:
        sensitive = self.sensitive_chosen()
        self.confirm.blockSignals(True)
        self.confirm.setChecked(self.confirm.isChecked() and bool(sensitive))
        self.confirm.blockSignals(False)
        self.warning.setVisible(bool(sensitive))
        self.confirm.setVisible(bool(sensitive))
        if sensitive:
            what = ", ".join(f"{c.header.replace('{zone}', 'local time')} ({c.why})" for c in sensitive)
            self.warning.setText(f"⚠ <b>Personal data:</b> {what}. Send it only to a recipient who needs it, "
                                 "and confirm below before saving.")
        self._update_consent()

    def _say_personal_data(self) -> None:
        """Each personal column the file will carry, and why it goes out (the recipient's need, or your consent)."""
        columns = self.chosen_columns()
        self.personal.setVisible(bool(columns))
        if columns:
            personal = rosters.personal_data(self.current_kind, columns, confirmed=self.confirm.isChecked())
            self.personal.setText(rosters.personal_data_text(personal, self.current_kind))

    def _update_consent(self, _checked: bool = False) -> None:
        self._say_personal_data()  # its words follow the consent box
        missing = bool(self.sensitive_chosen()) and not self.confirm.isChecked()
        busy = self.task is not None
        self.save_button.setEnabled(not missing and not busy and bool(self.chosen_columns()))
        self.save_button.setToolTip("Confirm the personal data first" if missing else "")
        self.refresh_preview()

    # --- preview -------------------------------------------------------------------------
    def refresh_preview(self, _index: int = 0) -> None:
        """The first rows as they would be written; problems (a missing item) are said here, not in a box.

        The preview stays on this screen, which shows personal data anyway: consent is asked for the file only.
        """
        columns = self.chosen_columns()
        try:
            if not columns:
                raise ValueError("Tick at least one column.")
            headers, rows = rosters.preview_roster(self.ctx.db, self.code, self.current_kind, item_key=self.item_key(),
                                                   columns=columns, include_sensitive=True, limit=PREVIEW_ROWS)
        except Exception as exc:
            self.preview_model.set_table((), ())
            self.preview_caption.setText(f"No preview: {exc}")
            return
        self.preview_model.set_table(tuple(Column(h, lambda r, i=i: r[i]) for i, h in enumerate(headers)), rows)
        more = " (the first ones)" if len(rows) == PREVIEW_ROWS else ""
        self.preview_caption.setText(f"<b>Preview</b>: {len(rows)} rows{more}, as they will be written.")
        self.preview_table.resizeColumnsToContents()
        widest = self.preview_table.fontMetrics().averageCharWidth() * 32  # long names elide; the full text is a tooltip
        for column in range(self.preview_model.columnCount()):
            self.preview_table.setColumnWidth(column, min(self.preview_table.columnWidth(column), widest))

    def preview_rows(self) -> list[tuple[str, ...]]:
        """The preview's cells as shown."""
        model = self.preview_model
        return [tuple(model.index(r, c).data() for c in range(model.columnCount())) for r in range(model.rowCount())]

    # --- layouts -------------------------------------------------------------------------
    def _fill_layouts(self, select: str = "") -> None:
        self.layout_choice.clear()
        self.layout_choice.addItem("— saved layouts —", "")
        try:
            found = layouts.list_layouts(self.current_kind, folder=self.layouts_folder)
        except Exception as exc:
            self.layout_choice.setToolTip(str(exc))
            return
        for layout in found:
            self.layout_choice.addItem(layout.name, layout.name)
        self.layout_choice.setCurrentIndex(max(0, self.layout_choice.findData(select)))

    def _layout_chosen(self, _index: int = 0) -> None:
        name = self.layout_choice.currentData()
        if name:
            self.apply_layout(name)

    def apply_layout(self, name: str) -> None:
        """Tick the columns of the saved layout `name`."""
        try:
            layout = layouts.load_layout(name, folder=self.layouts_folder)
        except Exception as exc:
            self.ctx.report(exc)
            return
        known = {c.key for c in self._catalogue}
        self._fill_columns(set(layout.columns) & known)
        self.layout_choice.setCurrentIndex(max(0, self.layout_choice.findData(layout.name)))

    def save_layout(self) -> None:
        name = self.ask_name("Save layout", "Name it for the recipient (e.g. Osaka host, hotel):",
                             self.layout_choice.currentData() or "")
        if not name:
            return
        try:
            saved = layouts.save_layout(name, self.current_kind, self.chosen_columns(), folder=self.layouts_folder)
        except Exception as exc:
            self.ctx.report(exc)
            return
        self._fill_layouts(saved.name)
        self.result_label.setText(f"Saved the layout “{saved.name}”.")

    def delete_layout(self) -> None:
        name = self.layout_choice.currentData()
        if not name:
            return
        try:
            layouts.delete_layout(name, folder=self.layouts_folder)
        except Exception as exc:
            self.ctx.report(exc)
            return
        self._fill_layouts()
        self.result_label.setText(f"Deleted the layout “{name}”.")

    def _ask_name(self, title: str, label: str, text: str) -> str:
        name, ok = QInputDialog.getText(self, title, label, text=text)
        return name if ok else ""

    # --- saving --------------------------------------------------------------------------
    def default_file_name(self) -> str:
        kind = self.current_kind
        return ops.default_name(self.code, kind, key=self.item_key() or "", suffix=".xlsx")

    def save(self) -> Task | None:
        """Choose a file and export on the worker; refused while personal data is ticked but not confirmed."""
        if self.sensitive_chosen() and not self.confirm.isChecked():
            self.result_label.setText("Not saved: confirm that the recipient needs the personal data, or untick it.")
            return None
        if self.task is not None or not self.chosen_columns():
            return None
        path = self.choose_path("Save roster as", self.default_file_name(), ROSTER_FILTER)
        if not path:
            return None
        job = ops.roster_job(self.ctx.db, self.code, self.current_kind, path, item_key=self.item_key(),
                             columns=self.chosen_columns(), include_sensitive=self.confirm.isChecked())
        self.task = task = self.ctx.tasks.submit(f"Saving {path.name}…", job)
        task.progressed.connect(self._progressed)
        task.finished.connect(self._finished)
        task.failed.connect(self._failed)
        task.ended.connect(self._ended)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel_button.setEnabled(True)
        self.result_label.setText(f"Saving {path.name}…")
        self._update_consent()
        return task

    def cancel_export(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _progressed(self, done: int, total: int, _message: str) -> None:
        self.progress.setRange(0, max(total, 0))
        if total:
            self.progress.setValue(min(done, total))

    def _finished(self, result: Any) -> None:
        self.result_label.setText(f"Saved {result.rows} rows to {result.path}")
        self.saved.emit(result)

    def _failed(self, exc: BaseException) -> None:
        if is_cancelled(exc):
            self.result_label.setText(str(exc))
        else:
            self.result_label.setText("Not saved.")
            self.ctx.report(exc)

    def _ended(self) -> None:
        self.task = None
        self.progress.setVisible(False)
        self.cancel_button.setEnabled(False)
        self._update_consent()

    def reject(self) -> None:
        self.cancel_export()  # closing the dialog stops its export: no half file
        super().reject()
