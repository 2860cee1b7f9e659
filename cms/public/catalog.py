"""The catalog page's search (/inovasi/?q=...): words, facet checkboxes, sorting, pages.

Everything comes from `search.query`, so the page shows what the API answers.
Invalid parameters in the URL are ignored rather than refused: a person who
edited the address still gets a page.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

import search
from search.params import FACETS, SORTS, Results, params_from_querydict

# Facets shown as checkboxes (several values at once) and as radio buttons (one value).
RADIO_FACETS = {"digital", "min_rating"}
SINGLE_CHECKBOX_FACETS = {"has_replications"}
# These facet lists start unfolded.
OPEN_FACETS = {"province", "sector"}
# Facets with many values show the most frequent ones (and every ticked one).
MAX_FACET_VALUES = {"regency": 30, "year": 40}


@dataclass
class SearchPage:
    """What public/includes/pagination.html needs from a page of search results."""

    number: int
    num_pages: int
    count: int

    @property
    def paginator(self):
        return self

    def has_previous(self) -> bool:
        return self.number > 1

    def has_next(self) -> bool:
        return self.number < self.num_pages

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


@dataclass
class FacetGroup:
    name: str
    label: str
    values: list
    widget: str  # "checkbox", "radio" or "single"
    open: bool
    chosen: bool


def _facet_groups(results: Results) -> list[FacetGroup]:
    groups = []
    for facet in FACETS:
        values = results.facets.get(facet.name, [])
        if facet.name in SINGLE_CHECKBOX_FACETS:
            values = [value for value in values if value.value == "true"]
        if not values:
            continue
        limit = MAX_FACET_VALUES.get(facet.name)
        if limit and len(values) > limit:
            values = [value for i, value in enumerate(values) if i < limit or value.selected]
        widget = "radio" if facet.name in RADIO_FACETS else "single" if facet.name in SINGLE_CHECKBOX_FACETS else "checkbox"
        chosen = any(value.selected for value in values)
        groups.append(FacetGroup(facet.name, facet.label, values, widget, facet.name in OPEN_FACETS or chosen, chosen))
    return groups


def catalog_context(request) -> dict:
    params, _errors = params_from_querydict(request.GET)
    results = search.query(params)
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return {
        "results": results,
        "params": params,
        "hits": results.items,
        "facet_groups": _facet_groups(results),
        "sorts": [(value, label) for value, label in SORTS.items() if value != "relevance" or params.q],
        "current_sort": params.effective_sort,
        "page_obj": SearchPage(number=params.page, num_pages=results.num_pages, count=results.total),
        "query_without_page": query_without_page.urlencode(),
        "has_filters": bool(params.filters or params.digital is not None or params.has_replications is not None
                            or params.min_rating is not None or params.year_from or params.year_to),
        "search_label": _("Cari inovasi"),
    }


def similar_innovations_context(innovation) -> dict:
    return {"similar_hits": search.similar(innovation.pk)}
