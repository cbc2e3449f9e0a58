"""Backup and restore of the whole instance: one consistent database snapshot and the uploaded files.

The archive is a ``.tar.gz`` with

- ``manifest.json``: format, creation time, database engine and method, the row count of every
  table *as of the snapshot* and the SHA-256 of every file in the archive;
- ``database/…``: the snapshot, in one of three forms:
  - ``sqlite`` — a copy made with SQLite's online backup API (consistent while others write),
  - ``pg_dump`` — ``pg_dump --format=custom`` of a snapshot exported from the transaction that
    counted the rows, so counts and dump are the same moment,
  - ``json`` — Django's serialisation of every model, written inside one REPEATABLE READ, READ ONLY
    transaction (PostgreSQL without ``pg_dump`` on the machine);
- ``media/…``: every file under ``MEDIA_ROOT``.

A restore goes into an empty database and an empty media folder (``force`` wipes them first), checks
every hash of the manifest before it writes anything, and afterwards compares the row counts.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.management import call_command
from django.db import connections, transaction

FORMAT = 1
MANIFEST = "manifest.json"
# What `migrate` writes into a fresh database: a target holding only these rows counts as empty.
MIGRATE_FILLS = {"django_migrations", "django_content_type", "auth_permission", "sqlite_sequence"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that must stop; the message is for the operator."""


@dataclass
class Summary:
    path: Path
    method: str
    tables: dict[str, int] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _vendor(using: str) -> str:
    return connections[using].vendor


def pg_dump_available() -> bool:
    return bool(shutil.which("pg_dump") and shutil.which("pg_restore"))


def _pg_env(using: str) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump/pg_restore from Django's settings (the password via env)."""
    s = connections[using].settings_dict
    args = ["--dbname", s["NAME"]]
    if s.get("HOST"):
        args += ["--host", str(s["HOST"])]
    if s.get("PORT"):
        args += ["--port", str(s["PORT"])]
    if s.get("USER"):
        args += ["--username", str(s["USER"])]
    env = dict(os.environ)
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = str(s["PASSWORD"])
    return args, env


def _count_rows(cursor, tables: list[str], quote) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def table_counts(using: str = "default") -> dict[str, int]:
    """Row count of every table of the live database."""
    connection = connections[using]
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        return _count_rows(cursor, tables, connection.ops.quote_name)


# --- backup -------------------------------------------------------------------------------------


def _snapshot_sqlite(using: str, workdir: Path) -> tuple[Path, dict[str, int]]:
    connection = connections[using]
    connection.ensure_connection()
    target = workdir / "db.sqlite3"
    dst = sqlite3.connect(target)
    try:
        # The online backup API copies a consistent state even while other connections write.
        connection.connection.backup(dst)
        tables = [
            row[0]
            for row in dst.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        counts = _count_rows(dst.cursor(), tables, lambda name: '"' + name.replace('"', '""') + '"')
    finally:
        dst.close()
    return target, counts


def _repeatable_read(cursor) -> None:
    # Must be the transaction's first statement: every later query reads the same snapshot.
    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")


def _snapshot_pg_dump(using: str, workdir: Path) -> tuple[Path, dict[str, int]]:
    connection = connections[using]
    target = workdir / "db.pgdump"
    args, env = _pg_env(using)
    with transaction.atomic(using=using), connection.cursor() as cursor:
        _repeatable_read(cursor)
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = _count_rows(cursor, connection.introspection.table_names(cursor), connection.ops.quote_name)
        # pg_dump reads the very snapshot the counts came from; it stays valid while this
        # transaction is open.
        result = subprocess.run(
            ["pg_dump", *args, "--format=custom", "--no-owner", "--no-privileges", "--snapshot", snapshot]
            + ["--file", str(target)],
            env=env,
            capture_output=True,
            text=True,
        )
    if result.returncode:
        raise BackupError(f"pg_dump selhal: {result.stderr.strip()}")
    return target, counts


def _snapshot_json(using: str, workdir: Path) -> tuple[Path, dict[str, int]]:
    connection = connections[using]
    target = workdir / "db.json"
    with transaction.atomic(using=using), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _repeatable_read(cursor)
        counts = _count_rows(cursor, connection.introspection.table_names(cursor), connection.ops.quote_name)
        # Base managers (all=True): rows a default manager hides (e.g. the trash) are data too.
        call_command("dumpdata", all=True, database=using, output=str(target), verbosity=0)
    return target, counts


def backup(
    path: Path | str, *, using: str = "default", method: str = "auto", media_root: Path | str | None = None
) -> Summary:
    """Write one archive with the database snapshot and every uploaded file to ``path``."""
    path = Path(path)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    vendor = _vendor(using)
    if method == "auto":
        method = "sqlite" if vendor == "sqlite" else "pg_dump" if pg_dump_available() else "json"
    snapshots = {"sqlite": _snapshot_sqlite, "pg_dump": _snapshot_pg_dump, "json": _snapshot_json}
    if method not in snapshots:
        raise BackupError(f"Neznámý způsob zálohy databáze: {method}")
    if (method == "sqlite") != (vendor == "sqlite") or (method == "pg_dump" and vendor != "postgresql"):
        raise BackupError(f"Způsob {method} nelze použít pro databázi {vendor}.")

    with tempfile.TemporaryDirectory() as tmp:
        db_file, counts = snapshots[method](using, Path(tmp))
        db_name = f"database/{db_file.name}"
        # Files after the database: a file uploaded meanwhile is harmless, while a file referenced by the
        # snapshot is still there unless it was deleted in the meantime (check_files reports that).
        media = sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.is_dir() else []
        files = {db_name: _sha256_file(db_file)}
        for p in media:
            files["media/" + p.relative_to(media_root).as_posix()] = _sha256_file(p)
        manifest = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(),
            "engine": vendor,
            "method": method,
            "database": db_name,
            "tables": counts,
            "files": files,
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".part")
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            info.mtime = int(datetime.now(UTC).timestamp())
            tar.addfile(info, io.BytesIO(data))
            tar.add(db_file, arcname=db_name)
            for p in media:
                tar.add(p, arcname="media/" + p.relative_to(media_root).as_posix())
        # Never leave a half-written archive under the final name.
        partial.replace(path)
    return Summary(path=path, method=method, tables=counts, files=files)


# --- restore ------------------------------------------------------------------------------------


def _safe_member(name: str) -> bool:
    p = PurePosixPath(name)
    return (
        not p.is_absolute()
        and ".." not in p.parts
        and len(p.parts) >= 2
        and p.parts[0] in ("database", "media")
    )


def read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(tar.extractfile(MANIFEST))
    except (KeyError, TypeError, ValueError) as exc:
        raise BackupError("Archiv nemá platný manifest.json; nejde o zálohu Spojky.") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Nepodporovaná verze zálohy: {manifest.get('format')!r}.")
    return manifest


def verify(path: Path | str) -> dict:
    """Check the archive against its manifest (every file present, hashes equal, nothing extra)."""
    with tarfile.open(path, "r:gz") as tar:
        manifest = read_manifest(tar)
        seen = set()
        for member in tar:
            if member.name == MANIFEST:
                continue
            if not member.isfile() or not _safe_member(member.name):
                raise BackupError(f"Archiv obsahuje nepovolenou položku: {member.name}")
            expected = manifest["files"].get(member.name)
            if expected is None:
                raise BackupError(f"Soubor {member.name} v archivu chybí v manifestu.")
            digest = hashlib.sha256()
            fh = tar.extractfile(member)
            while chunk := fh.read(CHUNK):
                digest.update(chunk)
            if digest.hexdigest() != expected:
                raise BackupError(f"Kontrolní součet nesouhlasí: {member.name}")
            seen.add(member.name)
        missing = set(manifest["files"]) - seen
        if missing:
            raise BackupError(f"V archivu chybí soubory z manifestu: {', '.join(sorted(missing)[:5])}")
    return manifest


def database_holds_data(using: str = "default") -> bool:
    return any(n for table, n in table_counts(using).items() if table not in MIGRATE_FILLS)


def _wipe_database(using: str) -> None:
    connection = connections[using]
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if connection.vendor == "postgresql":
            if tables:
                cursor.execute(
                    "DROP TABLE IF EXISTS "
                    + ", ".join(connection.ops.quote_name(t) for t in tables)
                    + " CASCADE"
                )
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in tables:
                cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)}")
            cursor.execute("PRAGMA foreign_keys = ON")


def _restore_sqlite(using: str, db_file: Path) -> None:
    connection = connections[using]
    connection.ensure_connection()
    src = sqlite3.connect(db_file)
    try:
        # The backup API replaces the whole target database page by page (also an in-memory one).
        src.backup(connection.connection)
    finally:
        src.close()


def _restore_pg_dump(using: str, db_file: Path) -> None:
    _wipe_database(using)
    connections[using].close()
    args, env = _pg_env(using)
    result = subprocess.run(
        ["pg_restore", *args, "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"]
        + [str(db_file)],
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise BackupError(f"pg_restore selhal: {result.stderr.strip()}")


def _restore_json(using: str, db_file: Path) -> None:
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    call_command("migrate", database=using, interactive=False, verbosity=0)
    # migrate filled content types and permissions in its own order; the backup's rows (and the
    # foreign keys pointing at them) win.
    with transaction.atomic(using=using):
        Permission.objects.using(using).all().delete()
        ContentType.objects.using(using).all().delete()
        ContentType.objects.clear_cache()
        call_command("loaddata", str(db_file), database=using, verbosity=0)
    ContentType.objects.clear_cache()


def media_holds_files(media_root: Path) -> bool:
    return media_root.is_dir() and any(p.is_file() for p in media_root.rglob("*"))


def restore(
    path: Path | str, *, using: str = "default", force: bool = False, media_root: Path | str | None = None
) -> Summary:
    """Restore an archive made by :func:`backup` into an empty database and media folder."""
    path = Path(path)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    manifest = verify(path)
    vendor = _vendor(using)
    method = manifest["method"]
    if method == "sqlite" and vendor != "sqlite" or method == "pg_dump" and vendor != "postgresql":
        raise BackupError(f"Záloha typu {method} nejde obnovit do databáze {vendor}.")
    if method == "pg_dump" and not pg_dump_available():
        raise BackupError("Záloha byla pořízena nástrojem pg_dump; k obnovení je potřeba pg_restore.")
    if not force:
        if database_holds_data(using):
            raise BackupError(
                "Cílová databáze obsahuje data. Obnovuje se jen do prázdné (nebo použijte --force)."
            )
        if media_holds_files(media_root):
            raise BackupError(
                f"Složka souborů {media_root} není prázdná. Obnovuje se jen do prázdné (nebo použijte --force)."
            )

    with tempfile.TemporaryDirectory() as tmp, tarfile.open(path, "r:gz") as tar:
        db_file = Path(tmp) / PurePosixPath(manifest["database"]).name
        with db_file.open("wb") as out:
            shutil.copyfileobj(tar.extractfile(manifest["database"]), out)
        if force:
            _wipe_database(using)
        {"sqlite": _restore_sqlite, "pg_dump": _restore_pg_dump, "json": _restore_json}[method](
            using, db_file
        )

        if force and media_root.is_dir():
            shutil.rmtree(media_root)
        for name in manifest["files"]:
            if not name.startswith("media/"):
                continue
            target = media_root / PurePosixPath(name).relative_to("media")
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as out:
                shutil.copyfileobj(tar.extractfile(name), out)

    counts = table_counts(using)
    differ = {t: (n, counts.get(t)) for t, n in manifest["tables"].items() if counts.get(t) != n}
    if differ:
        detail = ", ".join(f"{t}: {a} ≠ {b}" for t, (a, b) in sorted(differ.items())[:10])
        raise BackupError(f"Po obnovení nesouhlasí počty řádků: {detail}")
    files = {
        name: _sha256_file(media_root / PurePosixPath(name).relative_to("media"))
        for name in manifest["files"]
        if name.startswith("media/")
    }
    bad = [n for n, h in files.items() if manifest["files"][n] != h]
    if bad:
        raise BackupError(f"Obnovené soubory nesouhlasí s manifestem: {', '.join(bad[:5])}")
    return Summary(path=path, method=method, tables=manifest["tables"], files=files)
