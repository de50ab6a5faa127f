"""Invitation e-mails: parse with the standard library, calendar part's method matches METHOD."""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path

import pytest
from icalendar import Calendar

from iurc_desktop.app.calendars import write_emails
from iurc_desktop.core.errors import ValidationError
from iurc_desktop.exchange.ics.mail import invitation_emails

from .test_ics_data import VISIT, WEBINAR, visit_db  # noqa: F401


def parts(data: bytes):  # type: ignore[no-untyped-def]
    msg = message_from_bytes(data, policy=policy.default)
    calendar = next(p for p in msg.walk() if p.get_content_type() == "text/calendar")
    attachment = next(p for p in msg.walk() if p.get_filename())
    return msg, msg.get_body(("plain",)).get_content(), calendar, attachment


def test_one_email_per_recipient_with_request_part_matching_the_method(visit_db) -> None:  # noqa: F811
    with visit_db.reading() as s:
        mails = dict(invitation_emails(s, VISIT, item_key="aichi-visit"))
    assert sorted(mails) == [f"{VISIT}-aichi-visit-ane_example.eus.eml", f"{VISIT}-aichi-visit-nan_example.ie.eml", f"{VISIT}-aichi-visit-taro_example.jp.eml"]
    msg, body, calendar, attachment = parts(mails[f"{VISIT}-aichi-visit-taro_example.jp.eml"])
    assert msg["To"].addresses[0].addr_spec == "taro@example.jp"
    assert msg["To"].addresses[0].display_name == "山田太郎"
    assert msg["From"].addresses[0].addr_spec == "info-aa@example.eu"
    assert msg["X-Unsent"] == "1"
    assert calendar.get_param("method") == "REQUEST"
    cal = Calendar.from_ical(calendar.get_payload(decode=True))
    assert cal["METHOD"] == "REQUEST"
    assert attachment.get_filename() == "invite.ics"
    assert attachment.get_payload(decode=True) == calendar.get_payload(decode=True)
    assert "Dear 山田太郎," in body and "Tue 22 Nov 2022 09:30–12:00 (Asia/Tokyo)" in body


def test_body_shows_times_in_the_recipients_own_zone(visit_db) -> None:  # noqa: F811
    """Ane's organisation is in Madrid: 09:30 Tokyo is 01:30 there, with the local time beside it."""
    with visit_db.reading() as s:
        mails = dict(invitation_emails(s, VISIT, item_key="aichi-visit"))
    _, body, _, _ = parts(mails[f"{VISIT}-aichi-visit-ane_example.eus.eml"])
    assert "Tue 22 Nov 2022 01:30–04:00 (Europe/Madrid), 09:30 local time in Asia/Tokyo" in body


def test_each_recipient_gets_only_their_items(visit_db) -> None:  # noqa: F811
    with visit_db.reading() as s:
        mails = dict(invitation_emails(s, VISIT))
    msg = message_from_bytes(mails[f"{VISIT}-all-jon_example.eus.eml"], policy=policy.default)
    calendars = [p.get_payload(decode=True) for p in msg.walk() if p.get_content_type() == "text/calendar"]
    titles = {str(e["SUMMARY"]) for data in calendars for e in Calendar.from_ical(data).walk("VEVENT")}
    assert "Osaka Innovation Hub" in titles and "Aichi Science & Technology Foundation" not in titles
    assert len(calendars) == len(titles) == 3  # one part per item: opening, Osaka, the debrief
    assert f"{VISIT}-all-declined_example.eu.eml" not in mails


def test_one_email_to_all_recipients(visit_db) -> None:  # noqa: F811
    with visit_db.reading() as s:
        ((name, data),) = invitation_emails(s, VISIT, item_key="opening", one_per_recipient=False)
    msg, body, calendar, _ = parts(data)
    assert name == f"{VISIT}-opening.eml"
    assert len(msg["To"].addresses) == 5
    assert "(Asia/Tokyo)" in body


def test_cancellation_email_has_cancel_method(visit_db) -> None:  # noqa: F811
    with visit_db.reading() as s:
        mails = invitation_emails(s, WEBINAR, item_key="part-1", cancel=True)
    ((name, data),) = mails
    msg, body, calendar, attachment = parts(data)
    assert name.startswith("cancel-")
    assert msg["Subject"] == "Cancelled: Smart cities, part 1"
    assert calendar.get_param("method") == "CANCEL"
    assert Calendar.from_ical(calendar.get_payload(decode=True))["METHOD"] == "CANCEL"
    assert "(Pacific/Auckland)" in body and "is cancelled" in body


def test_calendar_part_keeps_crlf_lines(visit_db) -> None:  # noqa: F811
    with visit_db.reading() as s:
        _, data = invitation_emails(s, WEBINAR)[0]
    payload = parts(data)[2].get_payload(decode=True)
    assert payload.count(b"\r\n") == payload.count(b"\n")


def test_no_organiser_email_is_refused_with_advice(visit_db) -> None:  # noqa: F811
    from iurc_desktop.core.models import Event

    with visit_db.transaction() as s:
        s.query(Event).filter_by(code=WEBINAR).one().organiser_email = ""
    with visit_db.reading() as s, pytest.raises(ValidationError, match="organiser"):
        invitation_emails(s, WEBINAR)


def test_write_emails_writes_each_file(visit_db, tmp_path: Path) -> None:  # noqa: F811
    with visit_db.reading() as s:
        messages = invitation_emails(s, WEBINAR)
    paths = write_emails(visit_db, WEBINAR, tmp_path / "out").value.paths
    assert [p.name for p in paths] == [n for n, _ in messages]
    # each message is built afresh (Date, Message-ID and MIME boundaries differ): compare what a reader sees
    def seen(data: bytes) -> tuple[str, str, str]:
        msg, body, calendar, _ = parts(data)
        return msg["To"], msg["Subject"], body + calendar.get_param("method")

    assert all(seen(p.read_bytes()) == seen(d) for p, (_, d) in zip(paths, messages))
