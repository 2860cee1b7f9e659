"""Every state change of agencies and memberships.

Only ministry staff manage agencies and decide who acts for them: an agency's
own verifier approves its innovations, but never its own memberships (that
would let anyone who once got in add their friends). One function per action,
keyword-only arguments, one transaction each, an audit event for every write.
"""

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from registry.agencies.models import REGIONAL_TYPES, Agency, AgencyType, Membership, MembershipRole
from registry.agencies.permissions import forget_cached_roles, is_ministry_admin
from registry.audit.services import audit_record
from registry.core.exceptions import PermissionDenied, TransitionNotAllowed, ValidationError
from registry.core.text import clean_plain_text

# What a ministry admin may set on an agency; anything else is refused.
AGENCY_FIELDS = [
    "code",
    "name",
    "short_name",
    "type",
    "province",
    "regency",
    "parent",
    "website",
    "email",
    "is_active",
]
_TEXT_FIELDS = {"name", "short_name"}
# Types that sit in one kab/kota rather than a whole province.
_REGENCY_TYPES = {AgencyType.PEMKAB, AgencyType.PEMKOT}


def _require_ministry_admin(user) -> None:
    if not is_ministry_admin(user):
        raise PermissionDenied(_("Hanya staf kementerian yang boleh mengelola instansi dan keanggotaannya."))


def _audit_value(value):
    # Related objects are recorded by key, so the chain stays small and stable.
    return getattr(value, "pk", value)


def _apply_agency(agency: Agency, data: dict) -> None:
    unknown = sorted(set(data) - set(AGENCY_FIELDS))
    if unknown:
        raise ValidationError(_("Kolom tidak dikenal: %(fields)s.") % {"fields": ", ".join(unknown)})
    for field, value in data.items():
        if field in _TEXT_FIELDS:
            value = clean_plain_text(value or "")
        setattr(agency, field, value)


def _validate_agency(agency: Agency) -> None:
    errors = {}
    if agency.regency_id:
        if agency.province_id is None:
            agency.province_id = agency.regency.province_id
        elif agency.regency.province_id != agency.province_id:
            errors["regency"] = _("Kabupaten/kota ini tidak berada di provinsi yang dipilih.")
    if agency.type in _REGENCY_TYPES and not agency.regency_id:
        errors["regency"] = _("Pemerintah kabupaten/kota harus memiliki kabupaten/kota.")
    elif agency.type in REGIONAL_TYPES and not agency.province_id:
        errors["province"] = _("Instansi daerah harus memiliki provinsi.")
    if agency.parent_id and agency.pk:
        if agency.parent_id == agency.pk or agency.parent_id in agency.descendant_ids():
            errors["parent"] = _("Instansi induk tidak boleh instansi ini sendiri atau unit di bawahnya.")
    if errors:
        raise ValidationError(errors)
    agency.full_clean()


@transaction.atomic
def agency_create(*, user, data: dict) -> Agency:
    _require_ministry_admin(user)
    agency = Agency()
    _apply_agency(agency, data)
    _validate_agency(agency)
    agency.save()
    audit_record(
        actor=user,
        action="agency.create",
        target=agency,
        data={field: _audit_value(getattr(agency, field)) for field in AGENCY_FIELDS},
    )
    return agency


@transaction.atomic
def agency_update(*, user, agency: Agency, data: dict) -> Agency:
    _require_ministry_admin(user)
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    before = {field: _audit_value(getattr(agency, field)) for field in AGENCY_FIELDS}
    _apply_agency(agency, data)
    _validate_agency(agency)
    agency.save()
    after = {field: _audit_value(getattr(agency, field)) for field in AGENCY_FIELDS}
    changes = {field: [before[field], after[field]] for field in AGENCY_FIELDS if before[field] != after[field]}
    audit_record(actor=user, action="agency.update", target=agency, data={"changes": changes})
    return agency


@transaction.atomic
def agency_delete(*, user, agency: Agency) -> None:
    """Delete an agency that nothing depends on; one with records is deactivated instead."""
    _require_ministry_admin(user)
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    innovations, children = agency.innovations.count(), agency.children.count()
    if innovations or children:
        raise TransitionNotAllowed(
            _(
                "Instansi ini masih memiliki %(innovations)d inovasi dan %(children)d unit di bawahnya; "
                "nonaktifkan saja."
            )
            % {"innovations": innovations, "children": children}
        )
    memberships = list(agency.memberships.values_list("user__username", "role"))
    audit_record(
        actor=user,
        action="agency.delete",
        target=agency,
        data={"code": agency.code, "memberships": [list(row) for row in memberships]},
    )
    try:
        # A savepoint, so a refusal leaves the surrounding transaction usable.
        with transaction.atomic():
            agency.delete()
    except ProtectedError as error:
        raise TransitionNotAllowed(
            _("Instansi ini masih dipakai oleh %(count)d data lain; nonaktifkan saja.")
            % {"count": len(error.protected_objects)}
        ) from error


def _validate_role(role: str) -> None:
    if role not in MembershipRole.values:
        raise ValidationError({"role": _("Peran tidak dikenal.")})


@transaction.atomic
def membership_create(*, user, member, agency: Agency, role: str, is_verified: bool = False) -> Membership:
    """Make `member` a submitter or verifier of `agency` (verified at once if the ministry says so)."""
    _require_ministry_admin(user)
    _validate_role(role)
    if not member.is_active:
        raise ValidationError({"user": _("Akun pengguna ini tidak aktif.")})
    if Membership.objects.filter(user=member, agency=agency).exists():
        raise ValidationError({"user": _("Pengguna ini sudah menjadi anggota instansi tersebut.")})
    membership = Membership.objects.create(user=member, agency=agency, role=role, is_verified=is_verified)
    forget_cached_roles(member)
    audit_record(
        actor=user,
        action="membership.create",
        target=membership,
        data={"user": member.get_username(), "agency": agency.code, "role": role, "verified": is_verified},
    )
    return membership


@transaction.atomic
def membership_update(*, user, membership: Membership, role: str) -> Membership:
    """Change what the member may do for the agency (submitter ↔ verifier)."""
    _require_ministry_admin(user)
    _validate_role(role)
    membership = Membership.objects.select_for_update().select_related("user", "agency").get(pk=membership.pk)
    if membership.role == role:
        return membership
    previous = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    audit_record(actor=user, action="membership.update", target=membership, data={"role": [previous, role]})
    return membership


@transaction.atomic
def membership_verify(*, user, membership: Membership) -> Membership:
    """Confirm the member really works for the agency: from now on they may act for it."""
    _require_ministry_admin(user)
    membership = Membership.objects.select_for_update().select_related("user", "agency").get(pk=membership.pk)
    if membership.is_verified:
        raise TransitionNotAllowed(_("Keanggotaan ini sudah terverifikasi."))
    membership.is_verified = True
    membership.save(update_fields=["is_verified"])
    audit_record(actor=user, action="membership.verify", target=membership, data={"role": membership.role})
    return membership


@transaction.atomic
def membership_unverify(*, user, membership: Membership) -> Membership:
    """Suspend a membership without deleting it: the member can no longer act for the agency."""
    _require_ministry_admin(user)
    membership = Membership.objects.select_for_update().select_related("user", "agency").get(pk=membership.pk)
    if not membership.is_verified:
        raise TransitionNotAllowed(_("Keanggotaan ini memang belum terverifikasi."))
    membership.is_verified = False
    membership.save(update_fields=["is_verified"])
    audit_record(actor=user, action="membership.unverify", target=membership, data={"role": membership.role})
    return membership


@transaction.atomic
def membership_remove(*, user, membership: Membership) -> None:
    _require_ministry_admin(user)
    membership = Membership.objects.select_for_update().select_related("user", "agency").get(pk=membership.pk)
    audit_record(
        actor=user,
        action="membership.remove",
        target=membership,
        data={
            "user": membership.user.get_username(),
            "agency": membership.agency.code,
            "role": membership.role,
            "verified": membership.is_verified,
        },
    )
    membership.delete()
