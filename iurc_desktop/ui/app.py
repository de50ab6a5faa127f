"""Start the GUI: one QApplication, the database, the main window, the demo offer on an empty database."""

from __future__ import annotations

import sys
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, QtMsgType, QTimer, qFormatLogMessage, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

from ..core.db import open_database
from ..core.errors import IurcError
from .errors import show_error
from .main_window import APP_TITLE, MainWindow


# Said by Qt's offscreen platform (screenshots, tests) each time a window is shown; it has no windowing
# system to pass size hints to, so the line tells nothing. Only this exact message is dropped.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints()"
_previous_handler: object = None
_installed = False


def _message_handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if message == OFFSCREEN_NOISE:
        return
    if callable(_previous_handler):
        _previous_handler(mode, context, message)
    else:
        sys.stderr.write(qFormatLogMessage(mode, context, message) + "\n")


def quiet_offscreen_noise(app: QApplication) -> None:
    """On the offscreen platform, drop the one meaningless warning; every other message goes through as before."""
    global _previous_handler, _installed
    if app.platformName() != "offscreen" or _installed:
        return
    _previous_handler = qInstallMessageHandler(_message_handler)
    _installed = True


def application() -> QApplication:
    """The running QApplication, created on first use with the system style and palette."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        quiet_offscreen_noise(app)  # type: ignore[arg-type]
    app.setApplicationName(APP_TITLE)
    app.setApplicationDisplayName(APP_TITLE)
    app.setOrganizationName("IURC")
    return app  # type: ignore[return-value]


def _install_excepthook() -> None:
    """An exception escaping a slot is shown, not lost in a terminal nobody reads."""
    previous = sys.excepthook

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if QApplication.instance() is None:
            previous(kind, exc, tb)
            return
        show_error(QApplication.activeWindow(), exc.with_traceback(tb))

    sys.excepthook = hook


def run(url: str | None) -> int:
    """Open the GUI on the database at `url` (None: IURC_DB or the default file); returns the exit status."""
    app = application()
    try:
        db = open_database(url)
    except IurcError as exc:
        QMessageBox.critical(None, APP_TITLE, str(exc))
        return 1
    _install_excepthook()
    window = MainWindow(db)
    window.show()
    QTimer.singleShot(0, window.offer_demo_if_empty)
    try:
        return app.exec()
    finally:
        window.tasks.shutdown()
        window.db.dispose()
