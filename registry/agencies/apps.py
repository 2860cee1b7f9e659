from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "registry.agencies"
    label = "agencies"
    verbose_name = _("Instansi")

    def ready(self):
        from registry.agencies.roles import grant_ministry_admin_permissions

        post_migrate.connect(grant_ministry_admin_permissions, sender=self, dispatch_uid="ministry_admin_permissions")
