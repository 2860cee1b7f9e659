"""The "Competition secretariat" group and what it may do in the Wagtail admin.

The group itself is created by migration 0002; its permissions are (re)granted
after every `migrate`, when Django has created the permission rows.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from registry.competitions.permissions import SECRETARIAT_GROUP


def grant_secretariat_permissions(**kwargs) -> Group:
    group, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    permissions = Permission.objects.filter(
        Q(content_type__app_label="competitions")
        | Q(content_type__app_label="wagtailadmin", codename="access_admin")
        | Q(content_type__app_label__in=["innovations", "agencies", "geo"], codename__startswith="view_")
        | Q(content_type__app_label="auth", codename="view_user")
        | Q(content_type__app_label="accounts", codename="view_user")
    )
    group.permissions.add(*permissions)
    return group
