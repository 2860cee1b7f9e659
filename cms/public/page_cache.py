"""Whole-page cache of the public pages anonymous visitors read (issue 8: load).

Anonymous visitors are most of the traffic, and for one URL and language they all
get the same page: it carries no CSRF token (the language switch is a pair of links)
and nothing personal. So the rendered page of the home page, the catalog, an
innovation's page, the replication map, the competition results and the open-data
page is kept for PAGE_CACHE_SECONDS (0 turns the cache off: development, tests).

Correctness comes first:

- Only GET/HEAD of an anonymous visitor without pending messages is answered from
  the cache, and only a 200 that sets no cookie, did not touch the session and never
  asked for a CSRF token is stored. Signed-in users always get a fresh page (they see
  their own review, their agency's drafts).
- Every key holds a generation number kept in the database (PageCacheState), so one
  bump empties the cache of every web process at once. The bump runs inside the
  transaction of the change it follows (the audit event's, or Wagtail's publication),
  so no process can read the new generation before the change is visible.
- What must show at once bumps the generation: any publication, unpublication, edit
  or deletion of an innovation, an agency, a competition decision or result, an
  import, a moderator hiding a review. Peer activity that only adds to a page (a new
  review or reply, a monitoring update) appears within PAGE_CACHE_SECONDS instead,
  like the search refresh interval: otherwise every review would empty the cache.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.db.models import F
from django.http import HttpResponse

CACHE_ALIAS = "pages"
CACHEABLE_VIEWS = frozenset(
    {
        "wagtail_serve",  # the home page, the catalog, innovation pages, content pages
        "replication_map",
        "competition_public_list",
        "competition_public_detail",
        "opendata",
    }
)
# Audit actions whose effect on a public page may wait PAGE_CACHE_SECONDS; every other
# action (including ones added later) empties the cache when it commits.
ROUTINE_ACTIONS = frozenset(
    {
        "review.create",
        "review.edit",
        "review.reply",
        "review.reply_edit",
        "review.flag",
        "review.dismiss_flags",
        "review.implementer",
        "replication.monitoring",
        "replication.reminder",
        "replication.mentoring",
        "replication.acknowledge",
        "ratings.prior",
    }
)
ROUTINE_PREFIXES = ("account.", "membership.", "competition.assign", "competition.score", "competition.conflict")


def seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0))


def generation() -> int:
    from cms.public.models import PageCacheState

    return PageCacheState.objects.filter(pk=1).values_list("generation", flat=True).first() or 0


def invalidate() -> None:
    """Make every cached page unreachable; call it inside the transaction of the change."""
    from cms.public.models import PageCacheState

    if not PageCacheState.objects.filter(pk=1).update(generation=F("generation") + 1):
        PageCacheState.objects.get_or_create(pk=1, defaults={"generation": 1})


def is_routine(action: str) -> bool:
    return action in ROUTINE_ACTIONS or action.startswith(ROUTINE_PREFIXES)


def _versions() -> str:
    """This cache's generation and the search index's membership token, in one query.

    A publication bumps the generation when it commits, but the catalog lists it only
    once the task worker has indexed it: the membership token (search/facet_index.py)
    changes then, so no catalog page rendered in between outlives the indexing.
    """
    from cms.public.models import PageCacheState
    from search.facet_index import MEMBERSHIP_KEY

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT generation FROM {PageCacheState._meta.db_table} WHERE id = 1),"
            " (SELECT token FROM registry_search_state WHERE key = %s)",
            [MEMBERSHIP_KEY],
        )
        generation_, membership = cursor.fetchone()
    return f"{generation_ or 0}:{membership or '-'}"


def _key(request) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{_versions()}:{request.LANGUAGE_CODE}:{path}"


def _eligible(request) -> bool:
    if seconds() <= 0 or request.method not in ("GET", "HEAD"):
        return False
    match = request.resolver_match
    if match is None or match.url_name not in CACHEABLE_VIEWS:
        return False
    if request.user.is_authenticated or "messages" in request.COOKIES:
        return False
    # Messages kept in the session (a redirect after signing out) would be rendered into the page.
    return not (settings.SESSION_COOKIE_NAME in request.COOKIES and request.session.get("_messages"))


def _storable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.session.modified
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


class AnonymousPageCacheMiddleware:
    """Below authentication, locale and messages; above the views (settings.MIDDLEWARE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key is not None:
            if _storable(request, response):
                stored = (response.status_code, list(response.items()), response.content)
                caches[CACHE_ALIAS].set(key, stored, seconds())
                response["X-Page-Cache"] = "miss"
            else:
                response["X-Page-Cache"] = "skip"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not _eligible(request):
            return None
        key = _key(request)
        stored = caches[CACHE_ALIAS].get(key)
        if stored is None:
            request._page_cache_key = key
            return None
        status, headers, content = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response


# --- What empties the cache ---------------------------------------------------------------


def _after_audit_event(sender, instance, created, **kwargs):
    if created and not is_routine(instance.action):
        invalidate()


def _after_page_publication(sender, instance=None, **kwargs):
    invalidate()  # a Wagtail page (home, catalog, content page) changed in the admin


def connect_receivers() -> None:
    from django.db.models.signals import post_save
    from wagtail.signals import page_published, page_unpublished

    from registry.audit.models import AuditEvent

    post_save.connect(_after_audit_event, sender=AuditEvent, dispatch_uid="page_cache_audit")
    page_published.connect(_after_page_publication, dispatch_uid="page_cache_page_published")
    page_unpublished.connect(_after_page_publication, dispatch_uid="page_cache_page_unpublished")
