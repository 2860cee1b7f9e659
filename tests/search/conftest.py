"""Fixtures of the search tests: every backend available, and a small corpus with known answers.

The contract tests take `backend`: the database backend always (on whichever
database the suite runs: PostgreSQL or SQLite), and Elasticsearch when
ELASTICSEARCH_URL points at a real server; without one, that parametrisation is
skipped with the reason (the only skip in the project).
"""

import datetime
import os
import uuid

import pytest

import search
from tests.factories_search import innovation

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")


@pytest.fixture(
    params=[
        "database",
        pytest.param(
            "elasticsearch",
            marks=pytest.mark.skipif(
                not ELASTICSEARCH_URL,
                reason="no Elasticsearch server: set ELASTICSEARCH_URL to run the contract suite against one",
            ),
        ),
    ]
)
def backend(request, settings):
    if request.param == "database":
        settings.SEARCH_BACKEND = "database"
        yield search.database_backend()
        return
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = ELASTICSEARCH_URL
    settings.ELASTICSEARCH_INDEX_ALIAS = f"test-registry-{uuid.uuid4().hex[:10]}"
    elastic = search.elasticsearch_backend()
    elastic.rebuild()  # an empty index behind the test alias
    yield elastic
    elastic.delete_all_indices()


@pytest.fixture
def settle(backend):
    """Make what was just indexed visible to searches (Elasticsearch refreshes; the database is at once)."""

    def _settle():
        refresh = getattr(backend, "refresh", None)
        if refresh:
            refresh()

    return _settle


def _at(year: int, month: int = 1) -> datetime.datetime:
    return datetime.datetime(year, month, 1, tzinfo=datetime.UTC)


@pytest.fixture
def corpus(backend, settle):
    """Seven innovations; each test names the ones it expects by key."""
    records = {
        "ktp": innovation(
            "Pelayanan KTP Satu Jam",
            "Warga mengurus identitas diri di kecamatan dan selesai dalam satu jam.",
            regency="33.72",
            kind="proses",
            is_digital=False,
            year_implemented=2014,
            sdgs=[16],
            published=_at(2019),
        ),
        "kartu": innovation(
            "Pencetakan Kartu Tanda Penduduk Keliling",
            "Mobil keliling mencetak kartu tanda penduduk elektronik di desa terpencil.",
            regency="33.19",
            kind="produk",
            is_digital=True,
            year_implemented=2016,
            sdgs=[16],
            published=_at(2020),
        ),
        "izin": innovation(
            "Perizinan Usaha Terpadu",
            "Semua perizinan usaha diurus di satu pintu secara daring.",
            regency="35.78",
            sectors=["perizinan"],
            kind="teknologi",
            is_digital=True,
            year_implemented=2016,
            sdgs=[8],
            published=_at(2021),
            rating_bayesian=4.6,
            review_count=12,
        ),
        "akta": innovation(
            "Akta Kelahiran Jemput Bola",
            "Petugas melayani pembuatan akta kelahiran bayi di rumah warga.",
            regency="33.72",
            kind="metode",
            is_digital=False,
            year_implemented=2015,
            sdgs=[16, 3],
            published=_at(2018),
            replications_active=2,
            replications_completed=3,
        ),
        "pkl": innovation(
            "Penataan PKL Pasar Malam",
            "Lapak PKL ditata ulang agar trotoar kembali untuk pejalan kaki.",
            regency="35.73",
            sectors=["perdagangan"],
            kind="metode",
            is_digital=False,
            year_implemented=2017,
            sdgs=[11],
            published=_at(2017),
            rating_bayesian=3.4,
            review_count=3,
        ),
        "pedagang": innovation(
            "Relokasi Pedagang Kaki Lima",
            "Pedagang kaki lima dipindahkan ke pusat kuliner dengan tenda seragam.",
            regency="33.74",
            agency_type="pemkab",
            sectors=["perdagangan"],
            kind="proses",
            is_digital=False,
            year_implemented=2013,
            published=_at(2016),
        ),
        "puskesmas": innovation(
            "Rekam Medis Elektronik Puskesmas",
            "Pusat kesehatan masyarakat mencatat pemeriksaan pasien dengan aplikasi kesehatan.",
            regency="35.78",
            sectors=["kesehatan"],
            kind="teknologi",
            is_digital=True,
            year_implemented=2018,
            sdgs=[3],
            published=_at(2022),
            award_count=1,
        ),
    }
    settle()
    return records
