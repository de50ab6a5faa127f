"""Timing shared by the benchmarks: app and raw baseline alternated run by run, and the line that compares them."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable


def seconds(action: Callable[[], object]) -> float:
    """Wall-clock seconds of one call of `action`, after a garbage collection."""
    gc.collect()
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def alternated(runs: int, app: Callable[[], float], raw: Callable[[], float]) -> tuple[list[float], list[float]]:
    """Run `app` and `raw` (each returning its own seconds) in turn, `runs` times each: the machine's load hits both alike."""
    app_times: list[float] = []
    raw_times: list[float] = []
    for _ in range(runs):
        app_times.append(app())
        raw_times.append(raw())
    return app_times, raw_times


def spread(times: list[float], unit: str = "ms") -> str:
    """Median, min and max of `times` (seconds) in `unit` (ms or s)."""
    scale, digits = (1000, 0) if unit == "ms" else (1, 2)
    med, low, high = (x * scale for x in (statistics.median(times), min(times), max(times)))
    return f"median {med:.{digits}f} {unit} (min {low:.{digits}f}, max {high:.{digits}f})"


def verdict(label: str, app_times: list[float], raw_name: str, raw_times: list[float], goal: float, unit: str = "ms") -> bool:
    """Print `label: app … | raw … | ratio … | goal …` from the medians; True when the goal is met."""
    ratio = statistics.median(app_times) / statistics.median(raw_times)
    ok = ratio <= goal
    print(f"{label}: app {spread(app_times, unit)} | {raw_name} {spread(raw_times, unit)} | ratio {ratio:.2f}x | "
          f"goal <= {goal}x  {'OK' if ok else 'OVER'}  ({len(app_times)} runs each, alternated)", flush=True)
    return ok
