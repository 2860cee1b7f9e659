"""Indonesian text analysis shared by every backend.

The same steps run on documents and on queries: lower case, split into words,
drop one-letter words and stopwords (`data/stopwords_id.txt` minus
`data/stopwords_kept_id.txt`), stem with the Snowball Indonesian stemmer
(pelayanan, melayani, layanan → layan). Abbreviations and synonyms
(`data/synonyms_id.txt`): a query word or phrase that belongs to a group
matches any member of the group (KTP ↔ kartu tanda penduduk).

PostgreSQL stems documents and queries itself with its `indonesian`
configuration (the same Snowball algorithm); SQLite's FTS5 stores the stems
computed here. Elasticsearch reads the same data files (see backends/elastic.py).

The database backends apply synonyms when indexing (a class token is added
after each alternative, see SynonymClass), so after editing the synonym file
run `manage.py search_index --rebuild`.
"""

import hashlib
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from html import escape as html_escape
from pathlib import Path

import snowballstemmer
from django.utils.safestring import SafeString, mark_safe

DATA_DIR = Path(__file__).resolve().parent / "data"
STOPWORDS_FILE = DATA_DIR / "stopwords_id.txt"
KEPT_STOPWORDS_FILE = DATA_DIR / "stopwords_kept_id.txt"
SYNONYMS_FILE = DATA_DIR / "synonyms_id.txt"

# Letters and digits; everything else separates words ("e-KTP" → "e", "ktp").
WORD_RE = re.compile(r"[^\W_]+")
MIN_WORD_LENGTH = 2
# A query longer than this is cut: nobody types more, and each word costs a join.
MAX_QUERY_WORDS = 12


def _data_lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


@cache
def stopwords() -> frozenset[str]:
    return frozenset(_data_lines(STOPWORDS_FILE)) - frozenset(_data_lines(KEPT_STOPWORDS_FILE))


# Unicode's combining diacritical mark blocks: removed after NFKD decomposition ("é" → "e").
_COMBINING_MARKS = dict.fromkeys(
    [*range(0x0300, 0x0370), *range(0x1AB0, 0x1B00), *range(0x1DC0, 0x1E00), *range(0x20D0, 0x2100), *range(0xFE20, 0xFE30)]
)


def fold(text: str) -> str:
    """Lower case without diacritics ("Pelayanan Terpadu" → "pelayanan terpadu")."""
    lowered = text.lower()
    if lowered.isascii():  # nearly every Indonesian text: nothing to strip
        return lowered
    return unicodedata.normalize("NFKD", lowered).translate(_COMBINING_MARKS)


def words(text: str) -> list[str]:
    """Every word of the text, folded, stopwords included (for highlighting)."""
    return WORD_RE.findall(fold(text or ""))


def index_words(text: str) -> list[str]:
    """The words that are indexed and searched: no one-letter words, no stopwords."""
    stop = stopwords()
    return [word for word in words(text) if len(word) >= MIN_WORD_LENGTH and word not in stop]


# A snowball stemmer keeps the word it works on in the object: one per thread, or two
# threads of a gunicorn worker stem into each other's word (IndexError under load).
_stemmers = threading.local()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    stemmer = getattr(_stemmers, "indonesian", None)
    if stemmer is None:
        stemmer = _stemmers.indonesian = snowballstemmer.stemmer("indonesian")
    return stemmer.stemWord(word)


def stems(text: str) -> list[str]:
    return [stem(word) for word in index_words(text)]


# --- Synonyms -------------------------------------------------------------------------


@dataclass(frozen=True)
class Alternative:
    """One way to say something: its words as written and their stems."""

    words: tuple[str, ...]
    stems: tuple[str, ...]


@dataclass(frozen=True)
class SynonymClass:
    """Everything that means the same (lines sharing an entry are merged), and its token.

    The token is added to the text after each alternative found, at index time,
    and a query for any alternative searches the token: every alternative then
    counts as one concept in ranking. Its digits keep PostgreSQL from stemming it.
    """

    token: str
    alternatives: tuple[Alternative, ...]


@cache
def synonym_classes() -> tuple[SynonymClass, ...]:
    lines = []
    for line in _data_lines(SYNONYMS_FILE):
        alternatives = {}
        for entry in line.split(","):
            entry_words = tuple(index_words(entry))
            if entry_words:
                alternatives.setdefault(tuple(stem(w) for w in entry_words), entry_words)
        if len(alternatives) > 1:
            lines.append(alternatives)
    # Union of lines that share an alternative (izin, ijin + perizinan, perijinan: one concept).
    classes: list[dict] = []
    for alternatives in lines:
        overlapping = [c for c in classes if c.keys() & alternatives.keys()]
        merged = dict(alternatives)
        for existing in overlapping:
            merged = {**existing, **merged}
            classes.remove(existing)
        classes.append(merged)
    result = []
    for alternatives in classes:
        key = "|".join(sorted(" ".join(stems_) for stems_ in alternatives))
        token = "syn" + str(int(hashlib.sha1(key.encode()).hexdigest(), 16) % 10**8).zfill(8)
        result.append(
            SynonymClass(token=token, alternatives=tuple(Alternative(words=w, stems=s) for s, w in alternatives.items()))
        )
    return tuple(result)


@cache
def _classes_by_stems() -> dict[tuple[str, ...], SynonymClass]:
    return {alternative.stems: cls for cls in synonym_classes() for alternative in cls.alternatives}


@cache
def _longest_synonym() -> int:
    return max((len(key) for key in _classes_by_stems()), default=1)


@cache
def _synonym_first_stems() -> frozenset[str]:
    return frozenset(key[0] for key in _classes_by_stems())


def _synonym_at(stem_list: list[str], position: int) -> tuple[int, SynonymClass | None]:
    """The longest synonym alternative starting at position: (its length, its class)."""
    by_stems = _classes_by_stems()
    for length in range(min(_longest_synonym(), len(stem_list) - position), 0, -1):
        found = by_stems.get(tuple(stem_list[position : position + length]))
        if found is not None:
            return length, found
    return 1, None


def analyze(text: str) -> list[tuple[str, str]]:
    """(word, stem) for every indexed word, with a synonym class's token after each of its
    alternatives ("kartu tanda penduduk elektronik" gets the tokens of KTP and of e-KTP)."""
    text_words = index_words(text)
    text_stems = [stem(word) for word in text_words]
    pairs = list(zip(text_words, text_stems, strict=True))
    by_stems, longest, firsts = _classes_by_stems(), _longest_synonym(), _synonym_first_stems()
    starts = [i for i, s in enumerate(text_stems) if s in firsts]
    if not starts:
        return pairs
    tokens_after: dict[int, list[str]] = {}
    for start in starts:
        for length in range(1, min(longest, len(text_stems) - start) + 1):
            found = by_stems.get(tuple(text_stems[start : start + length]))
            if found is not None:
                tokens_after.setdefault(start + length - 1, []).append(found.token)
    result, previous = [], 0
    for position in sorted(tokens_after):
        result += pairs[previous : position + 1]
        result += [(token, token) for token in dict.fromkeys(tokens_after[position])]
        previous = position + 1
    return result + pairs[previous:]


# --- Queries -------------------------------------------------------------------------


@dataclass(frozen=True)
class QueryGroup:
    """One concept of the query: a word, or a synonym alternative (then `token` is its class's)."""

    alternatives: tuple[Alternative, ...]
    token: str | None = None

    @property
    def text(self) -> str:
        return " ".join(self.alternatives[0].words)


@dataclass(frozen=True)
class ParsedQuery:
    raw: str
    groups: tuple[QueryGroup, ...]

    def __bool__(self) -> bool:
        return bool(self.groups)

    @property
    def highlight_terms(self) -> tuple[tuple[str, ...], ...]:
        """Stem sequences to mark in text: every word searched and every synonym alternative."""
        return tuple(dict.fromkeys(a.stems for group in self.groups for a in group.alternatives))

    @property
    def words(self) -> list[str]:
        return [group.text for group in self.groups]


def parse_query(text: str) -> ParsedQuery:
    """Split a query into concepts: each synonym alternative found (longest first) or each word."""
    return ParsedQuery(raw=text, groups=concepts(" ".join(index_words(text)[:MAX_QUERY_WORDS])))


def concepts(text: str) -> tuple[QueryGroup, ...]:
    """The distinct concepts of a text, in order (see parse_query)."""
    query_words = index_words(text)
    query_stems = [stem(word) for word in query_words]
    groups, position = [], 0
    while position < len(query_words):
        length, found = _synonym_at(query_stems, position)
        own = Alternative(words=tuple(query_words[position : position + length]), stems=tuple(query_stems[position : position + length]))
        if found is None:
            groups.append(QueryGroup(alternatives=(own,)))
        else:
            others = tuple(a for a in found.alternatives if a.stems != own.stems)
            groups.append(QueryGroup(alternatives=(own, *others), token=found.token))
        position += length
    return tuple(dict.fromkeys(groups))


# --- Highlighting -----------------------------------------------------------------------


def highlight(text: str, terms: tuple[tuple[str, ...], ...], *, max_words: int | None = None) -> SafeString | None:
    """The text, escaped, with every searched word or synonym phrase wrapped in <mark>.

    `terms` are stem sequences (ParsedQuery.highlight_terms). With max_words, a
    window of that many words around the first match. None when nothing matches,
    so callers show the plain text instead.
    """
    if not text or not terms:
        return None
    pieces = re.split(r"([^\W_]+)", text)  # odd indices are words
    stop = stopwords()
    # The indexed words of the text and where they are among the pieces.
    positions = [i for i in range(1, len(pieces), 2) if len(pieces[i]) >= MIN_WORD_LENGTH and fold(pieces[i]) not in stop]
    text_stems = [stem(fold(pieces[i])) for i in positions]
    wanted = set(terms)
    longest = max(len(term) for term in terms)
    marked: set[int] = set()
    index = 0
    while index < len(positions):
        for length in range(min(longest, len(positions) - index), 0, -1):
            if tuple(text_stems[index : index + length]) in wanted:
                marked.update(positions[index : index + length])
                index += length
                break
        else:
            index += 1
    if not marked:
        return None
    start, end, prefix, suffix = 0, len(pieces), "", ""
    if max_words is not None and len(pieces) // 2 > max_words:
        first_word = max(0, (min(marked) - 1) // 2 - max_words // 4)
        start = first_word * 2
        end = min(len(pieces), start + max_words * 2)
        prefix = "… " if start else ""
        suffix = " …" if end < len(pieces) else ""
    out, run = [], []
    for i in range(start, end):
        if i in marked:
            out.append(html_escape("".join(run)))
            out.append(f"<mark>{html_escape(pieces[i])}</mark>")
            run = []
        else:
            run.append(pieces[i])
    out.append(html_escape("".join(run)))
    return mark_safe(prefix + "".join(out).strip() + suffix)  # noqa: S308 - every piece is escaped above


# --- Spelling -------------------------------------------------------------------------------


def trigrams(word: str) -> set[str]:
    """The trigrams pg_trgm uses: the word padded with two spaces before and one after."""
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def trigram_similarity(a: str, b: str) -> float:
    """pg_trgm's similarity(): shared trigrams over all trigrams of both words."""
    ta, tb = trigrams(a), trigrams(b)
    return len(ta & tb) / len(ta | tb) if ta and tb else 0.0
