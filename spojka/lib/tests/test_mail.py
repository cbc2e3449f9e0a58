"""The outbox (spojka/lib/mail.py): queue, claim, retry with backoff, deliver exactly once."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from django.core.mail import EmailMessage, send_mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, connection
from django.test import override_settings
from django.utils import timezone
from post_office.models import STATUS, Email

from spojka.lib import mail as outbox
from spojka.testing.mail import deliver

DELIVERED: list[str] = []
WORKERS: set[str] = set()
_lock = threading.Lock()


class SlowBackend(BaseEmailBackend):
    """A transport that takes a while per message, so that two runs overlap."""

    def send_messages(self, messages):
        time.sleep(0.02)
        with _lock:
            DELIVERED.extend(m.to[0] for m in messages)
            WORKERS.add(threading.current_thread().name)
        return len(messages)


def test_send_mail_only_queues_and_the_worker_delivers(db):
    send_mail("Předmět", "Text", None, ["a@example.org"])
    assert Email.objects.get().status == STATUS.queued
    assert [m.to for m in deliver()] == [["a@example.org"]]
    assert Email.objects.get().status == STATUS.sent
    assert outbox.send_outbox().sent == 0  # nothing twice


def test_retries_back_off_exponentially_then_the_message_is_failed(db, settings):
    settings.OUTBOX_MAX_ATTEMPTS, settings.OUTBOX_RETRY_SECONDS = 3, 60
    assert [outbox.backoff(n) for n in (1, 2, 3)] == [
        timedelta(minutes=1),
        timedelta(minutes=2),
        timedelta(minutes=4),
    ]
    settings.POST_OFFICE = {"BACKENDS": {"default": "spojka.lib.tests.test_mail.BrokenBackend"}}
    email = outbox.queue(EmailMessage("Předmět", "Text", to=["a@example.org"]))
    now = timezone.now()
    assert outbox.send_outbox(now=now).retrying == 1
    email.refresh_from_db()
    assert (email.status, email.number_of_retries, email.scheduled_time) == (
        STATUS.requeued,
        1,
        now + timedelta(minutes=1),
    )
    assert outbox.delivery_label(email).startswith("nepodařilo se, další pokus ")
    assert outbox.send_outbox(now=now + timedelta(seconds=30)).retrying == 0  # not due yet
    assert outbox.send_outbox(now=now + timedelta(minutes=1)).retrying == 1
    assert outbox.send_outbox(now=now + timedelta(minutes=4)).failed == 1
    email.refresh_from_db()
    assert email.status == STATUS.failed and outbox.delivery_label(email) == "nepodařilo se odeslat"
    assert email.logs.count() == 3  # every attempt with its reason, for the agency outbox


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP server unreachable")


def test_remind_once_records_and_queues_together_and_never_twice(db):
    seen: set[str] = set()

    def record():
        if "k" in seen:
            raise IntegrityError("already recorded")
        seen.add("k")

    message = EmailMessage("Připomínka", "Text", to=["a@example.org"])
    assert outbox.remind_once(record, message) is True
    assert outbox.remind_once(record, EmailMessage("Připomínka", "Text", to=["a@example.org"])) is False
    assert Email.objects.count() == 1


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the in-memory SQLite test database (shared cache) answers 'table is locked' to concurrent "
    "writers at once, without the busy timeout of a real database file; PostgreSQL runs this test",
)
@pytest.mark.django_db(transaction=True)
@override_settings(POST_OFFICE={"BACKENDS": {"default": "spojka.lib.tests.test_mail.SlowBackend"}})
def test_two_workers_at_once_deliver_each_message_exactly_once():
    DELIVERED.clear()
    WORKERS.clear()
    for n in range(20):
        send_mail("Předmět", "Text", None, [f"r{n}@example.org"])
    errors: list[BaseException] = []

    def worker():
        try:
            outbox.send_outbox()
        except BaseException as exc:  # noqa: BLE001 (reported by the assertion below)
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(DELIVERED) == sorted(f"r{n}@example.org" for n in range(20))
    assert Email.objects.filter(status=STATUS.sent).count() == 20
