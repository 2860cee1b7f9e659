from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "cms.public"
    label = "public"

    def ready(self):
        from cms.public import page_cache

        page_cache.connect_receivers()
