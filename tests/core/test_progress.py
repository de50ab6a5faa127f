"""The plain cancel token that long work checks between units."""

from __future__ import annotations

import threading

import pytest

from iurc_desktop.core.errors import Cancelled
from iurc_desktop.core.progress import CancelToken


def test_check_passes_until_cancelled_then_raises():
    token = CancelToken()
    token.check()
    assert not token.cancelled
    token.cancel()
    assert token.cancelled
    with pytest.raises(Cancelled, match="nothing was changed"):
        token.check()


def test_cancel_from_another_thread_is_seen():
    token = CancelToken()
    thread = threading.Thread(target=token.cancel)
    thread.start()
    thread.join()
    assert token.cancelled
