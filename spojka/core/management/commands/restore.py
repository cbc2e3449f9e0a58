"""`manage.py restore ARCHIVE.tar.gz`: restore a backup into an empty database and media folder."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from spojka.lib.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Obnoví zálohu vytvořenou příkazem backup do prázdné databáze a prázdné složky souborů; "
        "nejdřív ověří manifest, nakonec porovná počty řádků a kontrolní součty."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="archiv .tar.gz z příkazu backup")
        parser.add_argument(
            "--force",
            action="store_true",
            help="smaže existující data v cílové databázi a složce souborů a obnoví zálohu přes ně",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, verbosity=1, archive, force, database, **options):
        try:
            summary = restore(archive, using=database, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if verbosity:
            self.stdout.write(
                f"Obnoveno z {summary.path} ({summary.method}): {len(summary.tables)} tabulek, "
                f"{summary.rows} řádků, {len(summary.files)} souborů; počty i kontrolní součty souhlasí."
            )
