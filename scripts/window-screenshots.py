"""Screenshots of every main page and event tab in a real window, for docs/screenshots/.

Run under an X server (Xvfb) so the window is drawn by the real platform, not offscreen:

    TZ=Europe/Brussels QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1400x900x24" \
        .venv/bin/python scripts/window-screenshots.py --db /tmp/demo.db [--dark] [-o docs/screenshots]

Each page is grabbed from the screen with ImageMagick's `import`, cropped to the
window and stored with a 256-colour palette (a fifth of the size, no visible loss).
TZ is the viewer's zone the pages show beside the events' own.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from iurc_desktop.ui.shell import palette
from iurc_desktop.ui.shell.app import application, start
from iurc_desktop.ui.shell.main_window import MainWindow

EVENT = "r2r-japan-2022"
# Shot name -> how to show it: a navigation page's key, an event tab's key after "tab:", a person's e-mail after "person:",
# the Documents tab's Send… dialog for a document after "send:" (grabbed alone).
SHOTS = {
    "home": "home", "events": "events", "people": "people", "organisations": "organisations",
    "programme": "programme", "outbox": "outbox", "event-overview": "tab:event", "participants": "tab:participants",
    "itinerary": "tab:itinerary", "travel": "tab:travel", "checks": "tab:checks", "exports": "tab:exports",
    "documents": "tab:documents", "send-booklets": "send:booklets",
    "person-page": "person:ane.etxeberria@example.eus",
}


def settle(app: QApplication, seconds: float = 0.6) -> None:
    """Let layouts, lazy rows and the X server catch up."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def grab(window: QWidget, path: Path) -> None:
    """The window's (or a dialog's) area of the screen, as a PNG."""
    frame = window.frameGeometry()
    crop = f"{frame.width()}x{frame.height()}+{frame.x()}+{frame.y()}"
    subprocess.run(["import", "-window", "root", "-crop", crop, "+repage", str(path)], check=True)
    subprocess.run(["convert", str(path), "-colors", "256", "-define", "png:compression-level=9", str(path)], check=True)


def show(window: MainWindow, how: str, event: str) -> QWidget | None:
    """Show a shot; a dialog it opened, to grab instead of the window."""
    if how.startswith("send:"):
        window.open_event(event)
        tab = window.event_page.select_tab("documents")
        tab.document.setCurrentIndex(tab.document.findData(how[5:]))
        settle(QApplication.instance(), 1.5)  # type: ignore[arg-type]
        return tab.open_send()
    if how.startswith("person:"):
        window.open_person_by_email(how[7:])
    elif how.startswith("tab:"):
        window.open_event(event)
        window.event_page.select_tab(how[4:])
    else:
        window.show_page(how)
    return None


def reminders_due_at(window: MainWindow, event: str) -> datetime:
    """The suggested reminder rules on the event (once), and an instant when some of its reminders are due."""
    from iurc_desktop.app import events, reminders

    assert window.db is not None
    if not reminders.reminder_rules(window.db, event):
        kind = events.event_heading(window.db, event).row.kind
        specs = [reminders.RuleSpec(s.template, s.before, s.anchor) for s in reminders.suggested_rules(kind)]
        reminders.add_rules(window.db, event, specs)
    rows = reminders.schedule(window.db, event, datetime(2000, 1, 1, tzinfo=timezone.utc))
    daily = [r for r in rows if r.template == "reminder"] or rows
    return daily[0].due_utc + timedelta(hours=1)  # the first day's reminders due, the practical information too


def shoot_reminders(app: QApplication, window: MainWindow, event: str, out: Path, suffix: str) -> None:
    """The Reminders dialog over the event page, and the home page's Reminders due, at an instant some are due."""
    from iurc_desktop.ui.dialogs.reminders_dialog import open_reminders

    now = reminders_due_at(window, event)
    page = window.open_event(event)
    dialog = open_reminders(window.ctx, page, event, page.detail.row.kind if page.detail else "study_visit",
                            now=lambda: now)
    dialog.move(window.x() + 150, window.y() + 80)
    settle(app, 1.5)
    grab(dialog, out / f"reminders-dialog-{suffix}.png")
    print(out / f"reminders-dialog-{suffix}.png")
    dialog.close()
    home = window.show_page("home")
    home.reminders.now = lambda: now  # type: ignore[attr-defined]
    home.refresh()  # type: ignore[attr-defined]
    settle(app)
    grab(window, out / f"home-reminders-{suffix}.png")
    print(out / f"home-reminders-{suffix}.png")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--event", default=EVENT)
    parser.add_argument("--only", nargs="*", help="shot names, or reminders (the Reminders dialog and the home page's"
                                                  " reminders due; adds the suggested rules to the event) (default: all)")
    parser.add_argument("-o", "--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args(argv)
    app = application()
    if args.dark:
        app.setPalette(palette.dark_palette())
    window = start(args.db)
    window.move(0, 0)
    window.resize(1280, 800)
    deadline = time.monotonic() + 30
    while window.db is None and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    settle(app, 1.0)
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "dark" if args.dark else "light"
    for name, how in SHOTS.items():
        if args.only and name not in args.only:
            continue
        dialog = show(window, how, args.event)
        settle(app)
        path = args.out / f"{name}-{suffix}.png"
        grab(dialog or window, path)
        if dialog is not None:
            dialog.close()
        print(path)
    if not args.only or "reminders" in args.only:  # last: it adds the suggested rules to the event
        shoot_reminders(app, window, args.event, args.out, suffix)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
