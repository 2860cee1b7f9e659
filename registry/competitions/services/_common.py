"""Helpers shared by the competition services."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.core.text import clean_plain_text


def now_or(now):
    return now or timezone.now()


def required_text(value: str, message: str) -> str:
    text = clean_plain_text(value or "")
    if not text:
        raise ValidationError(message)
    return text


def listing(items: list[str], limit: int = 15) -> str:
    """'a, b, c' or 'a, b, … dan 12 lainnya' for refusal messages."""
    shown = ", ".join(items[:limit])
    if len(items) > limit:
        shown += " " + _("dan %(count)d lainnya") % {"count": len(items) - limit}
    return shown
