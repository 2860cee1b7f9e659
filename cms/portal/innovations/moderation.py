"""Moving an innovation through moderation: submit, withdraw, review, approve, return, unpublish, delete.

Each view only asks the service; the service checks the role and the state and
says, in Indonesian, why it refuses.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cms.portal.innovations.access import innovation_view, run_service
from cms.portal.innovations.forms import ReturnForm, UnpublishForm
from registry.innovations import services
from registry.innovations.models import ModerationStatus
from registry.innovations.selectors import innovation_get_draft, innovation_pending_changes


def _to_detail(innovation):
    return redirect("portal:innovation_detail", pk=innovation.pk)


@innovation_view(post_only=True)
def innovation_submit(request, innovation):
    done = run_service(request, services.innovation_submit, innovation=innovation)
    if done:
        messages.success(request, _("Inovasi diajukan. Verifikator instansi akan memeriksanya."))
    return _to_detail(innovation)


@innovation_view(post_only=True)
def innovation_withdraw(request, innovation):
    done = run_service(request, services.innovation_withdraw_submission, innovation=innovation)
    if done:
        messages.success(request, _("Pengajuan ditarik; inovasi kembali menjadi draf."))
    return _to_detail(innovation)


def _review_page(request, innovation, *, return_form=None, status=200):
    return TemplateResponse(
        request,
        "portal/innovations/review.html",
        {
            "innovation": innovation,
            "draft": innovation_get_draft(innovation),
            "changes": innovation_pending_changes(innovation),
            "can_moderate": services.can_moderate(request.user, innovation),
            "awaiting": innovation.moderation_status == ModerationStatus.IN_MODERATION,
            "return_form": return_form or ReturnForm(),
        },
        status=status,
    )


@innovation_view()
def innovation_review(request, innovation):
    return _review_page(request, innovation)


@innovation_view(post_only=True)
def innovation_approve(request, innovation):
    done = run_service(request, services.innovation_approve, innovation=innovation)
    if done:
        messages.success(request, _("Inovasi diterbitkan dan tampil di katalog publik."))
        return _to_detail(innovation)
    return redirect("portal:innovation_review", pk=innovation.pk)


@innovation_view(post_only=True)
def innovation_return(request, innovation):
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tuliskan catatan untuk pengusul: apa yang perlu diperbaiki."))
        return _review_page(request, innovation, return_form=form, status=400)
    done = run_service(request, services.innovation_return, innovation=innovation, comment=form.cleaned_data["comment"])
    if done:
        messages.success(request, _("Inovasi dikembalikan kepada pengusul dengan catatan Anda."))
        return _to_detail(innovation)
    return redirect("portal:innovation_review", pk=innovation.pk)


@innovation_view()
def innovation_unpublish(request, innovation):
    form = UnpublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_service(request, services.innovation_unpublish, innovation=innovation, reason=form.cleaned_data["reason"])
        if done:
            messages.success(request, _("Inovasi ditarik dari katalog publik. Riwayatnya tetap tersimpan."))
        return _to_detail(innovation)
    return TemplateResponse(
        request,
        "portal/innovations/confirm.html",
        {
            "innovation": innovation,
            "form": form,
            "heading": _("Tarik dari katalog"),
            "explanation": _("Inovasi tidak lagi tampil di katalog publik; revisi dan riwayatnya tetap tersimpan dan dapat diajukan kembali."),
            "button": _("Tarik dari katalog"),
        },
        status=400 if request.method == "POST" else 200,
    )


@innovation_view()
def innovation_delete(request, innovation):
    if request.method == "POST":
        title = innovation.title
        done = run_service(request, services.innovation_delete, innovation=innovation)
        if done:
            messages.success(request, _("Draf \"%(title)s\" dihapus.") % {"title": title})
            return redirect("portal:innovation_list")
        return _to_detail(innovation)
    return TemplateResponse(
        request,
        "portal/innovations/confirm.html",
        {
            "innovation": innovation,
            "heading": _("Hapus draf"),
            "explanation": _("Draf yang belum pernah terbit dihapus beserta seluruh revisinya. Tindakan ini tidak dapat dibatalkan."),
            "button": _("Hapus draf"),
            "danger": True,
        },
    )
