"""Remind organisers to close meetings that were held but not closed (cron, e.g. daily).

Safe to run repeatedly: every sent reminder is recorded, so nothing is sent twice.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from spojka.meetings.services import remind_unclosed_meetings


class Command(BaseCommand):
    help = "Připomene organizátorům uzavření jednání, která proběhla před 3 a 7 dny a nejsou uzavřená."

    def handle(self, *args, **options):
        sent = remind_unclosed_meetings()
        self.stdout.write(f"Odesláno připomínek: {sent}")
