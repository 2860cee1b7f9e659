from django.conf import settings
from django.utils.translation import get_language

from cms.public.languages import url_in_language


def site_navigation(request):
    """What every page's header and footer need.

    The language switch is a pair of plain links, not a POST form: no JavaScript and no
    CSRF token, so anonymous pages stay the same for every visitor and can be cached
    (cms/public/page_cache.py).
    """
    current, path = get_language(), request.get_full_path()
    return {
        "LANGUAGE_LINKS": [
            {"code": code, "name": name, "current": code == current, "url": url_in_language(path, code)}
            for code, name in settings.LANGUAGES
        ],
    }
