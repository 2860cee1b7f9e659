"""Read queries shared by the portal, the public pages, the admin and the API."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from registry.agencies.permissions import agency_roles, is_ministry_admin
from registry.geo.models import Province
from registry.innovations.models import Innovation
from registry.replication.models import (
    ACTIVE_STAGES,
    COMPLETED_STAGES,
    STAGE_ORDER,
    ReplicationProject,
    ReplicationStage,
    ReplicationStageChange,
)

# A replica of a replica of ...: deep enough for any real chain, and a guard against cycles.
MAX_GENERATIONS = 12


def _with_relations(queryset: QuerySet) -> QuerySet:
    return queryset.select_related(
        "origin",
        "origin__agency",
        "origin__province",
        "adopter",
        "adopter__province",
        "adopter__regency",
        "facilitator",
        "replica",
    )


def project_list_for_user(user) -> QuerySet[ReplicationProject]:
    """Projects the user takes part in: as adopter, origin or facilitator (all, for ministry admins).

    Portal views look projects up in this queryset, so anyone else's is a 404.
    """
    queryset = _with_relations(ReplicationProject.objects.all())
    if is_ministry_admin(user):
        return queryset
    agency_ids = list(agency_roles(user))
    return queryset.filter(
        Q(adopter_id__in=agency_ids) | Q(origin__agency_id__in=agency_ids) | Q(facilitator_id__in=agency_ids)
    )


def project_get_for_user(user, *, pk: int) -> ReplicationProject:
    return project_list_for_user(user).get(pk=pk)


def project_detail_queryset(queryset: QuerySet) -> QuerySet:
    """What a project's page needs: documents, timeline, monitoring and outcomes with the origin's indicators."""
    return queryset.prefetch_related(
        Prefetch("stage_changes", queryset=ReplicationStageChange.objects.select_related("changed_by")),
        "documents__document",
        "documents__uploaded_by",
        "monitoring_updates__created_by",
        "outcomes__origin_indicator",
        "origin__indicators",
    )


def project_list_public() -> QuerySet[ReplicationProject]:
    return _with_relations(ReplicationProject.objects.all())


def project_open_for(*, origin: Innovation, agency_ids) -> ReplicationProject | None:
    """An agency's current (not stopped) project for an innovation, if any."""
    return (
        ReplicationProject.objects.filter(origin=origin, adopter_id__in=list(agency_ids))
        .exclude(stage=ReplicationStage.DIHENTIKAN)
        .first()
    )


# --- Lineage ------------------------------------------------------------------------------------


@dataclass
class LineageNode:
    """One replication of an innovation in the tree: the project, and the projects of its replica."""

    project: ReplicationProject | None
    replica: Innovation | None
    generation: int
    children: list["LineageNode"] = field(default_factory=list)

    @property
    def agency(self):
        return self.project.adopter if self.project else self.replica.agency

    @property
    def region(self):
        agency = self.agency
        return agency.regency or agency.province


def lineage_tree(innovation: Innovation) -> list[LineageNode]:
    """Every replication descending from `innovation`, generation by generation.

    One query per generation for the projects and one for replicas recorded
    without a project (an import may set `replicated_from` directly).
    """
    roots: list[LineageNode] = []
    parents: dict[int, list[LineageNode]] = {innovation.pk: roots}
    seen = {innovation.pk}
    for generation in range(1, MAX_GENERATIONS + 1):
        if not parents:
            break
        projects = (
            ReplicationProject.objects.filter(origin_id__in=list(parents))
            .select_related("adopter", "adopter__province", "adopter__regency", "replica")
            .order_by("created_at", "pk")
        )
        next_parents: dict[int, list[LineageNode]] = {}
        for project in projects:
            node = LineageNode(project=project, replica=project.replica, generation=generation)
            parents[project.origin_id].append(node)
            if project.replica_id and project.replica_id not in seen:
                seen.add(project.replica_id)
                next_parents[project.replica_id] = node.children
        standalone = (
            Innovation.objects.filter(replicated_from_id__in=list(parents), replica_project__isnull=True)
            .exclude(pk__in=seen)
            .select_related("agency", "agency__province", "agency__regency")
            .order_by("pk")
        )
        for replica in standalone:
            node = LineageNode(project=None, replica=replica, generation=generation)
            parents[replica.replicated_from_id].append(node)
            seen.add(replica.pk)
            next_parents[replica.pk] = node.children
        parents = next_parents
    return roots


def lineage_flat(nodes: list[LineageNode]) -> list[LineageNode]:
    """The tree in reading order (depth first), for tables and the API."""
    flat = []
    for node in nodes:
        flat.append(node)
        flat.extend(lineage_flat(node.children))
    return flat


def lineage_summary(innovation: Innovation) -> dict:
    nodes = lineage_flat(lineage_tree(innovation))
    return {
        "active": innovation.replications_active,
        "completed": innovation.replications_completed,
        "descendants": len(nodes),
        "generations": max((node.generation for node in nodes), default=0),
    }


# --- The map and the funnel -------------------------------------------------------------------


def projects_filtered(*, year: int | None = None, sector: str | None = None, province: str | None = None) -> QuerySet:
    """Projects started in `year`, of an origin in `sector` (code), adopted in `province` (code)."""
    queryset = ReplicationProject.objects.all()
    if year:
        queryset = queryset.filter(created_at__year=year)
    if sector:
        queryset = queryset.filter(origin__sectors__code=sector)
    if province:
        queryset = queryset.filter(adopter__province_id=province)
    return queryset.distinct() if sector else queryset


def province_counts(projects: QuerySet) -> list[dict]:
    """Per province (every one of the 38): projects started, active and completed there."""
    rows = {
        row["adopter__province_id"]: row
        for row in ReplicationProject.objects.filter(pk__in=projects.values("pk"))
        .values("adopter__province_id")
        .annotate(
            started=Count("pk"),
            active=Count("pk", filter=Q(stage__in=ACTIVE_STAGES)),
            completed=Count("pk", filter=Q(stage__in=COMPLETED_STAGES)),
        )
    }
    return [
        {
            "code": province.code,
            "name": province.name,
            "started": rows.get(province.code, {}).get("started", 0),
            "active": rows.get(province.code, {}).get("active", 0),
            "completed": rows.get(province.code, {}).get("completed", 0),
        }
        for province in Province.objects.order_by("code")
    ]


def stage_funnel(projects: QuerySet) -> list[dict]:
    """Per stage: projects that ever reached it (from the timeline) and projects there now."""
    ids = projects.values("pk")
    reached = dict(
        ReplicationStageChange.objects.filter(project_id__in=ids)
        .values("to_stage")
        .annotate(n=Count("project_id", distinct=True))
        .values_list("to_stage", "n")
    )
    current = dict(
        ReplicationProject.objects.filter(pk__in=ids).values("stage").annotate(n=Count("pk")).values_list("stage", "n")
    )
    return [
        {
            "stage": stage,
            "label": str(ReplicationStage(stage).label),
            "reached": reached.get(stage, 0),
            "current": current.get(stage, 0),
        }
        for stage in [*STAGE_ORDER, ReplicationStage.DIHENTIKAN]
    ]


def lineage_lines(innovation: Innovation) -> list[dict]:
    """Origin → adopter lines (by province code) for every generation of an innovation's lineage."""
    province_of = {innovation.pk: innovation.province_id}
    lines = []
    for node in lineage_flat(lineage_tree(innovation)):
        agency = node.agency
        source_id = node.project.origin_id if node.project else node.replica.replicated_from_id
        lines.append(
            {
                "from": province_of.get(source_id),
                "to": agency.province_id,
                "adopter": agency.name,
                "stage": node.project.stage if node.project else "",
                "stage_label": node.project.get_stage_display() if node.project else "",
                "generation": node.generation,
            }
        )
        if node.replica is not None:
            province_of[node.replica.pk] = node.replica.province_id or agency.province_id
    return lines


def replicated_innovations() -> QuerySet[Innovation]:
    """Published innovations with at least one replication project, most replicated first."""
    return (
        Innovation.objects.published()
        .annotate(project_count=Count("replication_projects"))
        .filter(project_count__gt=0)
        .select_related("agency")
        .order_by("-project_count", "title")
    )


def project_years() -> list[int]:
    return sorted({created.year for created in ReplicationProject.objects.dates("created_at", "year")}, reverse=True)


def map_data(*, year=None, sector=None, province=None, innovation: Innovation | None = None) -> dict:
    projects = projects_filtered(year=year, sector=sector, province=province)
    provinces = province_counts(projects)
    return {
        "provinces": provinces,
        "funnel": stage_funnel(projects),
        "lines": lineage_lines(innovation) if innovation is not None else [],
        "origin_province": innovation.province_id if innovation is not None else None,
        "totals": {
            key: sum(row[key] for row in provinces) for key in ("started", "active", "completed")
        },
        "unplaced": projects.filter(adopter__province__isnull=True).count(),
    }

