"""The embedded default backend: the search index lives in the application's database.

PostgreSQL (full-text search, `indonesian` configuration, GIN, pg_trgm) and
SQLite (FTS5 over stems computed in Python) differ only in how text is written,
matched and ranked (db_postgres.py, db_sqlite.py); filters, facet counts and
sorted pages come from bitsets each process keeps (facet_index.py), the same on
both.

A search asks the database which innovations match its words (one aggregate
statement returning a bitset), counts facets in memory (search/facet_index.py),
ranks the page (exactly for up to EXACT_RANK_LIMIT results; beyond, among the
best title matches), then loads the page's innovations and the facet labels: a
fixed number of statements whatever the number of matches. A query that finds
nothing is retried with a spelling correction; one that finds less than a page
also with any of its words instead of all of them.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import connections, transaction

from search import SIMILAR_LIMIT, facet_index, lexicon, similar_cache
from search.analysis import ParsedQuery, parse_query
from search.backends.base import Progress, SearchBackend
from search.backends.db_filters import FacetSql
from search.documents import IndexedDocument, documents_for, published_id_batches
from search.facet_index import bit_positions
from search.hits import label_facets, load_hits
from search.params import FACETS, Hit, Results, SearchParams


@dataclass
class TextMatch:
    """How a vendor ranks a page of matches in SQL (fragments over the alias `d`)."""

    join_sql: str  # what the ranked page joins to get a score
    join_params: list
    rank_sql: str
    rank_params: list = field(default_factory=list)
    where_sql: str = ""  # a condition the ranked page adds (with join_sql)
    where_params: list = field(default_factory=list)


@dataclass
class Outcome:
    total: int
    facets: dict[str, dict[str, int]]
    scored: list[tuple[int, float]]


def _similar_size(limit: int) -> int:
    """Twice as many as shown are kept: some may have been unpublished since the list was kept."""
    return 2 * limit


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _vendor(using: str):
    if connections[using].vendor == "postgresql":
        from search.backends.db_postgres import PostgresText

        return PostgresText()
    from search.backends.db_sqlite import SqliteText

    return SqliteText()


# Fewer matches than a page: show what matches any of the words instead (ranked, so
# what matches most of them, and the rarest of them, still comes first).
RELAX_BELOW = 10
# Up to this many results are ranked exactly; beyond, the TITLE_CANDIDATES best
# title matches (shortest titles with the query's rarest concept) are ranked
# exactly and come first, then (if they do not fill the page) the
# FALLBACK_CANDIDATES newest other results, ranked exactly (PostgreSQL; see _page
# and db_postgres.title_candidates). Deep pages of very broad queries are thus
# approximate; the first pages are where people look.
EXACT_RANK_LIMIT = 1000
TITLE_CANDIDATES = 300
FALLBACK_CANDIDATES = 1000


class DatabaseBackend(SearchBackend):
    name = "database"
    write_batch_size = 500

    def __init__(self, using: str = "default"):
        self.using = using

    @property
    def text(self):
        return _vendor(self.using)

    # --- Writing -------------------------------------------------------------------

    def index(self, ids) -> None:
        for chunk in _chunks(list(dict.fromkeys(ids)), self.write_batch_size):
            documents, gone = documents_for(chunk)
            with transaction.atomic(using=self.using), connections[self.using].cursor() as cursor:
                self.text.serialize_writes(cursor)
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"SELECT innovation_id FROM registry_search_document WHERE innovation_id IN ({marks})", chunk)
                known = {row[0] for row in cursor.fetchall()}
                self._delete(cursor, gone)
                self._write(cursor, documents)
                entered = any(document.id not in known for document in documents)
                facet_index.index_changed(cursor, membership=entered or bool(known & set(gone)))
                lexicon.lexicon_add([d for d in documents if d.id not in known], new=True, using=self.using)
                lexicon.lexicon_add([d for d in documents if d.id in known], new=False, using=self.using)

    def remove(self, ids) -> None:
        with transaction.atomic(using=self.using), connections[self.using].cursor() as cursor:
            self.text.serialize_writes(cursor)
            self._delete(cursor, list(ids))
            facet_index.index_changed(cursor, membership=True)

    def rebuild(self, *, progress: Progress | None = None, batch_size: int = 500) -> int:
        """One transaction: searches see the old index until the new one commits."""
        words: Counter = Counter()
        indexed = 0
        with transaction.atomic(using=self.using), connections[self.using].cursor() as cursor:
            self.text.serialize_writes(cursor)
            cursor.execute("DELETE FROM registry_search_value")
            similar_cache.forget_all(cursor)
            self.text.clear(cursor)
            cursor.execute("DELETE FROM registry_search_document")
            for batch in published_id_batches(batch_size):
                documents, _gone = documents_for(batch)
                self._write(cursor, documents)
                words.update(lexicon.document_words(documents))
                indexed += len(documents)
                if progress:
                    progress(len(batch))
            lexicon.lexicon_replace(words, using=self.using)
            self.text.keep_postings(cursor)
            facet_index.index_changed(cursor, membership=True)
        with connections[self.using].cursor() as cursor:
            self.text.after_rebuild(cursor)
        return indexed

    def keep_postings(self) -> int:
        """Choose the frequent words again and keep their bitsets (`search_index --postings`)."""
        with transaction.atomic(using=self.using), connections[self.using].cursor() as cursor:
            self.text.serialize_writes(cursor)
            return self.text.keep_postings(cursor)

    def _write(self, cursor, documents: list[IndexedDocument]) -> None:
        if not documents:
            return
        ids = [document.id for document in documents]
        self._delete_values(cursor, ids)
        self.text.write(cursor, documents)
        values = [(d.id, "sector", code) for d in documents for code in d.sectors]
        values += [(d.id, "sdg", number) for d in documents for number in d.sdgs]
        if values:
            cursor.executemany(
                "INSERT INTO registry_search_value (document_id, facet, value) VALUES (%s, %s, %s)", values
            )

    def _delete_values(self, cursor, ids: list[int]) -> None:
        for chunk in _chunks(ids, 500):
            similar_cache.forget(cursor, chunk)
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM registry_search_value WHERE document_id IN ({marks})", chunk)

    def _delete(self, cursor, ids: list[int]) -> None:
        self._delete_values(cursor, ids)
        for chunk in _chunks(ids, 500):
            marks = ", ".join(["%s"] * len(chunk))
            self.text.delete(cursor, chunk)
            cursor.execute(f"DELETE FROM registry_search_document WHERE innovation_id IN ({marks})", chunk)

    # --- Reading -------------------------------------------------------------------------

    def query(self, params: SearchParams) -> Results:
        parsed = parse_query(params.q)
        outcome = self._search(params, parsed, relaxed=False)
        suggestion, corrected, relaxed = None, False, False
        if parsed and outcome.total == 0:
            suggestion = lexicon.suggest(self.text, parsed, using=self.using)
            if suggestion:
                fixed = parse_query(suggestion)
                attempt = self._search(params, fixed, relaxed=False)
                if attempt.total:
                    outcome, parsed, corrected = attempt, fixed, True
        if parsed and len(parsed.groups) > 1 and outcome.total < RELAX_BELOW:
            attempt = self._search(params, parsed, relaxed=True)
            if attempt.total > outcome.total:
                outcome, relaxed = attempt, True
        return self._results(params, parsed, outcome, suggestion=suggestion, corrected=corrected, relaxed=relaxed)

    def _results(self, params, parsed, outcome, **flags) -> Results:
        return Results(
            items=load_hits(outcome.scored, terms=parsed.highlight_terms),
            total=outcome.total,
            facets=label_facets(outcome.facets, params),
            params=params,
            **flags,
        )

    def _search(self, params: SearchParams, parsed: ParsedQuery, *, relaxed: bool) -> Outcome:
        index = facet_index.current(self.using)
        plan = lexicon.query_plan(parsed, total=index.size, relaxed=relaxed, using=self.using) if parsed else None
        with connections[self.using].cursor() as cursor:
            matches = self._matches(cursor, index, plan) if plan else index.universe
            results, raw = index.count(matches, params)
            total = results.bit_count()
            scored = self._page(cursor, index, params, plan, results, total) if total and params.offset < total else []
        return Outcome(total=total, facets=raw, scored=scored)

    def _matches(self, cursor, index, plan) -> int:
        return index.cached_match(self.text.match_key(plan), lambda: self.text.match_bits(cursor, plan))

    def _page(
        self, cursor, index, params: SearchParams, plan, results: int, total: int, *, remember: bool = True
    ) -> list[tuple[int, float]]:
        """remember: keep this ranking's title candidates and scores (not for one-off rankings)."""
        sort, end = params.effective_sort, params.offset + params.page_size
        if plan is None and sort == "relevance":
            # Words that parse to nothing searchable (only `*` or `"`): no relevance to rank by.
            sort = "newest"
        if plan is None or sort != "relevance":
            ids = index.page_in_order(results, sort, offset=params.offset, limit=params.page_size)
            if plan is None or not self.text.ranks_candidates:
                return [(pk, 0.0) for pk in ids]
            scores = dict(self._ranked(cursor, index, plan, ids, remember))
            return [(pk, scores.get(pk, 0.0)) for pk in ids]
        if self.text.ranks_candidates:
            if total <= EXACT_RANK_LIMIT:
                return self._ranked(cursor, index, plan, bit_positions(results), remember)[params.offset : end]
            # Title matches first: filters are applied to them here, so ask for more when filtering.
            filtered = any(params.active(facet.name) for facet in FACETS)
            limit = max(TITLE_CANDIDATES, 2 * end) * (8 if filtered else 1)

            def candidates_now():
                return self.text.title_candidates(cursor, plan, limit=limit)

            candidates = index.cached_titles((self.text.title_key(plan), limit), candidates_now) if remember else candidates_now()
            titles = [pk for pk in candidates if results >> pk & 1]
            ranked = self._ranked(cursor, index, plan, titles, remember)
            if len(ranked) < end:
                # Too few titles match: then the newest of the other results, ranked exactly.
                seen = set(titles)
                newest = index.page_in_order(results, "newest", offset=0, limit=FALLBACK_CANDIDATES + len(seen))
                ranked += self._ranked(cursor, index, plan, [pk for pk in newest if pk not in seen], remember)
            return ranked[params.offset : end]
        sql, sql_params = FacetSql(params).ranked_page(self.text.match(plan))
        cursor.execute(sql, [*sql_params, params.page_size, params.offset])
        return [(pk, score or 0.0) for pk, score in cursor.fetchall()]

    def _ranked(self, cursor, index, plan, ids: list[int], remember: bool) -> list[tuple[int, float]]:
        """Exact scores of these innovations, best first (ties: newest first, as rank_ids orders).

        Scores already computed for this ranking since the last reload are reused: a
        repeated or paged query ranks only the candidates it has not seen.
        """
        scores = index.cached_scores(self.text.rank_key(plan)) if remember else {}
        missing = [pk for pk in ids if pk not in scores]
        if missing:
            scores.update(self.text.rank_ids(cursor, plan, missing))
        newest = index.ranks["newest"]
        ranked = [(pk, scores[pk]) for pk in ids if pk in scores]
        ranked.sort(key=lambda item: (-item[1], newest[item[0]] if item[0] < len(newest) else len(newest)))
        return ranked

    def similar(self, innovation_id: int, *, limit: int = SIMILAR_LIMIT) -> list[Hit]:
        index = facet_index.current(self.using)
        size = _similar_size(limit)
        scored = similar_cache.kept(innovation_id, size=size, membership=index.membership, using=self.using)
        if scored is None:
            scored = self._compute_and_keep_similar(index, innovation_id, size)
        return load_hits(scored)[:limit]

    def keep_similar(self, innovation_ids, *, limit: int = SIMILAR_LIMIT, progress=None) -> int:
        """Compute and keep the lists of these innovations now (the worker, `search_index --similar`)."""
        index = facet_index.current(self.using)
        for innovation_id in innovation_ids:
            self._compute_and_keep_similar(index, innovation_id, _similar_size(limit))
            if progress is not None:
                progress(1)
        return len(innovation_ids)

    def _compute_and_keep_similar(self, index, innovation_id: int, size: int) -> list[tuple[int, float]]:
        scored = self._similar(index, innovation_id, size)
        similar_cache.keep(innovation_id, scored, size=size, membership=index.membership, using=self.using)
        return scored

    def _similar(self, index, innovation_id: int, size: int) -> list[tuple[int, float]]:
        parsed = lexicon.characteristic_query(innovation_id, total=index.size, using=self.using)
        if not parsed:
            return []
        plan = lexicon.query_plan(parsed, total=index.size, relaxed=True, using=self.using)
        with connections[self.using].cursor() as cursor:
            results = self._matches(cursor, index, plan) & index.universe & ~(1 << innovation_id)
            page = SearchParams(page_size=size)
            # A one-off ranking (the list is kept in the database): the search caches stay for catalog queries.
            scored = self._page(cursor, index, page, plan, results, results.bit_count(), remember=False) if results else []
        return [(pk, score) for pk, score in scored if pk != innovation_id][:size]
