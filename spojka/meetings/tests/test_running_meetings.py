"""Issue 15, item 6: meetings as people run them (.ics per meeting, attendance shortcuts and timing,
the kind implying the plenary, the feed's first address, absolute links from SITE_URL)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from icalendar import Calendar

from spojka.meetings import services
from spojka.meetings.models import Attendance, CalendarFeed, MeetingKind
from spojka.partnership.models import Person

pytestmark = pytest.mark.django_db

# Session, user, unit and role (with the header switcher's units), the meeting, its invitations with
# people, its guests.
ATTENDANCE_PAGE_QUERIES = 6


def _url(name: str, w, **kwargs) -> str:
    return reverse(f"meetings:{name}", kwargs={"unit": w.unit.slug, **kwargs})


# --- .ics of one meeting -----------------------------------------------------------------------


def test_a_meeting_downloads_as_one_calendar_event_linking_to_the_site(mw, login, settings):
    settings.SITE_URL = "https://spojka.example.cz"
    response = login(mw.users["partner"]).get(_url("meeting_calendar", mw, pk=mw.meeting.pk))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert f'filename="jednani-{mw.meeting.pk}.ics"' in response["Content-Disposition"]
    calendar = Calendar.from_ical(b"".join(response.streaming_content))
    events = calendar.walk("VEVENT")
    assert len(events) == 1 and "METHOD" not in calendar
    assert str(events[0]["SUMMARY"]) == "Jednání LP"
    assert str(events[0]["URL"]) == "https://spojka.example.cz" + mw.meeting.get_absolute_url()
    assert events[0].decoded("DTSTART") == mw.meeting.starts_at


def test_the_meeting_page_links_its_ics(mw, login):
    page = login(mw.users["partner"]).get(mw.meeting.get_absolute_url()).content.decode()
    assert _url("meeting_calendar", mw, pk=mw.meeting.pk) in page


def test_ics_of_another_units_meeting_is_404(mw, login):
    assert login(mw.users["outsider"]).get(_url("meeting_calendar", mw, pk=mw.meeting.pk)).status_code == 404


# --- The calendar feed's address ---------------------------------------------------------------


def test_the_first_feed_address_is_announced_as_created_not_as_replacing_one(mw, login):
    CalendarFeed.objects.filter(unit=mw.unit).delete()
    client = login(mw.users["editor"])
    response = client.post(_url("feed_regenerate", mw), follow=True)
    text = response.content.decode()
    assert "Adresa kalendáře byla vytvořena" in text and "přestala platit" not in text
    first = CalendarFeed.objects.get(unit=mw.unit).token
    response = client.post(_url("feed_regenerate", mw), follow=True)
    assert "původní adresa přestala platit" in response.content.decode()
    assert CalendarFeed.objects.get(unit=mw.unit).token != first


def test_feed_address_and_its_links_come_from_site_url_whatever_host_served_the_page(mw, login, settings):
    settings.SITE_URL = "https://spojka.example.cz"
    settings.ALLOWED_HOSTS = ["*"]
    page = login(mw.users["editor"]).get(_url("meeting_list", mw), HTTP_HOST="interni:8080").content.decode()
    token = mw.calendar_feed.token
    assert f"<code>https://spojka.example.cz/kalendar/{token}/jednani.ics</code>" in page
    feed = login(mw.users["editor"]).get(reverse("meetings:calendar_feed", kwargs={"token": token}))
    assert b"interni" not in feed.content
    assert b"https://spojka.example.cz/u/" in feed.content


# --- The kind implies the plenary flag ---------------------------------------------------------


def test_the_service_makes_every_lp_plenary_a_session_of_the_lp(mw):
    mw.meeting.includes_lp = False
    mw.meeting.kind = MeetingKind.LP_PLENARY
    services.meeting_save(meeting=mw.meeting, unit=mw.unit, working_groups=[], invitees=[])
    mw.meeting.refresh_from_db()
    assert mw.meeting.includes_lp is True


# --- Attendance: only once the meeting has started, with shortcuts ----------------------------


def test_attendance_before_the_start_is_refused_with_the_start_time(mw, login):
    invitation = mw.meeting.invitations.get()
    client = login(mw.users["editor"])
    page = client.get(_url("attendance_edit", mw, pk=mw.meeting.pk)).content.decode()
    assert "Jednání ještě nezačalo; účast lze zaznamenat od jeho začátku (12.\xa03.\xa02031 14:00)." in page
    assert "<select" not in page
    response = client.post(_url("attendance_edit", mw, pk=mw.meeting.pk), {f"a{invitation.pk}": "present"})
    assert response.status_code == 422
    invitation.refresh_from_db()
    assert invitation.attendance == ""
    with pytest.raises(ValidationError):
        services.attendance_record(meeting=mw.meeting, attendance={invitation.pk: "present"}, guests=[])


def test_the_meeting_page_offers_attendance_only_once_the_meeting_started(mw, login):
    client = login(mw.users["editor"])
    assert "Zaznamenat účast" not in client.get(mw.meeting.get_absolute_url()).content.decode()
    assert "Zaznamenat účast" in client.get(mw.held_meeting.get_absolute_url()).content.decode()


def test_attendance_opens_at_the_start_itself(mw):
    invitation = mw.meeting.invitations.get()
    start = mw.meeting.starts_at
    assert services.attendance_refusal(mw.meeting, now=start - timedelta(minutes=1))
    assert services.attendance_refusal(mw.meeting, now=start) is None
    services.attendance_record(
        meeting=mw.meeting, attendance={invitation.pk: "present"}, guests=[], now=start + timedelta(minutes=5)
    )
    invitation.refresh_from_db()
    assert invitation.attendance == Attendance.PRESENT


@pytest.mark.parametrize(("shortcut", "value"), [("present", "present"), ("excused", "excused")])
def test_a_shortcut_offers_everyone_the_same_attendance_and_saves_nothing_yet(mw, login, shortcut, value):
    meeting = mw.held_meeting
    for n in range(3):
        person = Person.objects.create(unit=mw.unit, first_name="Člen", last_name=f"Č{n}")
        meeting.invitations.create(unit=mw.unit, person=person)
    client = login(mw.users["editor"])
    response = client.post(
        _url("attendance_edit", mw, pk=meeting.pk), {"vsem": shortcut, "guests": "Jana Nová"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert {form[f"a{i.pk}"].value() for i in meeting.invitations.all()} == {value}
    assert form["guests"].value() == "Jana Nová"
    assert "zatím nic uloženo není" in response.content.decode()
    assert set(meeting.invitations.values_list("attendance", flat=True)) <= {"", "present"}
    assert not meeting.guests.exists()


def test_all_present_then_one_exception_is_saved_as_set(mw, login):
    meeting = mw.held_meeting
    absent = meeting.invitations.create(
        unit=mw.unit, person=Person.objects.create(unit=mw.unit, first_name="Eva", last_name="Pryč")
    )
    data = {f"a{i.pk}": "present" for i in meeting.invitations.all()} | {f"a{absent.pk}": "absent"}
    response = login(mw.users["editor"]).post(_url("attendance_edit", mw, pk=meeting.pk), data)
    assert response.status_code == 302
    assert dict(meeting.invitations.values_list("person__last_name", "attendance")) == {
        "Zkušební": "present",
        "Pryč": "absent",
    }


@pytest.mark.parametrize("extra", [0, 30])
def test_the_attendance_page_query_count_does_not_grow_with_invited_people(
    mw, login, django_assert_num_queries, extra
):
    meeting = mw.held_meeting
    for n in range(extra):
        person = Person.objects.create(unit=mw.unit, first_name="Člen", last_name=f"Č{n}")
        meeting.invitations.create(unit=mw.unit, person=person)
    client = login(mw.users["editor"])
    with django_assert_num_queries(ATTENDANCE_PAGE_QUERIES):
        assert client.get(_url("attendance_edit", mw, pk=meeting.pk)).status_code == 200


# --- Attendance wording by grammatical gender --------------------------------------------------


def test_attendance_reads_by_the_persons_gender_or_neutrally(mw, login):
    from spojka.partnership.models import GrammaticalGender

    meeting = mw.held_meeting
    mw.meeting_person.grammatical_gender = GrammaticalGender.FEMININE
    mw.meeting_person.save()
    karel = Person.objects.create(
        unit=mw.unit, first_name="Karel", last_name="Muž", grammatical_gender=GrammaticalGender.MASCULINE
    )
    alex = Person.objects.create(unit=mw.unit, first_name="Alex", last_name="Neuvedený")
    meeting.invitations.create(unit=mw.unit, person=karel, attendance=Attendance.EXCUSED)
    meeting.invitations.create(unit=mw.unit, person=alex, attendance=Attendance.PRESENT)
    client = login(mw.users["editor"])
    html = " ".join(client.get(meeting.get_absolute_url()).content.decode().split())
    assert "<td>Marie Zkušební</td><td>Charita Jihlava (jednání)</td><td>–</td><td>přítomna</td>" in html
    assert "<td>omluven</td>" in html and "<td>přítomnost</td>" in html
    form = client.get(_url("attendance_edit", mw, pk=meeting.pk)).context["form"]
    invitation = meeting.invitations.get(person=karel)
    assert dict(form.fields[f"a{invitation.pk}"].choices)["absent"] == "nepřítomen"
    invitation = meeting.invitations.get(person=alex)
    assert dict(form.fields[f"a{invitation.pk}"].choices)["excused"] == "omluvená nepřítomnost"
