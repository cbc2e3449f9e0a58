"""Mail in tests: requests only queue; ``deliver()`` runs the outbox as the worker would.

``smtp_server()`` starts a real SMTP server (aiosmtpd) on loopback and ``smtp_transport(port)``
points the outbox at it, for tests of delivery itself.
"""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from email.policy import default as default_policy

from aiosmtpd.controller import Controller
from django.core import mail
from django.test import override_settings

from spojka.lib.mail import send_outbox


def deliver() -> list[mail.EmailMessage]:
    """Deliver everything due in the outbox (to ``mail.outbox`` in tests) and return ``mail.outbox``."""
    send_outbox()
    return mail.outbox


class Inbox:
    """What the SMTP server received, as parsed messages."""

    def __init__(self):
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.messages.append(email.message_from_bytes(envelope.content, policy=default_policy))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def smtp_transport(port: int) -> override_settings:
    """The outbox delivers by SMTP to 127.0.0.1:``port`` (nobody need be listening)."""
    return override_settings(
        POST_OFFICE={"BACKENDS": {"default": "django.core.mail.backends.smtp.EmailBackend"}, "LOG_LEVEL": 2},
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        EMAIL_TIMEOUT=5,
    )


@contextmanager
def smtp_server(port: int | None = None) -> Iterator[Inbox]:
    """A real SMTP server on loopback for the duration of the block."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port or free_port())
    controller.start()
    try:
        with smtp_transport(controller.port):
            yield inbox
    finally:
        controller.stop()
