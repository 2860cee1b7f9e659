"""Public pages that are plain Django views (served before Wagtail's page tree).

The home page and the catalog (/inovasi/) are Wagtail pages; features add
their public pages here (/replikasi/, /kompetisi/, /data/, ...).
"""

urlpatterns: list = []
