"""The Qt binding keeps Python's reference counts: a build that drops one per call crashes a long session.

PySide6-Essentials 6.12.0 on Python 3.11 releases a reference to True on every
signal emit and to None on every call returning nothing, until Python aborts
with "Fatal Python error: bool_dealloc" (seen on quitting after a long session).
pyproject.toml excludes that build; this test fails on any build that does the same.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


class _Sender(QObject):
    said = Signal(object)


def test_emitting_signals_and_calling_setters_keeps_the_reference_counts_of_true_and_none(qtbot: QtBot) -> None:
    sender, label = _Sender(), QLabel()
    sender.said.connect(lambda value: None)
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(1000):
        sender.said.emit(1)
        label.setText("x")
    assert sys.getrefcount(True) - true_before > -100  # a leak per call would be -1000
    assert sys.getrefcount(None) - none_before > -100
