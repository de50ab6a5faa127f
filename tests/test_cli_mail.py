"""`mail EVENT --template NAME` to a real SMTP server on localhost, and a person's language on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from iurc_desktop.app import outbox
from iurc_desktop.app.outbox import MailSettings
from tests.cli_support import digest, run
from tests.mail_programme import PROGRAMME, loaded_database
from tests.mail_server import Server, serve

pytest_plugins = ("tests.mail_fixtures",)


@pytest.fixture
def url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    """A database holding the mail programme, and mail settings of this test alone."""
    return loaded_database(tmp_path, monkeypatch, capsys, PROGRAMME)


def test_mail_sends_each_active_participant_the_invitation_in_their_language_with_their_calendar_files(
        url: str, capsys: pytest.CaptureFixture[str], servers: list[Server]) -> None:
    handler = serve(servers)
    code, out, err = run(capsys, "--db", url, "mail", "visit-2026", "--template", "invitation")
    assert code == 0, err
    assert "Queued 2 messages." in out and "Sent 2 messages." in out
    got = {r.rcpt_tos[0]: r.message for r in handler.received}
    assert set(got) == {"hanako@example.jp", "ane@example.eus"}  # Bo is waitlisted
    hanako = got["hanako@example.jp"]
    assert hanako["Subject"] == "ご招待：Brussels study visit"
    body = hanako.get_body(("plain",)).get_content()
    assert "鈴木花子 様" in body and "2026年10月29日（木） 18:00–19:30 JST（開催地時間：2026年10月29日（木） 10:00–11:30 CET）" in body
    calendars = [part for part in hanako.walk() if part.get_content_type() == "text/calendar"]
    assert sorted(part.get_filename() for part in calendars) == ["closing.ics", "opening.ics"]
    assert all(b"METHOD:REQUEST" in part.get_payload(decode=True) for part in calendars)
    assert got["ane@example.eus"]["Subject"] == "Invitation: Brussels study visit"
    assert sent_versions(url) == {"opening": 0, "b-visit": None, "closing": 0}  # what went out is recorded as sent


def sent_versions(url: str) -> dict[str, int | None]:
    from sqlalchemy import select

    from iurc_desktop.core.db import open_database
    from iurc_desktop.core.models import Item

    db = open_database(url)
    try:
        with db.reading() as session:
            return dict(session.execute(select(Item.key, Item.sent_sequence).where(Item.key != "talk")).all())
    finally:
        db.dispose()


def test_a_filter_chooses_the_recipients_and_queue_only_sends_nothing(url: str, capsys: pytest.CaptureFixture[str],
                                                                       servers: list[Server]) -> None:
    handler = serve(servers)
    code, out, err = run(capsys, "--db", url, "mail", "visit-2026", "--template", "reminder", "--to", "status=waitlisted",
                         "--queue-only", "--json")
    assert code == 0, err
    assert len(json.loads(out)["queued"]) == 1 and handler.received == []
    code, out, _ = run(capsys, "--db", url, "outbox", "--json")
    assert "bo@example.se" in out and "hanako@example.jp" not in out
    code, out, err = run(capsys, "--db", url, "mail", "visit-2026", "--template", "reminder", "--to", "group=C")
    assert code == 1 and "group C is not one of: A, B" in err and "Traceback" not in err
    code, out, err = run(capsys, "--db", url, "mail", "visit-2026", "--template", "reminder", "--to",
                         "email=ane@example.eus")  # queued and sent at once: this message only
    assert code == 0, err
    assert [r for got in handler.received for r in got.rcpt_tos] == ["ane@example.eus"]
    code, out, _ = run(capsys, "--db", url, "outbox", "--state", "queued", "--json")
    assert "bo@example.se" in out  # the message queued before waits for `send`


def test_item_writes_about_that_item_only(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", url, "mail", "visit-2026", "--template", "invitation", "--item", "nowhere",
                         "--queue-only")
    assert code == 1 and "nowhere" in err and "Traceback" not in err
    code, out, err = run(capsys, "--db", url, "mail", "visit-2026", "--template", "invitation", "--item", "opening",
                         "--preview", "ane@example.eus")
    assert code == 0, err
    assert "invite.ics" in out and "closing" not in out.lower().split("attached")[-1]


def test_preview_prints_one_recipients_message(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = digest(url)
    code, out, _ = run(capsys, "--db", url, "mail", "web-2026", "--template", "reminder", "--preview", "hanako@example.jp")
    assert code == 0
    assert out.startswith("To: 鈴木花子 <hanako@example.jp>\nSubject: 【リマインダー】Talk（2026年10月26日（月） 17:00–18:00 JST）\nLanguage: ja\n")
    assert "参加用リンク：https://meet.example.eu/j/123" in out
    assert digest(url) == before  # a preview changes nothing


def test_a_sneaky_user_template_is_refused_in_words(url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    own = tmp_path / "config" / "iurc-desktop" / "mail" / "en" / "sneaky.txt"
    own.parent.mkdir(parents=True)
    own.write_text("Subject: hi\n\n{{ ''.__class__.__mro__ }}\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", url, "mail", "visit-2026", "--template", "sneaky", "--queue-only")
    assert code == 1 and out == ""
    assert "The mail template sneaky (en) was refused: it reaches outside the message's fields" in err
    assert "Traceback" not in err


def test_the_language_is_set_cleared_and_refused_in_words_on_the_command_line(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", url, "edit", "person", "ane@example.eus", "--language", "FR", "--json")
    assert code == 0 and json.loads(out)["preferred_language"] == "fr"
    before = digest(url)
    code, out, err = run(capsys, "--db", url, "edit", "person", "ane@example.eus", "--language", "zz")
    assert code == 1 and out == ""
    assert "--language: 'zz' is not an ISO 639-1 two-letter language code (e.g. en, ja, fr, ko)" in err
    assert digest(url) == before  # nothing changed
    code, out, _ = run(capsys, "--db", url, "edit", "person", "ane@example.eus", "--language", "", "--json")
    assert code == 0 and "preferred_language" not in json.loads(out)  # automatic: English


def test_the_language_round_trips_through_the_programme_file(url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    dumped = tmp_path / "dump.json"
    assert run(capsys, "--db", url, "dump", "-o", str(dumped))[0] == 0
    people = {p["email"]: p for p in json.loads(dumped.read_text(encoding="utf-8"))["people"]}
    assert people["hanako@example.jp"]["preferred_language"] == "ja"
    assert "preferred_language" not in people["ane@example.eus"]
    other = f"sqlite:///{tmp_path / 'other.db'}"
    assert run(capsys, "--db", other, "load", str(dumped))[0] == 0
    code, out, _ = run(capsys, "--db", other, "mail", "visit-2026", "--template", "invitation", "--preview", "hanako@example.jp")
    assert "Language: ja" in out
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**PROGRAMME, "people": [{**PROGRAMME["people"][0], "preferred_language": "japanese"}],
                               "events": []}), encoding="utf-8")
    code, _, err = run(capsys, "--db", other, "load", str(bad), "--replace")
    assert code == 1
    assert "people[0].preferred_language: 'japanese' is not an ISO 639-1 two-letter language code" in err


def test_without_a_sender_nothing_is_queued_nor_recorded_as_sent(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = digest(url)
    code, out, err = run(capsys, "--db", url, "mail", "visit-2026", "--template", "invitation", "--queue-only")
    assert code == 1 and out == ""
    assert "set it in the mail settings" in err and "Nothing was queued." in err
    assert digest(url) == before


def test_an_import_reads_a_language_column_in_codes_or_names(url: str, capsys: pytest.CaptureFixture[str],
                                                            tmp_path: Path) -> None:
    rows = tmp_path / "registrations.csv"
    rows.write_text("First Name,Last Name,Email,Language\nYui,Sato,yui@example.jp,日本語\nLéa,Roux,lea@example.fr,French\n"
                    "Ida,Lund,ida@example.se,Klingon\nJo,Park,jo@example.kr,ko-KR\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", url, "import", str(rows), "--event", "web-2026", "--dry-run")
    assert code == 0, err
    assert "language 'Klingon' is not known: their e-mails go in English" in out
    assert run(capsys, "--db", url, "import", str(rows), "--event", "web-2026")[0] == 0
    languages = {}
    for email in ("yui@example.jp", "lea@example.fr", "ida@example.se", "jo@example.kr"):
        code, out, _ = run(capsys, "--db", url, "mail", "web-2026", "--template", "reminder", "--preview", email, "--json")
        languages[email] = json.loads(out)["language"]
    assert languages == {"yui@example.jp": "ja", "lea@example.fr": "fr", "ida@example.se": "en", "jo@example.kr": "ko"}


def test_erasing_a_person_forgets_their_language(url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import sqlite3

    code, _, err = run(capsys, "--db", url, "erase", "hanako@example.jp", "--backup-folder", str(tmp_path / "kept"))
    assert code == 0, err
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        assert conn.execute("SELECT count(*) FROM people WHERE preferred_language IS NOT NULL").fetchone()[0] == 0


def test_an_invitation_to_someone_invited_to_nothing_is_refused_in_words(url: str, capsys: pytest.CaptureFixture[str],
                                                                          tmp_path: Path) -> None:
    code, out, err = run(capsys, "--db", url, "mail", "visit-2026", "--template", "invitation", "--to", "status=waitlisted",
                         "--queue-only")
    assert code == 1 and out == ""
    assert "Nobody to write invitation to in visit-2026" in err and "Bo Berg is invited to no scheduled item" in err
    own = tmp_path / "config" / "iurc-desktop" / "mail" / "en" / "invitation.txt"
    own.parent.mkdir(parents=True)
    own.write_text("Subject: hi\n\n{{ person.nmae }}\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", url, "mail", "visit-2026", "--template", "invitation", "--queue-only")
    assert code == 1 and "The mail template invitation (en) uses a field that does not exist" in err  # not "nobody"


def test_the_outbox_lists_one_events_messages(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    outbox.save_settings(MailSettings(host="127.0.0.1", port=25, security="none", from_address="team@example.eu"))
    assert run(capsys, "--db", url, "mail", "web-2026", "--template", "reminder", "--queue-only")[0] == 0
    code, out, _ = run(capsys, "--db", url, "outbox", "--event", "web-2026", "--json")
    data = json.loads(out)
    assert code == 0 and data["counts"]["queued"] == len(data["messages"]) > 0
    assert {m["event_code"] for m in data["messages"]} == {"web-2026"}
    code, out, _ = run(capsys, "--db", url, "outbox", "--event", "visit-2026")
    assert code == 0 and out.startswith("No message about visit-2026 is in the outbox.")
    code, _, err = run(capsys, "--db", url, "outbox", "--event", "no-such-event")
    assert code != 0 and "no-such-event" in err and "Traceback" not in err
