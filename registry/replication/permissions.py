"""Who may do what with a replication project.

    action                          adopter  adopter   origin    facilitator  ministry
                                    member   verifier  verifier  member       admin
    view (portal)                   yes      yes       yes*      yes          yes
    edit details, documents,        yes      yes       –         –            yes
      outcome values
    monitoring updates              yes      yes       –         yes          yes
    advance / stop                  –        yes       –         –            yes
    acknowledge, offer mentoring    –        –         yes       –            yes

    * any verified member of the origin agency may view; only its verifier answers.

Starting a project ("replicate this") is open to verified members of an agency
that is not the origin's own (nor above or below it), for a published innovation.
Services call the `require_*` functions; templates use the `can_*` ones.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from registry.agencies.models import Agency
from registry.agencies.permissions import agency_roles, is_member, is_ministry_admin, is_verifier
from registry.replication.models import ReplicationProject


def can_view(user, project: ReplicationProject) -> bool:
    return (
        is_ministry_admin(user)
        or is_member(user, project.adopter_id)
        or is_member(user, project.origin.agency_id)
        or (project.facilitator_id is not None and is_member(user, project.facilitator_id))
    )


def can_edit(user, project: ReplicationProject) -> bool:
    return is_ministry_admin(user) or is_member(user, project.adopter_id)


def can_report_monitoring(user, project: ReplicationProject) -> bool:
    return can_edit(user, project) or (project.facilitator_id is not None and is_member(user, project.facilitator_id))


def can_decide(user, project: ReplicationProject) -> bool:
    """Moves between stages are decisions of the adopter's verifier (its Admin Lokal)."""
    return is_ministry_admin(user) or is_verifier(user, project.adopter_id)


def can_respond(user, project: ReplicationProject) -> bool:
    return is_ministry_admin(user) or is_verifier(user, project.origin.agency_id)


def eligible_adopters(user, origin_agency: Agency) -> list[Agency]:
    """The user's agencies that may replicate an innovation of `origin_agency`."""
    excluded = origin_agency.related_ids()
    agency_ids = [agency_id for agency_id in agency_roles(user) if agency_id not in excluded]
    return list(Agency.objects.filter(pk__in=agency_ids).order_by("name"))


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def require_view(user, project):
    _require(can_view(user, project), _("Anda tidak terlibat dalam proyek replikasi ini."))


def require_edit(user, project):
    _require(can_edit(user, project), _("Hanya anggota instansi pereplikasi yang boleh mengubah proyek ini."))


def require_report_monitoring(user, project):
    _require(
        can_report_monitoring(user, project),
        _("Hanya instansi pereplikasi atau fasilitatornya yang boleh melaporkan pemantauan."),
    )


def require_decide(user, project):
    _require(can_decide(user, project), _("Hanya verifikator instansi pereplikasi yang boleh memindahkan tahap proyek."))


def require_respond(user, project):
    _require(can_respond(user, project), _("Hanya verifikator instansi asal inovasi yang boleh menanggapi minat replikasi."))
