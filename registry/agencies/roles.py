"""The ministry-admin group and what it may do in the Wagtail admin.

Ministry staff see and manage everything; agency staff and judges have no
admin access at all (they work in the portal, where every view checks their
agency membership).
"""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from registry.agencies.permissions import MINISTRY_ADMIN_GROUP

# Apps whose models ministry staff manage in full.
MANAGED_APP_LABELS = [
    "geo",
    "agencies",
    "innovations",
    "ratings",
    "replication",
    "competitions",
    "wagtaildocs",
    "wagtailimages",
    "taggit",
]


def grant_ministry_admin_permissions(apps=None, **kwargs) -> Group:
    """Idempotent; runs after every `migrate` so new models are covered too."""
    from django.apps import apps as global_apps
    from django.contrib.auth import get_user_model

    user_model = get_user_model()

    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    group, _ = Group.objects.get_or_create(name=MINISTRY_ADMIN_GROUP)
    permissions = Permission.objects.filter(
        Q(content_type__app_label__in=MANAGED_APP_LABELS)
        | Q(content_type__app_label="wagtailadmin", codename="access_admin")
        | Q(content_type__app_label="audit", codename__startswith="view_")
        # The user model lives in `accounts`; groups stay with `auth`.
        | Q(content_type__app_label=user_model._meta.app_label, codename__in=["add_user", "change_user", "view_user"])
        | Q(content_type__app_label="auth", codename="view_group")
    )
    group.permissions.add(*permissions)
    _grant_page_and_collection_permissions(group)
    _revoke_admin_access_from_wagtail_default_groups()
    return group


# Groups that Wagtail's own migrations create and give admin access to; the registry does not use them.
WAGTAIL_DEFAULT_GROUPS = ["Editors", "Moderators"]


def _revoke_admin_access_from_wagtail_default_groups() -> None:
    """Wagtail's migrations let its default Editors and Moderators groups into the admin; in the
    registry the admin belongs to ministry staff, so putting an agency user into one of those
    groups by mistake must not open it."""
    access_admin = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin").first()
    if access_admin is not None:
        for group in Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS):
            group.permissions.remove(access_admin)


def _grant_page_and_collection_permissions(group: Group) -> None:
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    root_page = Page.get_first_root_node()
    if root_page is not None:
        for codename in ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"]:
            permission = Permission.objects.filter(content_type__app_label="wagtailcore", codename=codename).first()
            if permission:
                GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for permission in Permission.objects.filter(
            content_type__app_label__in=["wagtaildocs", "wagtailimages"],
            codename__in=["add_document", "change_document", "choose_document", "add_image", "change_image", "choose_image"],
        ):
            GroupCollectionPermission.objects.get_or_create(group=group, collection=root_collection, permission=permission)
