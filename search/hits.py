"""Turning a backend's raw answer into Results: innovations for the hits, labels for facets.

Backends return ids, scores and counts; the innovations always come from the
database (two queries whatever the page size), the names of regions, sectors
and SDGs from a copy refreshed every few minutes.
"""

import time

from django.utils.translation import gettext as _

from registry.geo.models import Province, Regency
from registry.innovations.selectors import innovation_list_published
from search.analysis import highlight
from search.params import FACETS, RATING_THRESHOLDS, FacetValue, Hit, SearchParams

# What an innovation card (templates/public/includes/innovation_card.html) and an API
# search result (cms/api/search.py) read; anything else would cost a query per card.
CARD_FIELDS = (
    "title", "slug", "summary", "external_id", "year_implemented", "kind", "is_digital", "review_count", "rating_mean",
    "agency__code", "agency__name", "agency__type", "province__code", "province__name", "regency__code", "regency__name",
)  # fmt: skip
# The summary shown on a card is cut to about this many words around the first match.
SUMMARY_WINDOW_WORDS = 40


def load_hits(scored: list[tuple[int, float]], *, terms: tuple = (), highlights: dict | None = None) -> list[Hit]:
    """Hits in the given order with their innovations; ids no longer published are dropped.

    `highlights` (id → {field: html}) comes from backends that highlight themselves;
    otherwise title and summary are highlighted here with the query's terms
    (search.analysis.ParsedQuery.highlight_terms).
    """
    # Only what cards and API results show: a quarter less time than whole rows for a page of 20.
    innovations = innovation_list_published().only(*CARD_FIELDS).in_bulk([pk for pk, _score in scored])
    hits = []
    for pk, score in scored:
        innovation = innovations.get(pk)
        if innovation is None:
            continue
        if highlights is not None:
            marked = highlights.get(pk, {})
        else:
            marked = {
                "title": highlight(innovation.title, terms),
                "summary": highlight(innovation.summary, terms, max_words=SUMMARY_WINDOW_WORDS),
            }
        hits.append(
            Hit(id=pk, score=round(float(score), 6), innovation=innovation, highlights={k: v for k, v in marked.items() if v})
        )
    return hits


_reference: dict = {}
# Names of regions, sectors and SDGs change with a data migration, not between two searches.
REFERENCE_SECONDS = 300


def _reference_names() -> dict:
    """Every province, kab/kota, sector and SDG by code, loaded at most every few minutes."""
    from registry.innovations.models import Sdg, Sector

    if _reference.get("loaded", 0) < time.monotonic() - REFERENCE_SECONDS:
        _reference.update(
            province=dict(Province.objects.values_list("code", "name")),
            regency=dict(Regency.objects.values_list("code", "name")),
            sector={sector.code: sector for sector in Sector.objects.all()},
            sdg={str(sdg.number): sdg for sdg in Sdg.objects.all()},
            loaded=time.monotonic(),
        )
    return _reference


def _labels(name: str, values: set[str]) -> dict[str, str]:
    if name in {"province", "regency"}:
        return _reference_names()[name]
    if name == "sector":  # the label follows the active language
        return {code: sector.label for code, sector in _reference_names()["sector"].items()}
    if name == "sdg":
        return {number: str(sdg) for number, sdg in _reference_names()["sdg"].items()}
    if name in {"digital", "has_replications"}:
        if name == "digital":
            return {"true": _("Digital"), "false": _("Non-digital")}
        return {"true": _("Sudah direplikasi"), "false": _("Belum direplikasi")}
    if name == "min_rating":
        return {value: _("%(stars)s ke atas") % {"stars": "★" * int(value)} for value in RATING_THRESHOLDS}
    facet = next(f for f in FACETS if f.name == name)
    choices = {str(value): str(label) for value, label in facet.choices}
    return {value: choices.get(value, value) for value in values}


def _selected(params: SearchParams, name: str) -> set[str]:
    if name in {"digital", "has_replications"}:
        value = getattr(params, name)
        return set() if value is None else {"true" if value else "false"}
    if name == "min_rating":
        return set() if params.min_rating is None else {str(params.min_rating)}
    return set(params.filter_map.get(name, ()))


def _order(name: str, values: list[FacetValue]) -> list[FacetValue]:
    if name == "year":
        return sorted(values, key=lambda v: v.value, reverse=True)
    if name == "min_rating":
        return sorted(values, key=lambda v: v.value, reverse=True)
    if name in {"digital", "has_replications"}:
        return sorted(values, key=lambda v: v.value != "true")
    if name == "sdg":
        return sorted(values, key=lambda v: int(v.value) if v.value.isdigit() else 99)
    return sorted(values, key=lambda v: (-v.count, v.label))


def label_facets(raw: dict[str, dict[str, int]], params: SearchParams) -> dict[str, list]:
    """{facet: [FacetValue]} with labels, selected values kept even at zero, empty values left out."""
    facets = {}
    for facet in FACETS:
        counts = {str(value): count for value, count in raw.get(facet.name, {}).items() if value not in ("", "None")}
        selected = _selected(params, facet.name)
        for value in selected:
            counts.setdefault(value, 0)
        labels = _labels(facet.name, set(counts))
        values = [
            FacetValue(value=value, label=labels.get(value, value), count=count, selected=value in selected)
            for value, count in counts.items()
            if count or value in selected
        ]
        facets[facet.name] = _order(facet.name, values)
    return facets
