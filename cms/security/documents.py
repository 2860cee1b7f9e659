"""Who may download a document served at /documents/<id>/<filename>.

Wagtail serves every Document to anyone who has its link, unless its collection
is restricted. An agency's attachment becomes a Document the moment it is
uploaded, while the innovation is still a draft, so without this check the link
in a draft (or in a mail, a log, a browser history) opened it for everyone.

- Attached to the published version of an innovation: public, it is catalog content.
- Attached to a replication project: the project's participants (adopter, origin,
  facilitator) and ministry admins; working papers between agencies.
- Attached to an innovation only in a draft (a never-published innovation, or a
  pending edit of a published one): the innovation's agency, ministry admins, the
  competition secretariat, and judges assigned to a non-blind round of an entry of
  that innovation (the judging page links the entry's documents).
- Anything else (documents the ministry uploads in the admin for content pages):
  Wagtail's own rules (collection view restrictions).

Which innovation a draft attachment belongs to is read from the
InnovationDocument rows (a never-published innovation keeps its draft in its row)
and from the audit trail: every attachment is recorded there by
registry.innovations.services.innovation_attach_document with the document id.
"""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404

from registry.agencies.permissions import agency_roles, is_ministry_admin
from registry.audit.models import AuditEvent
from registry.competitions.models import Assignment
from registry.competitions.permissions import is_secretariat
from registry.innovations.models import Innovation, InnovationDocument
from registry.replication.models import ReplicationDocument
from registry.replication.selectors import project_list_for_user

PUBLIC, DENIED, NOT_OURS = "public", "denied", "not_ours"


def _draft_innovation_ids(document) -> set[int]:
    attached = set(InnovationDocument.objects.filter(document=document).values_list("innovation_id", flat=True))
    recorded = AuditEvent.objects.filter(
        action="innovation.document_attach", target_type="innovations.innovation", data__document=document.pk
    ).values_list("target_id", flat=True)
    return attached | {int(pk) for pk in recorded if str(pk).isdigit()}


def _may_read_draft(user, innovation_ids: set[int]) -> bool:
    if not user.is_authenticated:
        return False
    if is_ministry_admin(user) or is_secretariat(user):
        return True
    agencies = set(agency_roles(user))
    if agencies and Innovation.objects.filter(pk__in=innovation_ids, agency_id__in=agencies).exists():
        return True
    return Assignment.objects.filter(
        judge__user=user, judge__is_active=True, entry__innovation_id__in=innovation_ids, round__is_blind=False
    ).exists()


def document_access(user, document) -> str:
    """PUBLIC, DENIED, or NOT_OURS (not an innovation's or a project's: Wagtail decides)."""
    if InnovationDocument.objects.filter(document=document, innovation__live=True).exists():
        return PUBLIC
    project_ids = list(ReplicationDocument.objects.filter(document=document).values_list("project_id", flat=True))
    if project_ids:
        allowed = user.is_authenticated and project_list_for_user(user).filter(pk__in=project_ids).exists()
        return PUBLIC if allowed else DENIED
    innovation_ids = _draft_innovation_ids(document)
    if innovation_ids:
        return PUBLIC if _may_read_draft(user, innovation_ids) else DENIED
    return NOT_OURS


def before_serve_document(document, request):
    """The `before_serve_document` hook: refuse a document the request may not read.

    Someone not signed in is sent to the login page (they may be the agency's own
    staff following a link); a signed-in user without access gets a 404, which
    does not confirm that the document exists.
    """
    if document_access(request.user, document) != DENIED:
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404
