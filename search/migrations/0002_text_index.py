"""The text side of the index, which differs by database (see search/models.py)."""

from django.db import migrations

# The weighted tsvector of a document's analysed text (title A, summary B, agency and
# region C, narrative D, separated by U+001F); IMMUTABLE, so it can be indexed.
SEARCH_VECTOR_FUNCTION = """
CREATE FUNCTION registry_search_vector(doc text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector('indonesian'::regconfig, split_part(doc, chr(31), 1)), 'A')
      || setweight(to_tsvector('indonesian'::regconfig, split_part(doc, chr(31), 2)), 'B')
      || setweight(to_tsvector('indonesian'::regconfig, split_part(doc, chr(31), 3)), 'C')
      || setweight(to_tsvector('indonesian'::regconfig, split_part(doc, chr(31), 4)), 'D')
$$
"""

# Matching runs inside functions whose SET clauses hold only while they run: a broad
# word matches most rows, and the planner would then read them all and rebuild every
# tsvector instead of asking the GIN index; parallel workers cost more to start than
# they save here.
MATCH_FUNCTIONS = """
CREATE FUNCTION registry_search_match_words(query tsquery) RETURNS TABLE (word bigint, bits bigint)
LANGUAGE sql STABLE SET enable_seqscan = off SET max_parallel_workers_per_gather = 0 AS $$
  SELECT innovation_id >> 6, bit_or(1::bigint << (innovation_id & 63)::int)
  FROM registry_search_document WHERE registry_search_vector(search_text) @@ query GROUP BY 1
$$;
CREATE FUNCTION registry_search_title_candidates(query tsquery, max_rows integer) RETURNS SETOF bigint
LANGUAGE sql STABLE SET enable_seqscan = off SET max_parallel_workers_per_gather = 0 AS $$
  SELECT innovation_id FROM registry_search_document WHERE title_vector @@ query
  ORDER BY title_words, quality_boost DESC, published_at DESC, innovation_id DESC LIMIT max_rows
$$
"""

POSTGRESQL = [
    ("CREATE EXTENSION IF NOT EXISTS pg_trgm", None),
    (SEARCH_VECTOR_FUNCTION, "DROP FUNCTION registry_search_vector(text)"),
    (
        "ALTER TABLE registry_search_document"
        " ADD COLUMN search_text text NOT NULL DEFAULT '',"
        " ADD COLUMN title_vector tsvector NOT NULL DEFAULT ''::tsvector",
        "ALTER TABLE registry_search_document DROP COLUMN search_text, DROP COLUMN title_vector",
    ),
    (
        # The text (several KB) goes out of line uncompressed, the title vector stays in the row.
        "ALTER TABLE registry_search_document ALTER COLUMN search_text SET STORAGE EXTERNAL,"
        " ALTER COLUMN title_vector SET STORAGE PLAIN",
        None,
    ),
    (
        "ALTER TABLE registry_search_document SET (toast_tuple_target = 128)",
        "ALTER TABLE registry_search_document RESET (toast_tuple_target)",
    ),
    (
        "CREATE INDEX search_doc_vector ON registry_search_document USING gin (registry_search_vector(search_text))",
        "DROP INDEX search_doc_vector",
    ),
    (
        "CREATE INDEX search_doc_title_vector ON registry_search_document USING gin (title_vector)",
        "DROP INDEX search_doc_title_vector",
    ),
    (
        # Full vectors for ranking a page's candidates exactly; read by primary key only.
        "ALTER TABLE registry_search_rank ADD COLUMN vector tsvector NOT NULL DEFAULT ''::tsvector",
        "ALTER TABLE registry_search_rank DROP COLUMN vector",
    ),
    (
        "CREATE INDEX search_term_trigram ON registry_search_term USING gin (word gin_trgm_ops)",
        "DROP INDEX search_term_trigram",
    ),
    (
        MATCH_FUNCTIONS,
        "DROP FUNCTION registry_search_match_words(tsquery); DROP FUNCTION registry_search_title_candidates(tsquery, integer)",
    ),
]

SQLITE = [
    (
        # Stems computed in Python (search.analysis); rowid = innovation id.
        "CREATE VIRTUAL TABLE registry_search_fts USING fts5("
        "title, summary, meta, body, tokenize = 'unicode61 remove_diacritics 2')",
        "DROP TABLE registry_search_fts",
    ),
    (
        # Removing a document (or Django's flush between tests) removes its text too.
        "CREATE TRIGGER registry_search_fts_delete AFTER DELETE ON registry_search_document BEGIN"
        " DELETE FROM registry_search_fts WHERE rowid = old.innovation_id; END",
        "DROP TRIGGER registry_search_fts_delete",
    ),
    (
        "CREATE VIRTUAL TABLE registry_search_term_trigram USING fts5("
        "word, tokenize = 'trigram', content = 'registry_search_term', content_rowid = 'id')",
        "DROP TABLE registry_search_term_trigram",
    ),
    (
        "CREATE TRIGGER registry_search_term_added AFTER INSERT ON registry_search_term BEGIN"
        " INSERT INTO registry_search_term_trigram (rowid, word) VALUES (new.id, new.word); END",
        "DROP TRIGGER registry_search_term_added",
    ),
    (
        "CREATE TRIGGER registry_search_term_removed AFTER DELETE ON registry_search_term BEGIN"
        " INSERT INTO registry_search_term_trigram (registry_search_term_trigram, rowid, word)"
        " VALUES ('delete', old.id, old.word); END",
        "DROP TRIGGER registry_search_term_removed",
    ),
]

STATEMENTS = {"postgresql": POSTGRESQL, "sqlite": SQLITE}


def forwards(apps, schema_editor):
    for statement, _reverse in STATEMENTS.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    for _statement, reverse in reversed(STATEMENTS.get(schema_editor.connection.vendor, [])):
        if reverse:
            schema_editor.execute(reverse)


class Migration(migrations.Migration):
    dependencies = [("registry_search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
