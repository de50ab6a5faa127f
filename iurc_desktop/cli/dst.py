"""`--dst earlier|later`: going on when copied or imported times fall on a daylight-saving change."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from ..core.clock_changes import DST_CHOICES, ClockChangeRefused

GO_ON = "Run again with --dst earlier or --dst later to go on; each item keeps its length."


def add_dst(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--dst", choices=DST_CHOICES, help="where an item's time falls on a daylight-saving change (a time "
                     "the clocks skip or repeat): take its earlier or its later reading, keeping the item's length; "
                     "without it such times are refused and named")


@contextmanager
def go_on() -> Iterator[None]:
    """A refusal for times on a daylight-saving change says how to go on from the command line."""
    try:
        yield
    except ClockChangeRefused as refused:
        raise refused.saying(GO_ON) from None
