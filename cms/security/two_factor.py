"""Two-factor sign-in (TOTP with django-otp): who needs it, and the middleware that asks.

Anyone may turn it on for their own account (/akun/dua-langkah/). When
settings.REGISTRY_REQUIRE_2FA is on (the default in production) the people whose
mistakes cost most must use it: ministry admins and anyone else who may open the
Wagtail admin, the competition secretariat and judges.

Sign-in stays in two steps for both login pages (/masuk/ and /admin/login/): the
password opens the session, and until the code is given the session may only
read public pages. The middleware sends it to the code page (or, for a required
role without a device, to the enrolment page) on /admin/, /portal/, any form
post, and answers /api/ with 403.

What a user needs is worked out once, at login, and kept in the session, so a
signed-in request costs no extra query; enrolling or turning it off updates it.
A change of role or of REGISTRY_REQUIRE_2FA applies from the next sign-in
(sessions last one working day, settings.SESSION_COOKIE_AGE).
"""

import re
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from registry.accounts.two_factor import has_device, is_mandatory

SESSION_KEY = "registry_second_factor"
NOT_NEEDED, VERIFY, ENROL = "none", "verify", "enrol"

ENFORCED_PREFIXES = ("/admin/", "/portal/", "/api/")
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
# Pages a half-signed-in session may always reach: the second step itself, leaving,
# signing in again, and switching the language of those pages.
EXEMPT_VIEWS = {
    "security:two_factor_verify",
    "security:two_factor_setup",
    "login",
    "logout",
    "set_language",
    "javascript-catalog",
    "wagtailadmin_login",
    "wagtailadmin_logout",
}


def second_factor_state(user) -> str:
    if has_device(user):
        return VERIFY
    if is_mandatory(user):
        return ENROL
    return NOT_NEEDED


def remember_state(request, user) -> str:
    state = second_factor_state(user)
    request.session[SESSION_KEY] = state
    return state


@receiver(user_logged_in, dispatch_uid="registry_second_factor_state")
def _remember_state_at_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        remember_state(request, user)


_LANGUAGE_CODES = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
_LANGUAGE_PREFIX = re.compile(rf"^/({_LANGUAGE_CODES})/")


def _without_language(path: str) -> str:
    return _LANGUAGE_PREFIX.sub("/", path, count=1)


def is_verified(user) -> bool:
    """Whether this session gave its code (django_otp.middleware.OTPMiddleware installs the check)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


class TwoFactorMiddleware:
    """After django_otp.middleware.OTPMiddleware: holds a session that still owes its code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated:
            return None
        state = request.session.get(SESSION_KEY) or remember_state(request, user)
        if state == NOT_NEEDED or is_verified(user):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in EXEMPT_VIEWS:
            return None
        path = _without_language(request.path_info)
        if not path.startswith(ENFORCED_PREFIXES) and request.method in SAFE_METHODS:
            return None
        if path.startswith("/api/"):
            message = _("Selesaikan verifikasi dua langkah di situs sebelum memakai API dengan sesi ini.")
            return JsonResponse(
                {"error": {"status": 403, "code": "two_factor_required", "message": message, "fields": {}}},
                status=403,
            )
        target = "security:two_factor_verify" if state == VERIFY else "security:two_factor_setup"
        next_url = request.get_full_path() if request.method in SAFE_METHODS else ""
        query = f"?{urlencode({'next': next_url})}" if next_url else ""
        return HttpResponseRedirect(reverse(target) + query)
