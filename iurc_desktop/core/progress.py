"""Progress reporting and cancellation for long work, with no GUI in sight.

Long services take a `progress` callable and a `CancelToken`; the GUI's worker
turns progress calls into signals and its Cancel button into `token.cancel()`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from .errors import Cancelled

# progress(done, total, message): total 0 means "unknown amount of work".
Progress = Callable[[int, int, str], None]


def no_progress(done: int, total: int, message: str = "") -> None:
    """A progress callable that ignores every report."""


class CancelToken:
    """A flag that another thread sets to ask long work to stop."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        """Raise `Cancelled` if cancellation was asked for; call between units of work."""
        if self._event.is_set():
            raise Cancelled()
