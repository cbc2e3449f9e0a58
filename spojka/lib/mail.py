"""Mail through the outbox: a request only queues, a worker delivers, nothing is sent twice.

Everything that sends mail uses Django's ``send_mail`` / ``EmailMessage``. The EMAIL_BACKEND is
django-post-office's, which stores each message as an ``Email`` row (the outbox) instead of
talking to a mail server; ``manage.py send_outbox`` (cron, or ``--loop`` beside the web server)
delivers what is due through the real transport (``EMAIL_TRANSPORT``).

Exactly once: a run *claims* a message with one conditional UPDATE that pushes its scheduled time
a lease ahead; of two runs at once only one UPDATE matches, so only one sends. A message whose
send fails is retried with exponential backoff, then marked failed; "odeslat znovu" requeues it.
Only a worker that dies between the server's acceptance and recording it could send a message
again, after the lease has run out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from post_office.connections import connections
from post_office.models import STATUS, Email

from spojka.lib.czech import date_short

# How long a claimed message is reserved for the run that claimed it (longer than any send).
LEASE = timedelta(minutes=10)
WAITING = (STATUS.queued, STATUS.requeued)

STATE_LABELS = {
    "queued": gettext_lazy("čeká na odeslání"),
    "retrying": gettext_lazy("nepodařilo se, další pokus"),
    "sent": gettext_lazy("odesláno"),
    "failed": gettext_lazy("nepodařilo se odeslat"),
}

# The agency outbox's filter ("stav" in the address) and its labels.
STATE_FILTERS = [
    ("", gettext_lazy("vše")),
    ("queued", gettext_lazy("čeká na odeslání")),
    ("sent", gettext_lazy("odesláno")),
    ("failed", gettext_lazy("nepodařilo se odeslat")),
]


def queue(message: EmailMessage) -> Email:
    """Queue ``message`` in the outbox and return its row, e.g. to show its delivery state later."""
    reference = make_msgid(domain="spojka")
    message.extra_headers["Message-ID"] = reference
    message.send()
    return Email.objects.get(**{"headers__Message-ID": reference})


def remind_once(record: Callable[[], object], message: EmailMessage) -> bool:
    """Record that a reminder goes out and queue it, in one transaction; never twice.

    ``record`` creates the row that says the reminder was sent (a unique constraint makes a second
    one raise IntegrityError). The message is queued in the same transaction, so a reminder is
    either recorded and in the outbox (which retries until it is delivered) or neither.
    Returns False when it had already been recorded.
    """
    try:
        with transaction.atomic():
            record()
            message.send()
    except IntegrityError:
        return False
    return True


# --- Delivery (the worker) -------------------------------------------------------------------


@dataclass
class OutboxRun:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def _due(now: datetime) -> Q:
    return Q(status__in=WAITING) & (Q(scheduled_time__isnull=True) | Q(scheduled_time__lte=now))


def _claim(pk: int, now: datetime) -> bool:
    """Reserve one message for this run; False if another run has it (or it is no longer due)."""
    return Email.objects.filter(_due(now), pk=pk).update(scheduled_time=now + LEASE) == 1


def backoff(attempt: int) -> timedelta:
    """Wait before retry number ``attempt`` (1, 2, …): the base interval, doubled each time."""
    return timedelta(seconds=settings.OUTBOX_RETRY_SECONDS * 2 ** (attempt - 1))


def _deliver(email: Email, now: datetime) -> str:
    status = email.dispatch(disconnect_after_delivery=False)
    if status == STATUS.sent:
        Email.objects.filter(pk=email.pk).update(scheduled_time=None)
        return "sent"
    attempts = (email.number_of_retries or 0) + 1
    if attempts < settings.OUTBOX_MAX_ATTEMPTS:
        Email.objects.filter(pk=email.pk).update(
            status=STATUS.requeued, number_of_retries=attempts, scheduled_time=now + backoff(attempts)
        )
        return "retrying"
    Email.objects.filter(pk=email.pk).update(number_of_retries=attempts, scheduled_time=None)
    return "failed"


def send_outbox(*, now: datetime | None = None, limit: int = 500) -> OutboxRun:
    """Deliver the messages that are due (oldest first); safe to run in several processes at once."""
    now = now or timezone.now()
    run = OutboxRun()
    candidates = list(Email.objects.filter(_due(now)).order_by("created", "pk").values_list("pk", flat=True))
    try:
        for pk in candidates[:limit]:
            if not _claim(pk, now):
                continue
            outcome = _deliver(Email.objects.get(pk=pk), now)
            setattr(run, outcome, getattr(run, outcome) + 1)
    finally:
        connections.close()
    return run


def resend(email: Email) -> bool:
    """Put a failed message back in the queue ("odeslat znovu"); False if it had not failed."""
    return (
        Email.objects.filter(pk=email.pk, status=STATUS.failed).update(
            status=STATUS.queued, number_of_retries=0, scheduled_time=None
        )
        == 1
    )


# --- What a user sees --------------------------------------------------------------------------


def delivery_state(email: Email | None) -> str:
    """ "queued", "retrying", "sent" or "failed" ("" for no message)."""
    if email is None:
        return ""
    if email.status == STATUS.sent:
        return "sent"
    if email.status == STATUS.failed:
        return "failed"
    return "retrying" if email.number_of_retries else "queued"


def delivery_label(email: Email | None) -> str:
    """The delivery state in Czech, with the time of the next attempt while it is being retried."""
    state = delivery_state(email)
    if not state:
        return ""
    label = str(STATE_LABELS[state])
    if state == "retrying" and email.scheduled_time:
        when = timezone.localtime(email.scheduled_time)
        label = _("%(label)s %(date)s v %(time)s") % {
            "label": label,
            "date": date_short(when.date()),
            "time": when.strftime("%H:%M"),
        }
    return label
