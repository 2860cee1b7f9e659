"""GET /api/v1/innovations/: the catalog search as JSON."""

import pytest

from tests.factories import InnovationFactory
from tests.factories_search import innovation

pytestmark = pytest.mark.django_db
URL = "/api/v1/innovations/"


@pytest.fixture
def catalog():
    return {
        "ktp": innovation(
            "Pelayanan KTP Satu Jam", "Warga mengurus identitas dalam satu jam.", regency="33.72", kind="proses", external_id="lan:49"
        ),
        "kartu": innovation("Pencetakan Kartu Tanda Penduduk", "Mobil keliling di desa.", regency="33.19", kind="produk", is_digital=True),
        "izin": innovation(
            "Perizinan Usaha Terpadu", "Izin usaha di satu pintu.", regency="35.78", sectors=["perizinan"], sdgs=[8], kind="teknologi"
        ),
        "draft": InnovationFactory(title="Rahasia Draf KTP", live=False, moderation_status="draft"),
    }


def test_the_answer_has_count_results_facets_and_suggestion(api, catalog):
    response = api.get(URL, {"q": "ktp"})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"count", "next", "previous", "results", "facets", "suggestion", "corrected", "degraded"}
    assert data["count"] == 2
    record = catalog["ktp"]
    first = next(item for item in data["results"] if item["id"] == record.pk)
    assert first == {
        "id": record.pk,
        "external_id": "lan:49",
        "slug": record.slug,
        "title": "Pelayanan KTP Satu Jam",
        "summary": "Warga mengurus identitas dalam satu jam.",
        "agency": {"code": record.agency.code, "name": record.agency.name, "type": "pemkot"},
        "region": {"code": "33.72", "name": "Kota Surakarta"},
        "score": first["score"],
        "highlights": {"title": "Pelayanan <mark>KTP</mark> Satu Jam"},
    }
    assert first["score"] > 0
    assert data["facets"]["province"] == [{"value": "33", "label": "Jawa Tengah", "count": 2, "selected": False}]
    assert set(data["facets"]) == {
        "province", "regency", "agency_type", "sector", "sdg", "kind", "digital", "stage", "year", "has_replications", "min_rating",
    }  # fmt: skip
    assert data["suggestion"] is None and data["degraded"] is False


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"province": "35"}, {"izin"}),
        ({"regency": "33.19"}, {"kartu"}),
        ({"sector": "perizinan"}, {"izin"}),
        ({"sdg": "8"}, {"izin"}),
        ({"kind": "proses,produk"}, {"ktp", "kartu"}),
        ({"digital": "true"}, {"kartu"}),
        ({"stage": "penerapan"}, {"ktp", "kartu", "izin"}),
        ({"year_from": "2015", "year_to": "2015"}, {"ktp", "kartu", "izin"}),
        ({"year_from": "2016"}, set()),
        ({"has_replications": "false"}, {"ktp", "kartu", "izin"}),
        ({"min_rating": "1"}, set()),
        ({"q": "ktp", "province": "33", "digital": "false"}, {"ktp"}),
    ],
)
def test_every_parameter_filters(api, catalog, params, expected):
    data = api.get(URL, params).json()
    names = {record.pk: name for name, record in catalog.items()}
    assert {names[item["id"]] for item in data["results"]} == expected
    assert data["count"] == len(expected)


def test_repeated_keys_choose_several_values(api, catalog):
    data = api.get(f"{URL}?kind=proses&kind=produk").json()
    assert data["count"] == 2
    assert {v["value"] for v in data["facets"]["kind"] if v["selected"]} == {"proses", "produk"}


def test_pages_link_to_each_other(api, catalog):
    first = api.get(URL, {"page_size": 2, "sort": "newest"}).json()
    assert first["count"] == 3 and len(first["results"]) == 2
    assert first["previous"] is None
    assert first["next"].endswith("page_size=2&sort=newest&page=2")
    second = api.get(first["next"]).json()
    assert len(second["results"]) == 1 and second["next"] is None
    assert {item["id"] for item in first["results"] + second["results"]} == {catalog[n].pk for n in ("ktp", "kartu", "izin")}


def test_a_misspelled_word_gets_a_suggestion(api, catalog):
    data = api.get(URL, {"q": "perizinnan"}).json()
    assert data["suggestion"] == "perizinan"
    assert [item["id"] for item in data["results"]] == [catalog["izin"].pk]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"kind": "bukan"}, "kind"),
        ({"digital": "mungkin"}, "digital"),
        ({"sort": "acak"}, "sort"),
        ({"page": "0"}, "page"),
        ({"page_size": "1000"}, "page_size"),
        ({"min_rating": "9"}, "min_rating"),
        ({"year_from": "tahun"}, "year_from"),
        ({"sdg": "delapan"}, "sdg"),
    ],
)
def test_invalid_parameters_are_refused_with_the_shared_error_body(api, catalog, params, field):
    response = api.get(URL, params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400 and field in error["fields"]


def test_the_schema_documents_the_endpoint(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operation = schema["paths"]["/api/v1/innovations/"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"q", "province", "regency", "sector", "sdg", "kind", "digital", "stage", "year_from", "year_to",
            "has_replications", "min_rating", "sort", "page", "page_size"} <= names  # fmt: skip
    assert set(operation["responses"]) >= {"200", "400"}


def _search_queries(api, **params) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert api.get(URL, params).status_code == 200
    return len(queries)


@pytest.mark.parametrize("params", [{}, {"q": "sampah", "province": "35"}])
def test_the_number_of_queries_does_not_grow_with_the_results(api, params):
    """Every result's agency and region come with the page (search.hits.CARD_FIELDS), not one by one."""
    for number in range(3):
        innovation(f"Bank Sampah {number}", "Warga menabung sampah.", regency=["33.72", "35.78"][number % 2])
    small = _search_queries(api, **params)
    for number in range(3, 40):
        innovation(f"Bank Sampah {number}", "Warga menabung sampah.", regency=["33.72", "35.78", "51.03"][number % 3])
    assert _search_queries(api, **params) == small
    results = api.get(URL, params).json()["results"]
    assert len(results) > 10 and all(result["agency"]["name"] and result["region"]["name"] for result in results)
