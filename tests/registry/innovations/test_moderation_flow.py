import pytest

from registry.innovations import services
from registry.innovations.models import Innovation, ModerationStatus, Sector

pytestmark = pytest.mark.django_db

DATA = {
    "title": "Akta Kelahiran Jemput Bola",
    "summary": "Petugas dukcapil mendatangi rumah sakit dan kelurahan untuk menerbitkan akta kelahiran.",
    "kind": "proses",
    "form": "pelayanan_publik",
    "stage": "penerapan",
    "problem": "Banyak bayi tidak tercatat.",
    "implementation_steps": "Kerja sama dengan rumah sakit.",
    "results": "Cakupan akta naik.",
}


def _create(user, agency, **extra):
    data = {**DATA, "sectors": Sector.objects.filter(code="administrasi-kependudukan"), **extra}
    return services.innovation_create(user=user, agency=agency, data=data, indicators=[{"name": "Cakupan akta", "unit": "%", "baseline": 60, "value": 95}])


def test_draft_is_submitted_approved_and_published(submitter_a, verifier_a, agency_a):
    innovation = _create(submitter_a, agency_a)
    assert not innovation.live and innovation.moderation_status == ModerationStatus.DRAFT
    services.innovation_submit(user=submitter_a, innovation=innovation)
    innovation = services.innovation_approve(user=verifier_a, innovation=innovation)
    assert innovation.live
    assert innovation.moderation_status == ModerationStatus.PUBLISHED
    assert list(innovation.indicators.values_list("name", flat=True)) == ["Cakupan akta"]
    assert Innovation.objects.published().filter(pk=innovation.pk).exists()


def test_editing_published_keeps_public_version_until_approved(submitter_a, verifier_a, agency_a):
    innovation = _create(submitter_a, agency_a)
    services.innovation_submit(user=submitter_a, innovation=innovation)
    services.innovation_approve(user=verifier_a, innovation=innovation)
    services.innovation_update(user=submitter_a, innovation=innovation, data={"title": "Judul baru"}, indicators=[])
    row = Innovation.objects.get(pk=innovation.pk)
    assert row.title == "Akta Kelahiran Jemput Bola"
    assert row.indicators.count() == 1
    assert row.live and row.moderation_status == ModerationStatus.DRAFT
    assert row.get_latest_revision_as_object().title == "Judul baru"
    services.innovation_submit(user=submitter_a, innovation=row)
    services.innovation_approve(user=verifier_a, innovation=row)
    row = Innovation.objects.get(pk=innovation.pk)
    assert row.title == "Judul baru"
    assert row.indicators.count() == 0


def test_submitter_cannot_approve(submitter_a, agency_a):
    innovation = _create(submitter_a, agency_a)
    services.innovation_submit(user=submitter_a, innovation=innovation)
    with pytest.raises(services.PermissionDenied):
        services.innovation_approve(user=submitter_a, innovation=innovation)
    assert Innovation.objects.get(pk=innovation.pk).moderation_status == ModerationStatus.IN_MODERATION
