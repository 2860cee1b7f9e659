import pytest

from tests.factories import AgencyFactory


@pytest.mark.django_db
def test_provinces_and_regencies_are_listed_with_kemendagri_codes(api):
    provinces = api.get("/api/v1/provinces/").json()
    assert provinces["count"] == 38
    assert provinces["results"][0] == {"code": "11", "name": provinces["results"][0]["name"], "bps_code": ""}

    regencies = api.get("/api/v1/regencies/", {"province": "33"}).json()
    assert regencies["count"] == 35
    assert {r["province"] for r in regencies["results"]} == {"33"}
    surakarta = api.get("/api/v1/regencies/33.72/").json()
    assert (surakarta["name"], surakarta["kind"], surakarta["province"]) == ("Kota Surakarta", "kota", "33")


@pytest.mark.django_db
def test_agencies_filter_like_the_catalog(api, agency_a, agency_b):
    AgencyFactory(code="kemenkes", name="Kementerian Kesehatan", type="kementerian", regency=None, province=None)
    assert [a["code"] for a in api.get("/api/v1/agencies/", {"type": "kementerian"}).json()["results"]] == ["kemenkes"]
    assert [a["code"] for a in api.get("/api/v1/agencies/", {"province": "35"}).json()["results"]] == ["pemkot-surabaya"]
    assert [a["code"] for a in api.get("/api/v1/agencies/", {"q": "surakarta"}).json()["results"]] == ["pemkot-surakarta"]
    detail = api.get("/api/v1/agencies/pemkot-surabaya/").json()
    assert (detail["regency"], detail["province"]) == ("35.78", "35")


@pytest.mark.django_db
def test_unknown_object_and_bad_filter_get_the_shared_error_body(api):
    response = api.get("/api/v1/agencies/tidak-ada/")
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404 and response.json()["error"]["code"] == "not_found"
    response = api.get("/api/v1/agencies/", {"type": "ajaib"})
    assert response.status_code == 400
    body = response.json()["error"]
    assert body["code"] == "invalid" and "type" in body["fields"]
