"""Garbage is collected on the GUI thread, never in a worker, while the window runs."""

from __future__ import annotations

import gc
import threading

from iurc_desktop.ui.collector import GuiThreadCollector


class _Cycle:
    """An object in a reference cycle that records the thread that freed it."""

    def __init__(self, freed_in: list[str]) -> None:
        self.me = self
        self.freed_in = freed_in

    def __del__(self) -> None:
        self.freed_in.append(threading.current_thread().name)


def _allocate_past_every_threshold(kept: list[object]) -> None:
    kept.extend([] for _ in range(gc.get_threshold()[0] * 50))  # lists are tracked: each counts towards a collection


def test_a_worker_that_allocates_never_collects_the_cycles_the_gui_thread_collects_them(qtbot) -> None:  # type: ignore[no-untyped-def]
    freed_in: list[str] = []
    collector = GuiThreadCollector()  # the test fixture runs one too; a second one nests
    collector.start()
    try:
        _Cycle(freed_in)
        kept: list[object] = []
        worker = threading.Thread(target=_allocate_past_every_threshold, args=(kept,), name="worker")
        worker.start()
        worker.join()
        assert freed_in == []  # the worker crossed the thresholds, and did not collect
        qtbot.waitUntil(lambda: freed_in != [], timeout=5000)
        assert freed_in == [threading.main_thread().name]
    finally:
        collector.stop()
    assert not gc.isenabled()  # the fixture's collector runs until the test ends


def test_stopping_collects_what_is_left_and_gives_collection_back_as_it_was(qapp) -> None:  # type: ignore[no-untyped-def]
    freed_in: list[str] = []
    assert not gc.isenabled()  # the fixture's collector runs
    gc.enable()
    collector = GuiThreadCollector()
    collector.start()
    _Cycle(freed_in)
    assert not gc.isenabled()
    collector.stop()
    assert freed_in == [threading.main_thread().name] and gc.isenabled()
    gc.disable()  # as the fixture's collector had it
