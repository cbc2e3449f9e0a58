"""The agency's outbox page: every queued, sent and failed e-mail with its body."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.mail import EmailMessage, send_mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from spojka.lib.mail import queue, send_outbox

pytestmark = pytest.mark.django_db


def _mails(n: int) -> None:
    for i in range(n):
        send_mail(f"Připomínka {i}", f"Text {i}", None, [f"r{i}@example.org"])


def test_the_agency_admin_reads_queued_sent_and_failed_mail_with_its_body(world, login):
    sent = queue(EmailMessage("Odeslaná", "Tělo odeslané zprávy", to=["a@example.org"]))
    send_outbox()
    with override_settings(
        OUTBOX_MAX_ATTEMPTS=1,
        POST_OFFICE={"BACKENDS": {"default": "spojka.lib.tests.test_mail.BrokenBackend"}},
    ):
        failed = queue(EmailMessage("Neodeslaná", "Tělo", to=["b@example.org"]))
        send_outbox()
    waiting = queue(EmailMessage("Čekající", "Tělo", to=["c@example.org"]))
    client = login(world.users["agency_admin"])
    page = client.get(reverse("core:outbox")).content.decode()
    for subject, state in (
        ("Odeslaná", "odesláno"),
        ("Neodeslaná", "nepodařilo se odeslat"),
        ("Čekající", "čeká na odeslání"),
    ):
        assert subject in page and f">{state}<" in page
    assert "Neodeslaná" in client.get(reverse("core:outbox") + "?stav=failed").content.decode()
    assert "Čekající" not in client.get(reverse("core:outbox") + "?stav=failed").content.decode()
    detail = client.get(reverse("core:outbox_message", kwargs={"pk": sent.pk})).content.decode()
    assert "Tělo odeslané zprávy" in detail and "a@example.org" in detail
    detail = client.get(reverse("core:outbox_message", kwargs={"pk": failed.pk})).content.decode()
    assert "ConnectionRefusedError" in detail  # why it failed
    assert waiting.pk


@pytest.mark.parametrize("persona", ["consultant", "editor", "partner", "outsider"])
def test_only_the_agency_admin_reads_the_outbox(world, login, persona):
    assert login(world.users[persona]).get(reverse("core:outbox")).status_code == 403


def test_the_outbox_page_makes_the_same_number_of_queries_for_5_and_60_messages(
    world, login, django_assert_num_queries
):
    client = login(world.users["agency_admin"])
    _mails(5)
    with django_assert_num_queries(5):
        client.get(reverse("core:outbox"))
    _mails(55)
    send_outbox(now=timezone.now() + timedelta(seconds=1))
    with django_assert_num_queries(5):
        client.get(reverse("core:outbox"))
