"""`manage.py generate_innovations`: realistic scale data, deterministic for a seed."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from registry.agencies.models import Agency
from registry.core.text import count_words
from registry.geo.models import Province, Regency
from registry.innovations import signals
from registry.innovations.generator import innovations_generate
from registry.innovations.lan_import import read_rows
from registry.innovations.models import Innovation, LifecycleStage, ModerationStatus

pytestmark = pytest.mark.django_db


def _snapshot(seed):
    return list(
        Innovation.objects.filter(external_id__startswith=f"gen:{seed}:")
        .order_by("pk")
        .values_list("external_id", "title", "slug", "regency_id", "province_id", "kind", "stage", "year_started", "problem")
    )


def test_generates_published_innovations_with_real_looking_content():
    result = innovations_generate(count=40, seed=3)

    assert (result.created, result.skipped) == (40, 0)
    innovations = Innovation.objects.filter(external_id__startswith="gen:3:")
    assert innovations.count() == 40 == len(result.innovation_ids)
    assert set(innovations.values_list("external_id", flat=True)) == {f"gen:3:{i}" for i in range(40)}
    real_sentences = " ".join(row["deskripsi"] for row in read_rows())
    for innovation in innovations.select_related("agency").prefetch_related("sectors", "sdgs"):
        assert innovation.live and innovation.moderation_status == ModerationStatus.PUBLISHED
        assert innovation.first_published_at <= timezone.now()
        # The agency is the pemda of the region the innovation sits in.
        assert (innovation.agency.province_id, innovation.agency.regency_id) == (innovation.province_id, innovation.regency_id)
        assert innovation.agency.code.startswith(("pemkab-", "pemkot-", "pemprov-"))
        assert 1 <= innovation.sectors.count() <= 3 and 1 <= innovation.sdgs.count() <= 3
        assert innovation.problem and innovation.results and innovation.implementation_steps
        assert 0 < count_words(innovation.summary) <= 85
        # Sentences come from the real descriptions (the first one, before any place name).
        assert innovation.problem.split(".")[0][:25] in real_sentences or "\x00" not in innovation.problem
        assert "\x00" not in innovation.problem + innovation.results and "\x01" not in innovation.problem
        if innovation.stage != LifecycleStage.INISIATIF:
            assert innovation.year_started <= innovation.year_implemented


def test_same_seed_gives_the_same_innovations_and_another_seed_others():
    innovations_generate(count=25, seed=11)
    first = _snapshot(11)
    Innovation.objects.filter(external_id__startswith="gen:11:").delete()

    innovations_generate(count=25, seed=11)
    innovations_generate(count=25, seed=12)

    assert _snapshot(11) == first
    other_titles = [row[1] for row in _snapshot(12)]
    assert other_titles != [row[1] for row in first]


def test_rerunning_adds_nothing_and_a_larger_count_extends_the_same_series(capsys):
    innovations_generate(count=20, seed=5)
    before = _snapshot(5)

    again = innovations_generate(count=20, seed=5)
    more = innovations_generate(count=30, seed=5)

    assert (again.created, again.skipped) == (0, 20)
    assert (more.created, more.skipped) == (10, 20)
    assert _snapshot(5)[:20] == before
    assert Innovation.objects.filter(external_id__startswith="gen:5:").count() == 30


def test_spread_over_every_province_and_kab_kota_sectors_stages_and_years():
    innovations_generate(count=600, seed=2)

    generated = Innovation.objects.filter(external_id__startswith="gen:2:")
    assert generated.values("province").distinct().count() == Province.objects.count() == 38
    assert generated.exclude(regency=None).values("regency").distinct().count() == Regency.objects.count() == 514
    # The pemda of every region exists, created in bulk.
    assert Agency.objects.filter(code__regex=r"^(pemkab|pemkot|pemprov)-").count() == 552
    assert generated.values("sectors").distinct().count() >= 20
    assert generated.values("sdgs").distinct().count() >= 12
    assert set(generated.values_list("stage", flat=True)) == set(LifecycleStage.values)
    assert generated.values("kind").distinct().count() == 8
    assert generated.values("year_started").distinct().count() >= 15
    assert generated.filter(is_digital=True).exists() and generated.filter(is_digital=False).exists()
    assert generated.filter(indicators__isnull=False).exists()


def test_writes_in_bulk_not_row_by_row(django_assert_max_num_queries):
    innovations_generate(count=1, seed=21)  # pemda agencies exist from here on
    with django_assert_max_num_queries(80):
        result = innovations_generate(count=300, seed=22)
    assert result.created == 300


def test_sends_the_bulk_signal_with_the_new_ids_after_commit(django_capture_on_commit_callbacks):
    received = []

    def receiver(sender, innovation_ids, **kwargs):
        received.extend(innovation_ids)

    signals.innovations_bulk_changed.connect(receiver, dispatch_uid="test-generator")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            result = innovations_generate(count=15, seed=8, batch_size=10)
            assert received == []  # nothing before the commit
    finally:
        signals.innovations_bulk_changed.disconnect(dispatch_uid="test-generator")
    assert sorted(received) == sorted(result.innovation_ids)
    assert len(received) == 15


def test_command():
    out, err = io.StringIO(), io.StringIO()
    call_command("generate_innovations", "--count", "12", "--seed", "4", stdout=out, stderr=err)
    assert "12 innovations created, 0 already there (seed 4)" in out.getvalue()
    assert "12/12" in err.getvalue()  # the tqdm progress bar
    call_command("generate_innovations", "--count", "12", "--seed", "4", "--no-progress", stdout=out)
    assert "0 innovations created, 12 already there (seed 4)" in out.getvalue()
