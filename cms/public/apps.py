from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "cms.public"
    label = "public"
