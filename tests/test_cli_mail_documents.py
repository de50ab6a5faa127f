"""`mail EVENT --template visa-letter|booklet`: each person's own letter or booklet attached, through a real SMTP server."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from tests.cli_support import digest, run
from tests.mail_programme import PROGRAMME, loaded_database
from tests.mail_server import Server, serve
from tests.pdf_checks import pdf_text

pytest_plugins = ("tests.mail_fixtures",)


@pytest.fixture
def url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    """The mail programme with Hanako (confirmed) needing a visa, and mail settings of this test alone."""
    programme = copy.deepcopy(PROGRAMME)
    visit = next(e for e in programme["events"] if e["code"] == "visit-2026")
    visit["participants"][0]["visa_needed"] = True
    return loaded_database(tmp_path, monkeypatch, capsys, programme)


def test_visa_letter_sends_the_delegate_their_own_numbered_letter_in_their_language(
        url: str, capsys: pytest.CaptureFixture[str], servers: list[Server]) -> None:
    handler = serve(servers)
    code, out, err = run(capsys, "--db", url, "mail", "visit-2026", "--template", "visa-letter")
    assert code == 0, err
    assert "Queued 1 invitation letter; 1 visa moved to 'letter sent'." in out and "Sent 1 message." in out
    [got] = handler.received
    message = got.message
    assert got.rcpt_tos == ["hanako@example.jp"] and message["Subject"] == "【招へい状】Brussels study visit（VISIT-2026/001）"
    [pdf] = [p for p in message.iter_attachments() if p.get_content_type() == "application/pdf"]
    assert "VISIT-2026/001" in pdf_text(pdf.get_payload(decode=True))
    code, out, _ = run(capsys, "--db", url, "visa", "visit-2026", "hanako@example.jp")
    assert "letter sent" in out


def test_booklet_queues_each_persons_own_booklet_and_json_names_the_versions(
        url: str, capsys: pytest.CaptureFixture[str], servers: list[Server]) -> None:
    handler = serve(servers)
    code, out, err = run(capsys, "--db", url, "mail", "visit-2026", "--template", "booklet", "--to", "email=ane@example.eus",
                         "--queue-only", "--json")
    assert code == 0, err
    shown = json.loads(out)
    assert len(shown["queued"]) == 1 and len(shown["versions"]) == 1 and handler.received == []
    code, out, err = run(capsys, "--db", url, "send")
    assert code == 0, err
    [got] = handler.received
    assert got.rcpt_tos == ["ane@example.eus"] and shown["versions"][0] in got.message["Subject"]
    [pdf] = [p for p in got.message.iter_attachments() if p.get_content_type() == "application/pdf"]
    assert "ETXEBERRIA" in pdf_text(pdf.get_payload(decode=True))


def test_preview_shows_the_message_with_its_document_numbered_draft(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = digest(url)
    code, out, err = run(capsys, "--db", url, "mail", "visit-2026", "--template", "visa-letter", "--preview",
                         "ane@example.eus")
    assert code == 0, err
    assert "Subject: Your invitation letter for Brussels study visit (DRAFT)" in out and "Attachments: letter.pdf" in out
    assert digest(url) == before


def test_options_of_another_template_and_refusals_are_said_and_change_nothing(
        url: str, capsys: pytest.CaptureFixture[str], servers: list[Server]) -> None:
    serve(servers)
    before = digest(url)
    code, out, err = run(capsys, "--db", url, "mail", "visit-2026", "--template", "booklet", "--include-passport")
    assert code == 1 and "--include-passport goes with --template visa-letter only." in err
    code, out, err = run(capsys, "--db", url, "mail", "visit-2026", "--template", "visa-letter", "--to", "group=B")
    assert code == 1 and "The filter chose no confirmed participant of visit-2026 who needs a visa" in err
    code, out, err = run(capsys, "--db", url, "mail", "web-2026", "--template", "visa-letter")
    assert code == 1 and "invitation letters are for study visits" in err
    assert "Traceback" not in err and digest(url) == before
