"""How every innovation view finds its object and reports a refused action.

The object is looked up in `innovation_list_for_user` before anything else
(including the HTTP method), so another agency's innovation is a 404 on every
URL, for GET and POST alike, and never a page that confirms it exists.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404

from registry.core.exceptions import PermissionDenied, ValidationError
from registry.innovations.selectors import innovation_list_for_user


def innovation_view(*, post_only: bool = False):
    """Decorate a view taking (request, innovation, ...) instead of (request, pk, ...)."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, pk, **kwargs):
            innovation = get_object_or_404(innovation_list_for_user(request.user), pk=pk)
            if post_only and request.method != "POST":
                return HttpResponseNotAllowed(["POST"])
            return view(request, innovation, **kwargs)

        return wrapper

    return decorator


def refusal_text(error: Exception) -> str:
    """The Indonesian message a service gave with its refusal."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def run_service(request, service, **kwargs) -> bool:
    """Call a service as the request's user; on refusal show its message and return False."""
    try:
        service(user=request.user, **kwargs)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, refusal_text(error))
        return False
    return True


def add_service_errors(form, error: ValidationError) -> None:
    """Put a service's validation errors on the form fields they name (or on the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
