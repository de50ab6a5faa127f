"""Start-up: the real main window paints first ("Opening <name>…"), the database opens after, in the same window."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from iurc_desktop.app import database as app_database
from iurc_desktop.core import db as core_db
from iurc_desktop.ui.shell import app
from iurc_desktop.ui.shell.main_window import MainWindow
from iurc_desktop.ui.shell.opening import database_label

DEMO_CODES = {"r2r-japan-2022"}  # an event of the demo programme


def test_importing_the_window_and_the_app_loads_no_database_code():
    """SQLAlchemy (and alembic) take longer to import than Qt's window: they must wait for the first paint."""
    code = (
        "import json, sys\n"
        "import iurc_desktop.ui.shell.app, iurc_desktop.ui.shell.main_window, iurc_desktop.ui.shell.menus\n"
        "import iurc_desktop.ui.shell.file_actions, iurc_desktop.ui.shell.event_actions\n"
        "import iurc_desktop.cli; iurc_desktop.cli.build_parser().parse_args([])  # the entry point, up to the window\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == []


def test_opening_the_window_reads_its_arguments_without_loading_the_commands():
    """Building every command's parser imports their modules: a tenth of a second before the window could paint."""
    code = (
        "import json, sys\n"
        "from iurc_desktop.cli import parser_for\n"
        "dbs = [parser_for(argv).parse_args(argv).db for argv in ([], ['--db', 'a.db'], ['--db=b.db'])]\n"
        "print(json.dumps([dbs, sorted(m for m in sys.modules if m.startswith('iurc_desktop.cli.'))]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    dbs, loaded = json.loads(out)
    assert dbs == [None, "a.db", "b.db"]
    assert not {"iurc_desktop.cli.imports", "iurc_desktop.cli.export", "iurc_desktop.cli.planning"} & set(loaded)


def test_the_window_skips_qt_s_feature_hook_for_every_later_import():
    """PySide6 reads the source of each module imported after it (for `__feature__`): loading the database layer
    after the first paint took a fifth longer. Once the window's module is loaded, imports skip that reading."""
    code = (
        "import builtins, json, sys\n"
        "import PySide6.QtCore\n"
        "hooked = builtins.__import__.__name__\n"
        "import iurc_desktop.ui.shell.app\n"
        "from iurc_desktop.core.textfold import fold  # a module nothing above imported\n"
        "features = sys.modules['shibokensupport.feature'].pyside_feature_dict\n"
        "print(json.dumps([hooked, builtins.__import__ is builtins.__orig_import__,\n"
        "                  'iurc_desktop.core.textfold' in features, 'iurc_desktop.ui.shell.main_window' in features]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == ["__feature_import__", True, False, False]


def test_no_module_selects_a_qt_feature():
    """Skipping the hook changes nothing only while no module asks for `from __feature__ import ...`."""
    package = Path(app.__file__).parents[2]
    asking = [str(path) for path in package.rglob("*.py") if "from __feature__" in path.read_text(encoding="utf-8")]
    assert asking == []


@pytest.mark.parametrize("argv", [["--db", "a.db", "events"], ["events"], ["--version"], ["--db", "--version"]])
def test_a_command_is_read_by_the_whole_parser(argv):
    from iurc_desktop.cli import build_parser, parser_for

    assert parser_for(argv).format_help() == build_parser().format_help()


@pytest.mark.parametrize(("url", "shown"), [
    ("sqlite:////home/ane/iurc/programme.db", "programme.db"),
    ("/home/ane/iurc.db", "iurc.db"),
    ("postgresql+psycopg://ane:secret@db.example.eu:5432/iurc?sslmode=require", "db.example.eu:5432/iurc"),
])
def test_database_label_is_short_and_never_shows_a_password(url, shown):
    assert database_label(url) == shown


def test_database_label_without_a_url_names_iurc_db_or_the_default(monkeypatch):
    monkeypatch.delenv("IURC_DB", raising=False)
    assert database_label(None) == "iurc.db"
    monkeypatch.setenv("IURC_DB", "sqlite:////srv/team.db")
    assert database_label(None) == "team.db"


def test_window_without_a_database_says_it_is_opening_and_waits_for_it(qtbot, demo_db, db_url):
    """Before `attach`: navigation inactive, 'Opening <name>…' in the middle, actions that need data disabled."""
    window = MainWindow(None, url=db_url, viewer_zone="Europe/Brussels")
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.painted, timeout=5000):
        pass
    assert window.db is None
    assert window.stack.currentWidget() is window.opening
    assert window.opening.text() == f"Opening {database_label(db_url)}…"
    assert window.opening.isVisible()
    assert not window.nav.isEnabled() and window.nav.count() > 3
    assert not window.menu_actions["load"].isEnabled() and not window.menu_actions["search"].isEnabled()
    assert window.menu_actions["quit"].isEnabled() and window.menu_actions["about"].isEnabled()
    assert window.current_page_key() == ""

    with qtbot.waitSignal(window.data_shown, timeout=10000):
        window.attach(core_db.open_database(db_url))
    assert window.opening is None
    assert window.nav.isEnabled() and window.menu_actions["load"].isEnabled()
    assert window.current_page_key() == window.start_page
    assert "Today" in window.pages["home"].heading.text()  # the home page has read its data
    window.show_page("events")
    codes = {window.events_page.model.row_at(r).code for r in range(window.events_page.model.rowCount())}
    assert DEMO_CODES <= codes
    window.tasks.shutdown()
    window.db.dispose()


def test_start_paints_the_window_before_the_database_is_opened(qtbot, demo_db, db_url, monkeypatch):
    """app.start: the window is on screen (painted) when the database starts opening; then the home page follows."""
    seen, started = [], []
    real_open = core_db.open_database

    def watching_open(url, **kwargs):
        window = started[0]
        seen.append((window.isVisible(), window.stack.currentWidget() is window.opening, window._painted))
        return real_open(url, **kwargs)

    monkeypatch.setattr(app_database, "open_database", watching_open)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: pytest.fail("the demo is offered on an empty database only"))
    window = app.start(db_url)
    started.append(window)
    qtbot.addWidget(window)
    assert window.db is None  # nothing opened yet: the window comes first
    with qtbot.waitSignal(window.data_shown, timeout=10000):
        pass
    assert seen == [(True, True, True)]
    assert window.db is not None and window.current_page_key() == "home"
    qtbot.wait(50)  # the demo offer runs after the data is shown; it must not ask on a full database
    window.tasks.shutdown()
    window.db.dispose()


def test_start_on_an_empty_database_offers_the_demo(qtbot, db_url, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    window = app.start(db_url)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: bool(asked), timeout=10000)
    assert "no events yet" in asked[0]
    window.tasks.shutdown()
    window.db.dispose()


def test_run_on_a_bad_database_shows_the_window_then_the_message_and_exits_1(qtbot, tmp_path, monkeypatch):
    shown = []

    def critical(parent, title, text):
        shown.append((parent.isVisible(), parent.opening is not None, text))

    monkeypatch.setattr(QMessageBox, "critical", critical)
    assert app.run(f"sqlite:///{tmp_path / 'missing-folder' / 'x.db'}") == 1
    assert len(shown) == 1
    visible, opening, text = shown[0]
    assert visible and opening and "does not exist" in text
    assert not any(isinstance(w, MainWindow) and w.isVisible() for w in QApplication.topLevelWidgets())
