"""The security pieces of the Wagtail admin and of Wagtail's document serving."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.security.admin_views import LockoutListView
from cms.security.documents import before_serve_document
from registry.agencies.permissions import is_ministry_admin

hooks.register("before_serve_document", before_serve_document)


@hooks.register("register_admin_urls")
def register_lockout_urls():
    return [path("pengguna-terkunci/", LockoutListView.as_view(), name="registry_security_lockouts")]


class MinistryAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return is_ministry_admin(request.user)


@hooks.register("register_settings_menu_item")
def register_lockout_menu_item():
    return MinistryAdminMenuItem(_("Pengguna terkunci"), reverse("registry_security_lockouts"), icon_name="lock", order=900)
