"""Deliver the mail outbox (cron every minute, or `--loop` beside the web server).

Safe to run in several processes at once: each message is claimed by one run only
(spojka/lib/mail.py), failed sends are retried with backoff.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from spojka.lib.mail import send_outbox


class Command(BaseCommand):
    help = "Odešle e-maily čekající ve frontě (neúspěšné zkusí znovu s prodlevou)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop",
            type=int,
            metavar="SEKUNDY",
            help="Neskončit: frontu procházet znovu po tolika sekundách (pro ukázku a malé instalace).",
        )

    def handle(self, *args, **options):
        while True:
            run = send_outbox()
            if run.sent or run.retrying or run.failed or not options["loop"]:
                self.stdout.write(
                    f"Odesláno: {run.sent}, k dalšímu pokusu: {run.retrying}, nepodařilo se: {run.failed}."
                )
            if not options["loop"]:
                return
            time.sleep(options["loop"])
