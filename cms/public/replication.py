"""Public replication views: the block on an innovation's page and the map page /replikasi/."""

from pathlib import Path

from django import forms
from django.conf import settings
from django.http import FileResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control

from registry.geo.models import Province
from registry.innovations.models import Innovation, Sector
from registry.replication.models import ReplicationStage
from registry.replication.permissions import eligible_adopters
from registry.replication.selectors import (
    lineage_flat,
    lineage_tree,
    map_data,
    project_open_for,
    project_years,
    replicated_innovations,
)

PROVINCES_GEOJSON = Path(settings.BASE_DIR) / "registry" / "geo" / "data" / "provinces.geojson"
MAP_INNOVATION_CHOICES = 100


def innovation_replication_context(request, innovation: Innovation) -> dict:
    """The replication tree, the counts and the "replicate this" action of an innovation's page."""
    tree = lineage_tree(innovation)
    nodes = lineage_flat(tree)
    adopters = eligible_adopters(request.user, innovation.agency) if request.user.is_authenticated else []
    existing = project_open_for(origin=innovation, agency_ids=[a.pk for a in adopters]) if adopters else None
    source_project = getattr(innovation, "replica_project", None) if innovation.replicated_from_id else None
    return {
        "replication": {
            "tree": tree,
            "descendants": len(nodes),
            "generations": max((node.generation for node in nodes), default=0),
            "active": innovation.replications_active,
            "completed": innovation.replications_completed,
            "can_start": bool(adopters) and (existing is None or len(adopters) > 1),
            "existing": existing,
            "signed_in": request.user.is_authenticated,
            "start_url": reverse("portal:replication_start", kwargs={"innovation_id": innovation.pk}),
            "source_project": source_project,
            "map_url": reverse("replication_map") + f"?inovasi={innovation.slug}",
        }
    }


class MapFilterForm(forms.Form):
    tahun = forms.TypedChoiceField(label=_("Tahun dimulai"), required=False, coerce=int, empty_value=None)
    sektor = forms.ChoiceField(label=_("Sektor inovasi asal"), required=False)
    provinsi = forms.ChoiceField(label=_("Provinsi pereplikasi"), required=False)
    inovasi = forms.ChoiceField(label=_("Garis replikasi untuk inovasi"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tahun"].choices = [("", _("Semua tahun"))] + [(y, y) for y in project_years()]
        self.fields["sektor"].choices = [("", _("Semua sektor"))] + [(s.code, s.label) for s in Sector.objects.all()]
        self.fields["provinsi"].choices = [("", _("Semua provinsi"))] + [
            (p.code, p.name) for p in Province.objects.order_by("name")
        ]
        choices = [(i.slug, f"{i.title} — {i.agency.name}") for i in replicated_innovations()[:MAP_INNOVATION_CHOICES]]
        asked = self.data.get("inovasi") if self.is_bound else None
        if asked and asked not in {slug for slug, _label in choices}:
            # A link from an innovation's page may name one beyond the list's top entries.
            extra = Innovation.objects.published().filter(slug=asked).select_related("agency").first()
            if extra is not None:
                choices.append((extra.slug, f"{extra.title} — {extra.agency.name}"))
        self.fields["inovasi"].choices = [("", _("Tidak ada")), *choices]


def replication_map_view(request):
    form = MapFilterForm(request.GET or None)
    filters = {}
    if form.is_bound:
        # Each valid filter applies even when another one is not (an old link, a year without projects).
        form.is_valid()
        filters = form.cleaned_data
    innovation = None
    if filters.get("inovasi"):
        innovation = Innovation.objects.published().filter(slug=filters["inovasi"]).first()
    data = map_data(
        year=filters.get("tahun"),
        sector=filters.get("sektor") or None,
        province=filters.get("provinsi") or None,
        innovation=innovation,
    )
    largest = max((row["reached"] for row in data["funnel"]), default=0)
    return TemplateResponse(
        request,
        "public/replication_map.html",
        {
            "form": form,
            "data": data,
            "innovation": innovation,
            "funnel_max": largest,
            "provinces_with_projects": [row for row in data["provinces"] if row["started"]],
            "stopped_stage": ReplicationStage.DIHENTIKAN,
            "geojson_url": reverse("replication_provinces_geojson"),
        },
    )


@cache_control(public=True, max_age=86400)
def provinces_geojson_view(request):
    """The province shapes the map draws (CC BY 4.0, Deny Herianto; see registry/geo/data/README.md)."""
    return FileResponse(PROVINCES_GEOJSON.open("rb"), content_type="application/geo+json")
