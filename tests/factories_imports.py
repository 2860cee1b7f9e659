"""Factories and helpers for the import/export and API tests."""

import datetime
import io
from decimal import Decimal

import factory
import openpyxl
from django.db import transaction
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from registry.audit.models import AuditEvent
from registry.imports.engine import build_resource, run_resource_import
from registry.imports.files import read_dataset, write_dataset
from registry.innovations.models import Initiator, Innovation, OutcomeIndicator, Sdg, Sector
from tests.factories import InnovationFactory


class FullInnovationFactory(InnovationFactory):
    """A published innovation with sectors, SDGs, indicators and every text column."""

    external_id = factory.Sequence(lambda n: f"uji:{n}")
    product = "Akta kelahiran terbit di kelurahan"
    unit_name = "Dinas Kependudukan dan Pencatatan Sipil"
    initiator = Initiator.OPD
    is_digital = True
    implemented_on = datetime.date(2015, 3, 1)
    novelty = "Layanan keliling pertama di provinsi."
    sustainability = "Dianggarkan tiap tahun dalam APBD."
    video_url = "https://video.example.go.id/akta"
    contact_email = "dukcapil@example.go.id"
    source_note = "Uji impor"

    # Written to the through tables: on a ClusterableModel, `.set()` stays in memory until save().
    @factory.post_generation
    def sectors(obj, create, extracted, **kwargs):
        if create:
            through = Innovation.sectors.through
            codes = ["administrasi-kependudukan", "kesehatan"]
            through.objects.bulk_create([through(innovation=obj, sector=s) for s in Sector.objects.filter(code__in=codes)])

    @factory.post_generation
    def sdgs(obj, create, extracted, **kwargs):
        if create:
            through = Innovation.sdgs.through
            through.objects.bulk_create([through(innovation=obj, sdg=s) for s in Sdg.objects.filter(number__in=[3, 16])])

    @factory.post_generation
    def indicators(obj, create, extracted, **kwargs):
        if create:
            OutcomeIndicator.objects.create(
                innovation=obj, sort_order=0, name="Cakupan akta", unit="%", baseline=Decimal("60.5"),
                baseline_year=2014, value=Decimal("95"), year=2016, note="Dukcapil",
            )  # fmt: skip
            OutcomeIndicator.objects.create(innovation=obj, sort_order=1, name="Waktu layanan", unit="hari", value=Decimal("1"))


# --- Spreadsheets ------------------------------------------------------------------------
HEADERS = ["ID eksternal", "Judul", "Ringkasan", "Kode instansi", "Kode kabupaten/kota", "Jenis inovasi", "Tahun dimulai", "Sektor"]


def good_row(n, agency_code="pemkot-surakarta"):
    return [f"uji:{n}", f"Inovasi Uji {n}", "Ringkasan singkat.", agency_code, "33.72", "proses", 2014, "kesehatan"]


def xlsx(rows, headers=HEADERS) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def database_state():
    """What an import could change: the innovations and the audit log."""
    return (
        list(Innovation.objects.order_by("pk").values_list("pk", "title", "live", "updated_at")),
        AuditEvent.objects.count(),
    )


def export_bytes(resource_name: str, file_format: str, queryset=None) -> bytes:
    return write_dataset(build_resource(resource_name).export(queryset=queryset), file_format)


def exported_rows(resource_name: str, queryset=None) -> list[dict]:
    return build_resource(resource_name).export(queryset=queryset).dict


def import_bytes(resource_name, file_format, content, *, user, publish=True, scope=None, write=True):
    dataset = read_dataset(content=content, filename=f"berkas.{file_format}")
    with transaction.atomic():
        report = run_resource_import(
            resource_name=resource_name, dataset=dataset, user=user, publish=publish,
            allowed_agency_ids=scope, write=write,
        )  # fmt: skip
        if not report.ok:
            transaction.set_rollback(True)
    return report


def wipe(model) -> None:
    """Delete every row of `model` (and its innovation relations) without the collector.

    The collector would visit every model that points at agencies or innovations,
    including other features' tables; these tests only need the rows gone.
    """
    if model is Innovation:
        for related in (Innovation.sectors.through, Innovation.sdgs.through, OutcomeIndicator):
            related.objects.all()._raw_delete(related.objects.db)
    model.objects.all()._raw_delete(model.objects.db)


# --- API -----------------------------------------------------------------------------------
def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client
