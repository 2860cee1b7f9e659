from django.conf import settings


def site_navigation(request):
    """What every page's header and footer need."""
    return {"LANGUAGES_AVAILABLE": settings.LANGUAGES}
