"""Base of the tabs on an event's page: each shows one aspect of the event given its code.

A tab reads through `read(fetch, show)`: a small event at once, a large one on a
reader thread while the tab says "Loading…". A result that arrives after the tab
was asked again (another event, a later change) is dropped: only the newest ask
is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from ...app.changes import Topic
from ..shell.context import Context
from ..worker import TaskRunner

if TYPE_CHECKING:
    from ...app.events import EventDetail

T = TypeVar("T")

# What a tab shows unless it says less: a change to one of these makes the page read it again.
SHOWN_TOPICS = (Topic.EVENTS, Topic.ITEMS, Topic.PARTICIPANTS, Topic.PEOPLE, Topic.TRAVEL, Topic.STAYS)


class EventTab(QWidget):
    """A tab of the event page. Subclasses implement `load(code)`; the page calls `show_event`.

    `navigate` asks the window to go somewhere: ("tab", key), ("item", item key),
    ("person", e-mail) or ("event", code). `status` writes to the status bar.
    """

    status = Signal(str)
    navigate = Signal(str, str)
    loaded = Signal()  # what the tab was last asked to read is shown (or its failure reported)

    # Events with at least this many participants are read off the GUI thread; smaller ones read in well under
    # the time a "Loading…" sign would flash for.
    BACKGROUND_FROM = 200
    topics: tuple[Topic, ...] = SHOWN_TOPICS

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.code: str | None = None
        self.size = 0  # participants of the event shown: where its reads run
        self.heading: EventDetail | None = None  # the page's read of the event's facts and items, when in a page
        self.stale = False  # its data changed while it was hidden: read again when next shown
        self.reader: TaskRunner | None = None  # the page's reader thread; the window's worker when alone
        self._asked = 0  # the newest ask; an older one's result is dropped
        self._pending = 0  # asks still on the reader
        self._sign = QLabel("Loading…", self)
        self._sign.setAccessibleName("Loading")
        self._sign.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._sign.setAutoFillBackground(True)
        self._sign.hide()

    def show_event(self, code: str) -> None:
        self.code, self.stale = code, False
        self.load(code)

    def load(self, code: str) -> None:  # pragma: no cover - every tab overrides it
        raise NotImplementedError

    def refresh(self) -> None:
        if self.code:
            self.stale = False
            self.load(self.code)

    @property
    def loading(self) -> bool:
        """Whether a read is on its way; tests and benchmarks wait until it is not."""
        return self._pending > 0

    def read(self, fetch: Callable[[], T], show: Callable[[T], Any], what: str = "") -> None:
        """Run `fetch` (an app read) and pass its result to `show`: at once for a small event, on the reader for
        a large one, where an earlier ask's late result is dropped."""
        self._asked += 1
        if self.size < self.BACKGROUND_FROM:
            show(fetch())
            self.loaded.emit()
            return
        asked = self._asked
        self._pending += 1
        self._show_sign(True)
        runner = self.reader or self.ctx.tasks
        task = runner.submit(f"Reading {what or 'the event'}…", lambda _progress, _token: fetch())
        receiver = _Arrival(self, asked, show)
        task.finished.connect(receiver.finished)
        task.failed.connect(receiver.failed)

    def _arrived(self, asked: int, deliver: Callable[[], Any]) -> None:
        self._pending -= 1
        if asked == self._asked:  # the newest ask: older ones were for another event or older data
            self._show_sign(False)
            try:
                deliver()
            except Exception as exc:  # shown like a failed read: the tab stays usable
                self.ctx.report(exc)
        if not self._pending:
            self._show_sign(False)
            self.loaded.emit()

    def _show_sign(self, shown: bool) -> None:
        if shown:
            self._sign.setGeometry(self.rect())
            self._sign.raise_()
        self._sign.setVisible(shown)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._sign.setGeometry(self.rect())


class _Arrival(QObject):
    """Hands one ask's result to its tab on the GUI thread; a child of the tab, so nothing arrives after it is gone."""

    def __init__(self, tab: EventTab, asked: int, show: Callable[[Any], Any]) -> None:
        super().__init__(tab)
        self._tab, self._asked, self._show = tab, asked, show

    def finished(self, result: object) -> None:
        self._tab._arrived(self._asked, lambda: self._show(result))
        self.deleteLater()

    def failed(self, error: BaseException) -> None:
        self._tab._arrived(self._asked, lambda: _raise(error))
        self.deleteLater()


def _raise(error: BaseException) -> None:
    raise error
