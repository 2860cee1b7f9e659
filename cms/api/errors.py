"""One error body for every failure of the API.

    {"error": {"status": 400, "code": "invalid", "message": "...", "fields": {"title": ["..."]}}}

DRF's own exceptions, Django's PermissionDenied / ValidationError / Http404 raised
by services and selectors, and the registry's TransitionNotAllowed (409) all end
up in this shape, so a client has one thing to parse.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from registry.core.exceptions import TransitionNotAllowed


class ErrorDetailSerializer(serializers.Serializer):
    status = serializers.IntegerField()
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def _from_django(exc):
    if isinstance(exc, TransitionNotAllowed):
        return Conflict(" ".join(exc.messages))
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        return exceptions.ValidationError(detail)
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    return exc


def _flatten(detail) -> dict:
    fields = {}
    for name, messages in detail.items():
        if isinstance(messages, dict):
            for inner, inner_messages in _flatten(messages).items():
                fields[f"{name}.{inner}"] = inner_messages
        elif isinstance(messages, list):
            flat = []
            for message in messages:
                if isinstance(message, dict):
                    for inner, inner_messages in _flatten(message).items():
                        fields[f"{name}.{inner}"] = inner_messages
                else:
                    flat.append(str(message))
            if flat:
                fields[name] = flat
        else:
            fields[name] = [str(messages)]
    return fields


def registry_exception_handler(exc, context):
    exc = _from_django(exc)
    response = exception_handler(exc, context)
    if response is None:
        return None
    body = {"status": response.status_code, "code": "error", "message": ""}
    if isinstance(exc, exceptions.ValidationError):
        body["code"] = "invalid"
        body["message"] = _("Data tidak valid.")
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        body["fields"] = _flatten(detail)
        non_field = body["fields"].get("non_field_errors")
        if non_field:
            body["message"] = " ".join(non_field)
    elif isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        body["code"] = codes if isinstance(codes, str) else "error"
        body["message"] = str(exc.detail)
    response.data = {"error": body}
    return Response(response.data, status=response.status_code, headers=dict(response.items()))


def _api_error_or_page(request, status: int, code: str, message: str, html_view, *args):
    """Under /api/ the shared JSON error body; elsewhere Django's own error page."""
    if request.path.startswith("/api/"):
        from django.http import JsonResponse

        return JsonResponse({"error": {"status": status, "code": code, "message": message}}, status=status)
    return html_view(request, *args)


def page_not_found(request, exception=None):
    """Django's 404 handler."""
    from django.views.defaults import page_not_found as html_page_not_found

    return _api_error_or_page(request, 404, "not_found", _("Tidak ditemukan."), html_page_not_found, exception)


def server_error(request):
    """Django's 500 handler (e.g. while the database is down, docs/faults.md): touches nothing that could fail."""
    from django.views.defaults import server_error as html_server_error

    message = _("Terjadi gangguan sementara; tidak ada data yang berubah. Silakan coba lagi.")
    return _api_error_or_page(request, 500, "server_error", message, html_server_error)
