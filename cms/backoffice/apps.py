from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "cms.backoffice"
    label = "backoffice"
