from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


def _in_language(path: str, code: str) -> str:
    """The same page in another language: Indonesian has no prefix, the others /<code>/ (cms/urls.py)."""
    translated = translate_url(path, code)
    if translated != path or code == get_language():
        return translated
    # A path that does not resolve (a 404 page): swap the prefix by hand.
    bare = path
    for other, _name in settings.LANGUAGES:
        if other != settings.LANGUAGE_CODE and (path == f"/{other}" or path.startswith(f"/{other}/")):
            bare = path[len(other) + 1 :] or "/"
    return bare if code == settings.LANGUAGE_CODE else f"/{code}{bare}"


def site_navigation(request):
    """What every page's header and footer need.

    The language switch is a pair of plain links, not a POST form: no JavaScript and no
    CSRF token, so anonymous pages stay the same for every visitor and can be cached
    (cms/public/page_cache.py).
    """
    current, path = get_language(), request.get_full_path()
    return {
        "LANGUAGE_LINKS": [
            {"code": code, "name": name, "current": code == current, "url": _in_language(path, code)}
            for code, name in settings.LANGUAGES
        ],
    }
