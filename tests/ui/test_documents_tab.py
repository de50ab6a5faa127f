"""The Documents tab: a study visit's letters previewed for the chosen person and saved on the worker with the log."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pypdf import PdfReader
from sqlalchemy import select

from iurc_desktop.core.models import Item, ItemPerson, Participation, Person
from iurc_desktop.ui.pages.documents_tab import DocumentsTab
from tests.pdf_checks import pdf_text


def _needs_visa(db) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        for part in s.scalars(select(Participation).join(Person).where(Person.email.in_(["ane@example.eus",
                                                                                         "hanako@example.jp"]))):
            part.visa_needed = True
        s.scalar(select(Person).where(Person.email == "hanako@example.jp")).passport_number = "TK7654321"


@pytest.fixture
def tab(window, sample_db) -> DocumentsTab:
    _needs_visa(sample_db)
    window.open_event("r2r-test")
    return window.event_page.select_tab("documents")  # type: ignore[return-value]


def test_every_event_has_the_tab_and_only_study_visits_have_letters(window, qtbot):
    page = window.event_page
    window.open_event("webinar-test")
    assert page.tabs.isTabVisible(page.tabs.indexOf(page.tab_widgets["documents"]))
    tab = window.event_page.select_tab("documents")
    qtbot.waitUntil(lambda: not tab.loading)
    offered = [tab.document.itemData(i) for i in range(tab.document.count())]
    assert "letters" not in offered and "certificates" in offered and "badges" in offered
    window.open_event("r2r-test")
    qtbot.waitUntil(lambda: "letters" in [tab.document.itemData(i) for i in range(tab.document.count())])


def test_the_chosen_persons_first_page_is_previewed(tab):
    assert [tab.people.item(i).text() for i in range(tab.people.count())] == ["Ane Etxeberria", "Suzuki Hanako (鈴木花子)"]
    tab.people.setCurrentRow(1)
    assert tab.page.pixmap() is not None and tab.page.pixmap().width() > 400


def test_save_all_writes_each_letter_logs_it_and_keeps_the_passport_out(tab, qtbot, tmp_path: Path):
    tab.choose_folder = lambda title: tmp_path
    with qtbot.waitSignal(tab.done, timeout=20000):
        tab.save_all.click()
    files = sorted(tmp_path.glob("*.pdf"))
    assert len(files) == 2
    assert all("TK7654321" not in pdf_text(f.read_bytes()) for f in files)
    qtbot.waitUntil(lambda: tab.log.topLevelItemCount() == 2)
    assert tab.log.topLevelItem(0).text(0) == "R2R-TEST/001"


def test_the_passport_box_is_the_consent(tab, qtbot, tmp_path: Path):
    tab.choose_folder = lambda title: tmp_path
    tab.people.setCurrentRow(1)
    tab.passport.setChecked(True)
    with qtbot.waitSignal(tab.done, timeout=20000):
        tab.save_one.click()
    (pdf,) = tmp_path.glob("*.pdf")
    assert "TK7654321" in pdf_text(pdf.read_bytes()) and "SUZUKI Hanako" in pdf_text(pdf.read_bytes())
    qtbot.waitUntil(lambda: tab.log.topLevelItemCount() == 1)
    assert tab.log.topLevelItem(0).text(3) == "printed"


def test_nobody_needing_a_visa_is_said_next_to_the_choice(window):
    window.open_event("r2r-test")
    tab = window.event_page.select_tab("documents")
    assert "No confirmed participant needs a visa" in tab.message.text() and not tab.save_all.isEnabled()


def test_the_template_in_use_is_named_with_where_ones_own_goes(tab):
    assert "the bundled one" in tab.template.text() and "documents" in tab.template.text()


def _badges(tab: DocumentsTab, qtbot) -> None:  # type: ignore[no-untyped-def]
    tab.document.setCurrentIndex(tab.document.findData("badges"))
    qtbot.waitUntil(lambda: tab.people.count() > 0 and "badges" in tab.people.item(0).text())


def test_badges_offer_everyone_and_each_group_with_a_preview(tab, qtbot):
    _badges(tab, qtbot)
    labels = [tab.people.item(i).text() for i in range(tab.people.count())]
    assert labels[0].startswith("Everyone taking part") and any(text.startswith("Group ") for text in labels[1:])
    assert not tab.passport.isVisible() and tab.log.isHidden() and not tab.layout_choice.isHidden()
    assert tab.page.pixmap() is not None and tab.page.pixmap().width() > 400
    assert "badges.typ" in tab.template.text()


def test_saving_badges_records_them_so_only_new_ones_remain(tab, qtbot, tmp_path: Path):
    _badges(tab, qtbot)
    tab.choose_file = lambda title, name: tmp_path / name
    tab.layout_choice.setCurrentIndex(tab.layout_choice.findData("a6"))
    with qtbot.waitSignal(tab.done, timeout=20000):
        tab.save_all.click()
    (pdf,) = tmp_path.glob("*.pdf")
    text = pdf_text(pdf.read_bytes())
    assert text.index("SUZUKI Hanako") < text.index("鈴木")
    qtbot.waitUntil(lambda: "0 not printed yet" in tab.people.item(0).text())
    assert "Badges last printed" in tab.message.text()
    tab.new_only.setChecked(True)
    assert "No badge to print" in tab.page.text()


def test_a_label_sheet_is_chosen_in_the_layout_list_previewed_and_saved(tab, qtbot, tmp_path: Path):
    _badges(tab, qtbot)
    offered = [tab.layout_choice.itemData(i) for i in range(tab.layout_choice.count())]
    assert {"avery-l7163", "avery-l7160", "avery-5390"} <= set(offered)
    tab.layout_choice.setCurrentIndex(tab.layout_choice.findData("avery-5390"))
    assert "Avery 5390" in tab.layout_choice.currentText()
    assert tab.page.pixmap() is not None and tab.page.pixmap().width() > 400
    tab.choose_file = lambda title, name: tmp_path / name
    with qtbot.waitSignal(tab.done, timeout=20000):
        tab.save_all.click()
    (pdf,) = tmp_path.glob("*.pdf")
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    assert [round(float(x)) for x in reader.pages[0].mediabox[2:]] == [612, 792]  # US Letter
    assert pdf_text(pdf.read_bytes()).index("SUZUKI Hanako") < pdf_text(pdf.read_bytes()).index("鈴木")


def test_certificates_list_who_attended_and_save_one_each(tab, sample_db, qtbot, tmp_path: Path):
    with sample_db.transaction() as s:
        s.scalar(select(Participation).join(Person).where(Person.email == "hanako@example.jp")).status = "attended"
    tab.document.setCurrentIndex(tab.document.findData("certificates"))
    qtbot.waitUntil(lambda: tab.people.count() == 1)
    assert tab.people.item(0).text() == "Suzuki Hanako (鈴木花子)" and not tab.save_one.isHidden()
    assert tab.page.pixmap() is not None and tab.page.pixmap().width() > 400
    tab.choose_folder = lambda title: tmp_path
    with qtbot.waitSignal(tab.done, timeout=20000):
        tab.save_all.click()
    (pdf,) = tmp_path.glob("*.pdf")
    text = pdf_text(pdf.read_bytes())
    assert text.index("SUZUKI Hanako") < text.index("鈴木花子") and "Ane" not in text


def test_nobody_attended_is_said_next_to_the_choice(tab, qtbot):
    tab.document.setCurrentIndex(tab.document.findData("certificates"))
    qtbot.waitUntil(lambda: "Nobody is marked attended" in tab.message.text())
    assert not tab.save_all.isEnabled()


def test_a_booklet_is_previewed_and_saved_for_the_chosen_group(tab, qtbot, tmp_path: Path):
    tab.document.setCurrentIndex(tab.document.findData("booklets"))
    qtbot.waitUntil(lambda: tab.people.count() > 0 and tab.people.item(0).text() == "Group A")
    assert tab.page.pixmap() is not None and tab.page.pixmap().width() > 400
    assert tab.save_one.text() == "Save &booklet…" and tab.save_all.text() == "Save &all booklets…"
    tab.choose_file = lambda title, name: tmp_path / name
    with qtbot.waitSignal(tab.done, timeout=20000):
        tab.save_one.click()
    (pdf,) = tmp_path.glob("itinerary-r2r-test-A.pdf")
    assert "Itinerary: Group A" in pdf_text(pdf.read_bytes())


def test_the_contacts_box_is_the_consent_to_print_a_host_contacts_e_mail(tab, sample_db, qtbot, tmp_path: Path):
    with sample_db.transaction() as s:
        visit = s.scalar(select(Item).where(Item.key == "aichi-visit"))
        visit.assigned.append(ItemPerson(person=s.scalar(select(Person).where(Person.email == "hanako@example.jp")),
                                         role="host"))
    tab.document.setCurrentIndex(tab.document.findData("booklets"))
    qtbot.waitUntil(lambda: tab.people.count() > 0 and tab.people.item(0).text() == "Group A")
    assert not tab.contacts.isHidden() and not tab.contacts.isChecked() and tab.passport.isHidden()
    tab.choose_file = lambda title, name: tmp_path / "plain.pdf"
    with qtbot.waitSignal(tab.done, timeout=20000):
        tab.save_one.click()
    tab.contacts.setChecked(True)
    tab.choose_file = lambda title, name: tmp_path / "contacts.pdf"
    with qtbot.waitSignal(tab.done, timeout=20000):
        tab.save_one.click()
    plain, contacts = (" ".join(pdf_text((tmp_path / n).read_bytes()).split()) for n in ("plain.pdf", "contacts.pdf"))
    assert "Suzuki Hanako" in plain and "hanako@example.jp" not in plain
    assert "Suzuki Hanako, 鈴木花子, hanako@example.jp" in contacts
    tab.document.setCurrentIndex(tab.document.findData("letters"))
    qtbot.waitUntil(lambda: tab.contacts.isHidden())


def test_every_booklet_is_saved_into_a_folder_and_an_empty_group_is_named(tab, qtbot, tmp_path: Path):
    tab.document.setCurrentIndex(tab.document.findData("booklets"))
    qtbot.waitUntil(lambda: tab.people.count() > 0 and tab.save_all.isEnabled())
    subjects = tab.people.count()
    tab.choose_folder = lambda title: tmp_path / "1"
    with qtbot.waitSignal(tab.done, timeout=30000) as first:
        tab.save_all.click()
    assert len(list((tmp_path / "1").glob("itinerary-r2r-test-*.pdf"))) == subjects - 1
    assert f"Saved {subjects - 1} itinerary booklets" in first.args[0].message
    assert "no booklet for group B: nobody is in it yet" in first.args[0].message
    qtbot.waitUntil(lambda: not tab.loading)
    assert f"Saved {subjects - 1} itinerary booklets" in tab.saved.text()  # kept once the page has read again


def test_two_people_of_one_name_are_told_apart_by_their_e_mail(tab, sample_db, qtbot):
    with sample_db.transaction() as s:
        twin = s.scalar(select(Person).where(Person.email == "hanako@example.jp"))
        other = Person(given_name=twin.given_name, family_name=twin.family_name, name_order=twin.name_order,
                       local_name=twin.local_name, email="hanako.2@example.jp")
        s.add(Participation(event=s.scalar(select(Participation).where(Participation.person == twin)).event,
                            person=other, status="confirmed"))
    tab.document.setCurrentIndex(tab.document.findData("booklets"))
    qtbot.waitUntil(lambda: any("hanako.2@example.jp" in tab.people.item(i).text() for i in range(tab.people.count())))
    texts = [tab.people.item(i).text() for i in range(tab.people.count())]
    assert "Suzuki Hanako (鈴木花子) — hanako@example.jp" in texts and "Ane Etxeberria" in texts



@pytest.fixture
def sender() -> None:
    """Mail settings with a sender address (the outbox refuses to queue without one)."""
    from iurc_desktop.app import outbox

    outbox.save_settings(outbox.MailSettings(host="127.0.0.1", port=25, security="none", from_address="info-aa@example.eu"))


def test_send_queues_each_persons_letter_in_the_background_and_undo_cancels(tab, sender, sample_db, qtbot, errors):
    from email import message_from_bytes, policy

    from iurc_desktop.app import outbox
    from iurc_desktop.core.models import OutboxMessage
    from iurc_desktop.ui.dialogs.send_documents import SendDocumentsDialog

    qtbot.waitUntil(lambda: tab.send.isVisible() and tab.send.isEnabled())
    tab.people.setCurrentRow(1)
    dialog = tab.open_send()
    assert isinstance(dialog, SendDocumentsDialog) and dialog.only.isChecked() and not dialog.consent.isChecked()
    assert [dialog.recipients.item(i).text() for i in range(dialog.recipients.count())] == [
        "Suzuki Hanako (鈴木花子) <hanako@example.jp>"]
    dialog.everyone.setChecked(True)
    assert dialog.recipients.count() == 2 and dialog.queue_button.text() == "&Queue 2 letters"
    assert "To: Ane Etxeberria <ane@example.eus>" in dialog.heading.text()
    assert "(number DRAFT)" in dialog.preview.toPlainText()
    said: list[str] = []
    tab.status.connect(said.append)
    with qtbot.waitSignal(tab.queued, timeout=20000):
        dialog.queue_button.click()
    assert "Queued 2 letters (Outbox); 2 visas moved to 'letter sent'" in said
    with sample_db.reading() as session:
        for row in session.query(OutboxMessage):
            [pdf] = [p for p in message_from_bytes(row.raw, policy=policy.default).iter_attachments()]
            text = pdf_text(pdf.get_payload(decode=True))
            assert row.kind == "letter" and "TK7654321" not in text
            assert ("SUZUKI Hanako" in text) == (row.to_address == "hanako@example.jp")
    qtbot.waitUntil(lambda: tab.log.topLevelItemCount() == 2)
    assert tab.ctx.undo.undoText() == "Queue 2 letters for r2r-test"
    tab.ctx.undo.undo()
    assert outbox.outbox(sample_db).counts["cancelled"] == 2 and outbox.outbox(sample_db).counts["queued"] == 0
    assert errors == []


def test_send_a_booklet_to_the_chosen_person_with_the_contacts_consent(tab, sender, sample_db, qtbot, errors):
    from iurc_desktop.app import outbox

    tab.document.setCurrentIndex(tab.document.findData("booklets"))
    qtbot.waitUntil(lambda: tab.send.isVisible() and tab.people.count() > 2)
    hanako = next(i for i in range(tab.people.count()) if tab.people.item(i).data(Qt.ItemDataRole.UserRole) == "person:hanako@example.jp")
    tab.people.setCurrentRow(hanako)
    dialog = tab.open_send()
    assert dialog is not None and dialog.email == "hanako@example.jp" and dialog.queue_button.text() == "&Queue 1 booklet"
    assert "version DRAFT" in dialog.preview.toPlainText()
    with qtbot.waitSignal(tab.queued, timeout=20000):
        dialog.queue_button.click()
    rows = outbox.outbox(sample_db).rows
    assert [(r.to_address, r.kind) for r in rows] == [("hanako@example.jp", "booklet")]
    assert tab.saved.text().startswith("Queued 1 booklet (Outbox)") and errors == []


def test_send_without_a_sender_address_is_said_in_the_dialog(tab, qtbot):
    from iurc_desktop.app import outbox

    outbox.save_settings(outbox.MailSettings(host="127.0.0.1", port=25, security="none", from_address=""))
    qtbot.waitUntil(lambda: tab.send.isEnabled())
    dialog = tab.open_send()
    assert dialog is not None and not dialog.queue_button.isEnabled()
    assert "sender's address is not set" in dialog.problem.text()
