"""Reading or changing someone else's objects through every portal URL and API endpoint.

The URLs are discovered from the resolver (the "portal" and "api" namespaces), so a
URL added later is walked too; a URL whose parameters this test does not know fails
the test instead of being skipped. tests/cms/portal/test_other_agency_not_found.py
does the same in depth for /portal/inovasi/; this walk covers every area.

The intruder is a verifier of an unrelated agency who is also a judge (so the judges'
pages are open to them, only not for this assignment), signed in the portal and
holding an API token. Every GET and every POST (with a payload that would succeed if
the scoping were missing) must be a 404 and leave the database exactly as it was.
"""

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from registry.audit.models import AuditEvent
from registry.competitions.models import (
    Assignment,
    ConflictDeclaration,
    Decision,
    Entry,
    EntryRoundResult,
    Objection,
    Score,
)
from registry.imports.models import ImportJob
from registry.innovations.models import Innovation
from registry.ratings.models import Review, ReviewFlag, ReviewReply
from registry.replication.models import MonitoringUpdate, ReplicationDocument, ReplicationProject
from tests import factories
from tests import factories_portal as portal
from tests.factories_competitions import JudgeFactory
from tests.url_walk import named_urls

pytestmark = pytest.mark.django_db

def _routes():
    return ((name, route, list(entry.pattern.converters)) for name, route, entry in named_urls())


# URLs with parameters that name no object anyone owns: what they do is checked elsewhere.
NOT_OWNED = {
    "portal:competition_entry_create": "every verifier may enter a competition that is open",
    "portal:import_template": "an empty spreadsheet template, the same for everyone",
    "portal:import_export": "exports the user's own agencies only (tested below)",
}


def urls_with_parameters(prefix: str) -> list[tuple[str, str, list[str]]]:
    return [(name, route, params) for name, route, params in _routes() if name.startswith(prefix) and params]


PORTAL_URLS = [(name, route, params) for name, route, params in urls_with_parameters("portal:") if name not in NOT_OWNED]
API_URLS = urls_with_parameters("api:")


def snapshot() -> dict:
    """Every row an intruder could want to read or change, field by field."""
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.models import Revision

    models = [
        Innovation, Revision, Document, Image, Review, ReviewReply, ReviewFlag, ReplicationProject, ReplicationDocument,
        MonitoringUpdate, Entry, Assignment, Score, ConflictDeclaration, Decision, EntryRoundResult, Objection, ImportJob,
        AuditEvent,
    ]  # fmt: skip
    return {
        model._meta.label: [tuple(getattr(row, f.attname) for f in model._meta.concrete_fields) for row in model.objects.order_by("pk")]
        for model in models
    }


@pytest.fixture
def intruder(db):
    agency = factories.AgencyFactory(code="pemkab-penyusup", name="Pemerintah Kabupaten Penyusup")
    user = factories.MembershipFactory(agency=agency, role="verifier", user__username="penyusup").user
    JudgeFactory(user=user, institution="Universitas Lain")
    return user


def portal_import_job(world):
    """An import agency A's verifier started in the portal."""
    from registry.imports.models import ImportSource
    from registry.imports.services import import_job_create
    from tests.factories_imports import good_row, xlsx

    content = xlsx([good_row("idor", agency_code=world.agency_a.code)])
    return import_job_create(
        user=world.verifier_a, resource="innovations", filename="impor.xlsx", content=content, source=ImportSource.PORTAL
    )


@pytest.fixture
def targets(world):
    """Someone else's object for every URL parameter, by the area of the URL."""
    result = EntryRoundResult.objects.create(round=world.edition["desk"], entry=world.entry, score=70.0, judge_count=1, computed_at=timezone.now())
    return {
        "portal/inovasi/": {
            "pk": world.published.pk,
            "document_id": world.document.pk,
            "image_id": world.image.pk,
            "revision_id": world.published.latest_revision_id,
        },
        "portal/ulasan/": {"pk": world.review.pk},
        "portal/replikasi/mulai/": {"innovation_id": world.draft.pk},  # B's unpublished draft
        "portal/replikasi/": {"pk": world.project.pk},
        "portal/kompetisi/entri/": {"pk": world.entry.pk},
        "portal/kompetisi/penilaian/": {"pk": world.assignment.pk},
        "portal/kompetisi/sekretariat/babak/": {"pk": world.edition["desk"].pk},
        "portal/kompetisi/sekretariat/penugasan/": {"pk": world.assignment.pk},
        "portal/kompetisi/sekretariat/hasil/": {"pk": result.pk},
        "portal/kompetisi/sekretariat/sanggahan/": {"pk": world.objection.pk},
        "portal/kompetisi/sekretariat/": {"slug": world.edition["competition"].slug},
        "portal/impor/": {"job_id": portal_import_job(world).pk},
    }


def kwargs_for(route: str, params: list[str], targets: dict) -> dict:
    area = max((prefix for prefix in targets if route.startswith(prefix)), key=len, default=None)
    assert area is not None, f"{route}: add the area's objects to `targets`"
    unknown = [p for p in params if targets[area].get(p) is None]
    assert not unknown, f"{route} takes {unknown}: add someone else's object for it to `targets`"
    return {p: targets[area][p] for p in params}


def payload() -> dict:
    """What a POST carries, so that the action would succeed if the scoping were missing."""
    return {
        **portal.form_post_data(title="Diubah penyusup"),
        "comment": "penyusup", "reason": "penyusup", "note": "penyusup", "text": "penyusup", "caption": "penyusup",
        "title": "penyusup", "action": "submit", "confidence": "3", "upheld": "1", "kind": "lainnya",
        "milestone": "penyusup", "progress": "penyusup", "local_name": "penyusup", "mentoring_note": "penyusup",
        "entry": "2023-0001", "judge": "1",
    }  # fmt: skip


def test_the_walk_finds_every_portal_area():
    areas = {route.split("/")[1] for _name, route, _params in PORTAL_URLS}
    assert areas == {"inovasi", "ulasan", "replikasi", "kompetisi", "impor"}
    assert len(PORTAL_URLS) >= 45


def test_every_portal_url_of_someone_elses_object_is_a_404_and_changes_nothing(client, world, targets, intruder):
    client.force_login(intruder)
    before, data = snapshot(), payload()
    problems = []
    for name, route, params in PORTAL_URLS:
        url = reverse(name, kwargs=kwargs_for(route, params, targets))
        got = client.get(url).status_code
        posted = client.post(url, {**data, "file": portal.upload("sop.pdf", portal.pdf_bytes())}).status_code
        # 405 comes from @require_POST before any lookup: the same for any id, so it reveals nothing.
        if got not in {404, 405} or posted != 404:
            problems.append(f"{name} {url}: GET {got}, POST {posted}")
    assert problems == [], "\n".join(problems)
    assert snapshot() == before


OWNERS = {
    "portal/inovasi/": "verifier_a",
    "portal/ulasan/": "ministry_admin",
    "portal/replikasi/": "verifier_b",
    "portal/kompetisi/entri/": "verifier_a",
    "portal/kompetisi/penilaian/": "judge",
    "portal/kompetisi/sekretariat/": "secretariat",
    "portal/impor/": "verifier_a",
}


def test_the_same_urls_open_for_their_owner(client, world, targets):
    """The control: the walk's objects are real, so the 404s above come from the scoping."""
    problems = []
    for name, route, params in PORTAL_URLS:
        owner = max((prefix for prefix in OWNERS if route.startswith(prefix)), key=len, default=None)
        if owner is None or route.startswith("portal/replikasi/mulai/"):
            continue
        client.force_login(getattr(world, OWNERS[owner]))
        status = client.get(reverse(name, kwargs=kwargs_for(route, params, targets))).status_code
        if status == 404:
            problems.append(f"{name}: 404 for its owner")
    assert problems == [], "\n".join(problems)


def test_the_export_holds_only_the_users_own_agencies(client, world, intruder):
    client.force_login(intruder)
    response = client.get(reverse("portal:import_export", args=["csv"]))
    assert response.status_code in {200, 403, 404}
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"zqttl" not in body and b"Draf Rahasia" not in body


# --- The API ---------------------------------------------------------------------------------------
def test_the_walk_knows_every_api_url_with_an_object():
    known = set(API_OWNED) | set(API_UNPUBLISHED) | set(API_PUBLIC)
    assert {name for name, _route, _params in API_URLS} == known


API_OWNED = {  # someone else's: 404 for reading and for every write
    "api:own-innovation-detail": lambda w: {"pk": w.draft.pk},
    "api:judge-assignment-detail": lambda w: {"pk": w.assignment.pk},
}
API_UNPUBLISHED = {  # a draft: the public API does not know it
    "api:innovation-detail": lambda w: {"slug": w.draft.slug},
    "api:innovation-reviews": lambda w: {"slug": w.draft.slug},
    "api:innovation-lineage": lambda w: {"slug": w.draft.slug},
}
API_PUBLIC = {  # public by design; writes are not the intruder's to make
    "api:province-detail": lambda w: {"code": "33"},
    "api:regency-detail": lambda w: {"code": "33.72"},
    "api:agency-detail": lambda w: {"code": w.agency_b.code},
    "api:review-detail": lambda w: {"pk": w.review.pk},
    "api:review-flag": lambda w: {"pk": w.review.pk},
    "api:replication-detail": lambda w: {"pk": w.project.pk},
    "api:competition-results": lambda w: {"slug": w.edition["competition"].slug},
}
WRITE = {"title": "Diubah penyusup", "summary": "penyusup", "text": "penyusup", "usefulness": 1, "ease": 1, "documentation": 1}


def test_no_api_endpoint_reads_or_changes_someone_elses_object(client, world, intruder):
    token = Token.objects.create(user=intruder)
    auth = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    before = snapshot()
    problems = []
    for name, kwargs in {**API_OWNED, **API_UNPUBLISHED}.items():
        url = reverse(name, kwargs=kwargs(world))
        for method in ("get", "put", "patch", "delete", "post"):
            status = getattr(client, method)(url, WRITE, content_type="application/json", **auth).status_code
            if status not in ({404} if method == "get" else {404, 405}):
                problems.append(f"{method.upper()} {url}: {status}")
    for name, kwargs in API_PUBLIC.items():
        url = reverse(name, kwargs=kwargs(world))
        for method in ("put", "patch", "delete"):
            status = getattr(client, method)(url, WRITE, content_type="application/json", **auth).status_code
            if status not in {403, 404, 405}:
                problems.append(f"{method.upper()} {url}: {status}")
    assert problems == [], "\n".join(problems)
    assert snapshot() == before


def test_the_api_objects_are_real_for_their_owners(client, world):
    """The control for the API walk: each owner reads what the intruder could not."""
    submitter_b = Token.objects.create(user=world.submitter_b)
    judge = Token.objects.create(user=world.judge)
    own = client.get(reverse("api:own-innovation-detail", args=[world.draft.pk]), HTTP_AUTHORIZATION=f"Token {submitter_b.key}")
    assigned = client.get(reverse("api:judge-assignment-detail", args=[world.assignment.pk]), HTTP_AUTHORIZATION=f"Token {judge.key}")
    assert (own.status_code, assigned.status_code) == (200, 200)
