"""Issue 13, item 2: invitations go through the outbox; the meeting page shows their delivery."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from post_office.models import STATUS

from spojka.lib.mail import send_outbox
from spojka.partnership.models import Person
from spojka.testing.mail import free_port, smtp_server, smtp_transport

pytestmark = pytest.mark.django_db


def _url(name: str, w, **kwargs) -> str:
    return reverse(f"meetings:{name}", kwargs={"unit": w.unit.slug, "pk": w.meeting.pk, **kwargs})


@pytest.fixture
def three_invited(mw):
    """The planned meeting with three invited people who have an e-mail address."""
    for n in (1, 2):
        person = Person.objects.create(
            unit=mw.unit, first_name="Host", last_name=f"Pozvaný {n}", email=f"host{n}@example.org"
        )
        mw.meeting.invitations.create(unit=mw.unit, person=person)
    return mw


def test_with_smtp_down_invitations_are_queued_and_arrive_exactly_once_when_it_is_back(three_invited, login):
    mw, port = three_invited, free_port()
    client = login(mw.users["editor"])
    with smtp_transport(port):  # nobody listening on the port
        response = client.post(_url("invitations_send", mw), follow=True)
        page = response.content.decode()
        assert response.status_code == 200  # no 500: the request only queued
        assert "Pozvánky čekají na odeslání (3)" in page
        assert page.count(">čeká na odeslání<") == 3  # each invitation
        assert send_outbox().retrying == 3
        page = client.get(_url("meeting_detail", mw)).content.decode()
        assert page.count("nepodařilo se, další pokus") == 3
    with smtp_server(port) as inbox:
        later = timezone.now() + timedelta(minutes=5)
        assert send_outbox(now=later).sent == 3
        assert send_outbox(now=later + timedelta(hours=1)).sent == 0
        assert sorted(m["To"] for m in inbox.messages) == [
            "host1@example.org",
            "host2@example.org",
            "marie@example.org",
        ]
        assert all(m.get_content_type() == "multipart/mixed" for m in inbox.messages)
    page = client.get(_url("meeting_detail", mw)).content.decode()
    assert page.count(">odesláno<") == 3


@override_settings(OUTBOX_MAX_ATTEMPTS=2)
def test_a_failed_invitation_is_shown_and_odeslat_znovu_delivers_it_once(mw, login):
    port = free_port()
    client = login(mw.users["editor"])
    with smtp_transport(port):
        client.post(_url("invitations_send", mw))
        send_outbox()
        assert send_outbox(now=timezone.now() + timedelta(hours=1)).failed == 1
    invitation = mw.meeting.invitations.get()
    assert invitation.email.status == STATUS.failed
    page = client.get(_url("meeting_detail", mw)).content.decode()
    assert "nepodařilo se odeslat" in page and "Odeslat znovu" in page
    # A partner reads the state but gets no button, and may not resend.
    partner = login(mw.users["partner"])
    assert "Odeslat znovu" not in partner.get(_url("meeting_detail", mw)).content.decode()
    assert partner.post(_url("invitation_resend", mw, invitation=invitation.pk)).status_code == 403

    client = login(mw.users["editor"])
    response = client.post(_url("invitation_resend", mw, invitation=invitation.pk), follow=True)
    assert "znovu čeká na odeslání" in response.content.decode()
    # A second click while it waits changes nothing.
    response = client.post(_url("invitation_resend", mw, invitation=invitation.pk), follow=True)
    assert "Znovu lze odeslat jen pozvánku, jejíž odeslání se nepodařilo." in response.content.decode()
    with smtp_server(port) as inbox:
        send_outbox()
        send_outbox()
    assert [m["To"] for m in inbox.messages] == ["marie@example.org"]


def test_another_units_invitation_cannot_be_resent(mw, login):
    outsider = login(mw.users["outsider"])
    url = _url("invitation_resend", mw, invitation=mw.meeting_invitation.pk)
    assert outsider.post(url).status_code == 404
