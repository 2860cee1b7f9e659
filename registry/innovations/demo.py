"""Demo data of the innovations app: the 200 LAN innovations and one account per role.

Run by `manage.py seed_demo` (see DEMO_SEEDERS there); idempotent. The accounts are
listed in README.md ("Demo accounts"): keep that table and DEMO_ACCOUNTS in step.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from registry.agencies.models import Membership, MembershipRole
from registry.agencies.permissions import MINISTRY_ADMIN_GROUP
from registry.innovations.agency_names import RegionIndex
from registry.innovations.lan_import import ensure_agency, lan_innovations_import

DEMO_PASSWORD = "demo-inovasi-2024"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    superuser: bool = False
    ministry_admin: bool = False
    region_code: str | None = None  # the pemda whose verified member the account is
    role: str | None = None


DEMO_ACCOUNTS = [
    DemoAccount("admin", "Admin", "Registri", superuser=True),
    DemoAccount("kementerian", "Staf", "Kementerian", ministry_admin=True),
    DemoAccount("pengusul.surakarta", "Sri", "Wahyuni", region_code="33.72", role=MembershipRole.SUBMITTER),
    DemoAccount("verifikator.surakarta", "Bambang", "Setiawan", region_code="33.72", role=MembershipRole.VERIFIER),
    DemoAccount("pengusul.surabaya", "Dewi", "Lestari", region_code="35.78", role=MembershipRole.SUBMITTER),
    DemoAccount("verifikator.surabaya", "Agus", "Santoso", region_code="35.78", role=MembershipRole.VERIFIER),
]


@transaction.atomic
def demo_accounts_ensure() -> int:
    """Create the missing demo accounts and memberships; returns how many accounts were new.

    An existing account keeps its password and details, so re-seeding changes nothing.
    """
    User = get_user_model()  # noqa: N806
    regions = RegionIndex.from_database()
    agencies: dict = {}
    created = 0
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(username=account.username).first()
        if user is None:
            user = User(
                username=account.username,
                first_name=account.first_name,
                last_name=account.last_name,
                email=f"{account.username}@example.go.id",
                is_superuser=account.superuser,
                is_staff=account.superuser,
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            created += 1
        if account.ministry_admin:
            group, _ = Group.objects.get_or_create(name=MINISTRY_ADMIN_GROUP)
            user.groups.add(group)
        if account.region_code:
            agency = ensure_agency(regions.pemda(account.region_code), cache=agencies)
            Membership.objects.get_or_create(
                user=user, agency=agency, defaults={"role": account.role, "is_verified": True}
            )
    return created


def seed(*, stdout) -> None:
    result = lan_innovations_import()
    stdout.write(
        f"LAN innovations: {result.created} new, {result.updated} updated, {result.unchanged} unchanged"
        + (f", {result.kept_edited} edited by agency staff and left as they are" if result.kept_edited else "")
    )
    created = demo_accounts_ensure()
    stdout.write(f"demo accounts: {len(DEMO_ACCOUNTS)} ({created} new), password {DEMO_PASSWORD!r}")
