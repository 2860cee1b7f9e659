"""The second step of signing in, and the page where a user turns it on (/akun/...)."""

from base64 import b32encode
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticToken

from cms.security.forms import CodeForm
from cms.security.two_factor import ENROL, NOT_NEEDED, SESSION_KEY, VERIFY, is_verified
from registry.accounts import two_factor
from registry.core.exceptions import PermissionDenied, ValidationError


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return "/portal/"


def qr_svg(data: str) -> str:
    """The QR code as inline SVG, drawn on the server (no script, no external service).

    The SVG holds only path coordinates and the fixed attributes qrcode writes, no text
    from a user, so it is safe to mark as such.
    """
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    return mark_safe(image.to_string(encoding="unicode"))  # noqa: S308


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@login_required
def two_factor_verify(request):
    user = request.user
    next_url = _next_url(request)
    if is_verified(user) or not two_factor.has_device(user):
        return redirect(next_url)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            request.session[SESSION_KEY] = VERIFY
            return redirect(next_url)
        form.add_error(
            "code",
            _("Kode salah, kedaluwarsa, atau sudah dipakai. Setelah beberapa kali salah, tunggu sebentar sebelum mencoba lagi."),
        )
    return TemplateResponse(request, "security/two_factor_verify.html", {"form": form, "next": next_url})


@never_cache
@login_required
def two_factor_setup(request):
    user = request.user
    next_url = _next_url(request)
    if two_factor.has_device(user):
        if not is_verified(user):
            return redirect(f"{reverse('security:two_factor_verify')}?{urlencode({'next': request.path})}")
        return _manage(request, next_url)
    device = two_factor.pending_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = two_factor.two_factor_enable(user=user, device=device, token=form.cleaned_data["code"])
        except (ValidationError, PermissionDenied) as error:
            form.add_error("code", error.messages if isinstance(error, ValidationError) else str(error))
        else:
            device.refresh_from_db()
            otp_login(request, device)
            request.session[SESSION_KEY] = VERIFY
            return _show_backup_codes(request, codes, next_url, enabled=True)
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    context = {
        "form": form,
        "next": next_url,
        "qr_svg": qr_svg(device.config_url),
        "secret": _grouped(secret),
        "mandatory": request.session.get(SESSION_KEY) == ENROL or two_factor.is_mandatory(user),
    }
    return TemplateResponse(request, "security/two_factor_setup.html", context)


def _manage(request, next_url):
    user = request.user
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "backup_codes":
                codes = two_factor.two_factor_backup_codes_regenerate(user=user)
                return _show_backup_codes(request, codes, next_url, enabled=False)
            if action == "disable":
                two_factor.two_factor_disable(user=user)
                request.session[SESSION_KEY] = NOT_NEEDED
                messages.success(request, _("Verifikasi dua langkah dimatikan untuk akun ini."))
                return redirect("security:two_factor_setup")
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(error.messages) if isinstance(error, ValidationError) else str(error))
        return redirect("security:two_factor_setup")
    context = {
        "backup_codes_left": StaticToken.objects.filter(device__user=user).count(),
        "can_disable": not two_factor.is_mandatory(user),
        "next": next_url,
    }
    return TemplateResponse(request, "security/two_factor_manage.html", context)


def _show_backup_codes(request, codes, next_url, *, enabled: bool):
    # Shown once, in this response only: they are not kept anywhere readable.
    return TemplateResponse(
        request, "security/two_factor_backup_codes.html", {"codes": codes, "next": next_url, "enabled": enabled}
    )
