"""Login throttling and lock-out (django-axes) for /masuk/ and the Wagtail admin login.

Both login pages authenticate through django.contrib.auth with the request, so
the axes backend sees every attempt. After settings.AXES_FAILURE_LIMIT wrong
passwords for one username from one address the pair is locked out for
settings.AXES_COOLOFF_TIME (also when the right password comes next), and the
lock-out page below says so in Indonesian. It lifts by itself, at a successful
login after the cool-off, when a ministry admin releases it in the admin
("Pengguna terkunci"), or with `manage.py axes_reset_username <name>`.
"""

import ipaddress

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.template.response import TemplateResponse


class RegistryAxesBackend(AxesStandaloneBackend):
    """The axes backend, quiet when there is no request to judge.

    Only code that calls authenticate() without a request reaches the `None`
    branch: the test client's `client.login()`, the shell, management commands.
    Every login page passes its request, so lock-out applies to all of them.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request) -> str | None:
    """The address the attempt came from.

    Behind the production reverse proxy (settings.SECURE_PROXY_SSL_HEADER is set
    then) REMOTE_ADDR is the proxy's own address for everyone, so the right-most
    X-Forwarded-For entry, the one our proxy appended, is the client. A header
    sent by the client itself sits to its left and is ignored.
    """
    address = request.META.get("REMOTE_ADDR")
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            address = forwarded[-1]
    try:
        return str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        return None


def cooloff_minutes() -> int:
    return max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))


def lockout_response(request, original_response=None, credentials=None):
    return TemplateResponse(
        request,
        "security/lockout.html",
        {"minutes": cooloff_minutes(), "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    ).render()
