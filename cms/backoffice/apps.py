from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class BackofficeConfig(AppConfig):
    name = "cms.backoffice"
    label = "backoffice"
    default = True


class RegistryUsersConfig(WagtailUsersAppConfig):
    """`wagtail.users` with the registry's user forms (NIP, telephone); replaces it in INSTALLED_APPS."""

    default = False
    user_viewset = "cms.backoffice.users.RegistryUserViewSet"
