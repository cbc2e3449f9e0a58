"""Daily reminder digests (run by cron once a day; running it twice the same day sends nothing twice)."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from spojka.compliance.reminders import send_reminders


class Command(BaseCommand):
    help = "Pošle odpovědným osobám denní přehled termínů, ohrožených pravidel, úkolů a jednání k uzavření."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Den, za který se přehled posílá (RRRR-MM-DD); výchozí je dnešek.")

    def handle(self, *args, **options):
        try:
            today = date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError("Datum zadejte ve tvaru RRRR-MM-DD.") from exc
        sent, skipped = send_reminders(today=today)
        self.stdout.write(f"Odesláno přehledů: {sent}, již dnes odeslaných: {skipped}.")
