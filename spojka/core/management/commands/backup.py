"""`manage.py backup ARCHIVE.tar.gz`: one consistent snapshot of the database and the uploaded files."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from spojka.lib.backup import BackupError, backup


class Command(BaseCommand):
    help = "Záloha databáze a nahraných souborů do jednoho archivu .tar.gz s manifestem (README, Zálohy)."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="cesta k vytvářenému archivu .tar.gz")
        parser.add_argument(
            "--method",
            choices=["auto", "sqlite", "pg_dump", "json"],
            default="auto",
            help="auto: SQLite backup API, na PostgreSQL pg_dump, není-li k dispozici, JSON v jedné transakci",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, verbosity=1, archive, method, database, **options):
        try:
            summary = backup(archive, using=database, method=method)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        media = sum(1 for name in summary.files if name.startswith("media/"))
        if verbosity:
            self.stdout.write(
                f"Záloha {summary.path} ({summary.method}): {len(summary.tables)} tabulek, "
                f"{summary.rows} řádků, {media} souborů."
            )
