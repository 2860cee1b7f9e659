"""Small helpers for portal templates (what to show; the services still decide)."""

from django import template

from registry.agencies.models import MembershipRole
from registry.agencies.permissions import agency_roles, is_ministry_admin

register = template.Library()


@register.simple_tag
def can_verify(user) -> bool:
    """Whether the portal menu should offer the verification queue."""
    return is_ministry_admin(user) or MembershipRole.VERIFIER in agency_roles(user).values()


STATUS_BADGES = {
    "draft": "badge",
    "in_moderation": "badge badge-warn",
    "returned": "badge badge-danger",
    "published": "badge badge-ok",
    "unpublished": "badge",
}


@register.inclusion_tag("portal/innovations/includes/status_badge.html")
def status_badge(innovation):
    return {"innovation": innovation, "css": STATUS_BADGES.get(innovation.moderation_status, "badge")}
