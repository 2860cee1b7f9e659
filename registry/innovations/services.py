"""Every state change of an innovation.

One function per action, keyword-only arguments, one transaction each: the
permission check, the write, the audit event and the signal happen together,
so the portal, the admin, the API and the command line behave the same.

Moderation (DESIGN.md §3):

    draft ──submit──▶ in_moderation ──approve──▶ published ──unpublish──▶ unpublished
      ▲                 │      │                    │                         │
      └───withdraw──────┘      └──return──▶ returned └──edit──▶ draft ◀──edit──┘
    (returned and unpublished may also be submitted again directly; every
    edit, and every document or image attached or removed, is a new revision)

Editing a published innovation creates a new draft revision; the public keeps
seeing the published version until a verifier approves the new one.
"""

import os
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.actions.unpublish import UnpublishAction
from wagtail.documents.models import Document
from wagtail.images.models import Image

from registry.agencies.models import Agency
from registry.agencies.permissions import (
    is_member,
    is_ministry_admin,
    is_verifier,
    require_member,
)
from registry.audit.services import audit_record
from registry.core.exceptions import PermissionDenied, TransitionNotAllowed, ValidationError
from registry.core.storage import refuse_when_storage_full
from registry.core.text import clean_plain_text
from registry.innovations import signals
from registry.innovations.models import (
    NARRATIVE_SECTIONS,
    Innovation,
    InnovationDocument,
    InnovationImage,
    ModerationStatus,
    OutcomeIndicator,
)
from registry.innovations.uploads import check_document_upload, check_image_upload

# Plain-text fields whose markup is stripped on the way in.
TEXT_FIELDS = ["title", "summary", "product", "unit_name", *NARRATIVE_SECTIONS, "contact_name", "contact_phone"]
M2M_FIELDS = ["sectors", "sdgs"]
# What the submitter must fill in before a verifier is asked to look at it.
REQUIRED_FOR_SUBMISSION = ["summary", "kind", "form", "stage", "problem", "implementation_steps", "results"]

# An unpublished innovation may be submitted again as it is, to return to the catalog.
SUBMITTABLE_STATES = {ModerationStatus.DRAFT, ModerationStatus.RETURNED, ModerationStatus.UNPUBLISHED}
EDITABLE_STATES = {
    ModerationStatus.DRAFT,
    ModerationStatus.RETURNED,
    ModerationStatus.PUBLISHED,
    ModerationStatus.UNPUBLISHED,
}


def _require_editor(user, innovation: Innovation) -> None:
    if is_ministry_admin(user):
        return
    require_member(user, innovation.agency_id)


def _require_moderator(user, innovation: Innovation) -> None:
    if is_ministry_admin(user) or is_verifier(user, innovation.agency_id):
        return
    raise PermissionDenied(_("Hanya verifikator instansi ini yang boleh memverifikasi inovasinya."))


def _refusal_messages() -> dict[str, str]:
    # Whole sentences, not a verb slotted into one: word order differs between languages.
    return {
        "edit": _("Inovasi yang berstatus \"%(status)s\" tidak dapat diubah."),
        "submit": _("Inovasi yang berstatus \"%(status)s\" tidak dapat diajukan."),
        "withdraw_submission": _("Pengajuan inovasi yang berstatus \"%(status)s\" tidak dapat ditarik."),
        "publish": _("Inovasi yang berstatus \"%(status)s\" tidak dapat diterbitkan."),
        "return": _("Inovasi yang berstatus \"%(status)s\" tidak dapat dikembalikan."),
        "unpublish": _("Inovasi yang berstatus \"%(status)s\" tidak dapat ditarik dari katalog."),
    }


def _refuse(action: str, innovation: Innovation) -> TransitionNotAllowed:
    return TransitionNotAllowed(
        _refusal_messages()[action] % {"status": innovation.get_moderation_status_display()}
    )


def unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:200].strip("-") or "inovasi"
    slug, n = base, 1
    taken = Innovation.objects.filter(slug__startswith=base)
    if exclude_pk:
        taken = taken.exclude(pk=exclude_pk)
    existing = set(taken.values_list("slug", flat=True))
    while slug in existing:
        n += 1
        slug = f"{base}-{n}"
    return slug


def _apply(draft: Innovation, data: dict, indicators: Iterable[dict] | None) -> None:
    for field, value in data.items():
        if field == "tags":
            draft.tags.set(list(value))
        elif field in M2M_FIELDS:
            setattr(draft, field, list(value))
        else:
            if field in TEXT_FIELDS and isinstance(value, str):
                value = clean_plain_text(value)
            setattr(draft, field, value)
    if indicators is not None:
        draft.indicators = [OutcomeIndicator(**{**row, "name": clean_plain_text(row["name"])}) for row in indicators]
    if not draft.province_id and not draft.regency_id:
        # The region follows the agency unless the innovation names its own.
        draft.province_id, draft.regency_id = draft.agency.province_id, draft.agency.regency_id
    if draft.regency_id:
        draft.province_id = draft.regency.province_id


def _validate(draft: Innovation) -> None:
    # Uniqueness of the slug is checked against the other rows only.
    draft.full_clean(exclude=["slug"] if draft.pk else None)


@transaction.atomic
def innovation_create(*, user, agency: Agency, data: dict, indicators: Iterable[dict] | None = None) -> Innovation:
    if not is_ministry_admin(user):
        require_member(user, agency)
    innovation = Innovation(agency=agency, live=False, created_by=user, moderation_status=ModerationStatus.DRAFT)
    _apply(innovation, data, indicators)
    innovation.slug = unique_slug(innovation.title)
    _validate(innovation)
    innovation.save()
    revision = innovation.save_revision(user=user, clean=False)
    audit_record(
        actor=user, action="innovation.create", target=innovation, data={"agency": agency.code, "revision": revision.pk}
    )
    transaction.on_commit(lambda: signals.innovation_changed.send(Innovation, innovation_id=innovation.pk))
    return innovation


def _working_copy(innovation: Innovation) -> Innovation:
    """The version being edited: the latest revision, or a detached copy of the row if there is none."""
    draft = innovation.get_latest_revision_as_object()
    if draft is innovation:
        # No revision yet (imported or generated rows): never edit the live row itself.
        draft = innovation.with_content_json(innovation.serializable_data())
    return draft


def _store_draft(*, user, innovation: Innovation, draft: Innovation, autosave: bool = False):
    """Save the edited copy as the latest revision; the public keeps the live version."""
    if not innovation.live:
        # Not in the catalog: the row is the draft, so keep it current for the portal lists.
        draft.moderation_status = ModerationStatus.DRAFT
        draft.save()
    latest = innovation.get_latest_revision()
    overwrite = (
        latest
        if autosave and latest is not None and latest.user_id == user.pk and innovation.moderation_status == ModerationStatus.DRAFT
        else None
    )
    revision = draft.save_revision(user=user, clean=False, overwrite_revision=overwrite)
    Innovation.objects.filter(pk=innovation.pk).update(moderation_status=ModerationStatus.DRAFT, updated_at=timezone.now())
    transaction.on_commit(lambda: signals.innovation_changed.send(Innovation, innovation_id=innovation.pk))
    return revision


def _lock_for_editing(user, innovation: Innovation) -> Innovation:
    innovation = Innovation.objects.select_for_update().get(pk=innovation.pk)
    _require_editor(user, innovation)
    if innovation.moderation_status not in EDITABLE_STATES:
        raise _refuse("edit", innovation)
    return innovation


@transaction.atomic
def innovation_update(
    *,
    user,
    innovation: Innovation,
    data: dict,
    indicators: Iterable[dict] | None = None,
    autosave: bool = False,
) -> Innovation:
    """Save the edit as a new revision (an autosave overwrites the user's own latest one)."""
    innovation = _lock_for_editing(user, innovation)
    draft = _working_copy(innovation)
    _apply(draft, data, indicators)
    if "title" in data and not innovation.live:
        draft.slug = unique_slug(draft.title, exclude_pk=innovation.pk)
    _validate(draft)
    revision = _store_draft(user=user, innovation=innovation, draft=draft, autosave=autosave)
    if not autosave:
        audit_record(
            actor=user, action="innovation.edit", target=innovation, data={"fields": sorted(data), "revision": revision.pk}
        )
    return Innovation.objects.get(pk=innovation.pk)


@transaction.atomic
def innovation_submit(*, user, innovation: Innovation) -> Innovation:
    innovation = Innovation.objects.select_for_update().get(pk=innovation.pk)
    _require_editor(user, innovation)
    if innovation.moderation_status not in SUBMITTABLE_STATES:
        raise _refuse("submit", innovation)
    draft = innovation.get_latest_revision_as_object()
    missing = [
        str(Innovation._meta.get_field(name).verbose_name) for name in REQUIRED_FOR_SUBMISSION if not getattr(draft, name)
    ]
    if not draft.pk or not list(draft.sectors.all()):
        missing.append(str(Innovation._meta.get_field("sectors").verbose_name))
    if missing:
        raise ValidationError(
            _("Lengkapi dulu sebelum diajukan: %(fields)s.") % {"fields": ", ".join(missing)}
        )
    innovation.moderation_status = ModerationStatus.IN_MODERATION
    innovation.moderation_comment = ""
    innovation.submitted_at = timezone.now()
    innovation.save(update_fields=["moderation_status", "moderation_comment", "submitted_at", "updated_at"])
    audit_record(actor=user, action="innovation.submit", target=innovation, data={"revision": innovation.latest_revision_id})
    return innovation


@transaction.atomic
def innovation_withdraw_submission(*, user, innovation: Innovation) -> Innovation:
    innovation = Innovation.objects.select_for_update().get(pk=innovation.pk)
    _require_editor(user, innovation)
    if innovation.moderation_status != ModerationStatus.IN_MODERATION:
        raise _refuse("withdraw_submission", innovation)
    innovation.moderation_status = ModerationStatus.DRAFT
    innovation.save(update_fields=["moderation_status", "updated_at"])
    audit_record(
        actor=user, action="innovation.withdraw", target=innovation, data={"revision": innovation.latest_revision_id}
    )
    return innovation


@transaction.atomic
def innovation_approve(*, user, innovation: Innovation) -> Innovation:
    """Publish the latest revision: the public catalog shows it from now on."""
    innovation = Innovation.objects.select_for_update().get(pk=innovation.pk)
    _require_moderator(user, innovation)
    if innovation.moderation_status != ModerationStatus.IN_MODERATION:
        raise _refuse("publish", innovation)
    revision = innovation.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
    Innovation.objects.filter(pk=innovation.pk).update(
        moderation_status=ModerationStatus.PUBLISHED, moderation_comment="", updated_at=timezone.now()
    )
    innovation.refresh_from_db()
    audit_record(actor=user, action="innovation.publish", target=innovation, data={"revision": revision.pk})
    transaction.on_commit(lambda: signals.innovation_published.send(Innovation, innovation_id=innovation.pk))
    return innovation


@transaction.atomic
def innovation_return(*, user, innovation: Innovation, comment: str) -> Innovation:
    innovation = Innovation.objects.select_for_update().get(pk=innovation.pk)
    _require_moderator(user, innovation)
    if innovation.moderation_status != ModerationStatus.IN_MODERATION:
        raise _refuse("return", innovation)
    comment = clean_plain_text(comment)
    if not comment:
        raise ValidationError(_("Tuliskan catatan untuk pengusul: apa yang perlu diperbaiki."))
    innovation.moderation_status = ModerationStatus.RETURNED
    innovation.moderation_comment = comment
    innovation.save(update_fields=["moderation_status", "moderation_comment", "updated_at"])
    audit_record(
        actor=user,
        action="innovation.return",
        target=innovation,
        data={"comment": comment, "revision": innovation.latest_revision_id},
    )
    return innovation


@transaction.atomic
def innovation_unpublish(*, user, innovation: Innovation, reason: str) -> Innovation:
    """Take an innovation out of the public catalog; its revisions and history stay.

    The reason is shown to the agency as the verifier's note, like a return comment.
    """
    innovation = Innovation.objects.select_for_update().get(pk=innovation.pk)
    _require_moderator(user, innovation)
    if not innovation.live:
        raise _refuse("unpublish", innovation)
    reason = clean_plain_text(reason)
    if not reason:
        raise ValidationError(_("Tuliskan alasan penarikan dari katalog."))
    # The permission check above is ours; Wagtail's own would ask for admin page permissions.
    UnpublishAction(innovation, user=user).execute(skip_permission_checks=True)
    Innovation.objects.filter(pk=innovation.pk).update(
        moderation_status=ModerationStatus.UNPUBLISHED, moderation_comment=reason, updated_at=timezone.now()
    )
    innovation.refresh_from_db()
    audit_record(actor=user, action="innovation.unpublish", target=innovation, data={"reason": reason})
    transaction.on_commit(lambda: signals.innovation_unpublished.send(Innovation, innovation_id=innovation.pk))
    return innovation


@transaction.atomic
def innovation_delete(*, user, innovation: Innovation) -> None:
    """Delete an innovation that never reached the public; published ones are unpublished instead."""
    innovation = Innovation.objects.select_for_update().get(pk=innovation.pk)
    if not is_ministry_admin(user):
        _require_moderator(user, innovation)
        if innovation.first_published_at is not None:
            raise TransitionNotAllowed(
                _("Inovasi yang pernah terbit tidak dapat dihapus; tarik dari katalog sebagai gantinya.")
            )
    pk = innovation.pk
    audit_record(actor=user, action="innovation.delete", target=innovation, data={"slug": innovation.slug})
    innovation.delete()
    transaction.on_commit(lambda: signals.innovation_deleted.send(Innovation, innovation_id=pk))


# --- Documents and images ------------------------------------------------------------------
# A file becomes a Wagtail Document or Image at once (so a draft can show it), but it is
# attached to the innovation through a new revision: the public sees it only once approved.
# Removing detaches it from the draft; the file stays, because older revisions refer to it.


@transaction.atomic
def innovation_attach_document(*, user, innovation: Innovation, file, title: str = "") -> Document:
    innovation = _lock_for_editing(user, innovation)
    extension = check_document_upload(file)
    title = clean_plain_text(title)[:255] or os.path.splitext(os.path.basename(file.name))[0][:255]
    document = Document(title=title, file=file, uploaded_by_user=user)
    document._set_document_file_metadata()
    with refuse_when_storage_full():  # disk or quota full: nothing kept, a clear message
        document.save()
    draft = _working_copy(innovation)
    existing = list(draft.documents.all())
    draft.documents = [*existing, InnovationDocument(document=document, title=title, sort_order=len(existing))]
    revision = _store_draft(user=user, innovation=innovation, draft=draft)
    audit_record(
        actor=user,
        action="innovation.document_attach",
        target=innovation,
        data={"document": document.pk, "title": title, "type": extension, "bytes": file.size, "revision": revision.pk},
    )
    return document


@transaction.atomic
def innovation_remove_document(*, user, innovation: Innovation, document_id: int) -> None:
    innovation = _lock_for_editing(user, innovation)
    draft = _working_copy(innovation)
    existing = list(draft.documents.all())
    kept = [item for item in existing if item.document_id != document_id]
    if len(kept) == len(existing):
        raise ValidationError(_("Dokumen ini tidak terlampir pada inovasi tersebut."))
    draft.documents = kept
    revision = _store_draft(user=user, innovation=innovation, draft=draft)
    audit_record(
        actor=user,
        action="innovation.document_remove",
        target=innovation,
        data={"document": document_id, "revision": revision.pk},
    )


@transaction.atomic
def innovation_attach_image(*, user, innovation: Innovation, file, caption: str = "") -> Image:
    innovation = _lock_for_editing(user, innovation)
    extension = check_image_upload(file)
    caption = clean_plain_text(caption)[:255]
    image = Image(title=caption or os.path.splitext(os.path.basename(file.name))[0][:255], file=file, uploaded_by_user=user)
    image._set_image_file_metadata()
    with refuse_when_storage_full():
        image.save()
    draft = _working_copy(innovation)
    existing = list(draft.images.all())
    draft.images = [*existing, InnovationImage(image=image, caption=caption, sort_order=len(existing))]
    revision = _store_draft(user=user, innovation=innovation, draft=draft)
    audit_record(
        actor=user,
        action="innovation.image_attach",
        target=innovation,
        data={"image": image.pk, "caption": caption, "type": extension, "bytes": file.size, "revision": revision.pk},
    )
    return image


@transaction.atomic
def innovation_remove_image(*, user, innovation: Innovation, image_id: int) -> None:
    innovation = _lock_for_editing(user, innovation)
    draft = _working_copy(innovation)
    existing = list(draft.images.all())
    kept = [item for item in existing if item.image_id != image_id]
    if len(kept) == len(existing):
        raise ValidationError(_("Gambar ini tidak terlampir pada inovasi tersebut."))
    draft.images = kept
    revision = _store_draft(user=user, innovation=innovation, draft=draft)
    audit_record(
        actor=user, action="innovation.image_remove", target=innovation, data={"image": image_id, "revision": revision.pk}
    )


def can_edit(user, innovation: Innovation) -> bool:
    return (is_ministry_admin(user) or is_member(user, innovation.agency_id)) and (
        innovation.moderation_status in EDITABLE_STATES
    )


def can_moderate(user, innovation: Innovation) -> bool:
    return is_ministry_admin(user) or is_verifier(user, innovation.agency_id)
