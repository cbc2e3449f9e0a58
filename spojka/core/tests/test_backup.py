"""Backup and restore (issue 13, item 12): a round trip gives back every row and every file, and a
check reports every file field whose file is missing."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from spojka.documents.demo import placeholder_pdf
from spojka.documents.models import Document, DocumentType, DocumentVersion
from spojka.lib import backup as backup_lib
from spojka.lib.backup import table_counts
from spojka.meetings.models import Meeting

pytestmark = pytest.mark.django_db(transaction=True)


def _media_hashes(root) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


def _world_with_files(world):
    document = Document.objects.create(
        unit=world.unit, doc_type=DocumentType.MINUTES, title="Zápis z jednání LP – záloha"
    )
    for number in (1, 2):
        version = DocumentVersion(document=document, number=number, content_type="application/pdf", size=1)
        version.file.save(f"zapis-{number}.pdf", ContentFile(placeholder_pdf(f"Verze {number}")), save=False)
        version.size = version.file.size
        version.save()
    meeting = Meeting.objects.create(
        unit=world.unit,
        title="Jednání LP",
        starts_at="2022-03-01T10:00+01:00",
        ends_at="2022-03-01T12:00+01:00",
    )
    meeting.attendance_scan.save("prezence.pdf", ContentFile(placeholder_pdf("Prezence")))
    return document


def _wipe(settings) -> None:
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)


# The JSON fallback is PostgreSQL's without pg_dump; SQLite has its backup API.
METHODS = ["auto", "json"] if connection.vendor == "postgresql" else ["auto"]


@pytest.mark.parametrize("method", METHODS)
def test_round_trip_restores_every_row_and_every_file(world, settings, tmp_path, method):
    _world_with_files(world)
    rows_before = table_counts()
    files_before = _media_hashes(settings.MEDIA_ROOT)
    archive = tmp_path / "zaloha.tar.gz"

    call_command("backup", str(archive), method=method, verbosity=0)

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    expected_method = (
        "sqlite" if connection.vendor == "sqlite" else ("pg_dump" if method == "auto" else "json")
    )
    assert manifest["method"] == expected_method
    assert manifest["tables"] == rows_before
    assert {n.removeprefix("media/"): h for n, h in manifest["files"].items() if n.startswith("media/")} == (
        files_before
    )
    assert len(files_before) == 3

    # The target is not empty: a restore over live data is refused unless forced.
    with pytest.raises(CommandError, match="obsahuje data"):
        call_command("restore", str(archive), verbosity=0)

    _wipe(settings)
    assert table_counts()["documents_document"] == 0
    call_command("restore", str(archive), verbosity=0)

    assert table_counts() == rows_before
    assert _media_hashes(settings.MEDIA_ROOT) == files_before
    assert DocumentVersion.objects.get(number=2).file.read() == placeholder_pdf("Verze 2")
    print(
        f"backup round trip ({expected_method}): {sum(rows_before.values())} rows in {len(rows_before)} tables "
        f"and {len(files_before)} files equal"
    )


def test_restore_with_force_replaces_live_data(world, settings, tmp_path):
    _world_with_files(world)
    rows_before = table_counts()
    archive = tmp_path / "zaloha.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    Document.objects.create(unit=world.unit, doc_type=DocumentType.MINUTES, title="Po záloze")
    (settings.MEDIA_ROOT / "navic.txt").write_text("po záloze")

    call_command("restore", str(archive), force=True, verbosity=0)

    assert table_counts() == rows_before
    assert not (settings.MEDIA_ROOT / "navic.txt").exists()
    assert not Document.objects.filter(title="Po záloze").exists()


def test_restore_refuses_a_non_empty_media_folder(world, settings, tmp_path):
    archive = tmp_path / "zaloha.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "cizi.pdf").write_bytes(b"%PDF")

    with pytest.raises(CommandError, match="není prázdná"):
        call_command("restore", str(archive), verbosity=0)


def test_restore_refuses_a_tampered_archive_before_writing_anything(world, settings, tmp_path):
    _world_with_files(world)
    archive = tmp_path / "zaloha.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    tampered = tmp_path / "upravena.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(tampered, "w:gz") as dst:
        for member in src:
            data = src.extractfile(member).read()
            if member.name.endswith("prezence.pdf"):
                data += b"%% upraveno"
                member.size = len(data)
            dst.addfile(member, io.BytesIO(data))
    _wipe(settings)

    with pytest.raises(CommandError, match="Kontrolní součet nesouhlasí"):
        call_command("restore", str(tampered), verbosity=0)
    assert table_counts()["documents_document"] == 0


def test_restore_refuses_a_path_outside_the_media_folder(tmp_path):
    archive = tmp_path / "zla.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        payload = b"x"
        manifest = {
            "format": 1,
            "method": "sqlite",
            "database": "database/db.sqlite3",
            "tables": {},
            "files": {"media/../../etc/x": hashlib.sha256(payload).hexdigest()},
        }
        for name, data in (("manifest.json", json.dumps(manifest).encode()), ("media/../../etc/x", payload)):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))

    with pytest.raises(backup_lib.BackupError, match="nepovolenou"):
        backup_lib.verify(archive)


def test_check_files_reports_every_file_field_whose_file_is_missing(world, settings, capsys):
    document = _world_with_files(world)
    call_command("check_files")
    assert "Všechny soubory jsou na místě" in capsys.readouterr().out

    lost = document.versions.get(number=1)
    (settings.MEDIA_ROOT / lost.file.name).unlink()
    meeting = Meeting.objects.get()
    (settings.MEDIA_ROOT / meeting.attendance_scan.name).unlink()

    with pytest.raises(CommandError, match="Chybějících souborů: 2"):
        call_command("check_files")
    out = capsys.readouterr().out
    assert f"documents.DocumentVersion #{lost.pk} file: chybí soubor {lost.file.name}" in out
    assert (
        f"meetings.Meeting #{meeting.pk} attendance_scan: chybí soubor {meeting.attendance_scan.name}" in out
    )
