"""The database search index: one narrow row per published innovation.

These tables belong to search alone; the domain never reads them. Text lives in
columns and tables the ORM does not know about, created by migration 0002 for
the database in use:

- PostgreSQL: `search_text` (the analysed words of title, summary, agency and
  region, narrative, separated by U+001F) is stored out of line (TOAST), so a
  document row stays ~250 bytes and matching 60,000 documents reads a few MB;
  the GIN index is on the expression `registry_search_vector(search_text)`
  (weights A/B/C/D), so no tsvector sits in the row. `title_vector` (inline, GIN)
  ranks broad queries cheaply; `registry_search_rank` holds each full tsvector
  for exact ranking of a page's candidates; pg_trgm indexes the lexicon.
- SQLite: the FTS5 table `registry_search_fts` (stems computed in Python) and the
  FTS5 trigram table `registry_search_term_trigram` for spelling suggestions.
"""

from django.db import models

from registry.innovations.models import Innovation


class SearchDocument(models.Model):
    # No foreign-key constraint: the index follows the innovations through the task
    # queue after they commit, never inside their transaction.
    innovation = models.OneToOneField(
        Innovation, primary_key=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    province_code = models.CharField(max_length=2, blank=True, default="")
    regency_code = models.CharField(max_length=5, blank=True, default="")
    agency_type = models.CharField(max_length=20, blank=True, default="")
    kind = models.CharField(max_length=30, blank=True, default="")
    stage = models.CharField(max_length=20, blank=True, default="")
    is_digital = models.BooleanField(default=False)
    year_implemented = models.PositiveSmallIntegerField(null=True)
    has_replications = models.BooleanField(default=False)
    replication_total = models.PositiveIntegerField(default=0)
    rating_bayesian = models.FloatField(null=True)
    review_count = models.PositiveIntegerField(default=0)
    award_count = models.PositiveIntegerField(default=0)
    # When it was first published (creation time for the few rows without one): never null,
    # so "newest first" walks an index.
    published_at = models.DateTimeField()
    # Words in the title (stopwords left out): among many title matches, the shorter
    # titles are about the searched words rather than mention them.
    title_words = models.PositiveSmallIntegerField(default=0)
    # Multiplier headroom for evidence of quality, see search.documents.quality_boost.
    quality_boost = models.FloatField(default=0.0)

    class Meta:
        db_table = "registry_search_document"
        indexes = [
            models.Index(fields=["-published_at", "-innovation"], name="search_doc_recent"),
            models.Index(fields=["province_code"], name="search_doc_province"),
            models.Index(fields=["regency_code"], name="search_doc_regency"),
        ]

    def __str__(self):
        return f"search document {self.innovation_id}"


class SearchDocumentValue(models.Model):
    """Values of the many-valued facets (sector, SDG) of a document."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="values")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=60)

    class Meta:
        db_table = "registry_search_value"
        constraints = [models.UniqueConstraint(fields=["document", "facet", "value"], name="search_value_unique")]
        indexes = [models.Index(fields=["facet", "value"], name="search_value_lookup")]

    def __str__(self):
        return f"{self.facet}={self.value}"


class SearchRankVector(models.Model):
    """PostgreSQL only: a document's full tsvector (column `vector`, added by migration 0002),
    read by primary key to rank a page's candidates exactly. Unused on SQLite."""

    document = models.OneToOneField(SearchDocument, primary_key=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        db_table = "registry_search_rank"

    def __str__(self):
        return f"rank vector {self.document_id}"


class SearchTerm(models.Model):
    """The lexicon: every word seen in indexed documents, for "did you mean".

    Rebuilt exactly by `search_index --rebuild`; between rebuilds new words are
    added (with a count of 1) and nothing is removed, which only matters as a
    tie-break between equally similar suggestions.
    """

    word = models.CharField(max_length=64, unique=True)
    stem = models.CharField(max_length=64, db_index=True)
    doc_count = models.PositiveIntegerField(default=1)

    class Meta:
        db_table = "registry_search_term"

    def __str__(self):
        return self.word


class SearchIndexState(models.Model):
    """One row: a token that changes with every write to the index.

    Processes cache facet bitsets (search.facet_index) and reload them when the
    token they were built from is no longer the current one.
    """

    key = models.CharField(max_length=20, primary_key=True, default="index")
    token = models.CharField(max_length=32)

    class Meta:
        db_table = "registry_search_state"

    def __str__(self):
        return self.token


class SimilarInnovations(models.Model):
    """The database backend's "similar innovations" of one innovation, kept once computed.

    Finding them is a broad search with a dozen words (60-80 ms on PostgreSQL with
    100,000 innovations, the costliest part of an innovation's page), and the answer
    changes only when innovations enter or leave the catalog. A row is used while
    the index's membership token is the one it was computed under, or for
    SEARCH_SIMILAR_MAX_AGE seconds after; then, in production, it is still shown
    while the task worker computes it again (search.similar_cache.kept), so
    innovations published in the meantime join the lists within about that time.
    Writing a document deletes its row; `search_index --similar` computes the
    missing ones. Unpublished innovations never show: the cards are loaded from
    published ones.
    """

    innovation = models.OneToOneField(
        SearchDocument, primary_key=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    scored = models.JSONField()  # [[innovation id, score], ...], best first
    size = models.PositiveSmallIntegerField()  # how many were asked for
    membership = models.CharField(max_length=32)
    computed_at = models.DateTimeField()

    class Meta:
        db_table = "registry_search_similar"

    def __str__(self):
        return f"similar to {self.innovation_id}"


class SearchPosting(models.Model):
    """PostgreSQL only: which innovations have a frequent word, as bitsets (search.postings).

    Asking the GIN index for a word most innovations contain reads every matching
    row to learn its id (25-30 ms for 80,000 of 100,000); reading that word's
    bitset costs about a millisecond. Kept for the words of at least
    SEARCH_POSTING_MIN_DOCS documents when the index was last rebuilt, one row per
    8,192 innovation ids, and kept exact by a trigger on `registry_search_rank`
    (migration 0004) in the same transaction as every index write. Unused on SQLite.
    """

    pk = models.CompositePrimaryKey("lexeme", "chunk")
    lexeme = models.CharField(max_length=255)  # the word as PostgreSQL stems it (a tsvector lexeme)
    chunk = models.PositiveIntegerField()  # innovation ids chunk * 8192 to chunk * 8192 + 8191
    bits = models.BinaryField()  # 1024 bytes: bit n of byte m is innovation chunk * 8192 + 8 m + n

    class Meta:
        db_table = "registry_search_posting"

    def __str__(self):
        return f"{self.lexeme} [{self.chunk}]"
