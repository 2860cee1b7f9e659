"""Innovations in every moderation state, made through the services (so they have real
revisions and audit events), and small real files for upload tests."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from registry.innovations import services
from registry.innovations.models import Sector

VALID_DATA = {
    "title": "Akta Kelahiran Jemput Bola",
    "summary": "Petugas dukcapil menerbitkan akta kelahiran di rumah sakit bersalin sebelum ibu pulang.",
    "kind": "proses",
    "form": "pelayanan_publik",
    "stage": "penerapan",
    "problem": "Banyak bayi tidak tercatat karena kantor dukcapil jauh.",
    "implementation_steps": "Kerja sama dengan rumah sakit, pelatihan bidan, penerbitan di tempat.",
    "results": "Cakupan akta kelahiran anak naik dari 61% menjadi 94%.",
}
INDICATORS = [{"name": "Cakupan akta kelahiran anak", "unit": "%", "baseline": 61, "value": 94, "year": 2018}]


def draft(user, agency, **data):
    sectors = Sector.objects.filter(code="administrasi-kependudukan")
    return services.innovation_create(
        user=user, agency=agency, data={**VALID_DATA, "sectors": sectors, **data}, indicators=INDICATORS
    )


def submitted(user, agency, **data):
    return services.innovation_submit(user=user, innovation=draft(user, agency, **data))


def published(user, verifier, agency, **data):
    return services.innovation_approve(user=verifier, innovation=submitted(user, agency, **data))


def returned(user, verifier, agency, **data):
    innovation = submitted(user, agency, **data)
    return services.innovation_return(user=verifier, innovation=innovation, comment="Lengkapi data indikator.")


def unpublished(user, verifier, agency, **data):
    innovation = published(user, verifier, agency, **data)
    return services.innovation_unpublish(user=verifier, innovation=innovation, reason="Data perlu diperbarui.")


def in_state(state: str, *, submitter, verifier, agency, **data):
    """An innovation in one of the five moderation states."""
    if state == "draft":
        return draft(submitter, agency, **data)
    if state == "in_moderation":
        return submitted(submitter, agency, **data)
    if state in {"published", "returned", "unpublished"}:
        return {"published": published, "returned": returned, "unpublished": unpublished}[state](
            submitter, verifier, agency, **data
        )
    raise ValueError(state)


def form_post_data(*, agency=None, indicators=None, **overrides) -> dict:
    """What the portal's innovation form posts: every section, one indicator row."""
    sector = Sector.objects.get(code="administrasi-kependudukan")
    data = {**VALID_DATA, "sectors": [str(sector.pk)], "tags": "akta, jemput bola"}
    if agency is not None:
        data["agency"] = str(agency.pk)
    rows = INDICATORS if indicators is None else indicators
    data.update(
        {
            "indicators-TOTAL_FORMS": str(len(rows)),
            "indicators-INITIAL_FORMS": "0",
            "indicators-MIN_NUM_FORMS": "0",
            "indicators-MAX_NUM_FORMS": "1000",
        }
    )
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"indicators-{index}-{name}"] = "" if value is None else str(value)
    data.update(overrides)
    return data


# --- Files -------------------------------------------------------------------------------------


def pdf_bytes() -> bytes:
    """A real one-page PDF with a correct cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << >> >>",
    ]
    stream = b"BT /F1 12 Tf 20 100 Td (SOP layanan) Tj ET"
    objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def png_bytes(size=(8, 6)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (11, 92, 138)).save(out, "PNG")
    return out.getvalue()


def docx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


# --- Database snapshots ----------------------------------------------------------------------


def database_state(innovation_pk: int) -> dict:
    """Everything a refused action must leave as it was: the row, its children, its revisions
    (count and the latest content, which an autosave would overwrite), files and the audit log."""
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.models import Revision

    from registry.audit.models import AuditEvent
    from registry.innovations.models import (
        Innovation,
        InnovationDocument,
        InnovationImage,
        OutcomeIndicator,
    )

    revisions = Revision.objects.filter(object_id=str(innovation_pk), base_content_type__model="innovation")
    return {
        "row": Innovation.objects.filter(pk=innovation_pk).values().first(),
        "sectors": sorted(Innovation.sectors.through.objects.filter(innovation_id=innovation_pk).values_list("sector_id", flat=True)),
        "indicators": list(OutcomeIndicator.objects.filter(innovation_id=innovation_pk).values()),
        "documents": list(InnovationDocument.objects.filter(innovation_id=innovation_pk).values()),
        "images": list(InnovationImage.objects.filter(innovation_id=innovation_pk).values()),
        "revisions": revisions.count(),
        "latest_revision": revisions.order_by("-pk").values("pk", "created_at", "content").first(),
        "audit_events": AuditEvent.objects.count(),
        "wagtail_documents": Document.objects.count(),
        "wagtail_images": Image.objects.count(),
    }
