"""The Elasticsearch index of innovations: analyzers, mapping, and one document's source.

Text is analysed like Elasticsearch's built-in `indonesian` analyzer (standard
tokenizer, lower case, Indonesian stopwords, Snowball Indonesian stemmer),
rebuilt as a custom analyzer so it uses the project's data files:
`search/data/stopwords_id.txt` (minus `stopwords_kept_id.txt`) as the stop list
and `search/data/synonyms_id.txt` as a synonym_graph filter. Synonyms apply at
search time only (what Elasticsearch recommends for synonym_graph), after the
stemmer, so rules are stemmed like the text ("perizinan" → "izin"), as the
database backends do; editing the file needs a rebuild of the index settings
(`manage.py search_index --rebuild`).
"""

from elasticsearch.dsl import (
    Boolean,
    Date,
    Document,
    Float,
    Index,
    Integer,
    Keyword,
    Long,
    Text,
    analyzer,
    token_filter,
)

from search.analysis import SYNONYMS_FILE, _data_lines, stopwords
from search.documents import IndexedDocument

indonesian_stop = token_filter("registry_indonesian_stop", type="stop", stopwords=sorted(stopwords()))
indonesian_stemmer = token_filter("registry_indonesian_stemmer", type="stemmer", language="indonesian")
# One-letter words are dropped, as in search.analysis ("e-KTP" → "ktp").
min_length = token_filter("registry_min_length", type="length", min=2)
synonyms = token_filter(
    "registry_synonyms",
    type="synonym_graph",
    synonyms=_data_lines(SYNONYMS_FILE),
    # A rule whose every word is a stopword is skipped instead of failing the index.
    lenient=True,
)

BASE_FILTERS = ["lowercase", "asciifolding", min_length, indonesian_stop, indonesian_stemmer]
indonesian_index = analyzer("registry_indonesian", tokenizer="standard", filter=BASE_FILTERS)
indonesian_search = analyzer("registry_indonesian_search", tokenizer="standard", filter=[*BASE_FILTERS, synonyms])
# Unstemmed words for "did you mean" (term suggester).
plain = analyzer("registry_plain", tokenizer="standard", filter=["lowercase", "asciifolding"])


def _text(**kwargs) -> Text:
    return Text(analyzer=indonesian_index, search_analyzer=indonesian_search, copy_to="spell", **kwargs)


class InnovationDocument(Document):
    title = _text()
    summary = _text()
    # Agency, unit and region names ("meta" is taken by Document itself).
    owner = Text(analyzer=indonesian_index, search_analyzer=indonesian_search)
    body = _text()
    spell = Text(analyzer=plain)
    innovation_id = Long()
    slug = Keyword(index=False)
    external_id = Keyword()
    province = Keyword()
    regency = Keyword()
    agency_type = Keyword()
    kind = Keyword()
    stage = Keyword()
    sectors = Keyword(multi=True)
    sdgs = Keyword(multi=True)
    is_digital = Boolean()
    year_implemented = Integer()
    has_replications = Boolean()
    replication_total = Integer()
    rating_bayesian = Float()
    review_count = Integer()
    award_count = Integer()
    published_at = Date()
    # 1 + search.documents.quality_boost: the relevance score is multiplied by it.
    quality_factor = Float()


def index_definition(name: str) -> dict:
    """Settings and mappings of a new concrete index: {"settings": ..., "mappings": ...}."""
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.document(InnovationDocument)
    return index.to_dict()


def document_source(document: IndexedDocument) -> dict:
    return InnovationDocument(
        innovation_id=document.id,
        title=document.title,
        summary=document.summary,
        owner=document.meta,
        body=document.body,
        slug=document.slug,
        external_id=document.external_id or None,
        province=document.province_code or None,
        regency=document.regency_code or None,
        agency_type=document.agency_type or None,
        kind=document.kind or None,
        stage=document.stage or None,
        sectors=document.sectors,
        sdgs=document.sdgs,
        is_digital=document.is_digital,
        year_implemented=document.year_implemented,
        has_replications=document.has_replications,
        replication_total=document.replication_total,
        rating_bayesian=document.rating_bayesian,
        review_count=document.review_count,
        award_count=document.award_count,
        published_at=document.published_at,
        quality_factor=round(1 + document.quality_boost, 4),
    ).to_dict()
