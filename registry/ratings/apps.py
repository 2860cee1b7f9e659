from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RatingsConfig(AppConfig):
    name = "registry.ratings"
    label = "ratings"
    verbose_name = _("Ulasan sejawat")

    def ready(self):
        from registry.ratings import receivers  # noqa: F401  (connects the signal receivers)
