"""Errors raised by services.

Views, the admin and the API turn them into a message for the user; nothing
is written when one is raised, because every service runs in one transaction.
"""

from django.core.exceptions import PermissionDenied, ValidationError

__all__ = ["PermissionDenied", "ValidationError", "TransitionNotAllowed"]


class TransitionNotAllowed(ValidationError):
    """A state machine was asked for a move its current state does not allow."""
