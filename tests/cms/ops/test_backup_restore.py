"""Back up a populated registry, restore it into an empty database, and compare.

The restore runs as an operator would run it: `manage.py restore_registry` in a
separate process pointed at an empty database by DATABASE_URL.
"""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from wagtail.documents.models import Document

from cms.ops.backup import audit_checksum, backup_create, row_counts
from registry.audit.services import audit_record
from tests.factories import InnovationFactory, MinistryAdminFactory

pytestmark = pytest.mark.django_db(transaction=True)
PROJECT = Path(settings.BASE_DIR)
REPORT = "import django, json; django.setup(); from cms.ops.backup import row_counts, audit_checksum; print(json.dumps([row_counts(), audit_checksum()]))"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def empty_database_url(tmp_path):
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    db = connection.settings_dict
    name = f"restore_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _manage(database_url, media, *args, code=None):
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_MEDIA_ROOT": str(media), "DJANGO_SETTINGS_MODULE": "cms.settings"}
    command = [sys.executable, "-c", code] if code else [sys.executable, "manage.py", *args]
    return subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=300)


def _populate():
    admin = MinistryAdminFactory(username="admin_backup")
    for innovation in InnovationFactory.create_batch(5):
        audit_record(actor=admin, action="innovation.publish", target=innovation)
    Document.objects.create(title="SK Inovasi", file=ContentFile(b"%PDF-1.4 contoh", name="sk-inovasi.pdf"))


def test_backup_restores_every_row_and_the_audit_chain(tmp_path, media_root, empty_database_url):
    _populate()
    backup = backup_create(output_dir=tmp_path / "backups")
    restored_media = tmp_path / "restored-media"

    restore = _manage(empty_database_url, restored_media, "restore_registry", str(backup))
    assert restore.returncode == 0, restore.stderr

    report = _manage(empty_database_url, restored_media, code=REPORT)
    counts, checksum = json.loads(report.stdout.strip().splitlines()[-1])
    assert counts == row_counts()
    assert counts["innovations_innovation"] == 5
    assert checksum == audit_checksum()
    assert list((restored_media / "documents").iterdir())[0].read_bytes() == b"%PDF-1.4 contoh"


def test_restore_refuses_a_database_that_is_not_empty(tmp_path, media_root, empty_database_url):
    _populate()
    backup = backup_create(output_dir=tmp_path / "backups")
    assert _manage(empty_database_url, tmp_path / "m", "restore_registry", str(backup)).returncode == 0
    again = _manage(empty_database_url, tmp_path / "m", "restore_registry", str(backup))
    assert again.returncode != 0
    assert "not empty" in again.stderr


def test_a_manifest_that_does_not_match_is_reported(tmp_path, media_root, empty_database_url):
    _populate()
    backup = backup_create(output_dir=tmp_path / "backups")
    manifest_path = backup / "manifest.json"
    manifest_path.write_text(manifest_path.read_text().replace('"audit_checksum": "', '"audit_checksum": "0'))
    restore = _manage(empty_database_url, tmp_path / "m", "restore_registry", str(backup))
    assert restore.returncode != 0
    assert "audit chain ok=False" in restore.stderr


def test_backup_command_writes_a_folder(tmp_path, media_root):
    _populate()
    call_command("backup_registry", "--output", str(tmp_path / "out"))
    assert len(list((tmp_path / "out").iterdir())) == 1
