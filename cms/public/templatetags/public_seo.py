"""Search-engine and link-preview basics shared by the public pages.

`{% seo_urls as seo %}` gives the canonical URL of the page (its path without the
query string, in the current language) and the same page in every language, for
<link rel="canonical">, hreflang alternates and og:url.
"""

from django import template
from django.conf import settings

from cms.public.languages import url_in_language

register = template.Library()


@register.simple_tag(takes_context=True)
def seo_urls(context) -> dict:
    request = context["request"]
    return {
        "canonical": request.build_absolute_uri(request.path),
        "alternates": [
            (code, request.build_absolute_uri(url_in_language(request.path, code))) for code, _name in settings.LANGUAGES
        ],
        "default": request.build_absolute_uri(url_in_language(request.path, settings.LANGUAGE_CODE)),
    }


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str) -> str:
    return context["request"].build_absolute_uri(url) if url else ""
