from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CompetitionsConfig(AppConfig):
    name = "registry.competitions"
    label = "competitions"
    verbose_name = _("Kompetisi")

    def ready(self):
        from registry.audit.services import register_record_check
        from registry.competitions.integrity import verify_scores
        from registry.competitions.roles import grant_secretariat_permissions

        register_record_check(verify_scores)
        post_migrate.connect(grant_secretariat_permissions, sender=self, dispatch_uid="competition_secretariat_permissions")
