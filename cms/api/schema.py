"""The OpenAPI schema documents the shared error responses of every operation.

Without them the schema would promise only 2xx answers, and clients (and the
schemathesis tests) would meet undocumented 400/401/403/404/429 bodies.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework.permissions import AllowAny

from cms.api.errors import ErrorSerializer


class RegistryAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction=direction)
        method = self.method.upper()
        errors = {"429": "Terlalu banyak permintaan; coba lagi nanti."}
        if method in {"POST", "PUT", "PATCH"} or self._has_query_parameters():
            errors["400"] = "Data atau parameter tidak valid."
        if not self._is_public():
            errors["401"] = "Butuh token: header Authorization: Token <token>."
            errors["403"] = "Tidak berwenang."
        if self._is_detail() or not self._is_public():
            errors["404"] = "Tidak ditemukan."
        elif self._get_pagination_parameters():
            errors["404"] = "Halaman tidak ada (nomor halaman di luar jangkauan)."
        for code, description in errors.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(response=ErrorSerializer, description=description), code
                )
        return responses

    def _is_public(self) -> bool:
        classes = getattr(self.view, "permission_classes", [])
        return self.method.upper() in {"GET", "HEAD"} and (
            not classes or any(c is AllowAny or c.__name__ in {"AllowAny", "IsAuthenticatedOrReadOnly"} for c in classes)
        )

    def _is_detail(self) -> bool:
        return "{" in self.path

    def _has_query_parameters(self) -> bool:
        return bool(self._get_filter_parameters() or self._get_pagination_parameters())


def only_public_api(endpoints):
    """The schema documents /api/v1/ only, not Wagtail's internal admin API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
