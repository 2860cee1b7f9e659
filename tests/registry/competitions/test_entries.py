"""Entries: submission with eligibility and quotas, the frozen snapshot, withdrawal, administrative check."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from registry.audit.models import AuditEvent
from registry.competitions import services
from registry.competitions.models import Decision, Entry, EntryStatus
from registry.core.exceptions import TransitionNotAllowed
from registry.innovations.models import Innovation
from tests.factories import InnovationFactory
from tests.factories_competitions import build_edition

pytestmark = pytest.mark.django_db


def submit(user, edition, innovation, group="umum", **kwargs):
    return services.entry_submit(
        user=user,
        competition=edition["competition"],
        innovation=innovation,
        group=edition[group],
        category=edition["services"],
        **kwargs,
    )


def test_verifier_submits_and_the_entry_freezes_the_published_innovation(edition, entrant_verifier, entrant_innovation):
    entry = submit(entrant_verifier, edition, entrant_innovation)
    assert entry.status == EntryStatus.SUBMITTED
    assert entry.code == "2023-0001"
    assert entry.snapshot["title"] == "Layanan Kesehatan Keliling Kota Madiun"
    assert entry.snapshot["agency"] == "Pemerintah Kota Madiun"
    assert entry.regency_id == "35.77"
    assert AuditEvent.objects.filter(action="competition.entry.submit", target_id=str(entry.pk)).exists()

    Innovation.objects.filter(pk=entrant_innovation.pk).update(title="Judul yang diubah kemudian")
    entry.refresh_from_db()
    assert entry.snapshot["title"] == "Layanan Kesehatan Keliling Kota Madiun"


def _refused(callable_, error=ValidationError):
    before = (Entry.objects.count(), AuditEvent.objects.count())
    with pytest.raises(error) as info:
        callable_()
    assert (Entry.objects.count(), AuditEvent.objects.count()) == before
    return " ".join(getattr(info.value, "messages", [str(info.value)]))


def test_submitter_may_not_submit(edition, entrant_submitter, entrant_innovation):
    _refused(lambda: submit(entrant_submitter, edition, entrant_innovation), PermissionDenied)


def test_another_agencys_verifier_may_not_submit(edition, verifier_b, entrant_innovation):
    _refused(lambda: submit(verifier_b, edition, entrant_innovation), PermissionDenied)


def test_submission_after_the_deadline_is_refused(entrant_verifier, entrant_innovation):
    late = build_edition(submission_deadline=timezone.now() - timedelta(days=1), submission_opens=timezone.now() - timedelta(days=60))
    message = _refused(lambda: submit(entrant_verifier, late, entrant_innovation), TransitionNotAllowed)
    assert "tidak dibuka" in message


def test_innovation_implemented_too_recently_is_refused(edition, entrant_verifier, entrant_innovation):
    recent = timezone.localtime(edition["competition"].submission_deadline).date() - timedelta(days=90)
    Innovation.objects.filter(pk=entrant_innovation.pk).update(implemented_on=recent, year_implemented=recent.year)
    entrant_innovation.refresh_from_db()
    message = _refused(lambda: submit(entrant_verifier, edition, entrant_innovation))
    assert "12 bulan sebelum batas pendaftaran" in message


def test_unpublished_innovation_is_refused(edition, entrant_verifier, entrant_agency):
    draft = InnovationFactory(agency=entrant_agency, live=False, moderation_status="draft")
    assert "sudah terbit" in _refused(lambda: submit(entrant_verifier, edition, draft))


def test_recent_winner_sits_out_the_next_editions(entrant_verifier, entrant_innovation):
    past = build_edition(year=2022)
    Entry.objects.create(
        competition=past["competition"], group=past["umum"], category=past["services"], innovation=entrant_innovation,
        agency=entrant_innovation.agency, code="2022-0001", snapshot={}, status=EntryStatus.WINNER, submitted_at=timezone.now(),
    )
    past["competition"].results_published_at = timezone.now()
    past["competition"].save()
    current = build_edition(year=2023, exclude_recent_winners=2)
    assert "sudah menang" in _refused(lambda: submit(entrant_verifier, current, entrant_innovation))
    allowed = build_edition(year=2023, exclude_recent_winners=0)
    assert submit(entrant_verifier, allowed, entrant_innovation).status == EntryStatus.SUBMITTED


def test_quota_per_agency_and_group(edition, entrant_verifier, entrant_agency):
    first, second, third = (InnovationFactory(agency=entrant_agency) for _ in range(3))
    submit(entrant_verifier, edition, first)
    submit(entrant_verifier, edition, second)
    assert "Kuota" in _refused(lambda: submit(entrant_verifier, edition, third))


def test_same_innovation_twice_is_refused(edition, entrant_verifier, entrant_innovation):
    submit(entrant_verifier, edition, entrant_innovation)
    assert "sudah didaftarkan" in _refused(lambda: submit(entrant_verifier, edition, entrant_innovation))


def test_replikasi_entry_must_link_a_replication_project(edition, entrant_verifier, entrant_innovation):
    assert "proyek replikasi" in _refused(lambda: submit(entrant_verifier, edition, entrant_innovation, group="replikasi"))


def test_withdrawal_before_the_deadline_only_by_the_verifier(edition, entrant_verifier, entrant_submitter, entrant_innovation):
    entry = submit(entrant_verifier, edition, entrant_innovation)
    with pytest.raises(PermissionDenied):
        services.entry_withdraw(user=entrant_submitter, entry=entry)
    assert Entry.objects.get(pk=entry.pk).status == EntryStatus.SUBMITTED
    late = edition["competition"].submission_deadline + timedelta(minutes=1)
    with pytest.raises(TransitionNotAllowed):
        services.entry_withdraw(user=entrant_verifier, entry=entry, now=late)
    assert Entry.objects.get(pk=entry.pk).status == EntryStatus.SUBMITTED
    services.entry_withdraw(user=entrant_verifier, entry=entry, reason="Salah kategori")
    assert Entry.objects.get(pk=entry.pk).status == EntryStatus.WITHDRAWN
    # Withdrawn, the innovation may be entered again.
    assert submit(entrant_verifier, edition, entrant_innovation).status == EntryStatus.SUBMITTED


def test_administrative_check_with_reasons_and_a_published_list(edition, entrant_verifier, entrant_agency, secretariat):
    good, bad = (submit(entrant_verifier, edition, InnovationFactory(agency=entrant_agency)) for _ in range(2))
    with pytest.raises(ValidationError):
        services.entry_admin_check(user=secretariat, entry=bad, passed=False, reasons=[])
    with pytest.raises(ValidationError):
        services.entry_admin_check(user=secretariat, entry=bad, passed=False, reasons=["other"], note="")
    assert not Decision.objects.exists()
    services.entry_admin_check(user=secretariat, entry=good, passed=True)
    with pytest.raises(ValidationError):  # one entry is still unchecked
        services.round_publish_results(user=secretariat, round=edition["admin"])
    decision = services.entry_admin_check(user=secretariat, entry=bad, passed=False, reasons=["incomplete", "other"], note="Surat pernyataan tidak ditandatangani")
    assert decision.reason_labels()[0] == "Berkas atau isian tidak lengkap"
    good.refresh_from_db()
    bad.refresh_from_db()
    assert (good.status, good.current_round) == (EntryStatus.IN_ROUND, edition["desk"])
    assert bad.status == EntryStatus.ADMIN_FAILED
    services.round_publish_results(user=secretariat, round=edition["admin"])
    with pytest.raises(TransitionNotAllowed):
        services.entry_admin_check(user=secretariat, entry=bad, passed=True)
    assert AuditEvent.objects.filter(action="competition.round.publish").count() == 1


def test_months_before_handles_short_months():
    from registry.competitions.services.entries import months_before

    assert months_before(date(2023, 3, 31), 1) == date(2023, 2, 28)
    assert months_before(date(2023, 6, 30), 12) == date(2022, 6, 30)
    assert months_before(date(2024, 1, 15), 13) == date(2022, 12, 15)


def test_replikasi_entry_with_its_replication_project(edition, entrant_verifier, entrant_innovation, entrant_agency):
    from registry.replication.models import ReplicationProject

    origin = InnovationFactory(title="Inovasi asal di daerah lain")
    project = ReplicationProject.objects.create(origin=origin, adopter=entrant_agency, replica=entrant_innovation, stage="evaluasi")
    elsewhere = ReplicationProject.objects.create(origin=origin, adopter=InnovationFactory().agency, stage="implementasi")
    assert "bukan replikasi aktif" in _refused(
        lambda: submit(entrant_verifier, edition, entrant_innovation, group="replikasi", replication_project=elsewhere)
    )
    entry = submit(entrant_verifier, edition, entrant_innovation, group="replikasi", replication_project=project)
    assert entry.replication_project == project
