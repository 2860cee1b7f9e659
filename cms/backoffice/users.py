"""Wagtail's user admin for the registry's user model (NIP and telephone), following
Wagtail's documented way for custom user models: custom forms, a UserViewSet
subclass, and an AppConfig for `wagtail.users` that points at it (cms.backoffice.apps).

Ministry staff create the accounts of agency staff here, then give them a
membership. Whoever can change users in Wagtail can also make anyone a superuser
or put them in any group; only superusers keep that power here, so ministry
staff cannot hand out admin access or take over an account above their own.
"""

import re

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users as wagtail_user_views
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from registry.agencies.permissions import is_ministry_admin

REGISTRY_USER_FIELDS = {"nip", "phone"}
# Only superusers assign these; for everyone else they are shown but cannot change.
ROLE_FIELDS = ("is_superuser", "groups")
_NIP = re.compile(r"^\d{18}$")


class RegistryUserFieldsMixin:
    def clean_nip(self):
        nip = (self.cleaned_data.get("nip") or "").replace(" ", "")
        if nip and not _NIP.match(nip):
            raise forms.ValidationError(_("NIP terdiri dari 18 angka."))
        return nip


class RegistryUserCreationForm(RegistryUserFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | REGISTRY_USER_FIELDS


class RegistryUserEditForm(RegistryUserFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | REGISTRY_USER_FIELDS


def lock_role_fields(form, editor) -> None:
    if editor.is_superuser:
        return
    for name in ROLE_FIELDS:
        if name in form.fields:
            # A disabled field keeps its initial value whatever the request posts.
            form.fields[name].disabled = True


class RegistryUserCreateView(wagtail_user_views.CreateView):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        lock_role_fields(form, self.request.user)
        return form


class RegistryUserEditView(wagtail_user_views.EditView):
    def dispatch(self, request, *args, **kwargs):
        target = self.object
        if not request.user.is_superuser and target != request.user:
            if target.is_superuser or is_ministry_admin(target):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        lock_role_fields(form, self.request.user)
        return form


class RegistryUserViewSet(WagtailUserViewSet):
    add_view_class = RegistryUserCreateView
    edit_view_class = RegistryUserEditView
    create_template_name = "backoffice/users/create.html"
    edit_template_name = "backoffice/users/edit.html"

    def get_form_class(self, for_update=False):
        return RegistryUserEditForm if for_update else RegistryUserCreationForm
