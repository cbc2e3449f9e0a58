"""Cron commands that work for one day: ``--date RRRR-MM-DD`` (today by default), so a missed run can
be made up and a test can name its day."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone


class DayCommand(BaseCommand):
    """Subclasses say what the day's run does in ``run_for(today)`` and return its one-line report."""

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Den, za který se přehled posílá (RRRR-MM-DD); výchozí je dnešek.")

    def handle(self, *args, **options):
        try:
            today = date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError("Datum zadejte ve tvaru RRRR-MM-DD.") from exc
        self.stdout.write(self.run_for(today))

    def run_for(self, today: date) -> str:
        raise NotImplementedError
