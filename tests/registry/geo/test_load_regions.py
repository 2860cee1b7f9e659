"""`manage.py load_regions`: the 38 provinces and 514 kab/kota of Kepmendagri 2025, idempotent."""

import pytest
from django.core.management import call_command

from registry.geo.models import Province, Regency, RegencyKind

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        sorted(Province.objects.values_list("code", "name")),
        sorted(Regency.objects.values_list("code", "province_id", "name", "kind")),
    )


def test_load_regions_gives_38_provinces_and_514_regencies(capsys):
    call_command("load_regions")
    assert Province.objects.count() == 38
    assert Regency.objects.count() == 514
    assert Regency.objects.filter(kind=RegencyKind.KABUPATEN).count() == 416
    assert Regency.objects.filter(kind=RegencyKind.KOTA).count() == 98
    surakarta = Regency.objects.get(code="33.72")
    assert (surakarta.name, surakarta.kind, surakarta.province.name) == ("Kota Surakarta", "kota", "Jawa Tengah")
    assert Regency.objects.get(code="35.78").name == "Kota Surabaya"
    # Every kab/kota code starts with its province's code.
    assert not [r.code for r in Regency.objects.all() if not r.code.startswith(f"{r.province_id}.")]
    assert "provinces: 38" in capsys.readouterr().out


def test_running_load_regions_twice_changes_nothing(capsys):
    call_command("load_regions")
    before = _snapshot()
    call_command("load_regions")
    assert _snapshot() == before
    assert "(0 new, 0 updated); kab/kota: 514 (0 new, 0 updated)" in capsys.readouterr().out


def test_load_regions_restores_a_deleted_and_a_renamed_row():
    call_command("load_regions")
    before = _snapshot()
    Regency.objects.filter(code="11.01").delete()
    Regency.objects.filter(code="33.72").update(name="Kota Solo", kind=RegencyKind.KABUPATEN)
    Province.objects.filter(code="34").update(name="Yogyakarta")
    assert _snapshot() != before

    call_command("load_regions")

    assert _snapshot() == before
    assert Regency.objects.get(code="11.01").name == "Kabupaten Aceh Selatan"
