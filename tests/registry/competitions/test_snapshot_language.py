"""The frozen entry shows its choice and section labels in the reader's language."""

import pytest
from django.utils import translation

from registry.competitions.snapshot import for_judge, freeze, localized
from tests.factories import InnovationFactory

pytestmark = pytest.mark.django_db


def test_a_snapshot_frozen_in_indonesian_reads_in_english():
    innovation = InnovationFactory(kind="proses", stage="penerapan", problem="Antrean panjang di kantor.")
    with translation.override("id"):
        snapshot = freeze(innovation)
        indonesian = localized(snapshot)
    with translation.override("en"):
        english = for_judge(snapshot, blind=False)
    assert english["kind"] != indonesian["kind"] and english["stage"] != indonesian["stage"]
    with translation.override("en"):
        assert english["kind"] == str(innovation.get_kind_display())
        problem = next(section for section in english["narrative"] if section["key"] == "problem")
        assert problem["label"] == str(type(innovation)._meta.get_field("problem").verbose_name)
    assert snapshot["kind_code"] == "proses"  # the stored snapshot itself is unchanged


def test_an_older_snapshot_without_codes_keeps_its_stored_labels():
    innovation = InnovationFactory(kind="proses")
    snapshot = {key: value for key, value in freeze(innovation).items() if not key.endswith("_code")}
    with translation.override("en"):
        assert localized(snapshot)["kind"] == snapshot["kind"]
