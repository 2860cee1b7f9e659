"""Who may download a document (cms/security/documents.py, Wagtail's before_serve_document).

Documents attached only to a draft are not public: the portal engineer found that
anyone with the link could open them.
"""

import pytest
from wagtail.documents.models import Document
from wagtail.models import Collection

from registry.competitions.models import Assignment
from registry.innovations import services
from registry.replication import services as replication_services
from tests import factories
from tests import factories_portal as portal
from tests.factories_competitions import (
    JudgeFactory,
    SecretariatFactory,
    build_edition,
    entry_in_round,
)
from tests.factories_replication import pdf_file

pytestmark = pytest.mark.django_db


def attach(user, innovation, name="sop.pdf"):
    return services.innovation_attach_document(user=user, innovation=innovation, file=portal.upload(name, portal.pdf_bytes()))


def download(client, user, document):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(document.url)


@pytest.fixture
def people(request, submitter_a, verifier_a, submitter_b, ministry_admin):
    return {
        "anonymous": None,
        "submitter_a": submitter_a,
        "verifier_a": verifier_a,
        "submitter_b": submitter_b,
        "ministry_admin": ministry_admin,
        "secretariat": SecretariatFactory(username="sekretariat_dok"),
        "stranger": factories.UserFactory(username="warga_biasa"),
    }


DRAFT_ACCESS = {
    "anonymous": "login",
    "submitter_a": 200,
    "verifier_a": 200,
    "submitter_b": 404,
    "ministry_admin": 200,
    "secretariat": 200,
    "stranger": 404,
}


def expect(response, outcome):
    if outcome == "login":
        assert response.status_code == 302 and response["Location"].startswith("/masuk/")
    else:
        assert response.status_code == outcome


@pytest.mark.parametrize(("who", "outcome"), DRAFT_ACCESS.items())
def test_a_never_published_innovations_document(client, people, submitter_a, agency_a, who, outcome):
    draft = portal.draft(submitter_a, agency_a)
    document = attach(submitter_a, draft)
    expect(download(client, people[who], document), outcome)


@pytest.mark.parametrize(("who", "outcome"), DRAFT_ACCESS.items())
def test_a_document_in_a_pending_edit_of_a_published_innovation(client, people, submitter_a, verifier_a, agency_a, who, outcome):
    innovation = portal.draft(submitter_a, agency_a)
    published_document = attach(submitter_a, innovation, "terbit.pdf")
    innovation = services.innovation_approve(user=verifier_a, innovation=services.innovation_submit(user=submitter_a, innovation=innovation))
    pending = attach(submitter_a, innovation, "revisi.pdf")
    expect(download(client, people[who], pending), outcome)
    # The published version's document stays public.
    assert download(client, people[who], published_document).status_code == 200


def test_the_document_becomes_public_when_its_version_is_published(client, submitter_a, verifier_a, agency_a):
    draft = portal.draft(submitter_a, agency_a)
    document = attach(submitter_a, draft)
    assert download(client, None, document).status_code == 302
    services.innovation_approve(user=verifier_a, innovation=services.innovation_submit(user=submitter_a, innovation=draft))
    response = download(client, None, document)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize(("blind", "outcome"), [(False, 200), (True, 404)])
def test_a_judge_reads_an_entrys_draft_documents_only_in_an_open_round(client, submitter_a, agency_a, blind, outcome):
    innovation = portal.draft(submitter_a, agency_a)
    document = attach(submitter_a, innovation)
    edition = build_edition(blind=blind)
    entry = entry_in_round(edition, innovation=innovation)
    judge = JudgeFactory(user__username="juri_dok")
    Assignment.objects.create(round=edition["desk"], entry=entry, judge=judge)
    expect(download(client, judge.user, document), outcome)


@pytest.fixture
def replication_document(agency_a, agency_b, submitter_b):
    origin = factories.InnovationFactory(agency=agency_a)
    project = replication_services.replication_start(user=submitter_b, origin=origin, adopter=agency_b, data={"local_name": "Replika"})
    item = replication_services.replication_document_add(user=submitter_b, project=project, kind="lainnya", file=pdf_file("mou.pdf"))
    return item.document


@pytest.mark.parametrize(
    ("who", "outcome"),
    {"anonymous": "login", "submitter_b": 200, "verifier_a": 200, "ministry_admin": 200, "stranger": 404, "secretariat": 404}.items(),
)
def test_a_replication_document_is_for_the_projects_participants(client, people, replication_document, who, outcome):
    expect(download(client, people[who], replication_document), outcome)


def test_a_document_the_ministry_uploads_for_content_pages_stays_public(client, ministry_admin):
    document = Document(title="Panduan", file=portal.upload("panduan.pdf", portal.pdf_bytes()), collection=Collection.get_first_root_node())
    document.save()
    response = download(client, None, document)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
