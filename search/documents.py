"""What the index holds about one innovation, whatever the backend.

Text is grouped by how much a match counts: the title above the summary (with
the product, tags and sectors) above the agency and region names above the
narrative sections. Facet values are flattened so every backend filters and
counts the same things.
"""

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch

from registry.innovations.models import NARRATIVE_SECTIONS, Innovation, Sdg, Sector
from search.analysis import index_words

# Evidence of quality may lift a result's relevance score by at most this share.
# Text relevance always comes first: a 20% lift reorders results of similar
# relevance, never a weak match above a strong one.
MAX_QUALITY_BOOST = 0.20


def quality_boost(*, rating_bayesian: float | None, replication_total: int, award_count: int) -> float:
    """0 … MAX_QUALITY_BOOST: half from the peer rating, a quarter each from replications and awards.

    - rating: the Bayesian mean above the neutral 3 of 5, scaled to 0…1 at 5;
    - replications: log-scaled, 10 or more count fully;
    - awards: 3 or more count fully.
    """
    rating = 0.0 if rating_bayesian is None else min(max((rating_bayesian - 3.0) / 2.0, 0.0), 1.0)
    replications = min(math.log1p(replication_total) / math.log1p(10), 1.0)
    awards = min(award_count / 3.0, 1.0)
    return round(MAX_QUALITY_BOOST * (0.5 * rating + 0.25 * replications + 0.25 * awards), 4)


@dataclass
class IndexedDocument:
    id: int
    slug: str
    external_id: str
    title: str
    summary: str  # summary, product, tags and sectors
    meta: str  # agency, unit and region names
    body: str  # narrative sections
    province_code: str
    regency_code: str
    agency_type: str
    kind: str
    stage: str
    is_digital: bool
    year_implemented: int | None
    replication_total: int
    rating_bayesian: float | None
    review_count: int
    award_count: int
    published_at: datetime
    title_words: int
    sectors: list[str] = field(default_factory=list)
    sdgs: list[str] = field(default_factory=list)

    @property
    def has_replications(self) -> bool:
        return self.replication_total > 0

    @property
    def quality_boost(self) -> float:
        return quality_boost(
            rating_bayesian=self.rating_bayesian,
            replication_total=self.replication_total,
            award_count=self.award_count,
        )

    @property
    def all_text(self) -> str:
        return "\n".join([self.title, self.summary, self.meta, self.body])


def innovations_for_index(ids: Iterable[int]):
    """The published innovations among ids, with everything a document needs, in 4 queries."""
    return (
        Innovation.objects.published()
        .filter(pk__in=list(ids))
        .select_related("agency", "province", "regency")
        .prefetch_related(
            Prefetch("sectors", queryset=Sector.objects.only("code", "name")),
            Prefetch("sdgs", queryset=Sdg.objects.only("number", "name")),
            "tags",
        )
    )


def document_from_innovation(innovation: Innovation) -> IndexedDocument:
    sectors = list(innovation.sectors.all())
    sdgs = list(innovation.sdgs.all())
    tags = [tag.name for tag in innovation.tags.all()]
    agency = innovation.agency
    meta = [agency.name, agency.short_name, innovation.unit_name]
    meta += [region.name for region in (innovation.regency, innovation.province) if region is not None]
    return IndexedDocument(
        id=innovation.pk,
        slug=innovation.slug,
        external_id=innovation.external_id or "",
        title=innovation.title,
        summary="\n".join([innovation.summary, innovation.product, *tags, *(s.name for s in sectors)]),
        meta="\n".join(part for part in meta if part),
        body="\n".join(getattr(innovation, name) for name in NARRATIVE_SECTIONS),
        province_code=innovation.province_id or "",
        regency_code=innovation.regency_id or "",
        agency_type=agency.type or "",
        kind=innovation.kind or "",
        stage=innovation.stage or "",
        is_digital=innovation.is_digital,
        year_implemented=innovation.year_implemented,
        replication_total=innovation.replications_active + innovation.replications_completed,
        rating_bayesian=innovation.rating_bayesian,
        review_count=innovation.review_count,
        award_count=innovation.award_count,
        published_at=innovation.first_published_at or innovation.created_at,
        title_words=len(index_words(innovation.title)),
        sectors=[s.code for s in sectors],
        sdgs=[str(s.number) for s in sdgs],
    )


def documents_for(ids: Iterable[int]) -> tuple[list[IndexedDocument], list[int]]:
    """Documents of the published innovations among ids, and the ids that must leave the index."""
    ids = list(dict.fromkeys(ids))
    documents = [document_from_innovation(innovation) for innovation in innovations_for_index(ids)]
    found = {document.id for document in documents}
    return documents, [pk for pk in ids if pk not in found]


def published_id_batches(batch_size: int) -> Iterator[list[int]]:
    """Every published innovation's id, in batches, in id order (for rebuilds)."""
    last = 0
    while True:
        batch = list(
            Innovation.objects.published().filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:batch_size]
        )
        if not batch:
            return
        yield batch
        last = batch[-1]
