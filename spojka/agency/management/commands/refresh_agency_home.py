"""Bring every unit's stored row of the agency home up to date for today (cron, after
``refresh_statuses``, just after midnight).

Changes keep the rows fresh by themselves; this moves the date-driven facts (days left, ending
within 90 days, LP meetings due by now, overdue tasks) to the new day before the agency's first
user of the morning, so that nobody waits for every unit to be computed.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from spojka.agency import stored
from spojka.cooperation.models import TerritorialUnit


class Command(BaseCommand):
    help = "Přepočítá uložené řádky přehledu agentury pro dnešní den."

    def handle(self, *args, **options):
        started = time.perf_counter()
        today = timezone.localdate()
        stale = stored.stale(TerritorialUnit.objects.all(), today)
        stored.refresh(stale, today)
        seconds = time.perf_counter() - started
        self.stdout.write(f"Přepočítáno celků: {len(stale)} za {seconds:.1f} s.")
