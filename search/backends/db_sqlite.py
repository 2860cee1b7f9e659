"""SQLite: FTS5 over stems computed in Python, bm25 ranking, an FTS5 trigram lexicon.

The FTS5 table holds the stems (search.analysis) of four columns weighted like
PostgreSQL's A/B/C/D. FTS5's bm25() multiplies hit counts by column weights
before saturating them, so a title hit would count little more than a few
narrative hits; the score is therefore a sum of one bm25 per column, weighted
1.0 (title), 0.5 (summary, product, tags, sectors), 0.3 (agency and region),
0.2 (narrative), as in PostgreSQL. bm25 is lower-is-better, so the score is its
negation.
"""

from search.analysis import analyze, trigram_similarity
from search.backends.database import TextMatch
from search.backends.db_filters import DOCUMENT_COLUMNS, TABLE, document_row
from search.facet_index import bitset
from search.lexicon import QueryPlan

FTS = "registry_search_fts"
COLUMN_WEIGHTS = (1.0, 0.5, 0.3, 0.2)
BM25 = " + ".join(
    f"{weight} * bm25({FTS}, {', '.join('1.0' if i == column else '0.0' for i in range(4))})"
    for column, weight in enumerate(COLUMN_WEIGHTS)
)


def fts_query(groups, *, operator: str) -> str:
    """FTS5 query over stems: concepts joined by AND or OR; a synonym is its class token.

    Stems are letters and digits only, quoted, so they never carry FTS5 syntax.
    """
    return f" {operator} ".join(_term(group) for group in groups)


def _term(group) -> str:
    """A stem; or a synonym: its class token, or the words as typed (see db_postgres._term)."""
    own = group.alternatives[0].stems
    if group.token is None:
        return f'"{own[0]}"'
    if len(own) == 1:
        return f'"{group.token}"'
    return f'("{group.token}" OR (' + " AND ".join(f'"{s}"' for s in own) + "))"


def _stems(text: str) -> str:
    return " ".join(stem for _word, stem in analyze(text))


class SqliteText:
    # bm25 needs the MATCH of its own query: pages are ranked in one SQL statement.
    ranks_candidates = False

    def match_key(self, plan: QueryPlan) -> str:
        required = plan.required_groups
        return fts_query(required, operator="AND") if required else fts_query(plan.parsed.groups, operator="OR")

    def match_bits(self, cursor, plan: QueryPlan) -> int:
        query = self.match_key(plan)
        cursor.execute(f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s", [query])
        ids = [row[0] for row in cursor.fetchall()]
        return bitset(ids, max(ids)) if ids else 0

    def match(self, plan: QueryPlan) -> TextMatch:
        required = plan.required_groups
        query = fts_query(required, operator="AND") if required else fts_query(plan.parsed.groups, operator="OR")
        # Ranked over every concept (bm25 weighs each by its rarity), filtered by the required ones.
        ranked = fts_query(plan.parsed.groups, operator="OR")
        return TextMatch(
            join_sql=f"JOIN (SELECT rowid AS rid, ({BM25}) AS bm FROM {FTS} WHERE {FTS} MATCH %s) t ON t.rid = d.innovation_id",
            join_params=[ranked],
            # The ranked join already matches any concept; the required ones narrow it.
            where_sql=f"d.innovation_id IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s)" if query != ranked else "",
            where_params=[query] if query != ranked else [],
            rank_sql="-t.bm",
        )

    def write(self, cursor, documents) -> None:
        names = ", ".join(DOCUMENT_COLUMNS)
        marks = ", ".join(["%s"] * len(DOCUMENT_COLUMNS))
        updates = ", ".join(f"{name} = excluded.{name}" for name in DOCUMENT_COLUMNS[1:])
        cursor.executemany(
            f"INSERT INTO {TABLE} ({names}) VALUES ({marks}) ON CONFLICT (innovation_id) DO UPDATE SET {updates}",
            [document_row(document) for document in documents],
        )
        self.delete(cursor, [document.id for document in documents])
        cursor.executemany(
            f"INSERT INTO {FTS} (rowid, title, summary, meta, body) VALUES (%s, %s, %s, %s, %s)",
            [(d.id, _stems(d.title), _stems(d.summary), _stems(d.meta), _stems(d.body)) for d in documents],
        )

    def delete(self, cursor, ids) -> None:
        if ids:
            cursor.execute(f"DELETE FROM {FTS} WHERE rowid IN ({', '.join(['%s'] * len(ids))})", list(ids))

    def clear(self, cursor) -> None:
        cursor.execute(f"DELETE FROM {FTS}")

    def serialize_writes(self, cursor) -> None:
        """Nothing to do: SQLite writes one transaction at a time."""

    def keep_postings(self, cursor) -> int:
        """Nothing to keep: FTS5 reads a word's matches from its own index (search.postings is PostgreSQL's)."""
        return 0

    def after_rebuild(self, cursor) -> None:
        cursor.execute(f"INSERT INTO {FTS} ({FTS}) VALUES ('optimize')")
        cursor.execute("ANALYZE")

    def similar_words(self, cursor, word: str, *, limit: int = 10) -> list[tuple[str, float, int]]:
        grams = sorted({word[i : i + 3] for i in range(len(word) - 2)})
        if not grams:
            return []
        # Candidates share trigrams with the word (best bm25 first); similarity as pg_trgm computes it.
        cursor.execute(
            "SELECT t.word, t.doc_count FROM registry_search_term_trigram g"
            " JOIN registry_search_term t ON t.id = g.rowid"
            " WHERE registry_search_term_trigram MATCH %s ORDER BY g.rank LIMIT 300",
            [" OR ".join(f'"{gram}"' for gram in grams)],
        )
        scored = [(w, trigram_similarity(word, w), count) for w, count in cursor.fetchall()]
        scored = [item for item in scored if item[1] >= 0.3]
        scored.sort(key=lambda item: (-item[1], -item[2], item[0]))
        return scored[:limit]
