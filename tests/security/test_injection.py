"""Injection strings in the catalog search and in every filter of /inovasi/ and
/api/v1/innovations/: always an answer (200, or 400 with a message), never a 500,
and the database untouched.

The strings aim at each layer the query passes: SQL (the filters and both database
backends), SQLite FTS5 and PostgreSQL tsquery syntax (the words), the parser of
the query string itself (bad percent-encoding, NUL), and sizes no form would send.
"""

import pytest
from django.core.cache import cache

from registry.innovations.models import Innovation
from search.params import FACETS
from tests.factories_search import innovation
from tests.factories_security import visible_text

pytestmark = pytest.mark.django_db

ATTACKS = [
    "' OR '1'='1",
    "1; DROP TABLE innovations_innovation; --",
    "1' UNION SELECT username, password FROM accounts_user --",
    "%' AND 1=1 AND '%'='",
    '"',
    '"ktp',
    "*",
    "ktp*",
    "NEAR(",
    "NEAR(ktp akta, 2)",
    "ktp AND",
    "OR",
    "NOT",
    "^ktp",
    "title:ktp",
    "{title summary}: ktp",
    "(ktp",
    "ktp)",
    "- + ! & | <-> :*",
    "ktp & !akta | (dukcapil <-> kelahiran)",
    "\\",
    "\x00",
    "ktp\u0000akta",
    "🙂 layanan 🚀",
    "\u202eakta\u202c",
    "ฺa\u0301\u0301\u0301",
    "Ā" * 300,
    "ktp " * 2000,
    "x" * 20_000,
    "-1",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "0x10",
    "",
]
# Raw query strings a browser would never send: bad percent-encoding and invalid UTF-8.
RAW_QUERIES = ["q=%ff%fe%fd", "q=%", "q=%zz", "sector=%c0%af", "page=%00", "q=" + "%e2%82" * 50]

PARAMETERS = ["q", *(facet.name for facet in FACETS), "year_from", "year_to", "sort", "page", "page_size"]
ENDPOINTS = {"catalog": "/inovasi/", "api": "/api/v1/innovations/"}


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    # Hundreds of requests from one anonymous client: the API's rate limit would answer 429.
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute"}}
    yield
    cache.clear()  # the throttle's history, so later tests start with the normal rate unspent


@pytest.fixture
def catalog(db):
    return [
        innovation("Pelayanan KTP Satu Jam", "Warga mengurus KTP dalam satu jam.", regency="33.72"),
        innovation("Akta Kelahiran Jemput Bola", "Petugas dukcapil menerbitkan akta di rumah sakit.", regency="35.78"),
    ]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("parameter", PARAMETERS)
def test_every_parameter_answers_every_attack_without_a_server_error(client, catalog, endpoint, parameter):
    count = Innovation.objects.count()
    failures = []
    for attack in ATTACKS:
        for query in ({parameter: attack}, {parameter: [attack, attack[:5], "1"]}, {"q": "ktp", parameter: attack}):
            response = client.get(ENDPOINTS[endpoint], query)
            if response.status_code not in {200, 400}:
                failures.append(f"{query!r:.80}: {response.status_code}")
            elif response.status_code == 400 and endpoint == "api":
                assert response.json()["error"]["status"] == 400
    assert failures == [], "\n".join(failures)
    assert Innovation.objects.count() == count


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_malformed_query_strings_are_answered(client, catalog, endpoint):
    for raw in RAW_QUERIES:
        response = client.get(f"{ENDPOINTS[endpoint]}?{raw}")
        assert response.status_code in {200, 400}, raw


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_an_attack_in_the_words_still_finds_by_the_real_words(client, catalog, endpoint):
    response = client.get(ENDPOINTS[endpoint], {"q": "ktp' OR '1'='1"})
    assert response.status_code == 200
    body = " ".join(visible_text(response.content.decode()).split())  # highlights split the title
    assert "Pelayanan KTP Satu Jam" in body
    assert "Akta Kelahiran Jemput Bola" not in body  # the OR did not widen the search to everything
