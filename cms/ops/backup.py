"""Backup and restore of a whole registry: the database and the uploaded media.

A backup is a folder holding `database.dump` (PostgreSQL custom format, from
pg_dump) or `database.sqlite3` (SQLite's online backup), `media.tar.gz`, and
`manifest.json` with the row count of every table and a checksum of the audit
chain, so a restore can prove it brought back exactly what was saved.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

MANIFEST = "manifest.json"


class BackupError(Exception):
    pass


def _tables(alias: str) -> list[str]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor, include_views=False))


def row_counts(alias: str = "default") -> dict[str, int]:
    connection = connections[alias]
    counts = {}
    with connection.cursor() as cursor:
        for table in _tables(alias):
            if table.startswith("sqlite_") or "_fts" in table:
                continue  # SQLite internals and FTS shadow tables are rebuilt, not counted
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def audit_checksum(alias: str = "default") -> str:
    """SHA-256 over every audit event's sequence and hash, in chain order."""
    from registry.audit.models import AuditEvent

    digest = hashlib.sha256()
    for sequence, event_hash in AuditEvent.objects.using(alias).order_by("sequence").values_list("sequence", "hash"):
        digest.update(f"{sequence}:{event_hash}\n".encode())
    return digest.hexdigest()


def _pg_env(db: dict) -> dict:
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _pg_args(db: dict) -> list[str]:
    args = []
    if db.get("HOST"):
        args += ["-h", db["HOST"]]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", db["USER"]]
    return args


def backup_create(*, output_dir: Path, alias: str = "default") -> Path:
    connection = connections[alias]
    db = connection.settings_dict
    target = Path(output_dir) / f"registry-{timezone.now():%Y%m%d-%H%M%S}"
    target.mkdir(parents=True, exist_ok=False)
    manifest = {
        "created_at": timezone.now().isoformat(),
        "vendor": connection.vendor,
        "row_counts": row_counts(alias),
        "audit_checksum": audit_checksum(alias),
    }
    if connection.vendor == "postgresql":
        result = subprocess.run(
            ["pg_dump", "-Fc", "--no-owner", "-f", str(target / "database.dump"), *_pg_args(db), db["NAME"]],
            env=_pg_env(db),
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target / "database.sqlite3")
        with destination:
            connection.connection.backup(destination)
        destination.close()
    else:
        raise BackupError(f"unsupported database: {connection.vendor}")
    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(target / "media.tar.gz", "w:gz") as archive:
        if media_root.exists():
            archive.add(media_root, arcname="media")
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True), encoding="utf-8")
    return target


@dataclass
class RestoreReport:
    tables_checked: int
    mismatched_tables: dict[str, tuple[int, int]]
    audit_ok: bool

    @property
    def ok(self) -> bool:
        return not self.mismatched_tables and self.audit_ok


def backup_restore(*, source: Path, alias: str = "default", media_root: Path | None = None) -> RestoreReport:
    """Restore into the (empty) database `alias` and the media folder, then verify against the manifest."""
    source = Path(source)
    manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    connection = connections[alias]
    db = connection.settings_dict
    if connection.vendor != manifest["vendor"]:
        raise BackupError(f"backup is of {manifest['vendor']}, target is {connection.vendor}")
    if [t for t in _tables(alias) if not t.startswith("sqlite_")]:
        raise BackupError("the target database is not empty; restore only into an empty database")
    if connection.vendor == "postgresql":
        result = subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", "-d", db["NAME"], *_pg_args(db), str(source / "database.dump")],
            env=_pg_env(db),
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
    else:
        connection.close()
        backup_file = sqlite3.connect(source / "database.sqlite3")
        target = sqlite3.connect(db["NAME"])
        with target:
            backup_file.backup(target)
        backup_file.close()
        target.close()
    media_root = Path(media_root or settings.MEDIA_ROOT)
    with tarfile.open(source / "media.tar.gz", "r:gz") as archive:
        staging = media_root.parent / f".restore-{media_root.name}"
        shutil.rmtree(staging, ignore_errors=True)
        archive.extractall(staging, filter="data")
        if (staging / "media").exists():
            shutil.copytree(staging / "media", media_root, dirs_exist_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
    return backup_verify(manifest=manifest, alias=alias)


def backup_verify(*, manifest: dict, alias: str = "default") -> RestoreReport:
    counts = row_counts(alias)
    expected = manifest["row_counts"]
    mismatched = {
        table: (count, counts.get(table, -1)) for table, count in expected.items() if counts.get(table, -1) != count
    }
    return RestoreReport(len(expected), mismatched, audit_checksum(alias) == manifest["audit_checksum"])
