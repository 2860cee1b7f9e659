"""Writing an innovation: the sectioned form, its autosave, and attached documents and images.

Saving never publishes: every save is a draft revision (DESIGN.md §2), and the
public keeps the published version until a verifier approves the new one.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.portal.innovations.access import add_service_errors, innovation_view, run_service
from cms.portal.innovations.forms import (
    DocumentUploadForm,
    ImageUploadForm,
    IndicatorFormSet,
    InnovationForm,
    indicator_initial,
    initial_for,
)
from cms.portal.innovations.sections import (
    ATTACHMENTS_SECTION,
    CONTACT_SECTION,
    INDICATORS_SECTION,
    SECTIONS,
)
from registry.agencies.models import Agency
from registry.agencies.permissions import is_ministry_admin, user_agencies
from registry.core.exceptions import PermissionDenied, ValidationError
from registry.innovations import services
from registry.innovations.models import Innovation
from registry.innovations.selectors import innovation_get_draft

INDICATOR_PREFIX = "indicators"


def _agencies_for(user):
    agencies = Agency.objects.filter(is_active=True) if is_ministry_admin(user) else user_agencies(user)
    return agencies.select_related("province", "regency").order_by("name")


def _bind(request, *, draft: Innovation, agencies=None):
    data = request.POST if request.method == "POST" else None
    initial = initial_for(draft)
    if agencies is not None and draft.agency_id:
        initial["agency"] = draft.agency_id
    form = InnovationForm(data, instance=draft, agencies=agencies, initial=initial)
    formset = IndicatorFormSet(data, prefix=INDICATOR_PREFIX, initial=indicator_initial(draft))
    return form, formset


def _fields_of(form, section):
    return [form[name] for name in section.fields if name in form.fields]


def _render(request, *, form, formset, innovation=None, status=200):
    draft = innovation_get_draft(innovation) if innovation else None
    return TemplateResponse(
        request,
        "portal/innovations/form.html",
        {
            "innovation": innovation,
            "form": form,
            "formset": formset,
            # (section, its bound fields): the agency field exists only on a new innovation.
            "sections": [(section, _fields_of(form, section)) for section in SECTIONS],
            "indicators_section": INDICATORS_SECTION,
            "attachments_section": ATTACHMENTS_SECTION,
            "contact_section": CONTACT_SECTION,
            "contact_fields": _fields_of(form, CONTACT_SECTION),
            "draft_documents": list(draft.documents.all()) if draft else [],
            "draft_images": list(draft.images.all()) if draft else [],
            "document_form": DocumentUploadForm(),
            "image_form": ImageUploadForm(),
            "autosave_interval_ms": settings.REGISTRY_AUTOSAVE_SECONDS * 1000,
            "autosave_url": reverse("portal:innovation_autosave", args=[innovation.pk])
            if innovation
            else reverse("portal:innovation_autosave_new"),
        },
        status=status,
    )


def _save(request, *, form, formset, innovation=None, autosave=False):
    """Create or update through the service; returns the innovation, or None with errors on the form."""
    try:
        if innovation is None:
            return services.innovation_create(
                user=request.user, agency=form.cleaned_data["agency"], data=form.service_data(), indicators=formset.rows()
            )
        return services.innovation_update(
            user=request.user,
            innovation=innovation,
            data=form.service_data(),
            indicators=formset.rows(),
            autosave=autosave,
        )
    except PermissionDenied as error:
        form.add_error(None, str(error))
    except ValidationError as error:
        add_service_errors(form, error)
    return None


def _not_editable(innovation) -> str:
    return _("Inovasi berstatus \"%(status)s\" tidak dapat diubah sekarang.") % {
        "status": innovation.get_moderation_status_display()
    }


def _after_save(request, innovation):
    if request.POST.get("action") == "submit":
        submitted = run_service(request, services.innovation_submit, innovation=innovation)
        if submitted:
            messages.success(request, _("Inovasi disimpan dan diajukan untuk verifikasi."))
            return redirect("portal:innovation_detail", pk=innovation.pk)
        return redirect("portal:innovation_edit", pk=innovation.pk)
    messages.success(request, _("Draf disimpan. Versi publik tidak berubah sampai diverifikasi."))
    return redirect("portal:innovation_edit", pk=innovation.pk)


@login_required
def innovation_create(request):
    agencies = _agencies_for(request.user)
    if not agencies.exists():
        messages.error(request, _("Akun Anda belum terhubung dengan instansi terverifikasi, sehingga belum dapat menulis inovasi."))
        return redirect("portal:dashboard")
    chosen = agencies.filter(pk=request.GET.get("instansi") or 0).first() or agencies.first()
    # A new innovation takes its agency's region unless the writer changes it.
    draft = Innovation(agency=chosen, province_id=chosen.province_id, regency_id=chosen.regency_id)
    form, formset = _bind(request, draft=draft, agencies=agencies)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        innovation = _save(request, form=form, formset=formset)
        if innovation is not None:
            return _after_save(request, innovation)
    return _render(request, form=form, formset=formset)


@innovation_view()
def innovation_edit(request, innovation):
    if not services.can_edit(request.user, innovation):
        messages.error(request, _not_editable(innovation))
        return redirect("portal:innovation_detail", pk=innovation.pk)
    form, formset = _bind(request, draft=innovation_get_draft(innovation))
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        if _save(request, form=form, formset=formset, innovation=innovation) is not None:
            return _after_save(request, innovation)
    return _render(request, form=form, formset=formset, innovation=innovation)


# --- Autosave -------------------------------------------------------------------------------------


def _form_errors(form, formset) -> list[str]:
    errors = []
    for name, field_errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        errors.extend(f"{label}: {message}" if label else message for message in field_errors)
    for number, row_errors in enumerate(formset.errors, start=1):
        for name, field_errors in row_errors.items():
            errors.extend(_("Indikator %(n)d, %(field)s: %(message)s") % {"n": number, "field": name, "message": m} for m in field_errors)
    errors.extend(formset.non_form_errors())
    return [str(error) for error in errors]


def _autosave_response(request, *, form, formset, innovation=None):
    if request.method != "POST":
        return JsonResponse({"saved": False, "errors": [_("Gunakan POST.")]}, status=405)
    saved = None
    if form.is_valid() and formset.is_valid():
        saved = _save(request, form=form, formset=formset, innovation=innovation, autosave=True)
    if saved is None:
        return JsonResponse({"saved": False, "errors": _form_errors(form, formset)}, status=400)
    time = timezone.localtime().strftime("%H:%M")
    return JsonResponse(
        {
            "saved": True,
            "time": time,
            "message": _("Tersimpan otomatis pukul %(time)s") % {"time": time},
            "edit_url": reverse("portal:innovation_edit", args=[saved.pk]),
            "autosave_interval_ms": settings.REGISTRY_AUTOSAVE_SECONDS * 1000,
            "autosave_url": reverse("portal:innovation_autosave", args=[saved.pk]),
        }
    )


@login_required
def innovation_autosave_new(request):
    """The first autosave of a new innovation creates its draft; later ones go to its own URL."""
    agencies = _agencies_for(request.user)
    form, formset = _bind(request, draft=Innovation(), agencies=agencies)
    return _autosave_response(request, form=form, formset=formset)


@innovation_view()
def innovation_autosave(request, innovation):
    if not services.can_edit(request.user, innovation):
        # Submitted or being verified meanwhile: say so instead of failing silently.
        return JsonResponse({"saved": False, "errors": [_not_editable(innovation)]}, status=409)
    form, formset = _bind(request, draft=innovation_get_draft(innovation))
    return _autosave_response(request, form=form, formset=formset, innovation=innovation)


# --- Documents and images -------------------------------------------------------------------------


def _back_to_attachments(innovation):
    return redirect(reverse("portal:innovation_edit", args=[innovation.pk]) + "#lampiran")


def _attach(request, innovation, *, form_class, service, text_field):
    form = form_class(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return _back_to_attachments(innovation)
    attached = run_service(
        request,
        service,
        innovation=innovation,
        file=form.cleaned_data["file"],
        **{text_field: form.cleaned_data[text_field]},
    )
    if attached:
        messages.success(request, _("Berkas diunggah ke draf. Tampil di katalog setelah diverifikasi."))
    return _back_to_attachments(innovation)


@innovation_view(post_only=True)
def innovation_document_add(request, innovation):
    return _attach(request, innovation, form_class=DocumentUploadForm, service=services.innovation_attach_document, text_field="title")


@innovation_view(post_only=True)
def innovation_image_add(request, innovation):
    return _attach(request, innovation, form_class=ImageUploadForm, service=services.innovation_attach_image, text_field="caption")


def _require_attached(items, attribute: str, object_id: int) -> None:
    # A file that is not in this innovation's draft is someone else's: not found.
    if not any(getattr(item, attribute) == object_id for item in items):
        raise Http404


@innovation_view()
def innovation_document_remove(request, innovation, document_id):
    _require_attached(innovation_get_draft(innovation).documents.all(), "document_id", document_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    removed = run_service(request, services.innovation_remove_document, innovation=innovation, document_id=document_id)
    if removed:
        messages.success(request, _("Dokumen dilepas dari draf."))
    return _back_to_attachments(innovation)


@innovation_view()
def innovation_image_remove(request, innovation, image_id):
    _require_attached(innovation_get_draft(innovation).images.all(), "image_id", image_id)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    removed = run_service(request, services.innovation_remove_image, innovation=innovation, image_id=image_id)
    if removed:
        messages.success(request, _("Gambar dilepas dari draf."))
    return _back_to_attachments(innovation)
