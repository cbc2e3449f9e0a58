from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from docx import Document
from icalendar import Calendar
from pypdf import PdfReader

from spojka.meetings import services
from spojka.meetings.models import Attendance, CalendarFeed, Meeting, MeetingState, ReminderSent
from spojka.partnership.models import Person
from spojka.testing.mail import deliver

pytestmark = pytest.mark.django_db

PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _url(name: str, w, **kwargs) -> str:
    return reverse(f"meetings:{name}", kwargs={"unit": w.unit.slug, **kwargs})


def _pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


# --- Attendance sheet and minutes ----------------------------------------------------------------


def test_attendance_sheet_pdf_lists_the_invited_with_czech_diacritics(mw, login):
    Person.objects.create(unit=mw.unit, first_name="Řehoř", last_name="Žďárský")
    mw.meeting.invitations.create(unit=mw.unit, person=mw.unit.people.get(last_name="Žďárský"))
    mw.meeting.place = "Magistrát, zasedací místnost č. 101"
    mw.meeting.save()

    response = login(mw.users["partner"]).get(_url("attendance_sheet", mw, pk=mw.meeting.pk, fmt="pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "prezencni-listina-2031-03-12.pdf" in response["Content-Disposition"]
    text = _pdf_text(response.getvalue())
    for fact in (
        "Prezenční listina",
        "Statutární město Jihlava",
        "Řehoř Žďárský",
        "Marie Zkušební",
        "Podpis",
    ):
        assert fact in text, fact
    assert "12. března 2031" in text.replace("\xa0", " ")
    assert "PS Bydlení (jednání)" in text and "Lokální partnerství" in text


def test_attendance_sheet_docx_has_a_row_per_invited_person_and_blank_rows_for_guests(mw, login):
    response = login(mw.users["editor"]).get(_url("attendance_sheet", mw, pk=mw.meeting.pk, fmt="docx"))
    assert response.status_code == 200
    content = response.getvalue()
    document = Document(io.BytesIO(content))
    table = document.tables[-1]
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == ["Č.", "Jméno a příjmení", "Organizace", "Podpis"]
    assert rows[1] == ["1", "Marie Zkušební", "Charita Jihlava (jednání)", ""]
    # Five blank rows by default (the unit's setting), numbered on.
    assert rows[2:] == [[str(n), "", "", ""] for n in range(2, 7)]
    assert "Statutární město Jihlava" in _docx_text(content)


def test_an_unknown_document_format_is_404(mw, login):
    response = login(mw.users["editor"]).get(_url("attendance_sheet", mw, pk=mw.meeting.pk, fmt="exe"))
    assert response.status_code == 404


def test_minutes_in_pdf_and_docx_carry_summaries_decisions_votes_and_tasks(mw, login):
    meeting = mw.held_meeting
    item = meeting.agenda_items.create(
        unit=mw.unit, order=1, title="Bydlení", minutes="Řešila se ubytovna Žižkova."
    )
    meeting.decisions.create(
        unit=mw.unit,
        agenda_item=item,
        text="Schvaluje se plán.",
        method="vote",
        votes_for=7,
        votes_against=1,
        votes_abstained=2,
    )
    client = login(mw.users["partner"])

    pdf = _pdf_text(client.get(_url("minutes_document", mw, pk=meeting.pk, fmt="pdf")).getvalue())
    docx = _docx_text(client.get(_url("minutes_document", mw, pk=meeting.pk, fmt="docx")).getvalue())

    for text in (pdf, docx):
        assert "Záznam z jednání".upper() in text.upper()
        assert "Řešila se ubytovna Žižkova." in text
        assert "Schvaluje se plán." in text
        assert "7 pro, 1 proti, 2 se zdrželo" in text
        assert "Připravit podklady" in text and "Marie Zkušební" in text


# --- The signed scan -----------------------------------------------------------------------------


def test_a_signed_scan_is_checked_by_content_and_stored_on_the_meeting(mw, login):
    client = login(mw.users["editor"])
    url = _url("scan_upload", mw, pk=mw.meeting.pk)

    fake = SimpleUploadedFile("listina.pdf", b"MZ this is no pdf", content_type="application/pdf")
    response = client.post(url, {"scan": fake})
    assert response.status_code == 200
    assert response.context["form"].errors["scan"] == [
        "Nepodporovaný typ souboru. Povolené typy: JPEG, PDF, PNG."
    ]
    mw.meeting.refresh_from_db()
    assert not mw.meeting.attendance_scan

    response = client.post(url, {"scan": SimpleUploadedFile("podepsaná listina.png", PNG_BYTES)})
    assert response.status_code == 302
    mw.meeting.refresh_from_db()
    assert mw.meeting.attendance_scan_type == "image/png"

    download = client.get(_url("scan_download", mw, pk=mw.meeting.pk))
    assert b"".join(download.streaming_content) == PNG_BYTES


def test_a_too_large_scan_is_refused(mw, login, monkeypatch):
    monkeypatch.setattr("spojka.meetings.forms.SCAN_MAX_BYTES", 10)
    response = login(mw.users["editor"]).post(
        _url("scan_upload", mw, pk=mw.meeting.pk), {"scan": SimpleUploadedFile("a.png", PNG_BYTES)}
    )
    assert "příliš velký" in response.context["form"].errors["scan"][0]


# --- Invitations, iCal ---------------------------------------------------------------------------


def test_invitations_are_e_mailed_with_an_ics_that_parses_back_to_the_meeting(mw, login):
    response = login(mw.users["editor"]).post(_url("invitations_send", mw, pk=mw.meeting.pk))
    assert response.status_code == 302
    assert mail.outbox == []  # the request only queues
    assert len(deliver()) == 1
    message = mail.outbox[0]
    assert message.to == ["marie@example.org"]
    assert message.subject == "Pozvánka: Jednání LP"
    name, content, mimetype = message.attachments[0]
    assert name == "pozvanka.ics" and mimetype.startswith("text/calendar")
    calendar = Calendar.from_ical(content)
    assert str(calendar["method"]) == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == mw.meeting.starts_at
    assert event.decoded("dtend") == mw.meeting.ends_at
    assert str(event["summary"]) == "Jednání LP"
    assert mw.meeting.invitations.get().sent_at is not None


def test_invitations_to_a_cancelled_meeting_are_refused(mw, login):
    services.meeting_transition(meeting=mw.meeting, target=MeetingState.CANCELLED)
    login(mw.users["editor"]).post(_url("invitations_send", mw, pk=mw.meeting.pk))
    assert deliver() == []


def test_the_feed_lists_the_units_meetings_and_parses_back_to_the_same_events(mw, client):
    Meeting.objects.create(
        unit=mw.other_unit,
        title="Cizí jednání",
        starts_at=mw.meeting.starts_at,
        ends_at=mw.meeting.ends_at,
    )
    services.meeting_transition(meeting=mw.held_meeting, target=MeetingState.CLOSED)
    response = client.get(reverse("meetings:calendar_feed", kwargs={"token": mw.calendar_feed.token}))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = {str(e["summary"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}
    assert set(events) == {"Jednání LP", "Proběhlé jednání PS"}
    for meeting in (mw.meeting, mw.held_meeting):
        event = events[meeting.title]
        assert event.decoded("dtstart") == meeting.starts_at
        assert event.decoded("dtend") == meeting.ends_at
        assert str(event["uid"]) == f"jednani-{meeting.pk}@spojka"


def test_a_wrong_feed_token_is_404_and_a_regenerated_token_replaces_the_old_one(mw, client, login):
    assert client.get(reverse("meetings:calendar_feed", kwargs={"token": "spatny-klic"})).status_code == 404
    old = mw.calendar_feed.token
    login(mw.users["editor"]).post(_url("feed_regenerate", mw))
    new = CalendarFeed.objects.get(unit=mw.unit).token
    assert new != old
    client.logout()
    assert client.get(reverse("meetings:calendar_feed", kwargs={"token": old})).status_code == 404
    assert client.get(reverse("meetings:calendar_feed", kwargs={"token": new})).status_code == 200


# --- Reminders -----------------------------------------------------------------------------------


def test_unclosed_meetings_are_reminded_after_3_and_7_days_and_never_twice(mw):
    organiser = mw.users["editor"]
    organiser.email = "editor@example.org"
    organiser.save()
    meeting = mw.held_meeting
    meeting.organiser = organiser
    now = timezone.now()
    meeting.starts_at, meeting.ends_at = now - timedelta(days=4, hours=2), now - timedelta(days=4)
    meeting.save()

    call_command("remind_unclosed_meetings", stdout=io.StringIO())
    call_command("remind_unclosed_meetings", stdout=io.StringIO())
    assert [m.to for m in deliver()] == [["editor@example.org"]]
    assert "Proběhlé jednání PS" in mail.outbox[0].subject

    # Three days later the 7-day reminder goes out, once.
    later = now + timedelta(days=3, hours=1)
    services.remind_unclosed_meetings(now=later)
    services.remind_unclosed_meetings(now=later)
    assert len(deliver()) == 2
    assert sorted(meeting.reminders_sent.values_list("after_days", flat=True)) == [3, 7]


def test_closed_planned_and_fresh_meetings_are_not_reminded(mw):
    organiser = mw.users["editor"]
    organiser.email = "editor@example.org"
    organiser.save()
    now = timezone.now()
    for state, days in ((MeetingState.CLOSED, 10), (MeetingState.PLANNED, 10), (MeetingState.HELD, 1)):
        Meeting.objects.create(
            unit=mw.unit,
            title=f"{state} {days}",
            state=state,
            organiser=organiser,
            starts_at=now - timedelta(days=days, hours=1),
            ends_at=now - timedelta(days=days),
        )
    assert services.remind_unclosed_meetings(now=now) == 0
    assert deliver() == [] and not ReminderSent.objects.exists()


def test_attendance_states_are_the_contracts(mw):
    # Compliance counts held meetings as (held, closed); the codes are a contract between apps.
    assert set(MeetingState.values) == {"planned", "held", "closed", "cancelled"}
    assert set(Attendance.values) == {"present", "excused", "absent"}


def test_a_cancelled_meeting_stays_in_the_feed_marked_cancelled(mw, client):
    services.meeting_transition(meeting=mw.meeting, target=MeetingState.CANCELLED)
    response = client.get(reverse("meetings:calendar_feed", kwargs={"token": mw.calendar_feed.token}))
    events = {str(e["summary"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}
    assert str(events["Jednání LP"]["status"]) == "CANCELLED"
    assert str(events["Proběhlé jednání PS"]["status"]) == "CONFIRMED"
