"""The Exports tab: invites, itineraries and cancellations saved on the worker, read back as a calendar would."""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest
from sqlalchemy import select

from iurc_desktop.core.models import Item
from iurc_desktop.ui.pages.exports_tab import ExportsTab


@pytest.fixture
def tab(window, qtbot) -> ExportsTab:
    window.open_event("r2r-test")
    return window.event_page.select_tab("exports")  # type: ignore[return-value]


def _save_to(tab: ExportsTab, path: Path, names: list[str]) -> None:
    def choose(title: str, name: str, filters: str) -> Path:
        names.append(name)
        return path

    tab.choose_path = choose


def _select(combo, data) -> None:  # type: ignore[no-untyped-def]
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def _saved(qtbot, tab: ExportsTab, path: Path, combo, data, save) -> list[str]:  # type: ignore[no-untyped-def]
    """Choose `data` in `combo` and save to `path` on the worker; the file names the tab suggested."""
    names: list[str] = []
    _save_to(tab, path, names)
    _select(combo, data)
    with qtbot.waitSignal(tab.done, timeout=10000):
        save()
    return names


def _calendar(path: Path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(path.read_bytes())


def test_invite_for_one_item_is_saved_and_parses(tab, qtbot, sample_db, tmp_path):
    path = tmp_path / "invite.ics"
    names = _saved(qtbot, tab, path, tab.invite_item, "aichi-visit", tab.save_invite)
    assert names == ["r2r-test-aichi-visit-invite.ics"]
    cal = _calendar(path)
    assert str(cal["METHOD"]) == "REQUEST"
    events = cal.walk("VEVENT")
    with sample_db.reading() as s:
        uid = s.scalar(select(Item.uid).where(Item.key == "aichi-visit"))
    assert [str(e["UID"]) for e in events] == [f"{uid}@iurc-desktop"]
    assert str(events[0]["ORGANIZER"]).lower() == "mailto:info-aa@example.eu"
    # what the recipient's calendar sees, shown beside: the item at its Tokyo time
    assert [e.title for e in tab.preview.entries] == ["Aichi Science & Technology Foundation"]
    assert tab.preview.model.index(0, 1).data() == "09:30–12:00"
    assert "Asia/Tokyo" in tab.preview.model.index(0, 4).data()
    assert "METHOD:REQUEST" in tab.preview.caption.text()
    with sample_db.reading() as s:  # the version that went out is recorded, for the "changed since sent" to-do
        sent = dict(s.execute(select(Item.key, Item.sent_sequence)).all())
    assert sent["aichi-visit"] == 0 and sent["final"] is None


def test_preview_before_saving_shows_entries_in_their_zone_and_viewer_time(tab):
    _select(tab.invite_item, "")
    tab.preview_invite()
    titles = [e.title for e in tab.preview.entries]
    assert titles == ["Aichi Science & Technology Foundation", "Final meeting at Keihanna"]
    assert tab.preview.model.index(1, 1).data() == "14:00–17:00"
    assert tab.preview.model.index(1, 3).data() == "06:00–09:00"  # Brussels, beside
    assert not tab.preview.table.isColumnHidden(3)


def test_itinerary_of_group_a(tab, qtbot, tmp_path):
    path = tmp_path / "a.ics"
    names = _saved(qtbot, tab, path, tab.itinerary_who, "group:A", tab.save_itinerary)
    assert names == ["r2r-test-group-A-itinerary.ics"]
    cal = _calendar(path)
    assert str(cal["METHOD"]) == "PUBLISH"
    titles = sorted(str(e["SUMMARY"]) for e in cal.walk("VEVENT"))
    assert titles == ["Aichi Science & Technology Foundation", "Final meeting at Keihanna"]
    assert all("ATTENDEE" not in e for e in cal.walk("VEVENT"))


def test_itinerary_of_a_person_names_the_file_after_them(tab, qtbot, tmp_path):
    path = tmp_path / "ane.ics"
    names = _saved(qtbot, tab, path, tab.itinerary_who, "person:ane@example.eus", tab.save_itinerary)
    assert names == ["r2r-test-ane-itinerary.ics"]
    assert path.exists()


def test_cancel_item_confirmed_cancels_in_db_and_writes_cancel_file(tab, qtbot, sample_db, tmp_path):
    path, names, asked = tmp_path / "cancel.ics", [], []
    _save_to(tab, path, names)

    def confirm(item, invited):  # type: ignore[no-untyped-def]
        asked.append((item.key, invited))
        return True, True

    tab.confirm_cancel = confirm
    _select(tab.cancel_item, "aichi-visit")
    with sample_db.reading() as s:
        before = s.scalar(select(Item.sequence).where(Item.key == "aichi-visit"))
    with qtbot.waitSignal(tab.done, timeout=10000):
        tab.cancel_selected()
    assert asked == [("aichi-visit", 1)]  # group A: Ane
    with sample_db.reading() as s:
        item = s.scalar(select(Item).where(Item.key == "aichi-visit"))
        assert (item.status, item.sequence) == ("cancelled", before + 1)
    cal = _calendar(path)
    assert str(cal["METHOD"]) == "CANCEL"
    entry = cal.walk("VEVENT")[0]
    assert str(entry["STATUS"]) == "CANCELLED" and int(entry["SEQUENCE"]) == before + 1
    assert names == ["r2r-test-aichi-visit-cancel.ics"]
    # the tab reloaded: the item is marked cancelled and the button now offers its file
    qtbot.waitUntil(lambda: "cancelled" in tab.cancel_item.itemText(tab.cancel_item.findData("aichi-visit")))
    _select(tab.cancel_item, "aichi-visit")
    assert tab.cancel_button.text() == "Save cancellation…"
    assert tab.invite_item.findData("aichi-visit") == -1  # no invites for a cancelled item


def test_cancel_item_refused_in_confirmation_changes_nothing(tab, sample_db, tmp_path):
    tab.confirm_cancel = lambda item, invited: (False, True)
    tab.choose_path = lambda *a: pytest.fail("no file asked for")
    _select(tab.cancel_item, "final")
    tab.cancel_selected()
    with sample_db.reading() as s:
        assert s.scalar(select(Item.status).where(Item.key == "final")) == "scheduled"


def test_cancel_dialog_says_what_will_happen(qtbot, window):
    from iurc_desktop.ui.dialogs.cancel_item import CancelItemDialog

    window.open_event("r2r-test")
    item = next(i for i in window.event_page.item_rows() if i.key == "final")
    dialog = CancelItemDialog(item, 2, "Europe/Brussels")
    qtbot.addWidget(dialog)
    text = dialog.text.text()
    assert "Final meeting at Keihanna" in text and "2 invited people" in text and "METHOD:CANCEL" in text
    assert "14:00–17:00 Asia/Tokyo" in text and "your time: 06:00–09:00" in text
    assert dialog.save_file and dialog.keep.isDefault()


def test_emails_folder(tab, qtbot, tmp_path):
    tab.choose_folder = lambda title: tmp_path / "mail"
    _select(tab.invite_item, "final")
    with qtbot.waitSignal(tab.done, timeout=10000):
        tab.save_emails()
    names = sorted(p.name for p in (tmp_path / "mail").iterdir())
    assert names == ["r2r-test-final-ane_example.eus.eml", "r2r-test-final-hanako_example.jp.eml"]


def test_per_item_files(tab, qtbot, tmp_path):
    tab.choose_folder = lambda title: tmp_path / "outlook"
    with qtbot.waitSignal(tab.done, timeout=10000):
        tab.save_invites_per_item()
    assert sorted(p.name for p in (tmp_path / "outlook").iterdir()) == ["r2r-test-aichi-visit.ics", "r2r-test-final.ics"]


def test_preview_models(tab, qtmodeltester):
    tab.preview_itinerary()
    assert tab.preview.model.rowCount() > 0
    qtmodeltester.check(tab.preview.model)


def test_cancellation_emails_cancel_the_item_and_record_them_as_sent(tab, qtbot, sample_db, tmp_path):
    tab.confirm_cancel = lambda item, invited: (True, False)
    tab.choose_folder = lambda title: tmp_path / "mail"
    _select(tab.cancel_item, "final")
    with qtbot.waitSignal(tab.done, timeout=10000):
        tab.save_cancellation_emails()
    with sample_db.reading() as s:
        item = s.scalar(select(Item).where(Item.key == "final"))
        assert item.status == "cancelled" and item.sent_sequence == item.sequence
    names = sorted(p.name for p in (tmp_path / "mail").iterdir())
    assert names == ["cancel-r2r-test-final-ane_example.eus.eml", "cancel-r2r-test-final-hanako_example.jp.eml"]


def test_per_item_files_of_an_event_without_scheduled_items_are_refused(tab, qtbot, sample_db, tmp_path, monkeypatch):
    shown: list[BaseException] = []
    monkeypatch.setattr("iurc_desktop.ui.shell.main_window.show_error", lambda parent, exc: shown.append(exc))
    with sample_db.transaction() as s:
        for item in s.scalars(select(Item)):
            item.status = "cancelled"
    tab.choose_folder = lambda title: tmp_path / "outlook"
    tab.save_invites_per_item()
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert "has no scheduled items to invite people to" in str(shown[0])
    assert not any((tmp_path / "outlook").glob("*.ics"))
