"""Competitions in the Wagtail admin, for the competition secretariat (and ministry admins).

- Editions with their groups, categories and rounds (one form, InlinePanels);
  each round with its rubric (criteria), category quotas and judge panel.
- Judges (profiles: affiliation, region, sectors, capacity); entries and
  objections to browse.
- A dashboard per edition: entries per stage, judge progress, flagged entries,
  agreement per round; results and full score exports (CSV/XLSX).

Configuration edits are recorded in the audit chain; the judging itself
(assignment, scores, decisions) happens in the portal through the services.
"""

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from cms.backoffice.readonly import ReadOnlyViewSetMixin
from registry.audit.services import audit_record
from registry.competitions import selectors
from registry.competitions.models import (
    Competition,
    Entry,
    EntryStatus,
    JudgeProfile,
    Objection,
    Round,
    Score,
)
from registry.competitions.permissions import is_secretariat
from registry.competitions.resources import EntryResultResource, ScoreResource


class SecretariatPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, but only for the secretariat (ministry admins count as secretariat)."""

    def __init__(self, model, *, allowed_actions=None):
        super().__init__(model)
        self.allowed_actions = allowed_actions

    def user_has_permission(self, user, action):
        if self.allowed_actions is not None and action not in self.allowed_actions:
            return False
        return is_secretariat(user) and super().user_has_permission(user, action)


class AuditedSaveMixin:
    """Configuration edits join the audit chain like every other change."""

    audit_action = "competition.config.save"

    def save_instance(self):
        instance = super().save_instance()
        audit_record(
            actor=self.request.user,
            action=self.audit_action,
            target=instance,
            data={"fields": sorted(self.form.changed_data)},
        )
        return instance


class AuditedCreateView(AuditedSaveMixin, generic.CreateView):
    pass


class AuditedEditView(AuditedSaveMixin, generic.EditView):
    pass


class SecretariatViewSet(ModelViewSet):
    add_to_admin_menu = False
    create_view_class = AuditedCreateView
    edit_view_class = AuditedEditView

    @property
    def permission_policy(self):
        return SecretariatPermissionPolicy(self.model)


# --- Editions ---------------------------------------------------------------------------------
class CompetitionViewSet(SecretariatViewSet):
    model = Competition
    icon = "folder-inverse"
    menu_label = _("Edisi kompetisi")
    list_display = ["name", "year", "submission_deadline", "results_published_at"]
    search_fields = ["name", "regulation_reference"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("year"), FieldPanel("slug")]),
                    FieldPanel("name"),
                    FieldPanel("regulation_reference"),
                    FieldPanel("description"),
                    FieldPanel("is_public"),
                ],
                heading=_("Edisi"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("submission_opens"), FieldPanel("submission_deadline")]),
                    FieldRowPanel([FieldPanel("objection_opens"), FieldPanel("objection_closes")]),
                ],
                heading=_("Jadwal"),
            ),
            MultiFieldPanel(
                [FieldPanel("min_months_implemented"), FieldPanel("exclude_recent_winners")],
                heading=_("Syarat keikutsertaan"),
            ),
            InlinePanel(
                "groups",
                heading=_("Kelompok"),
                label=_("Kelompok"),
                panels=[FieldPanel("kind"), FieldPanel("name"), FieldPanel("quota_per_agency")],
            ),
            InlinePanel("categories", heading=_("Kategori"), label=_("Kategori"), panels=[FieldPanel("name"), FieldPanel("winners")]),
            InlinePanel(
                "rounds",
                heading=_("Babak (rubrik, kuota, dan panel juri diatur per babak)"),
                label=_("Babak"),
                panels=[
                    FieldPanel("name"),
                    FieldPanel("kind"),
                    FieldRowPanel([FieldPanel("judges_per_entry"), FieldPanel("is_blind"), FieldPanel("weight")]),
                    FieldPanel("deadline"),
                ],
            ),
        ]
    )


# --- Rounds and rubrics ------------------------------------------------------------------------------
class RoundAdminForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        criteria = self.formsets.get("criteria")
        if self.instance.pk and criteria is not None and criteria.has_changed():
            if Score.objects.filter(criterion__round=self.instance).exists():
                raise forms.ValidationError(_("Rubrik tidak dapat diubah setelah juri mulai memberi nilai."))
        return cleaned


class RoundViewSet(SecretariatViewSet):
    model = Round
    icon = "list-ol"
    menu_label = _("Babak dan rubrik")
    list_display = ["name", "competition", "kind", "status", "deadline"]
    list_filter = ["competition", "kind", "status"]
    search_fields = ["name"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldPanel("competition"),
            FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
            FieldRowPanel([FieldPanel("opens_at"), FieldPanel("deadline")]),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("judges_per_entry"), FieldPanel("is_blind")]),
                    FieldPanel("judges", widget=forms.CheckboxSelectMultiple),
                ],
                heading=_("Juri"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("aggregation"), FieldPanel("trim_fraction")]),
                    FieldRowPanel([FieldPanel("disagreement_threshold"), FieldPanel("disagreement_action")]),
                    FieldRowPanel([FieldPanel("advancement"), FieldPanel("advance_count"), FieldPanel("advance_threshold")]),
                    FieldPanel("weight"),
                ],
                heading=_("Agregasi dan aturan lolos"),
            ),
            InlinePanel(
                "criteria",
                heading=_("Rubrik"),
                label=_("Kriteria"),
                panels=[
                    FieldPanel("name"),
                    FieldRowPanel([FieldPanel("weight"), FieldPanel("scale_min"), FieldPanel("scale_max")]),
                    FieldPanel("guidance"),
                ],
            ),
            InlinePanel("category_quotas", heading=_("Kuota lolos per kategori"), label=_("Kuota"), panels=[FieldPanel("category"), FieldPanel("quota")]),
        ],
        base_form_class=RoundAdminForm,
    )


# --- Judges ----------------------------------------------------------------------------------------
class JudgeProfileViewSet(SecretariatViewSet):
    model = JudgeProfile
    icon = "user"
    menu_label = _("Juri")
    list_display = ["user", "institution", "agency", "province", "is_active"]
    list_filter = ["is_active", "province"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "institution"]
    search_backend_name = None
    edit_handler = ObjectList(
        [
            FieldPanel("user"),
            FieldPanel("institution"),
            FieldPanel("agency"),
            FieldRowPanel([FieldPanel("province"), FieldPanel("regency")]),
            FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
            FieldRowPanel([FieldPanel("max_assignments"), FieldPanel("is_active")]),
        ]
    )


# --- Entries and objections (browse only) -------------------------------------------------------------
class EntryFilterSet(WagtailFilterSet):
    competition = django_filters.ModelChoiceFilter(label=_("Kompetisi"), queryset=Competition.objects.all())
    status = django_filters.ChoiceFilter(label=_("Status"), choices=EntryStatus.choices)

    class Meta:
        model = Entry
        fields = []


class ReadOnlySecretariatMixin(ReadOnlyViewSetMixin):
    @property
    def permission_policy(self):
        return SecretariatPermissionPolicy(self.model, allowed_actions=self.allowed_actions)


class EntryViewSet(ReadOnlySecretariatMixin, ModelViewSet):
    model = Entry
    icon = "doc-full"
    menu_label = _("Entri")
    list_display = ["code", "title", "agency", "category", "status", "final_score"]
    filterset_class = EntryFilterSet
    search_fields = ["code", "innovation__title", "agency__name"]
    search_backend_name = None
    inspect_view_fields = ["code", "competition", "group", "category", "innovation", "agency", "status", "current_round", "submitted_at", "final_score", "final_rank"]


class ObjectionViewSet(ReadOnlySecretariatMixin, ModelViewSet):
    model = Objection
    icon = "warning"
    menu_label = _("Sanggahan")
    list_display = ["entry", "name", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "reason"]
    search_backend_name = None


# --- Dashboard and exports -------------------------------------------------------------------------------
def _require_secretariat(request):
    if not is_secretariat(request.user):
        raise PermissionDenied


def dashboard_view(request, slug=None):
    _require_secretariat(request)
    competitions = Competition.objects.order_by("-year", "name")
    competition = get_object_or_404(Competition, slug=slug) if slug else competitions.first()
    context = {"competitions": competitions, "competition": competition, "page_title": _("Dasbor kompetisi")}
    if competition is not None:
        context.update(selectors.competition_dashboard(competition))
    return TemplateResponse(request, "competitions/backoffice/dashboard.html", context)


EXPORTS = {"hasil": EntryResultResource, "nilai": ScoreResource}
FORMATS = {"csv": "text/csv; charset=utf-8", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def export_view(request, slug, kind, fmt):
    _require_secretariat(request)
    if kind not in EXPORTS or fmt not in FORMATS:
        raise Http404
    competition = get_object_or_404(Competition, slug=slug)
    dataset = EXPORTS[kind](competition).export()
    body = dataset.export(fmt)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{competition.slug}-{kind}.{fmt}"'
    return response


admin_urls = [
    path("kompetisi/dasbor/", dashboard_view, name="competition_dashboard"),
    path("kompetisi/dasbor/<slug:slug>/", dashboard_view, name="competition_dashboard_for"),
    path("kompetisi/ekspor/<slug:slug>/<str:kind>.<str:fmt>", export_view, name="competition_export"),
]


class CompetitionDashboardPanel(Component):
    """On the admin home of the secretariat: the latest edition's rounds at a glance."""

    name = "competition_dashboard"
    order = 60
    template_name = "competitions/backoffice/home_panel.html"

    def get_context_data(self, parent_context=None):
        competition = Competition.objects.order_by("-year", "-pk").first()
        data = selectors.competition_dashboard(competition) if competition else {}
        return {**data, "competition": competition, "dashboard_url": reverse("competition_dashboard")}


class CompetitionViewSetGroup(ViewSetGroup):
    menu_label = _("Kompetisi")
    menu_icon = "folder-inverse"
    menu_order = 160
    items = (
        CompetitionViewSet("competition"),
        RoundViewSet("competition_round"),
        JudgeProfileViewSet("judgeprofile"),
        EntryViewSet("competition_entry"),
        ObjectionViewSet("objection"),
    )



class SecretariatMenuItem(MenuItem):
    def is_shown(self, request):
        return is_secretariat(request.user)


@hooks.register("register_admin_viewset")
def register_competition_viewsets():
    return CompetitionViewSetGroup()


@hooks.register("register_admin_urls")
def register_competition_admin_urls():
    return admin_urls


@hooks.register("register_admin_menu_item")
def register_competition_dashboard_menu_item():
    return SecretariatMenuItem(_("Dasbor kompetisi"), reverse("competition_dashboard"), icon_name="table", order=161)


@hooks.register("construct_homepage_panels")
def add_competition_panel(request, panels):
    if is_secretariat(request.user):
        panels.append(CompetitionDashboardPanel())
