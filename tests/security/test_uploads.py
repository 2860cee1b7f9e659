"""Every upload path checks content and size; a full disk leaves nothing half-written.

Paths: the portal's innovation documents and images, replication documents, the
portal and admin imports, the secretariat's assignment CSV, and the Wagtail
admin's own document and image screens (single and multiple upload).
"""

import errno
import os

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, Revision

from registry.audit.models import AuditEvent
from registry.core.storage import RegistryFileSystemStorage
from registry.imports.models import ImportJob
from registry.replication.models import ReplicationDocument
from tests import factories_portal as portal
from tests.factories_imports import good_row, xlsx

pytestmark = pytest.mark.django_db

EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120 + b"This program cannot be run in DOS mode."
HTML_AS_PNG = b"<html><script>alert(document.cookie)</script></html>"


class DiskFullStorage(RegistryFileSystemStorage):
    """The registry's storage on a disk that fills up during the write.

    FileSystemStorage._save creates the file and writes it chunk by chunk; when the
    disk is full the OS refuses a write with ENOSPC after the first part is on
    disk. This does the same: half of the content, then ENOSPC.
    """

    def _save(self, name, content):
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        content.seek(0)
        data = content.read()
        with open(path, "wb") as partial:
            partial.write(data[: max(1, len(data) // 2)])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)


@pytest.fixture
def disk_full(settings):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": f"{__name__}.DiskFullStorage"}}


def media_files() -> list[str]:
    root = django_settings.MEDIA_ROOT
    return sorted(os.path.join(folder, name) for folder, _dirs, names in os.walk(root) for name in names)


def stored_state() -> dict:
    return {
        "documents": Document.objects.count(),
        "images": Image.objects.count(),
        "revisions": Revision.objects.count(),
        "audit": AuditEvent.objects.count(),
        "replication_documents": ReplicationDocument.objects.count(),
        "imports": ImportJob.objects.count(),
        "files": media_files(),
    }


def messages_of(response) -> str:
    return " ".join(str(message) for message in response.context["messages"]) if response.context else ""


# --- The upload paths --------------------------------------------------------------------------
@pytest.fixture
def draft_a(submitter_a, agency_a):
    return portal.draft(submitter_a, agency_a)


@pytest.fixture
def project(agency_a, agency_b, submitter_b):
    from registry.replication import services
    from tests.factories import InnovationFactory

    origin = InnovationFactory(agency=agency_a)
    return services.replication_start(user=submitter_b, origin=origin, adopter=agency_b, data={"local_name": "Replika"})


def post_innovation_document(client, submitter_a, draft_a, **kwargs):
    client.force_login(submitter_a)
    url = reverse("portal:innovation_document_add", args=[draft_a.pk])
    return client.post(url, {"file": portal.upload(kwargs["name"], kwargs["content"]), "title": "SOP"}, follow=True)


def post_innovation_image(client, submitter_a, draft_a, **kwargs):
    client.force_login(submitter_a)
    url = reverse("portal:innovation_image_add", args=[draft_a.pk])
    return client.post(url, {"file": portal.upload(kwargs["name"], kwargs["content"]), "caption": "Foto"}, follow=True)


def post_replication_document(client, submitter_b, project, **kwargs):
    client.force_login(submitter_b)
    url = reverse("portal:replication_document_add", args=[project.pk])
    data = {"file": portal.upload(kwargs["name"], kwargs["content"]), "kind": "lainnya", "title": "Lampiran"}
    return client.post(url, data, follow=True)


def post_admin_document(client, ministry_admin, **kwargs):
    client.force_login(ministry_admin)
    collection = Collection.get_first_root_node()
    data = {"title": "Panduan", "file": portal.upload(kwargs["name"], kwargs["content"]), "collection": collection.pk}
    return client.post(reverse("wagtaildocs:add"), data, follow=True)


def post_admin_image(client, ministry_admin, **kwargs):
    client.force_login(ministry_admin)
    collection = Collection.get_first_root_node()
    data = {"title": "Foto", "file": portal.upload(kwargs["name"], kwargs["content"]), "collection": collection.pk}
    return client.post(reverse("wagtailimages:add"), data, follow=True)


def post_admin_multiple_document(client, ministry_admin, **kwargs):
    client.force_login(ministry_admin)
    data = {"files[]": portal.upload(kwargs["name"], kwargs["content"])}
    return client.post(reverse("wagtaildocs:add_multiple"), data, HTTP_X_REQUESTED_WITH="XMLHttpRequest")


def post_admin_multiple_image(client, ministry_admin, **kwargs):
    client.force_login(ministry_admin)
    data = {"files[]": portal.upload(kwargs["name"], kwargs["content"])}
    return client.post(reverse("wagtailimages:add_multiple"), data, HTTP_X_REQUESTED_WITH="XMLHttpRequest")


UPLOADS = {
    # path: (poster, its fixtures, a name it accepts)
    "portal innovation document": (post_innovation_document, ["submitter_a", "draft_a"], "sop.pdf"),
    "portal innovation image": (post_innovation_image, ["submitter_a", "draft_a"], "foto.png"),
    "portal replication document": (post_replication_document, ["submitter_b", "project"], "mou.pdf"),
    "admin document": (post_admin_document, ["ministry_admin"], "panduan.pdf"),
    "admin image": (post_admin_image, ["ministry_admin"], "foto.png"),
    "admin multiple documents": (post_admin_multiple_document, ["ministry_admin"], "panduan.pdf"),
    "admin multiple images": (post_admin_multiple_image, ["ministry_admin"], "foto.png"),
}


def post(request, client, path, name, content):
    poster, fixture_names, _accepted = UPLOADS[path]
    return poster(client, *[request.getfixturevalue(f) for f in fixture_names], name=name, content=content)


def real_content(name: str) -> bytes:
    return portal.png_bytes() if name.endswith(".png") else portal.pdf_bytes()


@pytest.mark.parametrize("path", UPLOADS)
def test_a_renamed_executable_is_refused_by_content(request, client, path):
    name = UPLOADS[path][2]
    request.getfixturevalue(UPLOADS[path][1][-1])  # create the parent object before counting
    before = stored_state()
    response = post(request, client, path, name, EXECUTABLE if name.endswith(".pdf") else HTML_AS_PNG)
    assert response.status_code == 200
    body = response.content.decode()
    # Our check's message, or Wagtail's own image check (which reads the real format first).
    assert "tidak sesuai" in body or "bukan gambar" in body or "does not match the file format" in body
    assert stored_state() == before


@pytest.mark.parametrize("path", UPLOADS)
def test_a_file_over_the_size_limit_is_refused(request, client, settings, path):
    name = UPLOADS[path][2]
    content = real_content(name)
    settings.REGISTRY_MAX_UPLOAD_BYTES = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = len(content) - 1
    request.getfixturevalue(UPLOADS[path][1][-1])
    before = stored_state()
    response = post(request, client, path, name, content)
    assert response.status_code == 200
    assert "terlalu besar" in response.content.decode() or "too large" in response.content.decode().lower()
    assert stored_state() == before


@pytest.mark.parametrize("path", UPLOADS)
def test_a_genuine_file_is_accepted(request, client, path):
    name = UPLOADS[path][2]
    request.getfixturevalue(UPLOADS[path][1][-1])
    before = stored_state()
    response = post(request, client, path, name, real_content(name))
    assert response.status_code == 200
    after = stored_state()
    assert after["documents"] + after["images"] == before["documents"] + before["images"] + 1
    assert len(after["files"]) > len(before["files"])


def test_imports_check_the_content_and_the_size(client, settings, verifier_a, agency_a):
    client.force_login(verifier_a)
    url = reverse("portal:import_index")
    before = stored_state()
    fake = client.post(url, {"resource": "innovations", "file": portal.upload("data.xlsx", EXECUTABLE)})
    assert "bukan lembar kerja" in fake.content.decode()
    settings.REGISTRY_IMPORT_MAX_BYTES = 100
    big = client.post(url, {"resource": "innovations", "file": portal.upload("data.xlsx", xlsx([good_row(1)]))})
    assert "terlalu besar" in big.content.decode()
    assert stored_state() == before


def test_the_assignment_csv_checks_the_content_and_the_size(client, secretariat_user, desk_round):
    client.force_login(secretariat_user)
    url = reverse("portal:competition_round_csv", args=[desk_round.pk])
    binary = client.post(url, {"file": portal.upload("juri.csv", EXECUTABLE)}, follow=True)
    assert "bukan teks CSV" in messages_of(binary)
    big = client.post(url, {"file": portal.upload("juri.csv", b"entri,juri\n" * 120_000)}, follow=True)
    assert "terlalu besar" in messages_of(big)
    assert desk_round.assignments.count() == 0


@pytest.fixture
def secretariat_user(db):
    from tests.factories_competitions import SecretariatFactory

    return SecretariatFactory(username="sekretariat_csv")


@pytest.fixture
def desk_round(db):
    from tests.factories_competitions import build_edition

    return build_edition()["desk"]


# --- A full disk -------------------------------------------------------------------------------------
FULL = "Ruang penyimpanan server sedang penuh"


@pytest.mark.parametrize(
    "path", ["portal innovation document", "portal innovation image", "portal replication document"]
)
def test_a_full_disk_gives_a_clear_message_and_keeps_nothing(request, client, disk_full, path):
    name = UPLOADS[path][2]
    request.getfixturevalue(UPLOADS[path][1][-1])
    before = stored_state()
    response = post(request, client, path, name, real_content(name))
    assert response.status_code == 200
    assert FULL in messages_of(response)
    # No Document/Image row, no revision, no audit event, and not even part of the file.
    assert stored_state() == before


@pytest.mark.parametrize("path", ["admin document", "admin image"])
def test_a_full_disk_in_the_admin_gives_a_clear_page_and_keeps_nothing(request, client, disk_full, path):
    name = UPLOADS[path][2]
    request.getfixturevalue(UPLOADS[path][1][-1])
    before = stored_state()
    response = post(request, client, path, name, real_content(name))
    assert response.status_code == 507
    assert FULL in response.content.decode()
    assert stored_state() == before


def test_a_full_disk_during_an_import_keeps_no_job_and_no_file(client, disk_full, verifier_a, agency_a):
    client.force_login(verifier_a)
    before = stored_state()
    response = client.post(
        reverse("portal:import_index"),
        {"resource": "innovations", "file": portal.upload("data.xlsx", xlsx([good_row(1)]))},
    )
    assert response.status_code == 200
    assert FULL in response.content.decode()
    assert stored_state() == before


def test_a_write_that_fails_for_another_reason_still_removes_its_partial_file(settings, tmp_path):
    """The storage's clean-up does not depend on the error being a full disk."""

    class BrokenStorage(RegistryFileSystemStorage):
        def _save(self, name, content):
            with open(self.path(name), "wb") as partial:
                partial.write(b"%PDF-1.4 sepotong")
            raise OSError(errno.EIO, os.strerror(errno.EIO))

    storage = BrokenStorage(location=tmp_path)
    with pytest.raises(OSError):
        storage.save("dokumen.pdf", portal.upload("dokumen.pdf", portal.pdf_bytes()))
    assert list(tmp_path.iterdir()) == []
