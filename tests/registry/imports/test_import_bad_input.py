"""Every kind of bad input is refused with a clear message, and nothing is written."""


import pytest
from django.core.exceptions import ValidationError

from registry.audit.models import AuditEvent
from registry.core.exceptions import TransitionNotAllowed
from registry.imports.models import ImportJob, ImportStatus
from registry.imports.services import import_job_confirm, import_job_create
from registry.innovations.models import Innovation
from registry.innovations.resources import InnovationResource
from tests.factories import InnovationFactory
from tests.factories_imports import HEADERS, database_state, good_row, xlsx

ROW_CASES = [
    # (what is wrong, column, value, expected message fragment)
    ("unknown region code", "Kode kabupaten/kota", "99.99", 'Kode wilayah "99.99" tidak dikenal'),
    ("missing required field", "Judul", "", "Wajib diisi"),
    ("wrong type", "Tahun dimulai", "dua ribu", "bilangan bulat"),
    ("value not in the allowed list", "Jenis inovasi", "ajaib", "tidak ada dalam daftar yang diizinkan"),
    ("text too long", "Judul", "x" * 300, "Teks terlalu panjang: 300 karakter, paling banyak 255"),
    ("unknown agency", "Kode instansi", "tidak-ada", 'Kode instansi "tidak-ada" tidak dikenal'),
    ("unknown sector", "Sektor", "kesehatan, antariksa", "Kode sektor tidak dikenal: antariksa"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("case", "column", "value", "message"), ROW_CASES, ids=[c[0] for c in ROW_CASES])
def test_bad_row_is_reported_with_row_column_and_message_and_nothing_is_written(
    case, column, value, message, ministry_admin, agency_a
):
    InnovationFactory(agency=agency_a, external_id="uji:1", title="Judul lama")
    rows = [good_row(n) for n in range(1, 5)]
    rows[2][HEADERS.index(column)] = value  # spreadsheet row 4
    before = database_state()

    job = import_job_create(user=ministry_admin, resource="innovations", filename="inovasi.xlsx", content=xlsx(rows), publish=True)

    assert job.status == ImportStatus.INVALID
    assert [(row, col) for row, col, _msg, _val in job.errors] == [(4, column)]
    assert message in job.errors[0][2]
    assert job.counts["invalid"] == 1 and job.counts["new"] == 2 and job.counts["update"] == 1
    with pytest.raises(TransitionNotAllowed):
        import_job_confirm(user=ministry_admin, job=job)
    assert database_state() == before


@pytest.mark.django_db
def test_duplicate_key_inside_the_file_marks_both_rows(ministry_admin, agency_a):
    rows = [good_row(1), good_row(2), good_row(1)]
    job = import_job_create(user=ministry_admin, resource="innovations", filename="inovasi.xlsx", content=xlsx(rows))
    assert [(row, col) for row, col, _m, _v in job.errors] == [(2, "ID eksternal"), (4, "ID eksternal")]
    assert "muncul lebih dari sekali" in job.errors[0][2]
    assert Innovation.objects.count() == 0


@pytest.mark.django_db
def test_summary_over_200_words_is_refused_by_the_model_rule(ministry_admin, agency_a):
    row = good_row(1)
    row[2] = "kata " * 201
    job = import_job_create(user=ministry_admin, resource="innovations", filename="inovasi.xlsx", content=xlsx([row]))
    assert job.errors[0][:2] == [2, "Ringkasan"]
    assert "200 kata" in job.errors[0][2]


FILE_CASES = [
    ("not a spreadsheet by name", "laporan.pdf", b"%PDF-1.4 ...", "bukan lembar kerja yang didukung"),
    ("not a spreadsheet by content", "inovasi.xlsx", b"%PDF-1.4 bukan zip", "bukan lembar kerja yang bisa dibaca"),
    ("a zip that is no workbook", "inovasi.xlsx", b"PK\x03\x04rusak", "bukan lembar kerja yang bisa dibaca"),
    ("binary data as csv", "inovasi.csv", b"\x00\x01\x02", "bukan lembar kerja yang bisa dibaca"),
    ("csv not in UTF-8", "inovasi.csv", "ID eksternal,Judul\nx,Pelayanan Cepat é".encode("cp1252"), "UTF-8"),
    ("json that is not a list", "inovasi.json", b'{"a": 1}', "daftar objek"),
    ("empty file", "inovasi.csv", b"", "Berkas kosong"),
    ("headers only", "inovasi.csv", ",".join(HEADERS).encode(), "tidak berisi baris data"),
    ("wrong headers", "inovasi.csv", b"Nama,Alamat\nBudi,Solo\n", "Kolom wajib tidak ada: ID eksternal, Judul, Ringkasan, Kode instansi"),
    ("unknown header", "inovasi.csv", (",".join([*HEADERS, "Warna"]) + "\n" + ",".join(["a"] * 9)).encode(), "Kolom tidak dikenal: Warna"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("case", "filename", "content", "message"), FILE_CASES, ids=[c[0] for c in FILE_CASES])
def test_bad_file_is_refused_before_any_job_exists(case, filename, content, message, ministry_admin):
    before = database_state()
    with pytest.raises(ValidationError) as refused:
        import_job_create(user=ministry_admin, resource="innovations", filename=filename, content=content)
    assert message in " ".join(refused.value.messages)
    assert ImportJob.objects.count() == 0
    assert database_state() == before


@pytest.mark.django_db
def test_file_over_the_size_limit_is_refused(settings, ministry_admin, agency_a):
    content = xlsx([good_row(n) for n in range(50)])
    settings.REGISTRY_IMPORT_MAX_BYTES = len(content) - 1
    with pytest.raises(ValidationError, match="terlalu besar"):
        import_job_create(user=ministry_admin, resource="innovations", filename="inovasi.xlsx", content=content)
    assert ImportJob.objects.count() == 0 and Innovation.objects.count() == 0


@pytest.mark.django_db
def test_import_that_fails_while_writing_writes_nothing(ministry_admin, agency_a):
    """The data changed between the dry run and the confirmation: the whole import is rolled back."""
    headers = [*HEADERS, "Slug"]
    rows = [[*good_row(n), f"slug-uji-{n}"] for n in range(1, 4)]
    job = import_job_create(user=ministry_admin, resource="innovations", filename="inovasi.xlsx", content=xlsx(rows, headers))
    assert job.status == ImportStatus.VALID
    InnovationFactory(agency=agency_a, slug="slug-uji-3")
    before = database_state()

    job = import_job_confirm(user=ministry_admin, job=job)

    assert job.status == ImportStatus.INVALID
    assert job.errors[0][:2] == [4, "Slug"]
    assert database_state() == before


@pytest.mark.django_db
def test_good_file_is_written_in_one_go_with_one_audit_event(ministry_admin, agency_a):
    job = import_job_create(user=ministry_admin, resource="innovations", filename="inovasi.xlsx",
                            content=xlsx([good_row(n) for n in range(1, 6)]), publish=True)  # fmt: skip
    assert job.status == ImportStatus.VALID
    events_before = AuditEvent.objects.count()

    job = import_job_confirm(user=ministry_admin, job=job)

    assert job.status == ImportStatus.DONE
    assert Innovation.objects.filter(live=True, moderation_status="published").count() == 5
    events = AuditEvent.objects.filter(sequence__gt=events_before)
    assert [(e.action, e.data["new"], e.data["rows"]) for e in events] == [("import.innovations", 5, 5)]
    assert set(Innovation.objects.values_list("sectors__code", flat=True)) == {"kesehatan"}
    assert InnovationResource.header_problems(HEADERS) == []
