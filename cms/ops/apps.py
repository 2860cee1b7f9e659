from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operations: health checks, backup and restore."""

    name = "cms.ops"
    label = "ops"
