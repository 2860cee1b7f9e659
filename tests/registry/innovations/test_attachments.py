"""Documents and images attached to an innovation: checked by size and content, kept in
a draft revision until approved, recorded in the audit log."""

import pytest
from wagtail.documents.models import Document
from wagtail.images.models import Image

from registry.audit.models import AuditEvent
from registry.core.exceptions import PermissionDenied, ValidationError
from registry.innovations import services
from registry.innovations.models import Innovation
from tests import factories_portal as portal

pytestmark = pytest.mark.django_db


def _attach_pdf(user, innovation, name="sop-layanan.pdf", content=None, title="SOP layanan"):
    return services.innovation_attach_document(
        user=user, innovation=innovation, file=portal.upload(name, portal.pdf_bytes() if content is None else content), title=title
    )


def test_a_real_pdf_becomes_a_wagtail_document_in_the_draft(submitter_a, agency_a):
    innovation = portal.draft(submitter_a, agency_a)
    document = _attach_pdf(submitter_a, innovation)
    assert isinstance(document, Document) and document.file_size == len(portal.pdf_bytes())
    draft = Innovation.objects.get(pk=innovation.pk).get_latest_revision_as_object()
    assert [(item.document_id, item.title) for item in draft.documents.all()] == [(document.pk, "SOP layanan")]
    event = AuditEvent.objects.order_by("-sequence").first()
    assert event.action == "innovation.document_attach"
    assert event.data["document"] == document.pk and event.data["type"] == "pdf"


def test_a_real_png_becomes_a_wagtail_image_in_the_draft(submitter_a, agency_a):
    innovation = portal.draft(submitter_a, agency_a)
    image = services.innovation_attach_image(
        user=submitter_a, innovation=innovation, file=portal.upload("layanan.png", portal.png_bytes((8, 6))), caption="Loket"
    )
    assert isinstance(image, Image) and (image.width, image.height) == (8, 6)
    draft = Innovation.objects.get(pk=innovation.pk).get_latest_revision_as_object()
    assert [item.caption for item in draft.images.all()] == ["Loket"]
    assert AuditEvent.objects.order_by("-sequence").first().action == "innovation.image_attach"


def test_office_document_is_accepted_by_its_content(submitter_a, agency_a):
    innovation = portal.draft(submitter_a, agency_a)
    document = _attach_pdf(submitter_a, innovation, name="laporan.docx", content=portal.docx_bytes(), title="")
    assert document.title == "laporan"


def test_attachment_of_a_published_innovation_waits_for_approval(submitter_a, verifier_a, agency_a):
    innovation = portal.published(submitter_a, verifier_a, agency_a)
    document = _attach_pdf(submitter_a, innovation)
    row = Innovation.objects.get(pk=innovation.pk)
    assert row.live and row.documents.count() == 0  # the public version has no new document yet
    services.innovation_submit(user=submitter_a, innovation=row)
    services.innovation_approve(user=verifier_a, innovation=row)
    assert list(Innovation.objects.get(pk=innovation.pk).documents.values_list("document_id", flat=True)) == [document.pk]


REFUSED_FILES = [
    ("a text file named .pdf", "sop.pdf", b"bukan pdf, hanya teks biasa", "Isi berkas tidak sesuai"),
    ("a zip named .docx without Word parts", "laporan.docx", None, "Isi berkas tidak sesuai"),
    ("a PNG named .pdf", "gambar.pdf", None, "Isi berkas tidak sesuai"),
    ("an executable", "setup.exe", b"MZ\x90\x00", "tidak diterima"),
    ("an empty file", "kosong.pdf", b"", "kosong"),
]


@pytest.mark.parametrize(("case", "name", "content", "message"), REFUSED_FILES, ids=[c[0] for c in REFUSED_FILES])
def test_documents_not_what_they_claim_are_refused(submitter_a, agency_a, case, name, content, message):
    if content is None:
        content = portal.png_bytes() if name.endswith(".pdf") else _zip_without_word_parts()
    innovation = portal.draft(submitter_a, agency_a)
    before = portal.database_state(innovation.pk)
    with pytest.raises(ValidationError) as refused:
        _attach_pdf(submitter_a, innovation, name=name, content=content)
    assert message in str(refused.value)
    assert portal.database_state(innovation.pk) == before


def _zip_without_word_parts():
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("readme.txt", "halo")
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("foto.png", b"%PDF-1.4 bukan gambar", "bukan gambar"),
        ("foto.jpg", None, "tidak sesuai"),  # a real PNG named .jpg
        ("foto.gif", None, "tidak diterima"),
    ],
)
def test_images_not_what_they_claim_are_refused(submitter_a, agency_a, name, content, message):
    innovation = portal.draft(submitter_a, agency_a)
    before = portal.database_state(innovation.pk)
    with pytest.raises(ValidationError) as refused:
        services.innovation_attach_image(
            user=submitter_a, innovation=innovation, file=portal.upload(name, content or portal.png_bytes())
        )
    assert message in str(refused.value)
    assert portal.database_state(innovation.pk) == before


def test_files_over_the_size_limit_are_refused(settings, submitter_a, agency_a):
    settings.REGISTRY_MAX_UPLOAD_BYTES = 100
    innovation = portal.draft(submitter_a, agency_a)
    before = portal.database_state(innovation.pk)
    with pytest.raises(ValidationError) as refused:
        _attach_pdf(submitter_a, innovation)
    assert "terlalu besar" in str(refused.value)
    with pytest.raises(ValidationError):
        services.innovation_attach_image(user=submitter_a, innovation=innovation, file=portal.upload("a.png", portal.png_bytes((64, 64))))
    assert portal.database_state(innovation.pk) == before


def test_another_agency_cannot_attach(submitter_a, submitter_b, agency_a):
    innovation = portal.draft(submitter_a, agency_a)
    before = portal.database_state(innovation.pk)
    with pytest.raises(PermissionDenied):
        _attach_pdf(submitter_b, innovation)
    assert portal.database_state(innovation.pk) == before


def test_remove_detaches_from_the_draft_and_keeps_the_file(submitter_a, agency_a):
    innovation = portal.draft(submitter_a, agency_a)
    document = _attach_pdf(submitter_a, innovation)
    image = services.innovation_attach_image(user=submitter_a, innovation=innovation, file=portal.upload("a.png", portal.png_bytes()))
    services.innovation_remove_document(user=submitter_a, innovation=innovation, document_id=document.pk)
    services.innovation_remove_image(user=submitter_a, innovation=innovation, image_id=image.pk)
    draft = Innovation.objects.get(pk=innovation.pk).get_latest_revision_as_object()
    assert list(draft.documents.all()) == [] and list(draft.images.all()) == []
    assert Document.objects.filter(pk=document.pk).exists()  # older revisions still refer to it
    assert AuditEvent.objects.order_by("-sequence").first().action == "innovation.image_remove"


def test_removing_what_is_not_attached_is_refused(submitter_a, agency_a, agency_b, submitter_b):
    other = portal.draft(submitter_b, agency_b)
    foreign_document = _attach_pdf(submitter_b, other)
    innovation = portal.draft(submitter_a, agency_a)
    before = portal.database_state(innovation.pk)
    with pytest.raises(ValidationError):
        services.innovation_remove_document(user=submitter_a, innovation=innovation, document_id=foreign_document.pk)
    assert portal.database_state(innovation.pk) == before
