"""Views behind the public Wagtail pages (the catalog page routes here)."""

from django.http import Http404
from django.template.response import TemplateResponse

from cms.public.catalog import catalog_context, similar_innovations_context
from cms.public.innovation_detail import detail_context
from cms.public.replication import innovation_replication_context
from cms.public.reviews import review_section_context
from registry.innovations.models import Innovation
from registry.innovations.selectors import (
    innovation_counts,
    innovation_get_published,
    innovation_list_published,
)


def home_context() -> dict:
    return {
        "counts": innovation_counts(),
        "latest_innovations": innovation_list_published().order_by("-first_published_at", "-pk")[:6],
    }


def catalog_view(request, *, page):
    # Words, facets, sorting and pages all come from the search index (cms/public/catalog.py).
    context = {"page": page, "self": page, **catalog_context(request)}
    return TemplateResponse(request, "public/catalog_page.html", context)


def innovation_detail_view(request, *, page, slug):
    try:
        innovation = innovation_get_published(slug=slug)
    except Innovation.DoesNotExist:
        raise Http404 from None
    context = {"page": page, "self": page, **detail_context(request, innovation)}
    # --- Features add their context below, one line each (ratings, replication, awards, similar). ---
    context.update(review_section_context(request, innovation))
    context.update(innovation_replication_context(request, innovation))
    context.update(similar_innovations_context(innovation))
    return TemplateResponse(request, "public/innovation_detail.html", context)
