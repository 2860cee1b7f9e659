"""The Content-Security-Policy of every response (django-csp 4).

The public site, the portal and the API docs get the strict policy of
settings.CONTENT_SECURITY_POLICY: scripts and styles only from our own files, no
inline script, no inline style, no plugins, no framing. Our templates are written
for it (tests/security/test_csp_pages.py renders every page type and checks).

The Wagtail admin is the main exception: its own pages still carry inline scripts,
inline styles and `style` attributes, and its preview panel frames our own pages.
It gets a policy of its own, relaxed only where Wagtail needs it ('unsafe-inline'
for scripts and styles, blob: images, same-origin framing) and as strict as the
site's everywhere else (no plugins, no foreign origins, forms post to us only).

ReDoc (/api/v1/redoc/) builds its styles at run time (styled-components writes
<style> elements) and runs its search in a web worker made from a blob: URL, so
that one page may apply inline styles and start blob: workers; its scripts stay
strict. Swagger UI (/api/v1/docs/) needs no exception.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config

ADMIN_PREFIX = "/admin/"

ADMIN_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'self'"],
    "form-action": ["'self'"],
}


# Additions to the strict policy for single pages that cannot do without.
PAGE_RELAXATIONS = {
    "/api/v1/redoc/": {"style-src": ["'unsafe-inline'"], "worker-src": ["'self'", "blob:"]},
}


class RegistryCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts  # a view chose its own policy
        path = request.path_info
        if path.startswith(ADMIN_PREFIX):
            parts.config = default_config(ADMIN_DIRECTIVES)
        elif path in PAGE_RELAXATIONS and parts.update is None:
            parts.update = PAGE_RELAXATIONS[path]
        return parts
