"""Confirmation before cancelling an item or a whole event: says what will happen and offers the cancellations now."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from ...core import local_times
from ...core.events.listing import EventDetail, ItemView
from .. import localtime
from ..icons import icon


def consequences(item: ItemView, invited: int, viewer_zone: str, *, undoable: bool = False) -> str:
    """The plain words of what cancelling `item` does."""
    when = f"{local_times.day(item.start.date())}, {local_times.span(item.start, item.end)} {local_times.zone_label(item.zone, item.start)}"
    mine = localtime.viewer_span(item.start, item.end, viewer_zone)
    if mine:
        when += f" (your time: {mine})"
    people = f"{invited} invited {'person' if invited == 1 else 'people'}"
    return (
        f"<p>Cancel <b>{item.title}</b><br>{when}{' at ' + item.place if item.place else ''}?</p>"
        "<ul>"
        "<li>The item is marked <b>cancelled</b> in this database and its calendar version (SEQUENCE) goes up by one.</li>"
        f"<li>A cancellation file (METHOD:CANCEL, same UID) removes it from the calendars of the {people} "
        "once you send it to them: by e-mail, or with the invitation e-mails of this tab.</li>"
        + ("<li>Edit ▸ Undo schedules it again here; a cancellation you already sent stays sent.</li>" if undoable else
           "<li>This cannot be undone from the Edit menu: a cancellation may already have been sent.</li>")
        + "</ul>"
    )


def confirm_buttons(dialog: QDialog, text: str) -> tuple[QPushButton, QPushButton, QWidget]:
    """The confirm and "Keep it" buttons on a bar, Keep the default.

    Plain buttons: a button box would make the confirm button the default when shown,
    and Enter must not cancel anything by accident.
    """
    confirm = QPushButton(icon("calendar-x"), text)
    confirm.setAutoDefault(False)
    confirm.clicked.connect(dialog.accept)
    keep = QPushButton("Keep it")
    keep.setDefault(True)
    keep.clicked.connect(dialog.reject)
    bar = QWidget()
    row = QHBoxLayout(bar)
    row.setContentsMargins(0, 0, 0, 0)
    row.addStretch(1)
    row.addWidget(confirm)
    row.addWidget(keep)
    return confirm, keep, bar


class CancelItemDialog(QDialog):
    """Asks to confirm; `save_file` says whether to save the cancellation file right away."""

    confirmed = Signal(str, bool)  # the item's key, save the file now

    def __init__(self, item: ItemView, invited: int, viewer_zone: str, parent: QWidget | None = None,
                 *, undoable: bool = False) -> None:
        super().__init__(parent)
        self.key = item.key
        self.setWindowTitle(f"Cancel {item.title}?")
        self.text = QLabel(consequences(item, invited, viewer_zone, undoable=undoable))
        self.text.setWordWrap(True)
        self.text.setAccessibleName("What cancelling does")
        self.save_box = QCheckBox("Save the cancellation file now (you choose where)")
        self.save_box.setChecked(True)
        self.confirm, self.keep, buttons = confirm_buttons(self, "Cancel the item")
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.save_box)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def accept(self) -> None:
        super().accept()
        self.confirmed.emit(self.key, self.save_file)

    @property
    def save_file(self) -> bool:
        return self.save_box.isChecked()


def event_consequences(detail: EventDetail) -> str:
    """The plain words of what cancelling the whole event does."""
    row = detail.row
    live = [i for i in detail.items if i.status != "cancelled"]
    people = row.participants
    return (
        f"<p>Cancel <b>{row.title}</b><br>{local_times.date_range(row.start, row.end)}, {row.zone}?</p>"
        "<ul>"
        f"<li>The event and its {len(live)} scheduled item{'s' if len(live) != 1 else ''} are marked <b>cancelled</b>;"
        " the calendar version (SEQUENCE) of each goes up by one.</li>"
        f"<li>A cancellation file (METHOD:CANCEL, same UIDs) removes them from the calendars of its {people}"
        f" participant{'s' if people != 1 else ''} once you send it, or the cancellation e-mails below.</li>"
        "<li>Edit ▸ Undo schedules them again here; a cancellation you already sent stays sent.</li>"
        "</ul>"
    )


class CancelEventDialog(QDialog):
    """Asks to confirm cancelling a whole event; offers to save its cancellation file and e-mails right away."""

    confirmed = Signal(str, bool, bool)  # the event's code, save the file now, write the e-mails now

    def __init__(self, detail: EventDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = detail.row.code
        self.setWindowTitle(f"Cancel {detail.row.code}?")
        self.text = QLabel(event_consequences(detail))
        self.text.setWordWrap(True)
        self.text.setAccessibleName("What cancelling does")
        self.save_box = QCheckBox("Save the cancellation file (.ics) now (you choose where)")
        self.save_box.setChecked(True)
        self.mail_box = QCheckBox("Write the cancellation e-mails (.eml) now (you choose a folder)")
        self.confirm, self.keep, buttons = confirm_buttons(self, "Cancel the event")
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.save_box)
        layout.addWidget(self.mail_box)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    @property
    def save_file(self) -> bool:
        return self.save_box.isChecked()

    @property
    def write_mail(self) -> bool:
        return self.mail_box.isChecked()

    def accept(self) -> None:
        super().accept()
        self.confirmed.emit(self.code, self.save_file, self.write_mail)
