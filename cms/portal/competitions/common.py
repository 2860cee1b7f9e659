"""What the competition views share: running a service and turning its refusal into messages."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from registry.competitions.permissions import is_secretariat


def run_service(request, call, success_message: str | None = None) -> bool:
    """Call the service; on a refusal show its (Indonesian) reasons. True when it went through."""
    try:
        call()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return False
    except PermissionDenied as exc:
        messages.error(request, str(exc))
        return False
    if success_message:
        messages.success(request, success_message)
    return True


def require_secretariat_or_404(user) -> None:
    """Secretariat pages do not exist for anyone else."""
    if not is_secretariat(user):
        raise Http404
