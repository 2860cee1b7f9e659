"""The OpenAPI 3 schema and its browsable documentation, served without any CDN.

Swagger UI and ReDoc come from drf-spectacular-sidecar (pinned in pyproject.toml)
through the static files, so the docs work on a closed network. The Swagger UI
page loads its start-up script from a URL of its own (the "split" view), so it
needs no inline script under a strict Content-Security-Policy.
"""

from django.urls import path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
]
