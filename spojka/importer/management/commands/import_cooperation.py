"""Import cooperation descriptions from files: `manage.py import_cooperation PATH... [--dry-run] [--json]`.

Each file goes through the same service as a confirmed upload (`services.import_confirm`), as no
user, with the values exactly as read: nothing is reviewed, so run `--json` or `--dry-run` first.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from spojka.cooperation.models import Region, TerritorialUnit, UnitKind
from spojka.importer.errors import ImportRejected
from spojka.importer.extract import extract_text, read_file
from spojka.importer.mapping import initial_data
from spojka.importer.models import ImportDraft
from spojka.importer.parser import parse_cooperation_description
from spojka.importer.services import import_confirm


class Command(BaseCommand):
    help = (
        "Naimportuje popisy spolupráce ze souborů (PDF, DOCX, text). --json vypíše přečtené údaje, "
        "--dry-run jen ukáže, co by se stalo; v obou případech se nic neuloží."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="nic neukládat")
        parser.add_argument(
            "--json", action="store_true", help="vypsat přečtené údaje jako JSON; nic neukládat"
        )
        parser.add_argument("--kind", choices=UnitKind.values, help="druh nově zakládaného územního celku")
        parser.add_argument("--region", choices=Region.values, help="kraj nově zakládaného územního celku")

    def handle(self, *args, **options) -> None:
        # Why a file could not be read, in a library's words, is for the log; the console gets
        # the Czech message. `-v 2` shows the technical detail too.
        log = logging.getLogger("spojka.importer")
        level = log.level
        log.setLevel(logging.DEBUG if options["verbosity"] >= 2 else logging.WARNING)
        try:
            self._import(options)
        finally:
            log.setLevel(level)

    def _import(self, options: dict) -> None:
        failures = 0
        printed = []
        for path in options["paths"]:
            try:
                text = extract_text(read_file(path), path.name)
                parsed = parse_cooperation_description(text)
            except ImportRejected as error:
                failures += 1
                self.stderr.write(f"{path}: {error.message}")
                continue
            if options["json"]:
                printed.append({"file": str(path), **parsed.to_dict()})
                continue
            data = initial_data(parsed)
            data["kind"] = options["kind"] or data["kind"]
            data["region"] = options["region"] or data["region"]
            if options["dry_run"]:
                self._describe(path, data, parsed.warnings)
                continue
            try:
                with transaction.atomic():
                    draft = ImportDraft.objects.create(filename=path.name[:200], text=text)
                    description = import_confirm(draft=draft, data=data, user=None)
            except ValidationError as error:
                failures += 1
                self.stderr.write(f"{path}: {'; '.join(error.messages)}")
                continue
            self.stdout.write(f"{path}: {description} ({description.get_absolute_url()})")
        if options["json"]:
            self.stdout.write(json.dumps(printed, ensure_ascii=False, indent=2, default=str))
        if failures:
            raise CommandError(f"Nenačteno souborů: {failures}.")

    def _describe(self, path: Path, data: dict, warnings: list[str]) -> None:
        unit = TerritorialUnit.objects.filter(ico=data["ico"]).first() if data["ico"] else None
        target = (
            f"k existujícímu celku {unit.name}" if unit else f"nový územní celek {data['unit_name'] or '?'}"
        )
        self.stdout.write(
            f"{path}: {target}, IČO {data['ico'] or '?'}; oblastí {len(data['areas'])}, "
            f"členů LP {len(data['members'])}, činností {len(data['activities'])} (nic neuloženo)"
        )
        for warning in warnings:
            self.stdout.write(f"  ! {warning}")
