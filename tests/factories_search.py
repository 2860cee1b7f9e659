"""Innovations with chosen words and facet values, for the search tests."""

import datetime

from registry.agencies.models import AgencyType
from registry.geo.models import Regency
from registry.innovations.models import Sdg, Sector
from tests.factories import AgencyFactory, InnovationFactory


def agency_in(regency_code: str, *, type=AgencyType.PEMKOT):
    return AgencyFactory(regency=Regency.objects.get(code=regency_code), type=type)


def innovation(
    title: str,
    summary: str,
    *,
    regency: str = "33.72",
    agency_type=AgencyType.PEMKOT,
    sectors=("administrasi-kependudukan",),
    sdgs=(),
    body: str = "",
    published: datetime.datetime | None = None,
    **fields,
):
    """A published innovation whose only words are these (the factory's narrative is replaced)."""
    record = InnovationFactory(
        title=title,
        summary=summary,
        agency=agency_in(regency, type=agency_type),
        problem=body,
        implementation_steps="",
        results="",
        first_published_at=published or datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
        sectors=list(Sector.objects.filter(code__in=sectors)),
        **fields,
    )
    record.sdgs.set(Sdg.objects.filter(number__in=sdgs))
    # ParentalManyToManyField keeps sectors and SDGs in memory until the innovation is saved.
    record.save()
    import search

    search.index_innovation(record.pk)
    return record
