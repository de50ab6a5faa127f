"""The window refuses what no stored value may hold beside the field it was typed or pasted in, and stores nothing."""

from __future__ import annotations

from iurc_desktop.app import people
from tests.ui.test_person_editing import emails, new_person_dialog, no_message_box, open_person, save


def test_a_pasted_control_character_shows_beside_its_field_in_the_new_person_dialog(window, qtbot):
    page, dialog = new_person_dialog(window, qtbot)
    fields = dialog.person
    fields.widget("given_name").insert("Sakura\x07")  # pasted: no key types a bell
    qtbot.keyClicks(fields.widget("family_name"), "Ito")
    qtbot.keyClicks(fields.widget("email"), "sakura@example.jp")
    fields.widget("dietary").insert("no pork\u202e")
    save(dialog)
    assert dialog.isVisible() and no_message_box()
    given = dialog.form.problems["given_name"]
    assert given.isVisible() and given.text().startswith("holds a control character (U+0007) at character 7")
    assert dialog.needs.problems["dietary"].text().startswith("holds a text-direction control (U+202E)")
    assert not dialog.form.problems["email"].isVisible()
    assert "sakura@example.jp" not in emails(page) and window.ctx.undo.count() == 0
    fields.widget("given_name").setText("Sakura")
    fields.widget("dietary").setText("no pork")
    save(dialog)
    assert not dialog.isVisible()
    assert people.person_record(window.db, "sakura@example.jp").entry["given_name"] == "Sakura"


def test_an_edit_on_the_person_page_is_refused_beside_the_field_and_kept_to_correct(window, qtbot):
    page = open_person(window, qtbot, "ane@example.eus")
    page.person_fields.widget("job_title").setText("Head\u2028of unit")
    page.save_button.click()
    assert no_message_box()
    assert page.details[0].problems["job_title"].text().startswith("holds a Unicode line separator (U+2028)")
    assert page.person_fields.widget("job_title").text() == "Head\u2028of unit"
    assert people.person_record(window.db, "ane@example.eus").entry["job_title"] == "Policy officer"
