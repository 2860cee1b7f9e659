"""The competition demo data: KIPP 2023's desk rubric, a finished edition with winners, idempotent."""

import io

import pytest
from django.core.management import call_command

from registry.audit.services import audit_verify_chain, audit_verify_records
from registry.competitions.models import Assignment, Competition, EntryStatus, Round
from registry.innovations.models import Innovation

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_three_editions_once():
    call_command("seed_demo", stdout=io.StringIO())
    desk = Round.objects.get(competition__slug="kipp-2023-demo", kind="desk")
    rubric = [(c.name, int(c.weight)) for c in desk.criteria.order_by("sort_order")]
    assert rubric == [
        ("Latar belakang", 10), ("Kebaruan", 15), ("Implementasi", 5), ("Signifikansi", 30),
        ("Adaptabilitas", 20), ("Sumber daya", 5), ("Keberlanjutan", 15), ("Ringkasan", 0),
    ]
    assert desk.is_blind and desk.next_round().kind == "presentation"
    assert Assignment.objects.filter(round=desk, status="submitted").exists()
    assert Assignment.objects.filter(round=desk, judge__user__username="juri.demo", status="pending").count() == 6
    finished = Competition.objects.get(slug="kipp-2022-demo")
    winners = finished.entries.filter(status=EntryStatus.WINNER)
    assert finished.results_published_at and winners.exists()
    assert set(Innovation.objects.filter(award_count__gt=0).values_list("pk", flat=True)) == set(winners.values_list("innovation_id", flat=True))
    assert Competition.objects.get(slug="kipp-2024-demo").entries.count() == 0
    assert audit_verify_chain().ok and audit_verify_records() == []

    counts = (Competition.objects.count(), Assignment.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Competition.objects.count(), Assignment.objects.count()) == counts
