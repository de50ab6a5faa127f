"""The window's start removes what a killed export left: staged files beside their targets and temporary files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from iurc_desktop.core.paths import data_dir, temp_dir
from iurc_desktop.ui.shell import app
from iurc_desktop.ui.shell.main_window import MainWindow


def test_opening_the_window_sweeps_what_a_killed_export_left(qtbot, tmp_path: Path, monkeypatch) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True).stdout.strip()
    sheet_files = temp_dir() / f"{dead}-killed"
    sheet_files.mkdir()
    (sheet_files / "openpyxl.abc").write_text("<row>Ane Etxeberria, no gluten</row>")
    staged = tmp_path / ".iurc-0123456789ab.csv.iurc-staged"
    staged.write_text("Ane Etxeberria;no gluten")
    journal = data_dir() / "staging" / f"{dead}-killed.list"
    journal.parent.mkdir(exist_ok=True)
    journal.write_text(f"{staged}\n", encoding="utf-8")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)  # no demo offer

    url = f"sqlite:///{tmp_path / 'iurc.db'}"
    window = MainWindow(None, url=url, viewer_zone="UTC")
    qtbot.addWidget(window)
    try:
        assert app.open_in(window, url)
        assert not sheet_files.exists() and not staged.exists() and not journal.exists()
    finally:
        window.tasks.shutdown()
        if window.db is not None:
            window.db.dispose()
