"""Who may do what in the registry's admin screens.

Wagtail's generic views ask a permission policy before every action. Ours adds
two rules to Django's model permissions: only ministry staff (or superusers)
count, whatever permissions someone was given by hand; and some actions are
never offered for a model, not even to superusers (regions are reference data,
audit events are append-only, innovations change only through their services).
"""

from django.contrib.auth import get_user_model
from wagtail.permission_policies import ModelPermissionPolicy

from registry.agencies.permissions import is_ministry_admin

ALL_ACTIONS = None
READ_ONLY = frozenset({"view"})


class MinistryPermissionPolicy(ModelPermissionPolicy):
    def __init__(self, model, *, allowed_actions=ALL_ACTIONS):
        super().__init__(model)
        self.allowed_actions = allowed_actions

    def user_has_permission(self, user, action):
        if self.allowed_actions is not None and action not in self.allowed_actions:
            return False
        return is_ministry_admin(user) and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        allowed = [a for a in actions if self.allowed_actions is None or a in self.allowed_actions]
        if not allowed:
            return get_user_model().objects.none()
        return super().users_with_any_permission(allowed)
