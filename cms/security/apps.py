from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "cms.security"
    label = "registry_security"
    verbose_name = _("Keamanan")

    def ready(self):
        # Connects the user_logged_in receiver that records who owes a second factor.
        from cms.security import two_factor  # noqa: F401
