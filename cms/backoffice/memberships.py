"""Memberships in the admin: who works for which agency, in which role, and whether it is verified.

Ministry staff create memberships and verify them here; every write goes
through registry.agencies.services, so each one leaves an audit event.
"""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from cms.backoffice.permissions import MinistryPermissionPolicy
from cms.backoffice.views import (
    AuditHistoryView,
    RegistryIndexView,
    ServiceActionView,
    ServiceDeleteView,
    ServiceFormMixin,
)
from registry.agencies import services
from registry.agencies.models import Agency, AgencyType, Membership, MembershipRole


class MembershipFilterSet(WagtailFilterSet):
    role = django_filters.ChoiceFilter(label=_("Peran"), choices=MembershipRole.choices, empty_label=_("Semua peran"))
    is_verified = django_filters.BooleanFilter(label=_("Terverifikasi"))
    agency_type = django_filters.ChoiceFilter(
        label=_("Jenis instansi"), field_name="agency__type", choices=AgencyType.choices, empty_label=_("Semua jenis")
    )

    class Meta:
        model = Membership
        fields = []


class MembershipCreateForm(forms.ModelForm):
    # A text field, not a list of every account: the ministry has the username at hand.
    user = forms.ModelChoiceField(
        label=_("Nama pengguna"),
        queryset=get_user_model().objects.filter(is_active=True),
        to_field_name=get_user_model().USERNAME_FIELD,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_("Nama pengguna (username) akun staf instansi; buat akunnya dulu di menu Pengguna."),
        error_messages={"invalid_choice": _("Tidak ada akun aktif dengan nama pengguna ini.")},
    )

    class Meta:
        model = Membership
        fields = ["user", "agency", "role", "is_verified"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(is_active=True).only("pk", "name").order_by("name")


class MembershipEditForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role", "is_verified"]


class MembershipIndexView(RegistryIndexView):
    list_select_related = ("user", "agency")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not instance.is_verified and self.user_has_permission("change"):
            buttons.append(
                MenuItem(
                    _("Verifikasi"),
                    url=reverse("membership:verify", args=[instance.pk]),
                    icon_name="check",
                    priority=5,
                )
            )
        return buttons


class MembershipCreateView(ServiceFormMixin, generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.membership_create(
            user=self.request.user,
            member=data["user"],
            agency=data["agency"],
            role=data["role"],
            is_verified=data["is_verified"],
        )


class MembershipEditView(ServiceFormMixin, generic.EditView):
    def save_instance(self):
        # The form has already copied its values onto self.object; compare with the stored row.
        stored = Membership.objects.get(pk=self.object.pk)
        data = self.form.cleaned_data
        membership = services.membership_update(user=self.request.user, membership=stored, role=data["role"])
        if data["is_verified"] and not stored.is_verified:
            membership = services.membership_verify(user=self.request.user, membership=stored)
        elif not data["is_verified"] and stored.is_verified:
            membership = services.membership_unverify(user=self.request.user, membership=stored)
        return membership


class MembershipDeleteView(ServiceDeleteView):
    def delete_with_service(self):
        services.membership_remove(user=self.request.user, membership=self.object)


class MembershipVerifyView(ServiceActionView):
    model = Membership
    permission_required = "change"
    index_url_name = "membership:index"
    page_title = _("Verifikasi keanggotaan")
    header_icon = "check"
    confirmation_message = _(
        "Setelah diverifikasi, pengguna ini dapat bertindak atas nama instansinya sesuai perannya."
    )
    submit_label = _("Ya, verifikasi")
    success_message = _("Keanggotaan '%(object)s' terverifikasi.")

    def get_queryset(self):
        return Membership.objects.select_related("user", "agency")

    def perform(self, form):
        self.object = services.membership_verify(user=self.request.user, membership=self.object)


class MembershipViewSet(ModelViewSet):
    model = Membership
    icon = "group"
    menu_label = _("Keanggotaan")
    add_to_reference_index = False
    copy_view_enabled = False
    index_view_class = MembershipIndexView
    add_view_class = MembershipCreateView
    edit_view_class = MembershipEditView
    delete_view_class = MembershipDeleteView
    history_view_class = AuditHistoryView
    filterset_class = MembershipFilterSet
    search_fields = ["user__username", "user__first_name", "user__last_name", "user__email", "agency__name"]
    search_backend_name = None
    ordering = "-created_at"
    list_display = [
        "user",
        Column("agency", label=_("Instansi"), accessor="agency", sort_key="agency__name"),
        Column("role", label=_("Peran"), accessor="get_role_display", sort_key="role"),
        BooleanColumn("is_verified", label=_("Terverifikasi"), sort_key="is_verified"),
        DateColumn("created_at", label=_("Dibuat"), sort_key="created_at"),
    ]
    list_export = [
        "user.username",
        "user.get_full_name",
        "user.email",
        "user.nip",
        "agency.code",
        "agency.name",
        "get_role_display",
        "is_verified",
        "created_at",
    ]
    export_headings = {
        "user.username": _("Nama pengguna"),
        "user.get_full_name": _("Nama lengkap"),
        "user.email": _("Surel"),
        "user.nip": _("NIP"),
        "agency.code": _("Kode instansi"),
        "agency.name": _("Instansi"),
        "get_role_display": _("Peran"),
        "is_verified": _("Terverifikasi"),
        "created_at": _("Dibuat"),
    }
    export_filename = "keanggotaan"

    @property
    def permission_policy(self):
        return MinistryPermissionPolicy(self.model)

    def get_form_class(self, for_update=False):
        return MembershipEditForm if for_update else MembershipCreateForm

    @property
    def verify_view(self):
        return self.construct_view(MembershipVerifyView)

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("verify/<int:pk>/", self.verify_view, name="verify")]
