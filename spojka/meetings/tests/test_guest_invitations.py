"""Guests invited in advance by e-mail (issue 15, item 6): the ASZ consultant or an external guest
gets the invitation through the outbox and is on the attendance sheet."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from spojka.meetings import services
from spojka.testing.mail import deliver

pytestmark = pytest.mark.django_db


def _url(name, w, **kwargs):
    return reverse(f"meetings:{name}", kwargs={"unit": w.unit.slug, **kwargs})


def test_editor_invites_an_external_guest_who_gets_the_invitation_and_is_on_the_sheet(
    mw, login, django_assert_max_num_queries
):
    client = login(mw.users["editor"])
    url = _url("guest_invite", mw, pk=mw.meeting.pk)
    with django_assert_max_num_queries(9):
        assert client.get(url).status_code == 200
    response = client.post(
        url, {"name": "Ing. Eva Hostová", "organisation": "Úřad práce", "email": "eva.hostova@example.org"}
    )
    assert response.status_code == 302
    guest = mw.meeting.guests.get()
    assert guest.email == "eva.hostova@example.org" and guest.invited_at is not None
    sent = deliver()
    assert [m.to for m in sent] == [["eva.hostova@example.org"]]
    assert "Dobrý den, Ing. Eva Hostová" in sent[0].body and mw.meeting.title in sent[0].subject
    assert sent[0].attachments[0][0] == "pozvanka.ics"
    sheet = client.get(_url("attendance_sheet", mw, pk=mw.meeting.pk, fmt="pdf"))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(sheet.getvalue())).pages)
    assert "Eva Hostová" in text and "Úřad práce" in text
    page = client.get(mw.meeting.get_absolute_url()).content.decode()
    assert "Ing. Eva Hostová" in page and "pozvánka odeslána" in page


def test_the_asz_consultant_is_invited_from_their_account(mw, login):
    consultant = mw.users["consultant"]
    consultant.first_name, consultant.last_name, consultant.email = "Karel", "Poradce", "karel@asz.example"
    consultant.save()
    client = login(mw.users["editor"])
    response = client.post(
        _url("guest_invite", mw, pk=mw.meeting.pk), {"user": consultant.pk, "organisation": "ASZ"}
    )
    assert response.status_code == 302
    guest = mw.meeting.guests.get()
    assert (guest.name, guest.email, guest.organisation) == ("Karel Poradce", "karel@asz.example", "ASZ")
    assert [m.to for m in deliver()] == [["karel@asz.example"]]


def test_a_user_of_another_unit_cannot_be_chosen(mw, login):
    outsider = mw.users["outsider"]
    outsider.email = "jinde@example.org"
    outsider.save()
    response = login(mw.users["editor"]).post(
        _url("guest_invite", mw, pk=mw.meeting.pk), {"user": outsider.pk}
    )
    assert response.status_code == 422 and not mw.meeting.guests.exists()


def test_missing_name_or_email_and_a_second_invitation_are_refused(mw, login):
    client = login(mw.users["editor"])
    url = _url("guest_invite", mw, pk=mw.meeting.pk)
    response = client.post(url, {"name": "", "email": ""})
    assert response.status_code == 422
    assert "Vyplňte jméno hosta" in response.content.decode()
    client.post(url, {"name": "Eva", "email": "eva@example.org"})
    response = client.post(url, {"name": "Eva znovu", "email": "EVA@example.org"})
    assert response.status_code == 422 and mw.meeting.guests.count() == 1


def test_only_a_planned_meeting_takes_guest_invitations(mw):
    with pytest.raises(services.ValidationError):
        services.guest_invite(meeting=mw.held_meeting, name="Eva", organisation="", email="eva@example.org")


def test_recording_attendance_keeps_invited_guests(mw):
    guest = services.guest_invite(meeting=mw.meeting, name="Eva", organisation="", email="eva@example.org")
    from datetime import timedelta

    from django.utils import timezone

    mw.meeting.starts_at = timezone.now() - timedelta(hours=1)
    mw.meeting.save()
    services.attendance_record(meeting=mw.meeting, attendance={}, guests=[("Jan Náhodný", "")])
    assert sorted(g.name for g in mw.meeting.guests.all()) == ["Eva", "Jan Náhodný"]
    assert mw.meeting.guests.filter(pk=guest.pk).exists()
