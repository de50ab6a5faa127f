"""What one set of pages hears of changes: the window's changes, until those pages are replaced.

Pages listen to `ctx.changes`, some through lambdas that Qt cannot disconnect
when the page is deleted. Each build of the pages gets its own `PageChanges`;
retiring it when the pages are rebuilt (a new viewer zone, another database)
cuts them off, so no signal reaches a deleted page. What pages and their
commands say still goes to the window's changes, which every later set hears.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable

from ...app.changes import Topic
from ..commands.base import Changes


class PageChanges(Changes):
    """The window's changes as one set of pages hears them; `retire()` when the pages go."""

    def __init__(self, window_changes: Changes) -> None:
        super().__init__(window_changes)  # lives as long as the window: commands on the undo stack may hold it
        self.window_changes = window_changes
        window_changes.changed.connect(self.changed)

    def notify(self, topic: Topic | str) -> None:
        self.window_changes.notify(topic)

    def notify_all(self, topics: Iterable[Topic | str]) -> None:
        self.window_changes.notify_all(topics)

    def retire(self) -> None:
        """Nothing reaches this set's pages any more; what they (or their commands) say still goes to the window."""
        self.window_changes.changed.disconnect(self.changed)
        with warnings.catch_warnings():  # "nothing to disconnect" when no page listened
            warnings.simplefilter("ignore", RuntimeWarning)
            self.changed.disconnect()
