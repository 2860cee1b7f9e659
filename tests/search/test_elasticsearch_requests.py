"""The exact requests the Elasticsearch backend sends, recorded by the client's node-class hook.

No server runs here: tests/search/es_recording.py records each request and
answers with the canned response the test gives. The contract tests run the
same backend against a real server when ELASTICSEARCH_URL is set.
"""

import datetime

import pytest

from search.analysis import KEPT_STOPWORDS_FILE, STOPWORDS_FILE, SYNONYMS_FILE, _data_lines
from search.backends.elastic import ElasticsearchBackend
from search.backends.elastic_documents import index_definition
from search.params import SearchParams
from tests.factories_search import innovation
from tests.search.es_recording import recording_client

ALIAS = "registry-test"
OLD_INDEX = "registry-test-20240101000000000000"
pytestmark = pytest.mark.django_db

FIELDS = ["title^4", "summary^2", "owner^1.2", "body"]


class Answers:
    """Canned answers by path; anything unexpected fails the test."""

    def __init__(self, *, alias_exists=True, searches=()):
        self.alias_exists = alias_exists
        self.searches = list(searches)

    def __call__(self, request):
        method, path = request.method, request.path
        if path == f"/_alias/{ALIAS}":
            if method == "HEAD":
                return (200 if self.alias_exists else 404), {}
            return 200, {OLD_INDEX: {"aliases": {ALIAS: {}}}}
        if path.endswith("/_bulk"):
            actions = [line for line in request.ndjson if set(line) <= {"index", "delete"} and len(line) == 1]
            items = [{op: {"_id": meta["_id"], "status": 201 if op == "index" else 404}} for action in actions for op, meta in action.items()]
            return 200, {"took": 1, "errors": any(i.get("delete") for i in items), "items": items}
        if path.endswith("/_search"):
            return 200, self.searches.pop(0)
        if path.endswith(("/_settings", "/_refresh")) or path == "/_aliases" or "/_alias/" in path:
            return 200, {"acknowledged": True}
        if method in {"PUT", "DELETE"} and path.count("/") == 1:
            return 200, {"acknowledged": True, "index": path[1:]}
        raise AssertionError(f"unexpected request {request}")


def backend_with(answers):
    client, requests = recording_client(answers)
    return ElasticsearchBackend(client=client, alias=ALIAS), requests


def empty_search_response(**extra):
    return {"took": 1, "timed_out": False, "hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}, **extra}


# --- Mapping and analysis ----------------------------------------------------------------------


def test_a_new_index_gets_the_indonesian_analysis_and_the_mapping():
    backend, requests = backend_with(Answers(alias_exists=False))
    backend.ensure_index()

    head, create, put_alias = requests
    assert (head.method, head.path) == ("HEAD", f"/_alias/{ALIAS}")
    assert create.method == "PUT" and create.path.startswith(f"/{ALIAS}-")
    name = create.path[1:]
    assert (put_alias.method, put_alias.path) == ("PUT", f"/{name}/_alias/{ALIAS}")

    body = create.json
    assert body == index_definition(name)
    analysis = body["settings"]["analysis"]
    assert analysis["analyzer"]["registry_indonesian"] == {
        "type": "custom",
        "tokenizer": "standard",
        "filter": ["lowercase", "asciifolding", "registry_min_length", "registry_indonesian_stop", "registry_indonesian_stemmer"],
    }
    assert analysis["analyzer"]["registry_indonesian_search"]["filter"][-1] == "registry_synonyms"
    assert analysis["filter"]["registry_indonesian_stemmer"] == {"type": "stemmer", "language": "indonesian"}
    kept = set(_data_lines(KEPT_STOPWORDS_FILE))
    assert analysis["filter"]["registry_indonesian_stop"]["stopwords"] == sorted(set(_data_lines(STOPWORDS_FILE)) - kept)
    assert analysis["filter"]["registry_synonyms"] == {
        "type": "synonym_graph",
        "synonyms": _data_lines(SYNONYMS_FILE),
        "lenient": True,
    }
    properties = body["mappings"]["properties"]
    assert properties["title"] == {
        "type": "text",
        "analyzer": "registry_indonesian",
        "search_analyzer": "registry_indonesian_search",
        "copy_to": "spell",
    }
    assert properties["spell"] == {"type": "text", "analyzer": "registry_plain"}
    assert {name: field["type"] for name, field in properties.items() if name not in {"title", "summary", "owner", "body", "spell"}} == {
        "innovation_id": "long",
        "slug": "keyword",
        "external_id": "keyword",
        "province": "keyword",
        "regency": "keyword",
        "agency_type": "keyword",
        "kind": "keyword",
        "stage": "keyword",
        "sectors": "keyword",
        "sdgs": "keyword",
        "is_digital": "boolean",
        "year_implemented": "integer",
        "has_replications": "boolean",
        "replication_total": "integer",
        "rating_bayesian": "float",
        "review_count": "integer",
        "award_count": "integer",
        "published_at": "date",
        "quality_factor": "float",
    }


# --- Writing ------------------------------------------------------------------------------------


def test_indexing_sends_one_bulk_request_with_documents_and_deletions():
    record = innovation(
        "Pelayanan KTP Satu Jam",
        "Warga mengurus KTP dalam satu jam.",
        regency="33.72",
        sdgs=[16],
        kind="proses",
        year_implemented=2014,
        rating_bayesian=4.5,
        review_count=4,
        published=datetime.datetime(2020, 5, 1, tzinfo=datetime.UTC),
    )
    backend, requests = backend_with(Answers())
    backend.index([record.pk, 999999])

    head, bulk = requests
    assert (head.method, head.path) == ("HEAD", f"/_alias/{ALIAS}")
    assert (bulk.method, bulk.path) == ("PUT", f"/{ALIAS}/_bulk")
    action, source, delete = bulk.ndjson
    assert action == {"index": {"_id": str(record.pk)}}
    assert delete == {"delete": {"_id": "999999"}}
    assert source == {
        "innovation_id": record.pk,
        "title": "Pelayanan KTP Satu Jam",
        "summary": "Warga mengurus KTP dalam satu jam.\n\nAdministrasi kependudukan dan pencatatan sipil",
        "owner": f"{record.agency.name}\nKota Surakarta\nJawa Tengah",
        "body": "\n" * 8,
        "slug": record.slug,
        "province": "33",
        "regency": "33.72",
        "agency_type": "pemkot",
        "kind": "proses",
        "stage": "penerapan",
        "sectors": ["administrasi-kependudukan"],
        "sdgs": ["16"],
        "is_digital": False,
        "year_implemented": 2014,
        "has_replications": False,
        "replication_total": 0,
        "rating_bayesian": 4.5,
        "review_count": 4,
        "award_count": 0,
        "published_at": "2020-05-01T00:00:00+00:00",
        "quality_factor": 1.075,
    }


def test_removing_deletes_by_id_and_tolerates_what_is_already_gone():
    backend, requests = backend_with(Answers())
    backend.remove([7, 8])
    bulk = requests[-1]
    assert bulk.path == f"/{ALIAS}/_bulk"
    assert bulk.ndjson == [{"delete": {"_id": "7"}}, {"delete": {"_id": "8"}}]


def test_rebuild_fills_a_new_index_then_swaps_the_alias_atomically():
    first = innovation("Bank Sampah Kelurahan", "Warga menabung sampah.")
    second = innovation("Akta Kelahiran Jemput Bola", "Petugas datang ke rumah.")
    backend, requests = backend_with(Answers())
    progress = []

    assert backend.rebuild(progress=progress.append, batch_size=1) == 2

    name = requests[0].path[1:]
    assert name.startswith(f"{ALIAS}-") and name != OLD_INDEX
    assert [(r.method, r.path) for r in requests] == [
        ("PUT", f"/{name}"),
        ("PUT", f"/{name}/_settings"),
        ("PUT", f"/{name}/_bulk"),
        ("PUT", f"/{name}/_bulk"),
        ("PUT", f"/{name}/_settings"),
        ("POST", f"/{name}/_refresh"),
        ("HEAD", f"/_alias/{ALIAS}"),
        ("GET", f"/_alias/{ALIAS}"),
        ("POST", "/_aliases"),
        ("DELETE", f"/{OLD_INDEX}"),
    ]
    assert requests[1].json == {"index": {"refresh_interval": "-1"}}
    assert [r.ndjson[0] for r in requests[2:4]] == [{"index": {"_id": str(first.pk)}}, {"index": {"_id": str(second.pk)}}]
    assert requests[4].json == {"index": {"refresh_interval": "1s"}}
    assert requests[8].json == {
        "actions": [
            {"remove": {"index": OLD_INDEX, "alias": ALIAS}},
            {"add": {"index": name, "alias": ALIAS, "is_write_index": True}},
        ]
    }
    assert progress == [1, 1]


# --- Reading --------------------------------------------------------------------------------------


def _facet_filter(*clauses):
    return {"bool": {"filter": list(clauses)}} if clauses else {"bool": {}}


def test_the_search_body_for_words_filters_and_a_page():
    backend, requests = backend_with(Answers(searches=[empty_search_response()] * 2))
    params = SearchParams(q="kartu tanda penduduk", filters=(("province", ("33",)), ("sector", ("kesehatan",))), digital=True, page=2, page_size=10)

    backend.query(params)

    request = requests[0]
    assert (request.method, request.path) == ("POST", f"/{ALIAS}/_search")
    province = {"terms": {"province": ["33"]}}
    sector = {"terms": {"sectors": ["kesehatan"]}}
    digital = {"term": {"is_digital": True}}

    def terms(field, size=20):
        return {"values": {"terms": {"field": field, "size": size}}}

    assert request.json == {
        "track_total_hits": True,
        "query": {
            "function_score": {
                "query": {
                    "bool": {
                        "should": [
                            {
                                "multi_match": {
                                    "query": "kartu tanda penduduk",
                                    "fields": FIELDS,
                                    "type": "cross_fields",
                                    "operator": "and",
                                    "analyzer": "registry_indonesian_search",
                                    "boost": 2,
                                }
                            },
                            {
                                "multi_match": {
                                    "query": "kartu tanda penduduk",
                                    "fields": FIELDS,
                                    "type": "best_fields",
                                    "fuzziness": "AUTO",
                                    "prefix_length": 1,
                                    "minimum_should_match": "75%",
                                    "analyzer": "registry_indonesian",
                                }
                            },
                        ],
                        "minimum_should_match": 1,
                    }
                },
                "functions": [{"field_value_factor": {"field": "quality_factor", "missing": 1}}],
                "boost_mode": "multiply",
            }
        },
        "post_filter": {"bool": {"filter": [province, sector, digital]}},
        "aggs": {
            "facet_province": {"filter": _facet_filter(sector, digital), "aggs": terms("province", 50)},
            "facet_regency": {"filter": _facet_filter(province, sector, digital), "aggs": terms("regency", 600)},
            "facet_agency_type": {"filter": _facet_filter(province, sector, digital), "aggs": terms("agency_type")},
            "facet_sector": {"filter": _facet_filter(province, digital), "aggs": terms("sectors", 100)},
            "facet_sdg": {"filter": _facet_filter(province, sector, digital), "aggs": terms("sdgs")},
            "facet_kind": {"filter": _facet_filter(province, sector, digital), "aggs": terms("kind")},
            "facet_stage": {"filter": _facet_filter(province, sector, digital), "aggs": terms("stage")},
            "facet_year": {"filter": _facet_filter(province, sector, digital), "aggs": terms("year_implemented", 100)},
            "facet_digital": {"filter": _facet_filter(province, sector), "aggs": terms("is_digital")},
            "facet_has_replications": {"filter": _facet_filter(province, sector, digital), "aggs": terms("has_replications")},
            "facet_min_rating": {
                "filter": _facet_filter(province, sector, digital),
                "aggs": {
                    "values": {
                        "range": {
                            "field": "rating_bayesian",
                            "ranges": [{"key": k, "from": int(k)} for k in ("4", "3", "2", "1")],
                            "keyed": False,
                        }
                    }
                },
            },
        },
        "highlight": {
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "encoder": "html",
            "fields": {"title": {"number_of_fragments": 0}, "summary": {"fragment_size": 300, "number_of_fragments": 1}},
        },
        "suggest": {
            "spelling": {
                "text": "kartu tanda penduduk",
                "term": {"field": "spell", "suggest_mode": "missing", "min_word_length": 3},
            }
        },
        "_source": False,
        "from": 10,
        "size": 10,
    }


def test_few_matches_search_again_for_any_of_the_words():
    backend, requests = backend_with(Answers(searches=[empty_search_response(), empty_search_response()]))
    backend.query(SearchParams(q="gelandangan pengemis"))
    first, second = (r.json["query"]["function_score"]["query"]["bool"]["should"] for r in requests)
    assert first[0]["multi_match"]["operator"] == "and" and first[1]["multi_match"]["minimum_should_match"] == "75%"
    assert second[0]["multi_match"]["operator"] == "or" and second[1]["multi_match"]["minimum_should_match"] == "1"


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("newest", [{"published_at": {"order": "desc", "missing": "_last"}}, {"innovation_id": "desc"}]),
        (
            "rating",
            [{"rating_bayesian": {"order": "desc", "missing": "_last"}}, {"review_count": "desc"}, "_score", {"innovation_id": "desc"}],
        ),
        (
            "replications",
            [{"replication_total": "desc"}, {"rating_bayesian": {"order": "desc", "missing": "_last"}}, "_score", {"innovation_id": "desc"}],
        ),
    ],
)
def test_sort_orders(sort, expected):
    backend, requests = backend_with(Answers(searches=[empty_search_response()]))
    backend.query(SearchParams(sort=sort))
    body = requests[0].json
    assert body["sort"] == expected
    assert "query" not in body and "highlight" not in body and "suggest" not in body


def test_a_response_becomes_results_with_innovations_facets_highlights_and_suggestion():
    ktp = innovation("Pelayanan KTP Satu Jam", "Warga mengurus KTP.", regency="33.72")
    kartu = innovation("Pencetakan Kartu Tanda Penduduk", "Mobil keliling.", regency="33.19")
    response = {
        "took": 3,
        "timed_out": False,
        "hits": {
            "total": {"value": 2, "relation": "eq"},
            "hits": [
                {"_id": str(kartu.pk), "_score": 7.5, "highlight": {"title": ["Pencetakan <mark>Kartu</mark> Tanda &lt;b&gt;"]}},
                {"_id": str(ktp.pk), "_score": 3.25},
            ],
        },
        "aggregations": {
            "facet_province": {"doc_count": 2, "values": {"buckets": [{"key": "33", "doc_count": 2}]}},
            "facet_digital": {"doc_count": 2, "values": {"buckets": [{"key": 0, "key_as_string": "false", "doc_count": 2}]}},
            "facet_min_rating": {"doc_count": 2, "values": {"buckets": [{"key": "4", "from": 4.0, "doc_count": 0}]}},
        },
        "suggest": {"spelling": [{"text": "kartoe", "offset": 0, "length": 6, "options": [{"text": "kartu", "score": 0.8, "freq": 3}]}]},
    }
    # Two words, two matches: the backend also asks for any of the words, which finds no more.
    backend, _requests = backend_with(Answers(searches=[response, response]))

    results = backend.query(SearchParams(q="Kartoe tanda", page_size=10))

    assert [(hit.id, hit.score) for hit in results.items] == [(kartu.pk, 7.5), (ktp.pk, 3.25)]
    assert results.items[0].innovation.title == "Pencetakan Kartu Tanda Penduduk"
    assert results.items[0].highlights == {"title": "Pencetakan <mark>Kartu</mark> Tanda &lt;b&gt;"}
    assert results.total == 2
    assert [(v.value, v.label, v.count) for v in results.facets["province"]] == [("33", "Jawa Tengah", 2)]
    assert [(v.value, v.count) for v in results.facets["digital"]] == [("false", 2)]
    assert results.suggestion == "kartu tanda"


def test_more_like_this_body():
    backend, requests = backend_with(Answers(searches=[empty_search_response()]))
    assert backend.similar(42, limit=4) == []
    assert requests[0].json == {
        "query": {
            "more_like_this": {
                "fields": ["title", "summary", "body"],
                "like": [{"_index": ALIAS, "_id": "42"}],
                "min_term_freq": 1,
                "min_doc_freq": 2,
                "max_query_terms": 25,
                "minimum_should_match": "20%",
            }
        },
        "_source": False,
        "size": 4,
    }
