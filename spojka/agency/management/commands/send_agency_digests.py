"""Weekly agency digests (run by cron once a week, e.g. on Monday; a rerun in the same week sends nothing twice)."""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from spojka.agency.digest import send_agency_digests


class Command(BaseCommand):
    help = "Pošle konzultantům a administrátorům agentury týdenní přehled končících spoluprací, nově neplněných pravidel a plánů."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Den, za který se přehled posílá (RRRR-MM-DD); výchozí je dnešek.")

    def handle(self, *args, **options):
        try:
            today = date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError("Datum zadejte ve tvaru RRRR-MM-DD.") from exc
        sent, skipped = send_agency_digests(today=today)
        self.stdout.write(f"Odesláno přehledů: {sent}, přeskočeno: {skipped}.")
