"""Admin → Pengguna terkunci: the sign-ins django-axes has locked, and releasing one."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from registry.accounts.lockouts import active_lockouts, login_lockout_release
from registry.agencies.permissions import is_ministry_admin
from registry.core.exceptions import PermissionDenied, ValidationError


class LockoutListView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "security/admin_lockouts.html"
    page_title = _("Pengguna terkunci")
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        if not is_ministry_admin(request.user):
            raise DjangoPermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "lockouts": active_lockouts()[:200]}

    def post(self, request):
        try:
            login_lockout_release(user=request.user, attempt_id=int(request.POST.get("attempt", "0") or 0))
        except (ValidationError, PermissionDenied, ValueError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("Kunci dibuka; pengguna dapat mencoba masuk lagi."))
        return redirect("registry_security_lockouts")
