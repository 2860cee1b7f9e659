"""The index follows the innovations through the task queue, after their transactions commit."""

import pytest
from django.db import transaction

import search
from registry.innovations import services, signals
from registry.innovations.models import Innovation, Sector
from search.models import SearchDocument
from search.params import SearchParams


def titles(query: str) -> list[str]:
    return [hit.innovation.title for hit in search.query(SearchParams(q=query)).items]


def search_tasks(backend):
    """The tasks search queued (other apps listen to the same signals)."""
    return [result for result in backend.results if result.task.module_path.startswith("search.")]


def draft_awaiting_approval(submitter, agency, title="Pasar Ikan Higienis Terapung"):
    innovation = services.innovation_create(
        user=submitter,
        agency=agency,
        data={
            "title": title,
            "summary": "Nelayan menjual ikan segar di dermaga yang bersih dan tertata.",
            "kind": "metode",
            "form": "pelayanan_publik",
            "stage": "penerapan",
            "problem": "Pasar ikan kotor.",
            "implementation_steps": "Membangun dermaga.",
            "results": "Penjualan naik.",
            "sectors": list(Sector.objects.filter(code="kelautan-perikanan")),
        },
    )
    return services.innovation_submit(user=submitter, innovation=innovation)


@pytest.mark.django_db(transaction=True)
def test_publishing_indexes_the_innovation_after_its_transaction_commits(submitter_a, verifier_a, agency_a):
    innovation = draft_awaiting_approval(submitter_a, agency_a)
    assert titles("ikan terapung") == []

    services.innovation_approve(user=verifier_a, innovation=innovation)

    assert titles("ikan terapung") == ["Pasar Ikan Higienis Terapung"]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_publication_leaves_the_index_untouched(submitter_a, verifier_a, agency_a):
    innovation = draft_awaiting_approval(submitter_a, agency_a)

    with pytest.raises(RuntimeError), transaction.atomic():
        services.innovation_approve(user=verifier_a, innovation=innovation)
        raise RuntimeError("the request fails after the approval")

    assert not Innovation.objects.get(pk=innovation.pk).live
    assert not SearchDocument.objects.filter(innovation_id=innovation.pk).exists()
    assert titles("ikan terapung") == []


@pytest.mark.django_db(transaction=True)
def test_a_signal_sent_inside_a_transaction_that_rolls_back_indexes_nothing(submitter_a, verifier_a, agency_a):
    innovation = draft_awaiting_approval(submitter_a, agency_a)
    Innovation.objects.filter(pk=innovation.pk).update(live=True)

    with pytest.raises(RuntimeError), transaction.atomic():
        signals.innovations_bulk_changed.send(Innovation, innovation_ids=[innovation.pk])
        raise RuntimeError("rolled back")

    assert not SearchDocument.objects.filter(innovation_id=innovation.pk).exists()


@pytest.mark.django_db
def test_nothing_is_indexed_before_the_commit(submitter_a, verifier_a, agency_a, django_capture_on_commit_callbacks):
    innovation = draft_awaiting_approval(submitter_a, agency_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.innovation_approve(user=verifier_a, innovation=innovation)
        assert titles("ikan terapung") == []  # still inside the transaction

    assert titles("ikan terapung") == ["Pasar Ikan Higienis Terapung"]


@pytest.mark.django_db
def test_an_unpublished_edit_stays_out_of_the_catalog_until_approved(
    submitter_a, verifier_a, agency_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        innovation = draft_awaiting_approval(submitter_a, agency_a)
        services.innovation_approve(user=verifier_a, innovation=innovation)
        services.innovation_update(user=submitter_a, innovation=innovation, data={"title": "Pasar Ikan Modern"})
    assert titles("modern") == []
    assert titles("terapung") == ["Pasar Ikan Higienis Terapung"]

    with django_capture_on_commit_callbacks(execute=True):
        services.innovation_submit(user=submitter_a, innovation=innovation)
        services.innovation_approve(user=verifier_a, innovation=innovation)
    assert titles("modern") == ["Pasar Ikan Modern"]
    assert titles("terapung") == []


@pytest.mark.django_db
def test_deleting_an_innovation_removes_it(ministry_admin, django_capture_on_commit_callbacks):
    from tests.factories import InnovationFactory

    innovation = InnovationFactory(title="Bus Sekolah Gratis Pedesaan")
    assert titles("bus sekolah") == ["Bus Sekolah Gratis Pedesaan"]

    with django_capture_on_commit_callbacks(execute=True):
        services.innovation_delete(user=ministry_admin, innovation=innovation)

    assert titles("bus sekolah") == []
    assert not SearchDocument.objects.filter(innovation_id=innovation.pk).exists()


@pytest.mark.django_db
def test_bulk_changes_are_queued_in_batches(settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    with django_capture_on_commit_callbacks(execute=True):
        signals.innovations_bulk_changed.send(Innovation, innovation_ids=list(range(1, 2501)))

    queued = [result.args[0] for result in search_tasks(default_task_backend)]
    assert [len(ids) for ids in queued] == [1000, 1000, 500]
    assert {result.task.name for result in search_tasks(default_task_backend)} == {"index_innovations_task"}
    assert sum(queued, []) == list(range(1, 2501))


@pytest.mark.django_db
def test_every_innovation_signal_queues_the_matching_task(settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    with django_capture_on_commit_callbacks(execute=True):
        signals.innovation_changed.send(Innovation, innovation_id=1)
        signals.innovation_published.send(Innovation, innovation_id=2)
        signals.innovation_unpublished.send(Innovation, innovation_id=3)
        signals.innovation_deleted.send(Innovation, innovation_id=4)

    queued = [(result.task.name, result.args[0]) for result in search_tasks(default_task_backend)]
    assert queued == [
        ("index_innovations_task", [1]),
        ("index_innovations_task", [2]),
        ("index_innovations_task", [3]),
        ("remove_innovations_task", [4]),
    ]


@pytest.mark.django_db
def test_ratings_and_replications_reach_the_index_when_their_services_signal(django_capture_on_commit_callbacks):
    from tests.factories import InnovationFactory

    innovation = InnovationFactory(title="Bank Sampah Digital")
    Innovation.objects.filter(pk=innovation.pk).update(rating_bayesian=4.5, review_count=9, replications_active=2)
    with django_capture_on_commit_callbacks(execute=True):
        signals.innovation_changed.send(Innovation, innovation_id=innovation.pk)

    document = SearchDocument.objects.get(innovation_id=innovation.pk)
    assert (document.rating_bayesian, document.review_count, document.replication_total) == (4.5, 9, 2)
    assert document.has_replications and document.quality_boost > 0
    results = search.query(SearchParams(has_replications=True, min_rating=4))
    assert [hit.id for hit in results.items] == [innovation.pk]
