"""Bitsets of the frequent words, kept in PostgreSQL (search.models.SearchPosting).

The GIN index answers "which innovations have this word" by reading every
matching row to learn its id: 25-30 ms for a word 80,000 of 100,000 innovations
contain, the largest part of a broad search that no cache has seen. For the
words of at least SEARCH_POSTING_MIN_DOCS documents, the answer is kept as a
bitset (1,024 bytes per 8,192 innovation ids) and read in about a millisecond.
Rarer words stay with the GIN index, which is fast for them.

Which words are kept is decided by the rebuild (`search_index --rebuild`, or
`search_index --postings` alone); between rebuilds a trigger on the rank
vectors (migration 0004) keeps every kept word's bitset exact in the transaction
that writes the index, so a search reads the same matches either way
(tests/search/test_postings.py). PostgreSQL only: SQLite's FTS5 index is read
directly.
"""

from django.conf import settings

# The trigger of migration 0004 writes the same layout (ids >> 13, & 8191, 1,024 bytes).
CHUNK_IDS = 8192
CHUNK_BYTES = CHUNK_IDS // 8
WORDS_PER_CHUNK = CHUNK_IDS // 64  # the match function's 64-bit words
MASK64 = (1 << 64) - 1
# The transaction-level advisory lock index writes take turns with (PostgresText.serialize_writes).
WRITE_LOCK = 0x5EA4C4


def pause(cursor) -> None:
    """Until the transaction ends, index writes leave the postings alone (a rebuild replaces them)."""
    cursor.execute("SET LOCAL registry_search.postings_paused = 'on'")


def rebuild(cursor) -> int:
    """Keep the bitsets of every word of at least SEARCH_POSTING_MIN_DOCS documents.

    Runs inside the caller's transaction; returns the number of words kept.
    """
    cursor.execute("DELETE FROM registry_search_posting")
    cursor.execute(
        "SELECT word FROM ts_stat('SELECT vector FROM registry_search_rank') WHERE ndoc >= %s ORDER BY word",
        [settings.SEARCH_POSTING_MIN_DOCS],
    )
    lexemes = [row[0] for row in cursor.fetchall()]
    for lexeme in lexemes:
        cursor.execute("SELECT word, bits FROM registry_search_match_words(quote_literal(%s)::tsquery)", [lexeme])
        chunks: dict[int, bytearray] = {}
        for word, bits in cursor.fetchall():
            chunk, place = divmod(word, WORDS_PER_CHUNK)
            data = chunks.setdefault(chunk, bytearray(CHUNK_BYTES))
            data[place * 8 : place * 8 + 8] = (bits & MASK64).to_bytes(8, "little")
        cursor.execute(
            "INSERT INTO registry_search_posting (lexeme, chunk, bits) SELECT %s, c, b FROM unnest(%s::int[], %s::bytea[]) AS v(c, b)",
            [lexeme, list(chunks), [bytes(data) for data in chunks.values()]],
        )
    return len(lexemes)


def kept_bits(cursor, words: list[str]) -> dict[int, int]:
    """{place in `words`: bitset} for the words whose bitset is kept (the others are absent)."""
    if not words:
        return {}
    cursor.execute("SELECT ord, chunk, bits FROM registry_search_posting_bits(%s::text[])", [list(words)])
    parts: dict[int, dict[int, bytes]] = {}
    for place, chunk, bits in cursor.fetchall():
        parts.setdefault(place - 1, {})[chunk] = bytes(bits)
    found = {}
    for place, chunks in parts.items():
        data = bytearray(CHUNK_BYTES * (max(chunks) + 1))
        for chunk, bits in chunks.items():
            data[chunk * CHUNK_BYTES : (chunk + 1) * CHUNK_BYTES] = bits
        found[place] = int.from_bytes(data, "little")
    return found
