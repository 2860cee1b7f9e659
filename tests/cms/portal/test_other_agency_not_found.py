"""Every portal URL of an innovation, opened with another agency's records, is a 404.

The URLs are discovered from the resolver (the "portal" namespace), so a URL
added later is walked too; a URL whose parameters this test does not know
fails the test instead of being skipped silently.
"""

import pytest
from django.urls import reverse

from registry.audit.models import AuditEvent
from registry.innovations import services
from tests import factories_portal as portal
from tests.url_walk import named_urls

pytestmark = pytest.mark.django_db

INNOVATION_URL_PREFIX = "/portal/inovasi/"


def portal_urls_with_parameters() -> list[tuple[str, str, list[str]]]:
    """(URL name, route, parameter names) of every portal URL that takes a parameter."""
    return [
        (name, route, list(pattern.pattern.converters))
        for name, route, pattern in named_urls()
        if name.startswith("portal:") and pattern.pattern.converters
    ]


def innovation_urls() -> list[tuple[str, list[str]]]:
    return [
        (name, parameters)
        for name, route, parameters in portal_urls_with_parameters()
        if route.startswith(INNOVATION_URL_PREFIX.lstrip("/"))
    ]


INNOVATION_URLS = innovation_urls()


def test_the_walk_finds_the_innovation_urls():
    names = {name for name, _ in INNOVATION_URLS}
    assert {"portal:innovation_detail", "portal:innovation_approve", "portal:innovation_revision"} <= names
    assert len(INNOVATION_URLS) >= 16


@pytest.fixture
def records_of_b(submitter_b, verifier_b, agency_b):
    """Agency B's innovation: published, with a pending edit that attached a document and an image."""
    innovation = portal.published(submitter_b, verifier_b, agency_b, title="Inovasi Rahasia B")
    document = services.innovation_attach_document(
        user=submitter_b, innovation=innovation, file=portal.upload("sop.pdf", portal.pdf_bytes())
    )
    image = services.innovation_attach_image(
        user=submitter_b, innovation=innovation, file=portal.upload("foto.png", portal.png_bytes())
    )
    innovation.refresh_from_db()
    return {
        "pk": innovation.pk,
        "document_id": document.pk,
        "image_id": image.pk,
        "revision_id": innovation.latest_revision_id,
    }


@pytest.fixture
def payload():
    """What a POST carries, so that the action would succeed if the scoping were missing."""
    return {
        **portal.form_post_data(title="Diubah oleh instansi lain"),
        "comment": "Dikembalikan oleh instansi lain",
        "reason": "Ditarik oleh instansi lain",
        "caption": "Gambar asing",
    }


@pytest.mark.parametrize("intruder", ["submitter_a", "verifier_a"])
@pytest.mark.parametrize(("name", "parameters"), INNOVATION_URLS, ids=[name for name, _ in INNOVATION_URLS])
def test_another_agencys_innovation_is_not_found(request, client, records_of_b, payload, intruder, name, parameters):
    unknown = [parameter for parameter in parameters if parameter not in records_of_b]
    assert not unknown, f"{name} takes {unknown}: add B's object for it to records_of_b"
    client.force_login(request.getfixturevalue(intruder))
    url = reverse(name, kwargs={parameter: records_of_b[parameter] for parameter in parameters})
    before = portal.database_state(records_of_b["pk"])

    assert client.get(url).status_code == 404
    upload = {"file": portal.upload("sop.pdf", portal.pdf_bytes())}
    assert client.post(url, {**payload, **upload}).status_code == 404

    assert portal.database_state(records_of_b["pk"]) == before


@pytest.mark.parametrize(
    ("name", "parameters"),
    [(name, parameters) for name, parameters in INNOVATION_URLS if len(parameters) > 1],
    ids=[name for name, parameters in INNOVATION_URLS if len(parameters) > 1],
)
def test_own_innovation_with_another_agencys_document_image_or_revision_is_not_found(
    client, submitter_a, agency_a, records_of_b, payload, name, parameters
):
    own = portal.draft(submitter_a, agency_a)
    client.force_login(submitter_a)
    kwargs = {parameter: records_of_b[parameter] for parameter in parameters}
    kwargs["pk"] = own.pk
    url = reverse(name, kwargs=kwargs)
    events = AuditEvent.objects.count()
    before_b, before_own = portal.database_state(records_of_b["pk"]), portal.database_state(own.pk)

    assert client.get(url).status_code == 404
    assert client.post(url, payload).status_code == 404

    assert portal.database_state(records_of_b["pk"]) == before_b
    assert portal.database_state(own.pk) == before_own
    assert AuditEvent.objects.count() == events
