"""Python's cycle collector, run on the GUI thread only.

Left to itself the collector runs in whichever thread is allocating when a
threshold is crossed. Run in a worker thread, it frees the Python side of Qt
objects there; PySide then queues their C++ deletion for the GUI thread, where
it can come after Qt has deleted them already, and the app crashes (seen in the
import wizard's tests about one run in four, under load). So while the window
runs, automatic collection is off and the GUI thread collects on a timer, by
the collector's own thresholds (the remedy pyqtgraph's GarbageCollector uses).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 100  # often enough that garbage never piles up between two looks


def collect_if_due() -> None:
    """Collect the oldest generation whose count is over its threshold, as the automatic collector would."""
    counts, limits = gc.get_count(), gc.get_threshold()
    due = [generation for generation in (2, 1, 0) if limits[generation] and counts[generation] > limits[generation]]
    if due:
        gc.collect(due[0])


class GuiThreadCollector(QObject):
    """Turns automatic collection off and collects from the GUI thread's event loop instead, until stopped."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(collect_if_due)
        self._was_enabled = True

    def start(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        """Collect everything left here, on the GUI thread, then give collection back as it was found."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()
