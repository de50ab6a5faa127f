"""Start the GUI: one QApplication, the main window, the database, the demo offer on an empty database.

The window is shown before the database opens: importing the database layer
(SQLAlchemy) and checking migrations takes longer than building the window, so
the window paints first in its "Opening…" state and the database is opened and
attached right after that first paint, in the same window.
"""

from __future__ import annotations

import sys
from types import TracebackType

from PySide6.QtCore import QMessageLogContext, Qt, QtMsgType, QTimer, qFormatLogMessage, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

from ...core.errors import IurcError
from ..collector import GuiThreadCollector
from . import import_hook  # noqa: F401 - before the window's modules: they and all later imports skip Qt's hook
from .damaged import open_or_restore
from .main_window import APP_TITLE, MainWindow, show_error
from .palette import apply_theme


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


def start(url: str | None) -> MainWindow:
    """Show the main window at once ("Opening <name>…"); the database at `url` opens after its first paint."""
    window = MainWindow(None, url=url)
    apply_theme(window.settings.theme)
    window.painted.connect(lambda: open_in(window, url))
    window.show()
    return window


def open_in(window: MainWindow, url: str | None) -> bool:
    """Open the database at `url` (a damaged one offers its backups) and attach it to `window`.

    On failure (or Quit instead of a restore) say why and end the app with status 1.
    """
    if window.db is not None:  # the user opened another one first
        return True
    try:
        db = open_or_restore(window, url)  # a damaged file offers its backups first
    except IurcError as exc:
        QMessageBox.critical(window, APP_TITLE, str(exc))
        db = None
    if db is None:
        window.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)  # the status is 1, not the 0 of a last window closed
        window.close()
        QApplication.exit(1)
        return False
    window.attach(db)
    # once the start page's data is on screen: run before that paint, its count (and the modules it needs) held it back
    window.data_shown.connect(lambda: QTimer.singleShot(0, window, window.offer_demo_if_empty),
                              Qt.ConnectionType.SingleShotConnection)
    return True


def run(url: str | None) -> int:
    """Open the GUI on the database at `url` (None: IURC_DB or the default file); returns the exit status."""
    app = application()
    _install_excepthook()
    collector = GuiThreadCollector(app)
    collector.start()
    window = start(url)
    try:
        return app.exec()
    finally:
        window.tasks.shutdown()
        collector.stop()
        if window.db is not None:
            window.db.dispose()
