"""Views behind the public Wagtail pages (the catalog page routes here)."""

from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse

from registry.innovations.filters import InnovationFilter
from registry.innovations.models import Innovation
from registry.innovations.selectors import (
    innovation_counts,
    innovation_get_published,
    innovation_list_published,
)

CATALOG_PAGE_SIZE = 20


def home_context() -> dict:
    return {
        "counts": innovation_counts(),
        "latest_innovations": innovation_list_published().order_by("-first_published_at", "-pk")[:6],
    }


def catalog_view(request, *, page):
    filterset = InnovationFilter(request.GET or None, queryset=innovation_list_published())
    queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else innovation_list_published()
    paginator = Paginator(queryset.order_by("-first_published_at", "-pk"), CATALOG_PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return TemplateResponse(
        request,
        "public/catalog_page.html",
        {
            "page": page,
            "self": page,
            "filter": filterset,
            "page_obj": page_obj,
            "innovations": page_obj.object_list,
            "query_without_page": query_without_page.urlencode(),
        },
    )


def innovation_detail_view(request, *, page, slug):
    try:
        innovation = innovation_get_published(slug=slug)
    except Innovation.DoesNotExist:
        raise Http404 from None
    return TemplateResponse(
        request,
        "public/innovation_detail.html",
        {"page": page, "self": page, "innovation": innovation},
    )
