"""Viewsets that only list and inspect: reference data, the audit trail, innovations.

Their add, edit and copy URLs do not exist at all (so Wagtail's form views are
never built), and the permission policy refuses those actions even to
superusers, so no button leads to them.
"""

from django.urls import path

from cms.backoffice.permissions import READ_ONLY, MinistryPermissionPolicy


class ReadOnlyViewSetMixin:
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    allowed_actions = READ_ONLY

    @property
    def permission_policy(self):
        return MinistryPermissionPolicy(self.model, allowed_actions=self.allowed_actions)

    def get_extra_urlpatterns(self) -> list:
        """URLs a subclass adds besides listing and inspecting (history, actions)."""
        return []

    def get_urlpatterns(self):
        conv = self.pk_path_converter
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path(f"inspect/<{conv}:pk>/", self.inspect_view, name="inspect"),
            *self.get_extra_urlpatterns(),
        ]
