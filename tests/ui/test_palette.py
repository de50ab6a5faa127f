"""Colours that follow the palette: problem messages stay legible in light and dark mode."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from iurc_desktop.ui.shell.palette import PROBLEM_COLOURS, ProblemLabel, dark_palette, is_dark


def test_the_dark_palette_is_dark_and_the_default_is_not(qapp) -> None:  # type: ignore[no-untyped-def]
    assert is_dark(dark_palette())
    assert not is_dark(QApplication.style().standardPalette())


def test_a_problem_label_turns_pale_red_when_the_palette_turns_dark(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    saved = QPalette(qapp.palette())
    qapp.setPalette(QApplication.style().standardPalette())
    try:
        label = ProblemLabel("Problem")
        qtbot.addWidget(label)
        label.setText("The file has no header row.")
        assert PROBLEM_COLOURS[0] in label.styleSheet()
        qapp.setPalette(dark_palette())
        qtbot.waitUntil(lambda: PROBLEM_COLOURS[1] in label.styleSheet())
        assert label.accessibleName() == "Problem" and label.wordWrap()
    finally:
        qapp.setPalette(saved)
