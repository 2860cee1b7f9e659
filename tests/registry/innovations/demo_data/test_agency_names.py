"""Normalising agency names and finding the region an agency is named after."""

import pytest

from registry.agencies.models import AgencyType
from registry.innovations.agency_names import (
    AgencyResolver,
    RegionIndex,
    agency_key,
    tidy_agency_name,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "spelling, key",
    [
        ("KOTA SURAKARTA", "kota surakarta"),
        ("Kota Surakarta", "kota surakarta"),
        ("PT. Pelindo III (Persero)", "pelindo iii"),
        ("PT Pelindo III", "pelindo iii"),
        ("KEMENTERIAN SOSIAL REPUBLIK INDONESIA", "kementerian sosial"),
        ("Kementerian Sosial RI", "kementerian sosial"),
    ],
)
def test_agency_key_ignores_case_punctuation_and_legal_suffixes(spelling, key):
    assert agency_key(spelling) == key


def test_tidy_agency_name():
    assert tidy_agency_name("PT BANK MANDIRI (PERSERO) Tbk.") == "PT Bank Mandiri (Persero) Tbk"
    assert tidy_agency_name("PT. Garuda Indonesia (Persero) Tbk.") == "PT Garuda Indonesia (Persero) Tbk"


@pytest.mark.parametrize(
    "text, code",
    [
        ("PDAM Kota Malang", "35.73"),
        ("Kabupaten Malang", "35.07"),
        ("PDAM Kudus", "33.19"),
        ("PD BPR Bank Jogja", "34.71"),
        ("PT Bank Pembangunan Daerah DIY", "34"),
        ("Bank Jatim", "35"),
        ("Prov. Sumatera Selatan", "16"),
        ("Pelatihan Kabupaten Minahahasa Utara", "71.06"),  # misspelt in the source
        ("PT Semen Indonesia", None),
    ],
)
def test_region_index_finds_the_region_named_in_a_text(text, code):
    assert RegionIndex.from_database().match(text) == code


def test_pemda_names_and_codes():
    regions = RegionIndex.from_database()
    solo = regions.pemda("33.72")
    assert (solo.code, solo.name, solo.type, solo.province_code) == ("pemkot-33-72", "Pemerintah Kota Surakarta", AgencyType.PEMKOT, "33")
    assert regions.pemda("33.07").name == "Pemerintah Kabupaten Wonosobo"
    assert (regions.pemda("34").code, regions.pemda("34").type) == ("pemprov-34", AgencyType.PEMPROV)


def _row(name, group, region_code="", unit=""):
    return {"nama_instansi": name, "kelompok_inovator": group, "region_code": region_code, "unit_instansi": unit}


def test_resolver_types_and_merges():
    rows = [
        _row("Kemendikbud", "Kementrian / Lembaga"),
        _row("Kementerian Pendidikan dan Kebudayaan", "Kementrian / Lembaga"),
        _row("PT PLN (Persero)", "BUMN / BUMD"),
        _row("PDAM Kota Denpasar", "BUMN / BUMD"),
        _row("Pemerintah Kota Semarang", "BUMN / BUMD", "33.74"),
        _row("Badan Baru Nasional", "Kementrian / Lembaga"),
        _row("Yayasan Contoh", "LSM / NGO"),
    ]
    resolver = AgencyResolver(RegionIndex.from_database(), rows)
    specs = [resolver.resolve(row) for row in rows]
    assert specs[0] == specs[1] and specs[0].code == "kemendikbud"
    assert (specs[2].type, specs[2].code) == (AgencyType.BUMN, "bumn-pln")
    assert (specs[3].type, specs[3].regency_code, specs[3].parent_code) == (AgencyType.BUMD, "51.71", "pemkot-51-71")
    assert specs[4].code == "pemkot-33-74"  # the name says it is the city government
    assert (specs[5].type, specs[5].code) == (AgencyType.LEMBAGA, "lembaga-badan-baru-nasional")
    assert specs[6].type == AgencyType.OTHER
