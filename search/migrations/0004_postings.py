"""Bitsets of frequent words (search.postings), kept exact by a trigger (PostgreSQL only)."""

from django.db import migrations, models

# Every write of a rank vector (a document indexed, edited or removed) sets or clears
# the document's bit in the postings of the kept words it had or has, creating the
# row of its id range when the word had none there yet. A rebuild pauses this
# (SET LOCAL registry_search.postings_paused) and builds the postings afresh.
SYNC_FUNCTION = """
CREATE FUNCTION registry_search_posting_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  doc bigint;
  had text[] := '{}';
  has text[] := '{}';
BEGIN
  IF current_setting('registry_search.postings_paused', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN doc := OLD.document_id; ELSE doc := NEW.document_id; END IF;
  IF TG_OP <> 'INSERT' THEN had := tsvector_to_array(OLD.vector); END IF;
  IF TG_OP <> 'DELETE' THEN has := tsvector_to_array(NEW.vector); END IF;
  INSERT INTO registry_search_posting (lexeme, chunk, bits)
    SELECT DISTINCT p.lexeme, (doc >> 13)::int, decode(repeat('00', 1024), 'hex')
    FROM registry_search_posting p WHERE p.lexeme = ANY(has)
    ON CONFLICT DO NOTHING;
  UPDATE registry_search_posting SET bits = set_bit(bits, (doc & 8191)::int, (lexeme = ANY(has))::int)
    WHERE chunk = (doc >> 13)::int AND lexeme = ANY(had || has);
  RETURN NULL;
END
$$
"""

TRIGGERS = """
CREATE TRIGGER registry_search_posting_written AFTER INSERT OR DELETE ON registry_search_rank
  FOR EACH ROW EXECUTE FUNCTION registry_search_posting_sync();
CREATE TRIGGER registry_search_posting_rewritten AFTER UPDATE ON registry_search_rank
  FOR EACH ROW WHEN (OLD.vector IS DISTINCT FROM NEW.vector) EXECUTE FUNCTION registry_search_posting_sync()
"""

# The kept bitsets of these words (a word that is no single lexeme, or not kept,
# returns nothing): `ord` is the word's place in the array, from 1.
BITS_FUNCTION = """
CREATE FUNCTION registry_search_posting_bits(words text[]) RETURNS TABLE (ord integer, chunk integer, bits bytea)
LANGUAGE sql STABLE AS $$
  SELECT w.ord::int, p.chunk, p.bits
  FROM unnest(words) WITH ORDINALITY AS w(word, ord)
  JOIN registry_search_posting p ON p.lexeme = (tsvector_to_array(to_tsvector('indonesian', w.word)))[1]
  WHERE numnode(to_tsquery('indonesian', w.word)) = 1
$$
"""

POSTGRESQL = [
    (SYNC_FUNCTION, "DROP FUNCTION registry_search_posting_sync()"),
    (
        TRIGGERS,
        "DROP TRIGGER registry_search_posting_written ON registry_search_rank;"
        " DROP TRIGGER registry_search_posting_rewritten ON registry_search_rank",
    ),
    (BITS_FUNCTION, "DROP FUNCTION registry_search_posting_bits(text[])"),
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement, _reverse in POSTGRESQL:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for _statement, reverse in reversed(POSTGRESQL):
            schema_editor.execute(reverse)


class Migration(migrations.Migration):
    dependencies = [
        ("registry_search", "0003_similar_innovations"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchPosting",
            fields=[
                ("pk", models.CompositePrimaryKey("lexeme", "chunk", blank=True, editable=False, primary_key=True, serialize=False)),
                ("lexeme", models.CharField(max_length=255)),
                ("chunk", models.PositiveIntegerField()),
                ("bits", models.BinaryField()),
            ],
            options={
                "db_table": "registry_search_posting",
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
