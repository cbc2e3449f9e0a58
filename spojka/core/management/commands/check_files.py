"""`manage.py check_files`: every file field whose file is missing from storage (exit status 1 if any)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from spojka.lib.file_check import missing_files


class Command(BaseCommand):
    help = "Vypíše každé pole se souborem, jehož soubor v úložišti chybí."

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, database, **options):
        missing = missing_files(database)
        for m in missing:
            self.stdout.write(f"{m.model} #{m.pk} {m.field}: chybí soubor {m.name}")
        if missing:
            raise CommandError(f"Chybějících souborů: {len(missing)}")
        self.stdout.write("Všechny soubory jsou na místě.")
