"""Bring every unit's stored schedule status up to date for today (run by cron just after midnight).

Changes keep the stored statuses fresh by themselves; this moves the date-driven ones to the new
day before the first user of the morning, so that nobody waits for 200 units to be evaluated.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from spojka.compliance import stored
from spojka.cooperation.models import TerritorialUnit


class Command(BaseCommand):
    help = "Přepočítá uložené stavy plnění všech územních celků pro dnešní den."

    def handle(self, *args, **options):
        started = time.perf_counter()
        today = timezone.localdate()
        stale = list(stored.stale_units(TerritorialUnit.objects.all(), today))
        stored.refresh(stale, today)
        seconds = time.perf_counter() - started
        self.stdout.write(f"Přepočítáno celků: {len(stale)} za {seconds:.1f} s.")
