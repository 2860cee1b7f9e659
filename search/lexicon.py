"""The lexicon of the database backend: "did you mean" and "more like this".

Every word (three letters or more, no digits) of the indexed documents is kept
with its stem and the number of documents it appears in. A query word whose
stem no document contains is replaced by the most similar lexicon word
(trigram similarity ≥ 0.3, as pg_trgm computes it; the more frequent word wins
a tie).
"""

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connections
from django.db.models import Max

from registry.innovations.models import Innovation
from search.analysis import ParsedQuery, concepts, index_words, stem
from search.models import SearchTerm

MIN_SIMILARITY = 0.3
# "More like this" searches with this many of the innovation's most telling words.
CHARACTERISTIC_WORDS = 12


def _lexicon_words(text: str) -> set[str]:
    return {word for word in index_words(text) if 3 <= len(word) <= 40 and word.isalpha()}


def document_words(documents) -> Counter:
    """How many of these documents each word appears in."""
    counts: Counter = Counter()
    for document in documents:
        counts.update(_lexicon_words(document.all_text))
    return counts


def lexicon_add(documents, *, new: bool, using: str = "default") -> None:
    """Add the documents' words; documents new to the index also count towards each word's frequency.

    Re-indexing an edited document adds its new words without counting it again
    (the index keeps no copy of its old words); rebuilds recount exactly.
    """
    counts = document_words(documents)
    if not counts:
        return
    conflict = "DO UPDATE SET doc_count = registry_search_term.doc_count + excluded.doc_count" if new else "DO NOTHING"
    with connections[using].cursor() as cursor:
        cursor.executemany(
            "INSERT INTO registry_search_term (word, stem, doc_count) VALUES (%s, %s, %s)"
            f" ON CONFLICT (word) {conflict}",
            [(word, stem(word), count if new else 1) for word, count in sorted(counts.items())],
        )


def lexicon_replace(counts: Counter, *, using: str = "default") -> None:
    SearchTerm.objects.using(using).all().delete()
    SearchTerm.objects.using(using).bulk_create(
        [SearchTerm(word=word, stem=stem(word), doc_count=count) for word, count in sorted(counts.items())],
        batch_size=2000,
    )


def _known_stems(stems: Iterable[str], *, using: str) -> set[str]:
    return set(SearchTerm.objects.using(using).filter(stem__in=list(stems)).values_list("stem", flat=True).distinct())


def suggest(text_backend, parsed: ParsedQuery, *, using: str = "default") -> str | None:
    """The query with each unknown word replaced by its closest known word, or None."""
    singles = [g for g in parsed.groups if len(g.alternatives) == 1 and len(g.alternatives[0].words) == 1]
    known = _known_stems({g.alternatives[0].stems[0] for g in singles}, using=using)
    corrected, changed = [], False
    with connections[using].cursor() as cursor:
        for group in parsed.groups:
            word = group.text
            if group in singles and group.alternatives[0].stems[0] not in known and len(word) >= 3:
                candidates = [c for c in text_backend.similar_words(cursor, word) if c[1] >= MIN_SIMILARITY and c[0] != word]
                if candidates:
                    corrected.append(candidates[0][0])
                    changed = True
                    continue
            corrected.append(word)
    return " ".join(corrected) if changed else None


def characteristic_query(innovation_id: int, *, total: int, using: str = "default") -> ParsedQuery | None:
    """The concepts that say what an innovation is about, for "more like this".

    Its abbreviations and synonyms first (domain concepts: PKL, KTP, ...), then
    its title's words, then its summary's rarest. Words found in only one
    document (itself) or in more than a fifth of all documents (half, for title
    words) say little about similarity and are left out. `total`: the number of
    indexed documents, from the loaded bitsets (no COUNT(*) over the index per page).
    """
    row = Innovation.objects.using(using).filter(pk=innovation_id).values_list("title", "summary").first()
    if row is None:
        return None
    title, summary = concepts(row[0]), concepts(row[1])
    synonyms = [g for g in (*title, *summary) if g.token is not None]
    words = [g for g in (*title, *summary) if g.token is None and len(g.text) >= 3]
    stems = {g.alternatives[0].stems[0] for g in words}
    frequency = dict(
        SearchTerm.objects.using(using)
        .filter(stem__in=list(stems))
        .values("stem")
        .annotate(n=Max("doc_count"))
        .values_list("stem", "n")
    )
    title_stems = {g.alternatives[0].stems[0] for g in title if g.token is None}

    def useful(group) -> bool:
        s = group.alternatives[0].stems[0]
        return 2 <= frequency.get(s, 0) <= max(2, total // (2 if s in title_stems else 5))

    in_title = [g for g in words if g.alternatives[0].stems[0] in title_stems and useful(g)]
    rarest = sorted((g for g in words if g not in in_title and useful(g)), key=lambda g: frequency[g.alternatives[0].stems[0]])
    chosen = list(dict.fromkeys([*synonyms, *in_title, *rarest]))[:CHARACTERISTIC_WORDS]
    return ParsedQuery(raw=" ".join(g.text for g in chosen), groups=tuple(chosen)) if chosen else None


# A concept found in more than this share of documents is common: it ranks but is not
# required to match (like Elasticsearch's "common terms" query), unless every concept
# is common. "perijinan usaha" then finds "Pelayanan Perizinan Terpadu", which never
# says "usaha", and "pelayanan" does not have to match to count.
COMMON_SHARE = 0.1


@dataclass(frozen=True)
class QueryPlan:
    """The concepts of a query, how much each counts, and which ones must match."""

    parsed: ParsedQuery
    weights: tuple[float, ...]
    required: tuple[bool, ...]

    @property
    def required_groups(self):
        return [group for group, required in zip(self.parsed.groups, self.required, strict=True) if required]


def query_plan(parsed: ParsedQuery, *, total: int, relaxed: bool = False, using: str = "default") -> QueryPlan:
    """Weights are BM25's inverse document frequency (summing to 1); rare concepts are required.

    Document frequencies come from the lexicon (a stem's most frequent word; a
    synonym's most frequent alternative; a phrase's rarest word), the number of
    documents (`total`) from the index. `relaxed`: any concept may match.
    """
    groups = parsed.groups
    if len(groups) < 2:
        return QueryPlan(parsed=parsed, weights=(1.0,) * len(groups), required=(not relaxed,) * len(groups))
    all_stems = {s for group in groups for a in group.alternatives for s in a.stems}
    frequency = dict(
        SearchTerm.objects.using(using)
        .filter(stem__in=list(all_stems))
        .values("stem")
        .annotate(n=Max("doc_count"))
        .values_list("stem", "n")
    )
    total = max(total, 1)

    def df(group) -> int:
        return max(min(frequency.get(s, 0) for s in alternative.stems) for alternative in group.alternatives)

    idf = [math.log(1 + (total - df(g) + 0.5) / (df(g) + 0.5)) for g in groups]
    norm = sum(idf) or 1.0
    rare = tuple(df(g) <= COMMON_SHARE * total for g in groups)
    if relaxed:
        required = (False,) * len(groups)
    else:
        required = rare if any(rare) else (True,) * len(groups)
    return QueryPlan(parsed=parsed, weights=tuple(v / norm for v in idf), required=required)
