"""How every replication view finds its project and reports a refused action.

The project is looked up in `project_list_for_user` before anything else, so a
project the user takes no part in is a 404 on every URL, for GET and POST alike.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect

from registry.core.exceptions import PermissionDenied, ValidationError
from registry.replication.selectors import project_list_for_user


def project_view(*, post_only: bool = False):
    """Decorate a view taking (request, project) instead of (request, pk)."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, pk, **kwargs):
            project = get_object_or_404(project_list_for_user(request.user), pk=pk)
            if post_only and request.method != "POST":
                return HttpResponseNotAllowed(["POST"])
            try:
                return view(request, project, **kwargs)
            except PermissionDenied as error:
                messages.error(request, str(error))
                return redirect("portal:replication_detail", pk=project.pk)

        return wrapper

    return decorator


def apply_service_error(form, error: ValidationError) -> None:
    """Show a service's refusal on the form: on its field when the form has it, else on top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message.messages)
    else:
        form.add_error(None, error.messages)
