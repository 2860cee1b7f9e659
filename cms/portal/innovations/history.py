"""The history of an innovation: its revisions, its audit events, and any revision read-only."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Revision

from cms.portal.innovations.access import innovation_view
from registry.innovations.selectors import (
    innovation_audit_events,
    innovation_get_revision,
    innovation_revision_history,
)

# What each audit action means, for people; other apps' actions show their code only.
AUDIT_ACTION_LABELS = {
    "innovation.create": _("Dibuat"),
    "innovation.edit": _("Diubah"),
    "innovation.submit": _("Diajukan untuk verifikasi"),
    "innovation.withdraw": _("Pengajuan ditarik"),
    "innovation.publish": _("Diterbitkan"),
    "innovation.return": _("Dikembalikan ke pengusul"),
    "innovation.unpublish": _("Ditarik dari katalog"),
    "innovation.delete": _("Dihapus"),
    "innovation.document_attach": _("Dokumen dilampirkan"),
    "innovation.document_remove": _("Dokumen dilepas"),
    "innovation.image_attach": _("Gambar dilampirkan"),
    "innovation.image_remove": _("Gambar dilepas"),
}


@innovation_view()
def innovation_history(request, innovation):
    return TemplateResponse(
        request,
        "portal/innovations/history.html",
        {
            "innovation": innovation,
            "revisions": innovation_revision_history(innovation),
            "events": [
                (event, AUDIT_ACTION_LABELS.get(event.action, ""))
                for event in innovation_audit_events(innovation)[:200]
            ],
        },
    )


@innovation_view()
def innovation_revision(request, innovation, revision_id):
    try:
        revision = innovation_get_revision(innovation, revision_id=revision_id)
    except Revision.DoesNotExist:
        raise Http404 from None
    return TemplateResponse(
        request,
        "portal/innovations/revision.html",
        {"innovation": innovation, "revision": revision, "draft": revision.as_object()},
    )
