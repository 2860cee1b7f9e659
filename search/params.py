"""What a search asks for and what it answers, the same for every backend.

The query-string names are those of the public API (`GET /api/v1/innovations/`)
and of the catalog page, so a catalog URL and an API URL filter alike.
"""

from dataclasses import dataclass, field, replace
from typing import Any

from django.utils.translation import gettext_lazy as _

from registry.agencies.models import AgencyType
from registry.innovations.models import InnovationKind, LifecycleStage

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Deep pages cost the database more than they help anyone: use filters instead.
MAX_PAGE = 500


@dataclass(frozen=True)
class Facet:
    name: str
    label: Any
    # "terms": one value per document; "many": several (sectors, SDGs);
    # "bool": true/false; "threshold": documents at or above each value.
    kind: str = "terms"
    choices: tuple = ()


RATING_THRESHOLDS = ("4", "3", "2", "1")

FACETS: tuple[Facet, ...] = (
    Facet("province", _("Provinsi")),
    Facet("regency", _("Kabupaten/kota")),
    Facet("agency_type", _("Jenis instansi"), choices=tuple(AgencyType.choices)),
    Facet("sector", _("Sektor"), kind="many"),
    Facet("sdg", _("TPB/SDG"), kind="many"),
    Facet("kind", _("Jenis inovasi"), choices=tuple(InnovationKind.choices)),
    Facet("digital", _("Digital"), kind="bool"),
    Facet("stage", _("Tahap"), choices=tuple(LifecycleStage.choices)),
    Facet("year", _("Tahun diterapkan")),
    Facet("has_replications", _("Replikasi"), kind="bool"),
    Facet("min_rating", _("Peringkat"), kind="threshold", choices=RATING_THRESHOLDS),
)
FACETS_BY_NAME = {facet.name: facet for facet in FACETS}
# Facets whose values are chosen by checkboxes (several at once, OR within the facet).
MULTI_VALUE_FACETS = ("province", "regency", "agency_type", "sector", "sdg", "kind", "stage", "year")

SORTS = {
    "relevance": _("Paling relevan"),
    "newest": _("Terbaru"),
    "rating": _("Peringkat tertinggi"),
    "replications": _("Paling banyak direplikasi"),
}

TRUE_VALUES, FALSE_VALUES = {"1", "true", "yes", "ya"}, {"0", "false", "no", "tidak"}


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    # Multi-value facets: name → chosen values (sorted, so equal searches are equal).
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    digital: bool | None = None
    has_replications: bool | None = None
    min_rating: int | None = None
    year_from: int | None = None
    year_to: int | None = None
    sort: str = ""
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    @property
    def filter_map(self) -> dict[str, tuple[str, ...]]:
        return dict(self.filters)

    @property
    def effective_sort(self) -> str:
        """Relevance needs words to be relevant to; without them the newest come first."""
        if self.sort in SORTS and (self.sort != "relevance" or self.q.strip()):
            return self.sort
        return "relevance" if self.q.strip() else "newest"

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    def active(self, facet: str) -> bool:
        """Does this search narrow the facet (so its own counts ignore that choice)?"""
        if facet in MULTI_VALUE_FACETS:
            has_values = bool(self.filter_map.get(facet))
            if facet == "year":
                return has_values or self.year_from is not None or self.year_to is not None
            return has_values
        return getattr(self, facet) is not None

    def without_facet(self, facet: str) -> "SearchParams":
        changes: dict[str, Any] = {}
        if facet in MULTI_VALUE_FACETS:
            changes["filters"] = tuple((name, values) for name, values in self.filters if name != facet)
            if facet == "year":
                changes.update(year_from=None, year_to=None)
        else:
            changes[facet] = None
        return replace(self, **changes)

    def with_query(self, q: str) -> "SearchParams":
        return replace(self, q=q)


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Hit:
    id: int
    score: float
    innovation: Any = None  # the Innovation, with agency, province, regency and sectors loaded
    highlights: dict[str, str] = field(default_factory=dict)


@dataclass
class Results:
    items: list[Hit]
    total: int
    facets: dict[str, list[FacetValue]]
    suggestion: str | None = None
    # The results are those of the suggestion (the query as typed found nothing).
    corrected: bool = False
    # Nothing matched every word, so these match some of them.
    relaxed: bool = False
    # The configured backend could not answer; these come from the fallback.
    degraded: bool = False
    params: SearchParams = field(default_factory=SearchParams)

    @property
    def num_pages(self) -> int:
        if not self.total:
            return 1
        return min(-(-self.total // self.params.page_size), MAX_PAGE)


def _bool(value: str | None, name: str, errors: dict) -> bool | None:
    if value is None or value == "":
        return None
    if value.lower() in TRUE_VALUES:
        return True
    if value.lower() in FALSE_VALUES:
        return False
    errors[name] = _("Gunakan true atau false.")
    return None


def _int(value: str | None, name: str, errors: dict, *, low: int, high: int) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or not low <= number <= high:
        errors[name] = _("Harus bilangan bulat antara %(low)d dan %(high)d.") % {"low": low, "high": high}
        return None
    return number


def params_from_querydict(data, *, default_page_size: int = DEFAULT_PAGE_SIZE) -> tuple[SearchParams, dict]:
    """SearchParams from a QueryDict (or a dict of lists), and the errors of invalid values.

    Invalid values are left out of the search; the API reports them, the catalog ignores them.
    """
    errors: dict[str, Any] = {}

    def values(name: str) -> list[str]:
        raw = data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])
        raw = [raw] if isinstance(raw, str) else raw
        # "sector=a,b" and "sector=a&sector=b" both work.
        return [part.strip() for item in raw for part in str(item).split(",") if part.strip()]

    def first(name: str) -> str | None:
        found = values(name)
        return found[0] if found else None

    def raw(name: str) -> str:
        found = data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])
        found = [found] if isinstance(found, str) else found
        return str(found[0]) if found else ""

    filters = []
    for name in MULTI_VALUE_FACETS:
        chosen = values(name)
        allowed = {value for value, _label in FACETS_BY_NAME[name].choices}
        if allowed and any(value not in allowed for value in chosen):
            errors[name] = _("Nilai tidak dikenal: %(values)s.") % {
                "values": ", ".join(sorted(v for v in chosen if v not in allowed))
            }
            chosen = [value for value in chosen if value in allowed]
        if name in {"year", "sdg"} and any(not value.isdigit() for value in chosen):
            errors[name] = _("Harus bilangan bulat.")
            chosen = [value for value in chosen if value.isdigit()]
        if chosen:
            filters.append((name, tuple(sorted(set(chosen)))[:50]))
    sort = first("sort") or ""
    if sort and sort not in SORTS:
        errors["sort"] = _("Urutan tidak dikenal; pilih salah satu: %(sorts)s.") % {"sorts": ", ".join(SORTS)}
        sort = ""
    page_size = _int(first("page_size"), "page_size", errors, low=1, high=MAX_PAGE_SIZE) or default_page_size
    params = SearchParams(
        q=" ".join(raw("q").split())[:200],
        filters=tuple(filters),
        digital=_bool(first("digital"), "digital", errors),
        has_replications=_bool(first("has_replications"), "has_replications", errors),
        min_rating=_int(first("min_rating"), "min_rating", errors, low=1, high=5),
        year_from=_int(first("year_from"), "year_from", errors, low=1945, high=2100),
        year_to=_int(first("year_to"), "year_to", errors, low=1945, high=2100),
        sort=sort,
        page=_int(first("page"), "page", errors, low=1, high=MAX_PAGE) or 1,
        page_size=page_size,
    )
    return params, errors
