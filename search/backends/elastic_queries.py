"""The request bodies the Elasticsearch backend sends, built with elasticsearch.dsl.

Matching and ranking mirror the database backends:
- words: every word must match somewhere (title ×4, summary ×2, agency and
  region ×1.2, narrative ×1, one field set: cross_fields), with synonyms; or,
  scored lower, most words with typos forgiven (fuzziness AUTO, no synonyms);
- fewer than a page of matches: any of the words ("relaxed"), as in the database;
- relevance × (1 + quality boost) via the stored `quality_factor`;
- facets: every filter goes to post_filter, and each facet's aggregation applies
  every filter except its own, so counts are multi-select counts;
- highlights in <mark>, HTML-escaped; "did you mean" from a term suggester over
  unstemmed words, for words no document contains.
"""

from elasticsearch.dsl import A, Q, Search

from search.params import RATING_THRESHOLDS, SearchParams

FIELDS = ["title^4", "summary^2", "owner^1.2", "body"]
SEARCH_ANALYZER = "registry_indonesian_search"
INDEX_ANALYZER = "registry_indonesian"
# Most values any facet can have (regencies: 514).
FACET_SIZES = {"regency": 600, "province": 50, "sector": 100, "year": 100}
TERMS_FIELDS = {
    "province": "province",
    "regency": "regency",
    "agency_type": "agency_type",
    "sector": "sectors",
    "sdg": "sdgs",
    "kind": "kind",
    "stage": "stage",
    "year": "year_implemented",
    "digital": "is_digital",
    "has_replications": "has_replications",
}
# The innovation id breaks ties (Elasticsearch 8 does not sort on _id).
SORTS = {
    "newest": [{"published_at": {"order": "desc", "missing": "_last"}}, {"innovation_id": "desc"}],
    "rating": [
        {"rating_bayesian": {"order": "desc", "missing": "_last"}},
        {"review_count": "desc"},
        "_score",
        {"innovation_id": "desc"},
    ],
    "replications": [
        {"replication_total": "desc"},
        {"rating_bayesian": {"order": "desc", "missing": "_last"}},
        "_score",
        {"innovation_id": "desc"},
    ],
}


def text_query(q: str, *, relaxed: bool = False) -> Q:
    exact = Q(
        "multi_match",
        query=q,
        fields=FIELDS,
        type="cross_fields",
        operator="or" if relaxed else "and",
        analyzer=SEARCH_ANALYZER,
        boost=2,
    )
    fuzzy = Q(
        "multi_match",
        query=q,
        fields=FIELDS,
        type="best_fields",
        fuzziness="AUTO",
        prefix_length=1,
        minimum_should_match="1" if relaxed else "75%",
        analyzer=INDEX_ANALYZER,
    )
    matched = Q("bool", should=[exact, fuzzy], minimum_should_match=1)
    return Q(
        "function_score",
        query=matched,
        functions=[{"field_value_factor": {"field": "quality_factor", "missing": 1}}],
        boost_mode="multiply",
    )


def filter_clauses(params: SearchParams) -> dict[str, Q]:
    """Facet name → the filter this search puts on it."""
    clauses = {}
    for name, values in params.filters:
        if name == "year":
            continue
        clauses[name] = Q("terms", **{TERMS_FIELDS[name]: list(values)})
    year = []
    if params.filter_map.get("year"):
        year.append(Q("terms", year_implemented=[int(y) for y in params.filter_map["year"]]))
    bounds = {key: value for key, value in (("gte", params.year_from), ("lte", params.year_to)) if value is not None}
    if bounds:
        year.append(Q("range", year_implemented=bounds))
    if year:
        clauses["year"] = Q("bool", filter=year)
    if params.digital is not None:
        clauses["digital"] = Q("term", is_digital=params.digital)
    if params.has_replications is not None:
        clauses["has_replications"] = Q("term", has_replications=params.has_replications)
    if params.min_rating is not None:
        clauses["min_rating"] = Q("range", rating_bayesian={"gte": params.min_rating})
    return clauses


def _all_except(clauses: dict[str, Q], name: str | None) -> Q:
    return Q("bool", filter=[clause for facet, clause in clauses.items() if facet != name])


def search_body(params: SearchParams, *, relaxed: bool = False) -> dict:
    s = Search().extra(track_total_hits=True)
    if params.q:
        s = s.query(text_query(params.q, relaxed=relaxed))
    clauses = filter_clauses(params)
    if clauses:
        s = s.post_filter(_all_except(clauses, None))
    for name, field in TERMS_FIELDS.items():
        inner = A("terms", field=field, size=FACET_SIZES.get(name, 20))
        s.aggs.bucket(f"facet_{name}", "filter", filter=_all_except(clauses, name)).bucket("values", inner)
    ranges = [{"key": threshold, "from": int(threshold)} for threshold in RATING_THRESHOLDS]
    s.aggs.bucket("facet_min_rating", "filter", filter=_all_except(clauses, "min_rating")).bucket(
        "values", A("range", field="rating_bayesian", ranges=ranges, keyed=False)
    )
    sort = params.effective_sort
    if sort != "relevance":
        s = s.sort(*SORTS[sort])
    if params.q:
        s = s.highlight_options(pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html")
        s = s.highlight("title", number_of_fragments=0)
        s = s.highlight("summary", fragment_size=300, number_of_fragments=1)
        s = s.suggest("spelling", params.q, term={"field": "spell", "suggest_mode": "missing", "min_word_length": 3})
    s = s.source(False)
    s = s[params.offset : params.offset + params.page_size]
    return s.to_dict()


def similar_body(index: str, innovation_id: int, *, limit: int) -> dict:
    mlt = Q(
        "more_like_this",
        fields=["title", "summary", "body"],
        like=[{"_index": index, "_id": str(innovation_id)}],
        min_term_freq=1,
        min_doc_freq=2,
        max_query_terms=25,
        minimum_should_match="20%",
    )
    return Search().query(mlt).source(False)[:limit].to_dict()
