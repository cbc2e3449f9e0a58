from __future__ import annotations

from django.core.management.base import BaseCommand

from spojka.trash.services import trash_purge


class Command(BaseCommand):
    help = "Zapomene položky koše starší 30 dnů a smaže soubory, které držely (cron, lze spustit dvakrát)."

    def handle(self, *args, **options) -> None:
        purged = trash_purge()
        self.stdout.write(f"Z koše odstraněno položek: {purged}")
