"""manage.py import_data / export_data: the same rules as the screens, for scripts."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from registry.audit.models import AuditEvent
from registry.imports.models import ImportJob
from registry.innovations.models import Innovation
from tests.factories import UserFactory
from tests.factories_imports import FullInnovationFactory, database_state, good_row, xlsx


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.mark.django_db
@pytest.mark.parametrize("file_format", ["csv", "json", "xlsx"])
def test_export_then_import_round_trips_through_the_commands(file_format, tmp_path, superuser, agency_a):
    FullInnovationFactory.create_batch(2, agency=agency_a)
    target = tmp_path / f"inovasi.{file_format}"
    call_command("export_data", "innovations", "--format", file_format, "--output", str(target), verbosity=0)
    Innovation.objects.update(title="Diubah")

    call_command("import_data", "innovations", str(target), verbosity=0)

    assert set(Innovation.objects.values_list("title", flat=True)) != {"Diubah"}
    assert ImportJob.objects.get().counts["update"] == 2
    assert AuditEvent.objects.filter(action="import.innovations").count() == 1


@pytest.mark.django_db
def test_export_to_standard_output(capsysbinary, superuser, agency_a):
    FullInnovationFactory(agency=agency_a, title="Satu")
    call_command("export_data", "innovations", "--format", "json", verbosity=0)
    assert [row["Judul"] for row in json.loads(capsysbinary.readouterr().out)] == ["Satu"]


@pytest.mark.django_db
def test_import_with_errors_exits_non_zero_with_a_row_report_and_writes_nothing(tmp_path, superuser, agency_a, capsys):
    rows = [good_row(1), good_row(2)]
    rows[1][5] = "ajaib"
    source = tmp_path / "inovasi.xlsx"
    source.write_bytes(xlsx(rows))
    before = database_state()

    with pytest.raises(CommandError) as failure:
        call_command("import_data", "innovations", str(source), verbosity=0)

    assert failure.value.returncode == 1
    assert 'baris 3, kolom Jenis inovasi: Nilai "ajaib" tidak ada dalam daftar' in capsys.readouterr().err
    assert database_state() == before


@pytest.mark.django_db
def test_dry_run_writes_nothing(tmp_path, superuser, agency_a, capsys):
    source = tmp_path / "inovasi.xlsx"
    source.write_bytes(xlsx([good_row(1)]))
    call_command("import_data", "innovations", str(source), "--dry-run", verbosity=0)
    assert "baru 1" in capsys.readouterr().out
    assert Innovation.objects.count() == 0 and ImportJob.objects.count() == 0


@pytest.mark.django_db
def test_command_refuses_a_user_without_the_right(tmp_path, verifier_a):
    source = tmp_path / "instansi.csv"
    source.write_text("Kode instansi,Nama,Jenis\nx,Y,pemkot\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Hanya admin kementerian"):
        call_command("import_data", "agencies", str(source), "--user", verifier_a.username, verbosity=0)
