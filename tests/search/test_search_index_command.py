"""manage.py search_index --rebuild."""

import io

import pytest
from django.core.management import call_command

from search.models import SearchDocument, SearchTerm
from tests.factories_search import innovation

pytestmark = pytest.mark.django_db


def test_rebuild_indexes_every_published_innovation_with_a_progress_bar():
    records = [innovation(f"Bank Sampah Nomor {n}", "Warga menabung sampah plastik.") for n in range(3)]
    SearchDocument.objects.all().delete()
    SearchTerm.objects.all().delete()
    out, err = io.StringIO(), io.StringIO()

    call_command("search_index", "--rebuild", "--batch-size", "2", stdout=out, stderr=err)

    assert set(SearchDocument.objects.values_list("innovation_id", flat=True)) == {r.pk for r in records}
    assert "database: 3 innovations indexed" in out.getvalue()
    assert "3/3" in err.getvalue() and "100%" in err.getvalue()
    # The lexicon is recounted exactly: "sampah" is in all three.
    assert SearchTerm.objects.get(word="sampah").doc_count == 3


def test_rebuild_leaves_out_what_is_not_published():
    from tests.factories import InnovationFactory

    kept = innovation("Bank Sampah Kelurahan", "Warga menabung sampah.")
    draft = InnovationFactory(title="Draf Bank Sampah", live=False, moderation_status="draft")
    call_command("search_index", "--rebuild", "--no-progress", stdout=io.StringIO())
    assert list(SearchDocument.objects.values_list("innovation_id", flat=True)) == [kept.pk]
    assert draft.pk not in SearchDocument.objects.values_list("innovation_id", flat=True)


def test_without_rebuild_it_explains_itself():
    out = io.StringIO()
    call_command("search_index", stdout=out)
    assert "--rebuild" in out.getvalue()
