"""Tidying imported Indonesian text: readable titles, short summaries, list items.

Used by the LAN demo import and the generator; pure functions, no database.
"""

import re
from collections import Counter

from registry.core.text import count_words

# Words that stay lower case inside a title (Indonesian connectors and prepositions,
# plus the English ones that appear in programme names).
CONNECTORS = frozenset(
    """dan di ke dari untuk yang dengan pada bagi oleh atau dalam sebagai melalui serta
    terhadap menuju secara tanpa antara atas akan agar hingga sampai tentang per
    of and the in on for to at by with a an""".split()
)

# Acronyms that the source writes in capitals and a reader expects in capitals.
KNOWN_ACRONYMS = frozenset(
    """SPPT KTP OSS PDAM SIM UPIK PKL KB BLC STBM SSW PPDB UN CBT RS RSUD RSJ UPT SOP JRA
    UMKM UKM BUMN BUMD RI DIY DKI TMC NTMC SIMLOG PT BPR BPD BNI BRI BTN PLN KAI PNM
    KCJ SPBU ATM GSN OVOP RPK ANTAM PELNI BPJS BKK MOP MOW FKDM PATEN PPK PD ASN OPD
    SKPD SMS GIS QR TV IT TI ICT BKKBN BPN BPOM BPKP BPPT LAN LIPI ANRI BIG POLRI
    HAM NGO LSM APBD APBN UPTD PNS NIK KK E-KTP""".split()
)

_WORD = re.compile(r"[A-Za-zÀ-ÿ0-9]+(?:[-'’][A-Za-zÀ-ÿ0-9]+)*")
_ROMAN = re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|X{1,3})$")
_VOWELS = set("AIUEOYaiueoy")
_CAPS_RUN = re.compile(r"\b[A-Z][A-Z0-9-]+(?:[ ,/]+[A-Z][A-Z0-9-]+)+\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[A-Z0-9\"“(])")


def is_shouting(text: str) -> bool:
    """True when a title is written in capitals (ignoring digits and punctuation)."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 3 and sum(ch.isupper() for ch in letters) / len(letters) > 0.9


def _forms_in(context: str) -> dict[str, Counter]:
    # Runs of capitalised words are headings or shouting, not acronyms: leave them out.
    context = _CAPS_RUN.sub(" ", context or "")
    forms: dict[str, Counter] = {}
    for word in _WORD.findall(context):
        forms.setdefault(word.lower(), Counter())[word] += 1
    return forms


def _word_case(word: str, *, first: bool, forms: dict[str, Counter]) -> str:
    lower, upper = word.lower(), word.upper()
    if lower in CONNECTORS and not first:
        return lower
    if upper in KNOWN_ACRONYMS or _ROMAN.match(upper):
        return upper
    seen = forms.get(lower)
    if seen:
        # How the row's own text writes the word decides: "SSW" stays an acronym,
        # "e-Budgeting" and "InaCC" keep their inner capitals.
        capitals = sum(n for form, n in seen.items() if form == upper and len(form) > 1)
        mixed = [(n, form) for form, n in seen.items() if form not in (upper, lower, form.capitalize())]
        if capitals and capitals * 2 > sum(seen.values()):
            return upper
        if mixed:
            return max(mixed)[1]
    if len(word) > 1 and word.isalpha() and not (set(word) & _VOWELS):
        return upper
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def readable_title(title: str, *, context: str = "") -> str:
    """Turn an ALL CAPS title into title case; other titles are returned tidied only.

    `context` is the row's own text, used to recognise acronyms and brand spellings.
    """
    title = re.sub(r"\s+", " ", (title or "").strip())
    if not is_shouting(title):
        return title
    forms = _forms_in(context)
    out, position = [], 0
    for index, match in enumerate(_WORD.finditer(title)):
        out.append(title[position : match.start()])
        out.append(_word_case(match.group(), first=index == 0, forms=forms))
        position = match.end()
    out.append(title[position:])
    return "".join(out)


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph (good enough for Indonesian prose without abbreviations)."""
    sentences = []
    for paragraph in (text or "").split("\n"):
        sentences.extend(part.strip() for part in _SENTENCE_END.split(paragraph) if part.strip())
    return sentences


def summary_from(text: str, *, max_words: int = 80) -> str:
    """The opening sentences of `text`, at most `max_words` words, cut at a sentence end.

    A first sentence longer than the limit is cut at a word boundary with an ellipsis.
    """
    chosen, words = [], 0
    for sentence in split_sentences(text):
        n = count_words(sentence)
        if words + n > max_words:
            break
        chosen.append(sentence)
        words += n
    if chosen:
        return " ".join(chosen)
    head = " ".join((text or "").split()[:max_words]).rstrip(",;:")
    return f"{head}…" if head else ""


def list_items(text: str) -> list[str]:
    """Items of a semicolon-separated list as the source writes them ("A; B; C")."""
    return [item.strip(" -•\t") for item in re.split(r";\s*", text or "") if item.strip(" -•\t")]


def semicolons_to_lines(text: str) -> str:
    """Put each item of a "A; B; C" list on its own line, so the page shows a list."""
    items = list_items(text)
    if len(items) < 2:
        return (text or "").strip()
    return "\n".join(item[:1].upper() + item[1:] for item in items)
