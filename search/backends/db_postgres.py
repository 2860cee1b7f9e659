"""PostgreSQL: full-text search with the `indonesian` configuration, GIN indexes, pg_trgm.

Documents are written as their analysed words (search.analysis: stopwords out,
synonym tokens in) and PostgreSQL stems them; queries are written as words, so
PostgreSQL stems both sides the same way. Weights: title A, summary B, agency
and region C, narrative D; ts_rank weights {D 0.2, C 0.3, B 0.5, A 1.0},
normalised by the logarithm of the document length (option 1).

Layout (migration 0002): the document row holds the facet columns, the title
tsvector (inline, GIN) and `search_text` (out of line when longer than ~2 KB);
the GIN index that matches words is on `registry_search_vector(search_text)`,
so matching reads narrow rows and never rebuilds a tsvector, inside the
functions registry_search_match_words / registry_search_title_candidates (their
SET clauses keep the planner on the GIN indexes). `registry_search_rank` keeps
each full tsvector for ranking the candidates of a page exactly.
"""

from search import postings
from search.analysis import analyze
from search.backends.db_filters import DOCUMENT_COLUMNS, TABLE, document_row
from search.lexicon import QueryPlan

CONFIG = "indonesian"
WEIGHTS = "{0.2, 0.3, 0.5, 1.0}"
RANK_NORMALIZATION = 1
SEPARATOR = "\x1f"
OUT_OF_LINE_BYTES = 2100
MASK64 = (1 << 64) - 1

_CASTS = (
    "bigint", "varchar", "varchar", "varchar", "varchar", "varchar", "boolean", "smallint",
    "boolean", "integer", "double precision", "integer", "integer", "timestamptz", "double precision", "smallint",
)  # fmt: skip


def tsquery_text(groups, *, operator: str) -> str:
    """to_tsquery input: concepts joined by & or |; a synonym is its class token.

    Words are letters and digits only (search.analysis.WORD_RE), so they never
    carry tsquery syntax.
    """
    return f" {operator} ".join(_term(group) for group in groups)


def _term(group) -> str:
    """A word; or a synonym: its class token, or the words as typed (a phrase may be
    meant literally too: "transportasi umum" also finds "transportasi" … "umum")."""
    word = _single_word(group)
    return word if word is not None else f"({group.token} | ({' & '.join(group.alternatives[0].words)}))"


def _single_word(group) -> str | None:
    """The one word a concept's tsquery term is (see _term), or None when it is more."""
    own = group.alternatives[0].words
    if group.token is None:
        return own[0]
    return group.token if len(own) == 1 else None


def match_query(plan: QueryPlan) -> str:
    """All required concepts, or any concept when none is required (relaxed)."""
    required = plan.required_groups
    return tsquery_text(required, operator="&") if required else tsquery_text(plan.parsed.groups, operator="|")


def rank_sql(plan: QueryPlan, vector: str) -> tuple[str, list]:
    """Each concept ranked on its own and weighted by its rarity (like BM25's IDF).

    ts_rank of one term scores its best field (title over summary over the rest)
    with diminishing returns for repeats; ts_rank of an "&" query would score only
    how close together the words are, and of an "|" query would weigh "anak" as
    much as "putus" in "anak putus sekolah".
    """
    parts = [
        f"{weight:.4f} * ts_rank('{WEIGHTS}', {vector}, to_tsquery('{CONFIG}', %s), {RANK_NORMALIZATION})"
        for weight in plan.weights
    ]
    # A synonym ranks by its token alone: the words as typed only widen the match.
    return " + ".join(parts), [group.token or group.text for group in plan.parsed.groups]


def _search_text(document) -> str:
    parts = (document.title, document.summary, document.meta, document.body)
    text = SEPARATOR.join(" ".join(word for word, _stem in analyze(part)) for part in parts)
    # PostgreSQL moves a value out of the row only when the row is over ~2 KB: pad
    # shorter texts (trailing spaces make no lexemes) so every row stays narrow and
    # matching a broad word reads half as many pages.
    return text + " " * (OUT_OF_LINE_BYTES - len(text.encode()))


def _rarest(plan: QueryPlan):
    """The query's most telling concept (the highest weight)."""
    return max(zip(plan.weights, plan.parsed.groups, strict=True), key=lambda pair: pair[0])[1]


class PostgresText:
    ranks_candidates = True

    def match_key(self, plan: QueryPlan) -> str:
        return match_query(plan)

    def match_bits(self, cursor, plan: QueryPlan) -> int:
        """Every matching innovation as a bitset.

        A concept that is one frequent word reads that word's kept bitset
        (search.postings); the other concepts are matched together by the GIN
        index. All concepts are required (AND), or, relaxed, any will do (OR):
        the same as the one tsquery match_query writes.
        """
        required = plan.required_groups
        groups, operator = (required, "&") if required else (plan.parsed.groups, "|")
        single = [(group, _single_word(group)) for group in groups]
        candidates = [word for _group, word in single if word is not None]
        kept = postings.kept_bits(cursor, candidates)
        kept_words = {candidates[place]: bits for place, bits in kept.items()}
        rest = [group for group, word in single if word not in kept_words]
        parts = list(kept_words.values())
        if rest:
            parts.append(self._gin_bits(cursor, tsquery_text(rest, operator=operator)))
        if not parts:
            return 0
        result = parts[0]
        for bits in parts[1:]:
            result = result & bits if operator == "&" else result | bits
        return result

    def _gin_bits(self, cursor, query: str) -> int:
        """The innovations matching this tsquery, aggregated into 64-bit words by the database."""
        cursor.execute(f"SELECT word, bits FROM registry_search_match_words(to_tsquery('{CONFIG}', %s))", [query])
        words = cursor.fetchall()
        if not words:
            return 0
        data = bytearray(8 * (max(word for word, _bits in words) + 1))
        for word, bits in words:
            data[word * 8 : word * 8 + 8] = (bits & MASK64).to_bytes(8, "little")
        return int.from_bytes(data, "little")

    def title_key(self, plan: QueryPlan) -> str:
        return _term(_rarest(plan))

    def rank_key(self, plan: QueryPlan) -> str:
        """What a score depends on: the ranked concepts and their weights."""
        score, score_params = rank_sql(plan, "r.vector")
        return repr((score, score_params))

    def title_candidates(self, cursor, plan: QueryPlan, *, limit: int) -> list[int]:
        """Innovations whose title has the query's most telling concept, shortest titles first.

        For a broad query this is where the best results are: a title match outranks
        any number of matches elsewhere (weight A over B, C, D), and a short title is
        about the word rather than mentioning it. Filters are applied by the caller.
        """
        cursor.execute(
            f"SELECT registry_search_title_candidates(to_tsquery('{CONFIG}', %s), %s)", [self.title_key(plan), limit]
        )
        return [row[0] for row in cursor.fetchall()]

    def rank_ids(self, cursor, plan: QueryPlan, ids: list[int]) -> list[tuple[int, float]]:
        """Exact scores of these innovations, best first (ties: newest, then highest id)."""
        if not ids:
            return []
        score, score_params = rank_sql(plan, "r.vector")
        cursor.execute(
            f"SELECT d.innovation_id, ({score}) * (1 + d.quality_boost) AS score FROM {TABLE} d"
            f" JOIN registry_search_rank r ON r.document_id = d.innovation_id WHERE d.innovation_id = ANY(%s)"
            f" ORDER BY score DESC, d.published_at DESC NULLS LAST, d.innovation_id DESC",
            [*score_params, list(ids)],
        )
        return [(pk, float(score)) for pk, score in cursor.fetchall()]

    def write(self, cursor, documents) -> None:
        rows = [document_row(document) for document in documents]
        columns = [list(column) for column in zip(*rows, strict=True)]
        texts = [_search_text(document) for document in documents]
        arrays = ", ".join(f"%s::{cast}[]" for cast in (*_CASTS, "text"))
        names = ", ".join(DOCUMENT_COLUMNS)
        aliases = ", ".join(f"v.{name}" for name in DOCUMENT_COLUMNS)
        updates = ", ".join(f"{name} = EXCLUDED.{name}" for name in (*DOCUMENT_COLUMNS[1:], "search_text", "title_vector"))
        cursor.execute(
            f"INSERT INTO {TABLE} ({names}, search_text, title_vector)"
            f" SELECT {aliases}, v.search_text, setweight(to_tsvector('{CONFIG}', split_part(v.search_text, chr(31), 1)), 'A')"
            f" FROM unnest({arrays}) AS v({names}, search_text)"
            f" ON CONFLICT (innovation_id) DO UPDATE SET {updates}",
            [*columns, texts],
        )
        cursor.execute(
            "INSERT INTO registry_search_rank (document_id, vector)"
            " SELECT v.id, registry_search_vector(v.search_text) FROM unnest(%s::bigint[], %s::text[]) AS v(id, search_text)"
            " ON CONFLICT (document_id) DO UPDATE SET vector = EXCLUDED.vector",
            [[document.id for document in documents], texts],
        )

    def delete(self, cursor, ids) -> None:
        """Rank vectors go with their document rows (foreign key, cascade)."""
        if ids:
            cursor.execute("DELETE FROM registry_search_rank WHERE document_id = ANY(%s)", [list(ids)])

    def serialize_writes(self, cursor) -> None:
        """Index writes take turns (until their transaction ends).

        Writes of different documents share the rows of the kept words' bitsets;
        a batch taking them in another order than a concurrent write would
        deadlock, and PostgreSQL would abort one of the two.
        """
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [postings.WRITE_LOCK])

    def clear(self, cursor) -> None:
        """Before a rebuild: its end keeps the postings afresh (keep_postings)."""
        postings.pause(cursor)
        cursor.execute("DELETE FROM registry_search_rank")

    def keep_postings(self, cursor) -> int:
        """Keep the bitsets of the frequent words (the end of a rebuild, `search_index --postings`)."""
        return postings.rebuild(cursor)

    def after_rebuild(self, cursor) -> None:
        for table in (TABLE, "registry_search_rank", "registry_search_value", "registry_search_term"):
            cursor.execute(f"ANALYZE {table}")

    def similar_words(self, cursor, word: str, *, limit: int = 10) -> list[tuple[str, float, int]]:
        cursor.execute(
            "SELECT word, similarity(word, %s) AS sim, doc_count FROM registry_search_term"
            " WHERE word %% %s ORDER BY sim DESC, doc_count DESC, word LIMIT %s",
            [word, word, limit],
        )
        return [(w, float(sim), count) for w, sim, count in cursor.fetchall()]
