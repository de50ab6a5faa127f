"""Mail templates: every merge field in English and Japanese, the sandbox, language fallback and the user's own files."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from iurc_desktop.app import mail
from iurc_desktop.app.programme import load_programme
from iurc_desktop.core.errors import NotFound, ValidationError
from iurc_desktop.exchange.mail import templates
from tests.mail_programme import JOIN_LINK, write_programme

# Every merge field, one per line, as a user's template would name it.
FIELDS = (
    "person.name", "person.given_name", "person.family_name", "person.local_name", "person.email", "person.organisation",
    "person.organisation_local", "person.zone", "person.language", "role", "status", "group",
    "event.code", "event.title", "event.kind", "event.zone", "event.dates", "event.start", "event.end",
    "event.join_link", "items|length", "items[0].title", "items[0].place", "items[0].when", "items[0].event_when",
    "items[0].same_clock", "items[1].key", "items[1].when", "items[1].event_when", "items[1].time",
    "hotel.hotel", "hotel.hotel_local", "hotel.address_local", "hotel.check_in", "hotel.check_out", "hotel.nights",
    "hotel.room", "arrival.label", "arrival.from", "arrival.to", "arrival.arrive", "pickup.label", "pickup.to",
    "pickup.depart", "travel|length", "organiser.name", "organiser.email", "zone", "event_zone",
)


@pytest.fixture
def user_mail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's own template folder, empty, in a configuration folder of this test's own."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    folder = templates.user_templates_dir()
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def visit(db, tmp_path: Path):  # type: ignore[no-untyped-def]
    load_programme(db, write_programme(tmp_path))
    return db


def put(folder: Path, language: str, name: str, text: str) -> Path:
    path = folder / language / f"{name}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def rendered(db, email: str, name: str = "fields", code: str = "visit-2026") -> dict[str, str]:  # type: ignore[no-untyped-def]
    shown = mail.preview(db, code, name, email=email)
    return dict(line.split("=", 1) for line in shown.text.splitlines() if "=" in line)


def fields_template(folder: Path, *languages: str, without: tuple[str, ...] = ()) -> None:
    body = "\n".join(f"{name}={{{{ {name} }}}}" for name in FIELDS if not name.startswith(without))
    for language in languages:
        put(folder, language, "fields", f"Subject: {language}\n\n{body}\n")


def test_every_merge_field_in_japanese_with_the_recipients_clock_and_the_events_across_the_clock_change(visit, user_mail):
    fields_template(user_mail, "en", "ja")
    got = rendered(visit, "hanako@example.jp")
    assert {k: got[k] for k in ("person.name", "person.given_name", "person.family_name",
                                                   "person.local_name", "person.language")} == {
        "person.name": "鈴木花子", "person.given_name": "花子", "person.family_name": "鈴木",
        "person.local_name": "鈴木花子", "person.language": "ja"}
    assert (got["person.email"], got["person.organisation"], got["person.organisation_local"]) == (
        "hanako@example.jp", "Tokyo Metropolitan Government", "東京都")
    assert (got["role"], got["status"], got["group"]) == ("delegate", "confirmed", "A")
    assert (got["event.code"], got["event.title"], got["event.kind"]) == ("visit-2026", "Brussels study visit", "study_visit")
    assert got["event.dates"] == "2026年10月22日（木）～2026年10月29日（木）"
    assert (got["event.start"], got["event.end"], got["event.join_link"]) == ("2026年10月22日（木）", "2026年10月29日（木）", "")
    assert got["items|length"] == "2"  # group B's port visit is not hers
    assert (got["items[0].title"], got["items[0].place"], got["items[0].same_clock"]) == ("Opening", "Berlaymont", "False")
    # Before the change Brussels is UTC+2 (CEST), seven hours behind Tokyo; after it UTC+1 (CET), eight hours.
    assert got["items[0].when"] == "2026年10月22日（木） 17:00–18:30 JST"
    assert got["items[0].event_when"] == "2026年10月22日（木） 10:00–11:30 CEST"
    assert got["items[1].key"] == "closing"
    assert got["items[1].when"] == "2026年10月29日（木） 18:00–19:30 JST"
    assert got["items[1].event_when"] == "2026年10月29日（木） 10:00–11:30 CET"
    assert got["items[1].time"] == "18:00–19:30 JST"
    assert (got["hotel.hotel"], got["hotel.hotel_local"], got["hotel.address_local"]) == (
        "Hotel Amigo", "Hôtel Amigo", "Rue de l'Amigo 1-3, 1000 Bruxelles")
    assert (got["hotel.check_in"], got["hotel.check_out"], got["hotel.nights"], got["hotel.room"]) == (
        "2026年10月21日（水）", "2026年10月30日（金）", "9", "single")
    assert (got["arrival.label"], got["arrival.from"], got["arrival.to"]) == ("NH231", "HND", "BRU")
    assert got["arrival.arrive"] == "2026年10月21日（水） 16:00 CEST"
    assert (got["pickup.label"], got["pickup.to"], got["pickup.depart"]) == ("car", "Hotel Amigo", "2026年10月21日（水） 17:00 CEST")
    assert got["travel|length"] == "2"
    assert (got["organiser.name"], got["organiser.email"]) == ("IURC team", "team@example.eu")
    assert (got["zone"], got["event_zone"], got["person.zone"], got["event.zone"]) == (
        "Asia/Tokyo", "Europe/Brussels", "Asia/Tokyo", "Europe/Brussels")


def test_every_merge_field_in_english_on_a_clock_that_reads_like_the_events(visit, user_mail):
    fields_template(user_mail, "en", "ja", without=("hotel", "arrival", "pickup"))  # she books her own travel
    got = rendered(visit, "ane@example.eus")
    assert (got["person.name"], got["person.given_name"], got["person.family_name"], got["person.local_name"]) == (
        "Ane Etxeberria", "Ane", "Etxeberria", "")
    assert (got["person.organisation"], got["person.organisation_local"], got["person.language"]) == ("Bilbao City Council", "", "en")
    assert (got["role"], got["status"], got["group"]) == ("speaker", "registered", "A")
    assert (got["event.dates"], got["event.start"], got["event.end"]) == ("22–29 Oct 2026", "Thu 22 Oct 2026", "Thu 29 Oct 2026")
    assert got["items[0].when"] == got["items[0].event_when"] == "Thu 22 Oct 2026 10:00–11:30 CEST"
    assert got["items[0].same_clock"] == "True"
    assert got["items[1].when"] == "Thu 29 Oct 2026 10:00–11:30 CET"  # Madrid changes with Brussels
    assert (got["zone"], got["person.zone"], got["travel|length"]) == ("Europe/Madrid", "Europe/Madrid", "0")


def test_a_missing_hotel_or_pickup_is_none_and_a_misspelt_field_is_refused_naming_it(visit, user_mail):
    put(user_mail, "en", "fields", "Subject: x\n\n{% if hotel %}hotel{% else %}no hotel{% endif %}"
        " {{ pickup is none }}\n")
    assert mail.preview(visit, "visit-2026", "fields", email="ane@example.eus").text == "no hotel True\n"
    put(user_mail, "en", "fields", "Subject: x\n\n{{ person.nmae }}\n")
    with pytest.raises(ValidationError, match=r"fields \(en\) uses a field that does not exist: .*'nmae'"):
        mail.preview(visit, "visit-2026", "fields", email="ane@example.eus")


def test_a_webinars_join_link_reaches_each_item_in_both_languages(visit, user_mail):
    put(user_mail, "en", "link", "Subject: {{ event.title }}\n\n{{ event.join_link }} {{ items[0].join_link }} {{ items[0].when }}\n")
    put(user_mail, "ja", "link", "Subject: {{ event.title }}\n\n{{ event.join_link }} {{ items[0].join_link }} {{ items[0].when }}\n")
    assert mail.preview(visit, "web-2026", "link", email="ane@example.eus").text == (
        f"{JOIN_LINK} {JOIN_LINK} Mon 26 Oct 2026 09:00–10:00 CET\n")
    assert mail.preview(visit, "web-2026", "link", email="hanako@example.jp").text == (
        f"{JOIN_LINK} {JOIN_LINK} 2026年10月26日（月） 17:00–18:00 JST\n")


@pytest.mark.parametrize("reach", [
    "{{ person.__class__ }}", "{{ ''.__class__.__mro__ }}", "{{ cycler.__init__.__globals__ }}",
    "{{ person.name.format.__globals__ }}", "{{ event.title.__class__.__subclasses__() }}",
    "{% for c in ''.__class__.__mro__[1].__subclasses__() %}{{ c }}{% endfor %}",
    "{{ person.pop('email') }}{{ items.append(1) }}",  # nor may it change what the next recipient's message reads
])
def test_a_template_reaching_outside_its_data_is_refused_naming_the_template(visit, user_mail, reach):
    put(user_mail, "en", "sneaky", f"Subject: hello\n\n{reach}\n")
    with pytest.raises(ValidationError) as refused:
        mail.preview(visit, "visit-2026", "sneaky", email="ane@example.eus")
    message = str(refused.value)
    assert "The mail template sneaky (en)" in message and "sneaky.txt" in message
    assert "Traceback" not in message and "<class" not in message


@pytest.mark.parametrize("greedy", [
    "{{ 'x' * 1000000000 }}", "{{ 2 ** 999999999 }}", "{{ 'x' | center(1000000000) }}", "{{ '%999999999s' % 'x' }}",
    "{{ '{:>999999999}'.format('x') }}", "{{ person.name.ljust(1000000000) }}", "{{ [1, 2] * 100000000 }}",
])
def test_a_template_asking_for_unbounded_memory_is_refused_at_once(visit, user_mail, greedy):
    """Memory and time stay bounded whatever a template file asks (one from a colleague included)."""
    put(user_mail, "en", "greedy", f"Subject: hello\n\n{greedy}\n")
    started = time.perf_counter()
    with pytest.raises(ValidationError) as refused:
        mail.preview(visit, "visit-2026", "greedy", email="ane@example.eus")
    assert time.perf_counter() - started < 2
    assert "The mail template greedy (en) was refused" in str(refused.value)


def test_a_template_may_still_pad_and_repeat_a_little(visit, user_mail):
    put(user_mail, "en", "tidy", "Subject: {{ '=' * 3 }} {{ person.name }}\n\n{{ '%-10s|' % 'Ane' }}{{ 'x' | center(7) }}"
                                 "{{ 1234567 | string }} {{ '{}'.format(7654321) }}\n")
    shown = mail.preview(visit, "visit-2026", "tidy", email="ane@example.eus")
    assert shown.subject == "=== Ane Etxeberria" and shown.text == "Ane       |   x   1234567 7654321\n"


def test_the_subject_stays_one_line_whatever_a_field_holds(visit, user_mail):
    put(user_mail, "en", "x", "Subject: {{ person.name }}\n  Bcc: all@example.eu\n\nbody\n")
    assert mail.preview(visit, "visit-2026", "x", email="ane@example.eus").subject == "Ane Etxeberria"


def test_a_missing_language_falls_back_to_english(visit, user_mail):
    put(user_mail, "en", "welcome", "Subject: Welcome {{ person.name }}\n\nHello.\n")
    shown = mail.preview(visit, "visit-2026", "welcome", email="hanako@example.jp")  # she reads Japanese
    assert (shown.language, shown.subject) == ("en", "Welcome 鈴木花子")
    shipped = mail.preview(visit, "visit-2026", "reminder", email="hanako@example.jp")
    assert shipped.language == "ja" and shipped.subject == "【リマインダー】Brussels study visit"
    assert "鈴木花子 様" in shipped.text and "2026年10月22日（木） 17:00–18:30 JST（開催地時間：2026年10月22日（木） 10:00–11:30 CEST）" in shipped.text


def test_a_japanese_message_greets_a_person_by_the_name_in_their_own_script(visit):
    from sqlalchemy import update

    from iurc_desktop.core.models import Person

    with visit.transaction() as session:
        session.execute(update(Person).where(Person.email == "ane@example.eus")
                        .values(preferred_language="ja", local_name="エチェベリア・アネ"))
    shown = mail.preview(visit, "visit-2026", "reminder", email="ane@example.eus")
    assert shown.language == "ja" and shown.text.startswith("エチェベリア・アネ 様")
    with visit.transaction() as session:
        session.execute(update(Person).where(Person.email == "ane@example.eus").values(local_name=""))
    assert mail.preview(visit, "visit-2026", "reminder", email="ane@example.eus").text.startswith("Ane Etxeberria 様")


def test_a_user_template_overrides_a_shipped_one_and_adds_a_language(visit, user_mail):
    put(user_mail, "en", "invitation", "Subject: Our own invitation to {{ event.code }}\n\nSee you.\n")
    shown = mail.preview(visit, "visit-2026", "invitation", email="ane@example.eus")
    assert (shown.subject, shown.text) == ("Our own invitation to visit-2026", "See you.\n")
    assert shown.attachments == ("opening.ics", "closing.ics")  # the invitation still carries her calendar files
    put(user_mail, "de", "reminder", "Subject: Erinnerung: {{ event.title }}\n\nBis bald.\n")
    assert ("reminder", ("de", "en", "fr", "ja", "ko")) in [(t.name, t.languages) for t in mail.templates()]
    assert ("de", "German") in mail.languages()


def test_a_template_without_its_subject_line_or_unknown_is_told(visit, user_mail):
    put(user_mail, "en", "bare", "Hello {{ person.name }}\n")
    with pytest.raises(ValidationError, match=r"bare \(en\) must start with a line 'Subject: \.\.\.'"):
        mail.preview(visit, "visit-2026", "bare", email="ane@example.eus")
    with pytest.raises(NotFound, match="no mail template 'nope'.*invitation"):
        mail.preview(visit, "visit-2026", "nope", email="ane@example.eus")


def test_every_shipped_template_renders_in_every_shipped_language(visit, user_mail):
    from iurc_desktop.app.people import edit_person
    from iurc_desktop.app.events import cancel

    shipped = {t.name: t.languages for t in mail.templates()}
    assert set(shipped) == {"invitation", "update", "cancellation", "practical-information", "reminder", "visa-letter",
                            "booklet"}
    assert all(languages == ("en", "fr", "ja", "ko") for languages in shipped.values())
    for language in ("en", "fr", "ja", "ko"):
        edit_person(visit, "hanako@example.jp", {"preferred_language": language})
        for name in ("invitation", "update", "practical-information", "reminder"):
            shown = mail.preview(visit, "visit-2026", name, email="hanako@example.jp")
            assert shown.language == language and "Opening" in shown.text and "Closing" in shown.text
    cancel(visit, "visit-2026")
    shown = mail.preview(visit, "visit-2026", "cancellation", email="hanako@example.jp")
    assert shown.subject == "[취소 안내] Brussels study visit" and shown.attachments == ("opening.ics", "closing.ics")


def test_the_refusal_names_exactly_the_fields_a_template_is_given(visit):
    from iurc_desktop.exchange.ics.export import NO_ORGANISER, load_event
    from iurc_desktop.exchange.mail.fields import recipient_fields

    with visit.reading() as session:
        event = load_event(session, "visit-2026")
        part = next(p for p in event.participations if p.person.email == "ane@example.eus")
        assert tuple(recipient_fields(event, part, list(event.items), NO_ORGANISER, "en")) == templates.FIELD_NAMES


def test_an_invitations_calendar_files_are_those_export_mail_writes(visit):
    from email import message_from_bytes, policy

    from iurc_desktop.exchange.ics.mail import invitation_emails
    from iurc_desktop.exchange.mail.compose import compose_one

    def steady(data: bytes) -> bytes:  # the stamp says when the file was made: the one line that may differ
        return b"\r\n".join(line for line in data.split(b"\r\n") if not line.startswith(b"DTSTAMP"))

    with visit.reading() as session:
        draft = compose_one(session, "visit-2026", "invitation", email="ane@example.eus")
        exported = dict(invitation_emails(session, "visit-2026"))
    message = message_from_bytes(exported["visit-2026-all-ane_example.eus.eml"], policy=policy.default)
    files = {part.get_filename(): part.get_payload(decode=True) for part in message.walk() if part.get_filename()}
    assert {a.filename: steady(a.data) for a in draft.attachments} == {name: steady(data) for name, data in files.items()}
    assert draft.calendar_method is None and len(draft.attachments) == 2  # two items: no single alternative, as exported
    assert (draft.kind, draft.language, draft.to_address) == ("invitation", "en", "ane@example.eus")
    with visit.reading() as session:
        single = compose_one(session, "web-2026", "invitation", email="hanako@example.jp")
    assert [a.filename for a in single.attachments] == ["invite.ics"] and single.calendar_method == "REQUEST"
    assert single.attachments[0].mime_type == "text/calendar" and b"METHOD:REQUEST" in single.attachments[0].data


def test_an_invitation_names_no_other_participant_in_its_calendar_files(visit):
    """A message to one participant carries their own attendee line only: no one else's name or address."""
    from email import message_from_bytes, policy

    from iurc_desktop.exchange.ics.mail import invitation_emails
    from iurc_desktop.exchange.mail.compose import compose_one

    with visit.reading() as session:
        draft = compose_one(session, "visit-2026", "invitation", email="ane@example.eus")
        exported = dict(invitation_emails(session, "visit-2026"))
        everyone = dict(invitation_emails(session, "visit-2026", one_per_recipient=False))
    for attachment in draft.attachments:
        unfolded = attachment.data.replace(b"\r\n ", b"")  # long lines are folded (RFC 5545)
        attendees = [line for line in unfolded.split(b"\r\n") if line.startswith(b"ATTENDEE")]
        assert attendees and all(b"ane@example.eus" in line for line in attendees)
    from datetime import datetime, timezone

    from iurc_desktop.core.mail.message import Sender, build

    sent = message_from_bytes(build(draft, Sender("office@example.eu"), "<1@example.eu>", datetime.now(timezone.utc)),
                              policy=policy.default)
    calendars = [part for part in sent.walk() if part.get_content_type() == "text/calendar"]
    assert len(calendars) == 2 and all(p.get_param("method") == "REQUEST" and p.get_param("charset") == "UTF-8"
                                       for p in calendars)  # each file says its method, as mail programs look there
    ane = message_from_bytes(exported["visit-2026-all-ane_example.eus.eml"], policy=policy.default).as_bytes()
    assert b"hanako@example.jp" not in ane
    assert b"hanako@example.jp" in next(iter(everyone.values()))  # one message to all: its To names everyone anyway


@pytest.mark.parametrize(("to", "chosen"), [
    (None, ["ane@example.eus", "hanako@example.jp"]),  # active participants: Bo is waitlisted
    ("status=all", ["ane@example.eus", "bo@example.se", "hanako@example.jp"]),
    ("status=waitlisted,confirmed", ["bo@example.se", "hanako@example.jp"]),
    ("role=speaker", ["ane@example.eus"]),
    ("group=A country=jp", ["hanako@example.jp"]),
    ("email=ANE@example.eus status=all", ["ane@example.eus"]),
])
def test_the_recipients_filter_chooses_as_the_participants_tab_filters(visit, to, chosen):
    assert sorted(r.email for r in mail.recipients(visit, "visit-2026", to)) == chosen


@pytest.mark.parametrize(("to", "told"), [
    ("status=gone", "Recipients: status gone is not one of: "),
    ("role=chef", "Recipients: role chef is not one of: delegate, host"),
    ("colour=red", "Recipients: 'colour=red' is not a filter term"),
    ("group", "Recipients: 'group' is not a filter term"),
])
def test_a_bad_filter_is_told_in_words(visit, to, told):
    with pytest.raises(ValidationError, match=told):
        mail.recipients(visit, "visit-2026", to)


def test_merging_two_records_of_a_person_keeps_the_language_one_of_them_has(visit):
    from iurc_desktop.app import people

    kept = people.add_person(visit, {"given_name": "Hana", "family_name": "Suzuki", "email": "hana.s@example.jp"}).value
    dropped = people.add_person(visit, {"given_name": "Hana", "family_name": "Suzuki", "email": "hana.suzuki@example.jp",
                                        "preferred_language": "ja"}).value
    people.merge_people(visit, kept.id, dropped.id)
    assert people.person_record(visit, kept.id).entry["preferred_language"] == "ja"
