"""The document row's columns, and a search's filters as SQL for ranking a page in SQL.

Facet counts and sorted pages are not SQL: see search/facet_index.py. SQLite
ranks relevance in SQL (bm25 needs its MATCH), so the filters are repeated there.
"""

from search.params import SearchParams

TABLE = "registry_search_document"
# Every column the writers fill besides the text, in the order they pass values.
DOCUMENT_COLUMNS = (
    "innovation_id",
    "province_code",
    "regency_code",
    "agency_type",
    "kind",
    "stage",
    "is_digital",
    "year_implemented",
    "has_replications",
    "replication_total",
    "rating_bayesian",
    "review_count",
    "award_count",
    "published_at",
    "quality_boost",
    "title_words",
)
TERMS_COLUMNS = {
    "province": "province_code",
    "regency": "regency_code",
    "agency_type": "agency_type",
    "kind": "kind",
    "stage": "stage",
    "year": "year_implemented",
}
def document_row(document) -> tuple:
    return (
        document.id,
        document.province_code,
        document.regency_code,
        document.agency_type,
        document.kind,
        document.stage,
        document.is_digital,
        document.year_implemented,
        document.has_replications,
        document.replication_total,
        document.rating_bayesian,
        document.review_count,
        document.award_count,
        document.published_at,
        document.quality_boost,
        document.title_words,
    )


def _in(column: str, values) -> tuple[str, list]:
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


class FacetSql:
    def __init__(self, params: SearchParams):
        self.params = params

    def clauses(self, prefix: str) -> dict[str, tuple[str, list]]:
        """Facet name → (condition, params) for each facet this search narrows."""
        p, params, clauses = prefix, self.params, {}
        for name, values in params.filters:
            if name in TERMS_COLUMNS and name != "year":
                clauses[name] = _in(f"{p}{TERMS_COLUMNS[name]}", values)
            elif name in {"sector", "sdg"}:
                inner, inner_params = _in("value", values)
                clauses[name] = (
                    f"{p}innovation_id IN (SELECT document_id FROM registry_search_value"
                    f" WHERE facet = %s AND {inner})",
                    [name, *inner_params],
                )
        year_parts, year_params = [], []
        years = params.filter_map.get("year")
        if years:
            sql, values = _in(f"{p}year_implemented", [int(y) for y in years])
            year_parts.append(sql)
            year_params += values
        if params.year_from is not None:
            year_parts.append(f"{p}year_implemented >= %s")
            year_params.append(params.year_from)
        if params.year_to is not None:
            year_parts.append(f"{p}year_implemented <= %s")
            year_params.append(params.year_to)
        if year_parts:
            clauses["year"] = (" AND ".join(year_parts), year_params)
        if params.digital is not None:
            clauses["digital"] = (f"{p}is_digital = %s", [params.digital])
        if params.has_replications is not None:
            clauses["has_replications"] = (f"{p}has_replications = %s", [params.has_replications])
        if params.min_rating is not None:
            clauses["min_rating"] = (f"{p}rating_bayesian >= %s", [params.min_rating])
        return clauses

    @staticmethod
    def _where(clauses: dict, *, extra: tuple[str, list] | None = None) -> tuple[str, list]:
        parts, values = [], []
        for sql, params in clauses.values():
            parts.append(f"({sql})")
            values += params
        if extra and extra[0]:
            parts.insert(0, f"({extra[0]})")
            values = [*extra[1], *values]
        return (" AND ".join(parts) or "1 = 1"), values

    def ranked_page(self, text) -> tuple[str, list]:
        """The page in order of relevance: (innovation_id, score) rows; the caller appends
        LIMIT and OFFSET values. Ties go to the newest."""
        join, join_params = text.join_sql, list(text.join_params)
        score = f"({text.rank_sql}) * (1 + d.quality_boost)"
        where, where_params = self._where(self.clauses("d."), extra=(text.where_sql, list(text.where_params)))
        sql = (
            f"SELECT d.innovation_id, {score} AS score FROM {TABLE} d {join} WHERE {where}"
            " ORDER BY score DESC, d.published_at DESC, d.innovation_id DESC LIMIT %s OFFSET %s"
        )
        return sql, [*text.rank_params, *join_params, *where_params]
