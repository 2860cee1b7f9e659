"""Registers the Wagtail admin screens of ministry staff; each feature's viewsets live in their own module."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSetGroup

from cms.backoffice import (
    competitions,  # noqa: F401  (registers the competition admin through its own hooks)
    imports,  # noqa: F401  (registers the import/export screens through its own hooks)
)
from cms.backoffice.agencies import AgencyViewSet
from cms.backoffice.audit import AuditEventViewSet
from cms.backoffice.dashboard import RegistryDashboardPanel
from cms.backoffice.innovations import InnovationViewSet
from cms.backoffice.memberships import MembershipViewSet
from cms.backoffice.regions import ProvinceViewSet, RegencyViewSet
from cms.backoffice.replication import ReplicationProjectViewSet
from registry.agencies.permissions import is_ministry_admin


# --- Registry: agencies, memberships, regions, innovations, audit trail ---------------------
class RegistryViewSetGroup(ModelViewSetGroup):
    menu_label = _("Registri")
    menu_icon = "folder-open-inverse"
    menu_order = 150
    items = (
        InnovationViewSet("innovation"),
        ReplicationProjectViewSet("replicationproject"),
        AgencyViewSet("agency"),
        MembershipViewSet("membership"),
        ProvinceViewSet("province"),
        RegencyViewSet("regency"),
        AuditEventViewSet("auditevent"),
    )


@hooks.register("register_admin_viewset")
def register_registry_viewsets():
    return RegistryViewSetGroup()


@hooks.register("construct_homepage_panels")
def add_registry_dashboard(request, panels):
    if is_ministry_admin(request.user):
        panels.append(RegistryDashboardPanel())
