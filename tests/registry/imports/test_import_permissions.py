"""Who may import what: a matrix of roles × imports, refusals leaving the database unchanged."""

import pytest
from django.core.exceptions import PermissionDenied

from registry.agencies.models import Agency
from registry.imports.models import ImportJob, ImportStatus
from registry.imports.services import import_job_confirm, import_job_create
from registry.innovations.models import Innovation, ModerationStatus
from tests.factories import InnovationFactory, UserFactory
from tests.factories_imports import database_state, export_bytes, good_row, xlsx

ROLES = ["plain_user", "submitter_a", "verifier_a", "ministry_admin"]


@pytest.fixture
def users(db, submitter_a, verifier_a, ministry_admin, agency_b):
    return {
        "plain_user": UserFactory(username="warga"),
        "submitter_a": submitter_a,
        "verifier_a": verifier_a,
        "ministry_admin": ministry_admin,
    }


def _innovations_file(agency_code):
    return xlsx([good_row(1, agency_code), good_row(2, agency_code)])


# (role, what, allowed)
MATRIX = [
    *[(role, "own agency innovations", role in {"verifier_a", "ministry_admin"}) for role in ROLES],
    *[(role, "other agency innovations", role == "ministry_admin") for role in ROLES],
    *[(role, resource, role == "ministry_admin") for role in ROLES for resource in ("agencies", "provinces", "memberships", "regencies")],
]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "what", "allowed"), MATRIX)
def test_import_permission_matrix(role, what, allowed, users, agency_a, agency_b, django_capture_on_commit_callbacks):
    user = users[role]
    if what.endswith("innovations"):
        resource = "innovations"
        content = _innovations_file(agency_a.code if what.startswith("own") else agency_b.code)
        filename = "inovasi.xlsx"
    else:
        resource, filename = what, f"{what}.csv"
        content = export_bytes(what, "csv")
    before = database_state(), Agency.objects.count()

    if role in {"plain_user", "submitter_a"} or (role == "verifier_a" and resource != "innovations"):
        with pytest.raises(PermissionDenied):
            import_job_create(user=user, resource=resource, filename=filename, content=content)
        assert ImportJob.objects.count() == 0
        assert (database_state(), Agency.objects.count()) == before
        return

    # Regencies (514 rows) go through the background task: run it when the upload commits.
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_create(user=user, resource=resource, filename=filename, content=content, publish=True)
    job.refresh_from_db()
    if not allowed:
        # A verifier importing another agency's rows: every row refused, nothing written.
        assert job.status == ImportStatus.INVALID
        assert {(column, message) for _row, column, message, _v in job.errors} == {
            ("Kode instansi", "Anda hanya boleh mengimpor inovasi instansi Anda sendiri.")
        }
        assert database_state() == before[0]
        return
    assert job.status == ImportStatus.VALID, job.errors
    with django_capture_on_commit_callbacks(execute=True):
        import_job_confirm(user=user, job=job)
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert job.counts["invalid"] == 0


@pytest.mark.django_db
def test_verifier_import_creates_drafts_even_when_asked_to_publish(verifier_a, agency_a):
    job = import_job_create(user=verifier_a, resource="innovations", filename="i.xlsx", content=_innovations_file(agency_a.code), publish=True)
    assert job.publish is False
    import_job_confirm(user=verifier_a, job=job)
    assert list(Innovation.objects.values_list("live", "moderation_status")) == [(False, ModerationStatus.DRAFT)] * 2


@pytest.mark.django_db
def test_verifier_draft_import_may_not_change_a_published_innovation(verifier_a, agency_a):
    InnovationFactory(agency=agency_a, external_id="uji:1", title="Judul terbit")
    before = database_state()
    job = import_job_create(user=verifier_a, resource="innovations", filename="i.xlsx", content=_innovations_file(agency_a.code))
    assert job.status == ImportStatus.INVALID
    assert job.errors[0][:2] == [2, "ID eksternal"] and "sudah terbit" in job.errors[0][2]
    assert database_state() == before


@pytest.mark.django_db
def test_verifier_may_not_take_over_another_agencys_external_id(verifier_a, agency_a, agency_b):
    InnovationFactory(agency=agency_b, external_id="uji:1", live=False, moderation_status="draft")
    before = database_state()
    job = import_job_create(user=verifier_a, resource="innovations", filename="i.xlsx", content=_innovations_file(agency_a.code))
    assert ["ID eksternal", "ID eksternal ini sudah dipakai inovasi instansi lain."] in [e[1:3] for e in job.errors]
    assert database_state() == before


@pytest.mark.django_db
def test_only_the_uploader_or_a_ministry_admin_confirms(verifier_a, agency_a):
    job = import_job_create(user=verifier_a, resource="innovations", filename="i.xlsx", content=_innovations_file(agency_a.code))
    other = UserFactory(username="lain")
    with pytest.raises(PermissionDenied):
        import_job_confirm(user=other, job=job)
    assert Innovation.objects.count() == 0
    assert ImportJob.objects.get(pk=job.pk).status == ImportStatus.VALID

