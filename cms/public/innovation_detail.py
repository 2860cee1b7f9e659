"""What the public page of one innovation shows, shaped for its template.

Kept out of views.py so that the view stays a list of context lines that features
(ratings, replication, awards, similar innovations) can add to.
"""

from dataclasses import dataclass
from urllib.parse import urlparse

from django.db.models import prefetch_related_objects
from django.utils.text import Truncator

from registry.innovations.models import NARRATIVE_SECTIONS, Innovation

META_DESCRIPTION_CHARS = 160
OG_IMAGE_SPEC = "fill-1200x630"


@dataclass(frozen=True)
class NarrativeSection:
    anchor: str  # the id of the section on the page, e.g. "bagian-problem"
    label: str
    text: str


def narrative_sections(innovation: Innovation) -> list[NarrativeSection]:
    return [
        NarrativeSection(f"bagian-{name.replace('_', '-')}", str(innovation._meta.get_field(name).verbose_name), getattr(innovation, name))
        for name in NARRATIVE_SECTIONS
        if getattr(innovation, name)
    ]


def agency_chain(innovation: Innovation) -> list:
    """The agency and the agencies above it, nearest first (the parent is select_related)."""
    chain, current, seen = [], innovation.agency, set()
    while current is not None and current.pk not in seen and len(chain) < 4:
        chain.append(current)
        seen.add(current.pk)
        current = current.parent
    return chain


def og_image_url(request, images) -> str:
    if not images:
        return ""
    rendition = images[0].image.get_rendition(OG_IMAGE_SPEC)
    return request.build_absolute_uri(rendition.url)


def detail_context(request, innovation: Innovation) -> dict:
    images = list(innovation.images.all())
    # Wagtail reads prefetched renditions: one query for the whole gallery, not one per image.
    prefetch_related_objects([item.image for item in images], "renditions")
    return {
        "innovation": innovation,
        "sections": narrative_sections(innovation),
        "indicators": list(innovation.indicators.all()),
        "documents": list(innovation.documents.all()),
        "images": images,
        "sectors": list(innovation.sectors.all()),
        "sdgs": list(innovation.sdgs.all()),
        "tags": list(innovation.tags.all()),
        "agency_chain": agency_chain(innovation),
        "video_host": (urlparse(innovation.video_url).hostname or "").removeprefix("www.") if innovation.video_url else "",
        "meta_description": Truncator(" ".join(innovation.summary.split())).chars(META_DESCRIPTION_CHARS),
        "og_image": og_image_url(request, images),
    }
