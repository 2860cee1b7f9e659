"""Filters and the page of results as SQL, the same on PostgreSQL and SQLite.

Facet counts are not SQL: see search/facet_index.py.
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
ORDERS = {
    "relevance": "score DESC, {p}published_at DESC, {p}innovation_id DESC",
    "newest": "{p}published_at DESC, {p}innovation_id DESC",
    "rating": "{p}rating_bayesian DESC NULLS LAST, {p}review_count DESC, {p}published_at DESC, {p}innovation_id DESC",
    "replications": "{p}replication_total DESC, {p}rating_bayesian DESC NULLS LAST, {p}published_at DESC, {p}innovation_id DESC",
}


def document_columns() -> tuple[str, ...]:
    return DOCUMENT_COLUMNS


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
    def _where(clauses: dict, *, without: str | None = None, extra: tuple[str, list] | None = None) -> tuple[str, list]:
        parts, values = [], []
        for name, (sql, params) in clauses.items():
            if name != without:
                parts.append(f"({sql})")
                values += params
        if extra and extra[0]:
            parts.insert(0, f"({extra[0]})")
            values = [*extra[1], *values]
        return (" AND ".join(parts) or "1 = 1"), values

    def where(self, prefix: str) -> tuple[str, list]:
        """Every filter of the search as one condition."""
        return self._where(self.clauses(prefix))

    def page(self, text, *, sort: str, exclude_id: int | None = None, scored: bool = True) -> tuple[str, list]:
        """A page: (innovation_id, score) rows; the caller appends LIMIT and OFFSET values.

        scored=False leaves the score out (0) when the order does not need it, so it is
        not computed for every match.
        """
        clauses = self.clauses("d.")
        if exclude_id is not None:
            clauses["_exclude"] = ("d.innovation_id <> %s", [exclude_id])
        if text is not None and not scored:
            where, where_params = self._where(clauses, extra=(text.filter_sql, list(text.filter_params)))
            join, join_params, score, score_params = "", [], "0", []
        elif text is None:
            join, join_params, score, score_params = "", [], "0", []
            where, where_params = self._where(clauses)
        else:
            join, join_params = text.join_sql, list(text.join_params)
            score = f"({text.rank_sql}) * (1 + d.quality_boost)"
            score_params = list(text.rank_params)
            where, where_params = self._where(clauses, extra=(text.where_sql, list(text.where_params)))
        order = ORDERS[sort].format(p="d.")
        sql = (
            f"SELECT d.innovation_id, {score} AS score FROM {TABLE} d {join} WHERE {where}"
            f" ORDER BY {order} LIMIT %s OFFSET %s"
        )
        return sql, [*score_params, *join_params, *where_params]
