"""The same page in another language (cms/urls.py: Indonesian has no prefix, the others /<code>/)."""

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


def url_in_language(path: str, code: str) -> str:
    """`path` as it reads in language `code`, for the language links and the hreflang alternates."""
    translated = translate_url(path, code)
    if translated != path or code == get_language():
        return translated
    # A path that does not resolve (a 404 page): swap the prefix by hand.
    bare = path
    for other, _name in settings.LANGUAGES:
        if other != settings.LANGUAGE_CODE and (path == f"/{other}" or path.startswith(f"/{other}/")):
            bare = path[len(other) + 1 :] or "/"
    return bare if code == settings.LANGUAGE_CODE else f"/{code}{bare}"
