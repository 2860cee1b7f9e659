"""E-mails about replication projects, through Django's e-mail framework.

Services call these from `transaction.on_commit`, so nothing is sent for a
change that was rolled back. The console backend prints them in development;
tests read the locmem outbox.
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from registry.agencies.models import Agency, Membership, MembershipRole
from registry.replication.models import ReplicationProject

logger = logging.getLogger(__name__)
_suppressed: ContextVar[bool] = ContextVar("replication_mail_suppressed", default=False)


@contextmanager
def suppressed():
    """No e-mail for changes made inside (the demo seeder writes history, nobody is waiting for it)."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def send_after_commit(send, *args, **kwargs) -> None:
    """Send once the transaction commits, so a rolled-back change never sends anything."""
    if not _suppressed.get():
        transaction.on_commit(lambda: send(*args, **kwargs))


def agency_recipients(agency: Agency, *, verifiers_only: bool = False) -> list[str]:
    """E-mail addresses of the agency's verified members (verifiers first), then the agency's own."""
    memberships = Membership.objects.filter(agency=agency, is_verified=True, user__is_active=True).exclude(user__email="")
    if verifiers_only:
        memberships = memberships.filter(role=MembershipRole.VERIFIER)
    emails = [
        email
        for email in memberships.order_by("-role", "user__username").values_list("user__email", flat=True)
    ]
    if agency.email and (not emails or not verifiers_only):
        emails.append(agency.email)
    return list(dict.fromkeys(emails))


def _site_url() -> str:
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else ""


def project_url(project: ReplicationProject) -> str:
    return _site_url() + reverse("portal:replication_detail", kwargs={"pk": project.pk})


def _send(template: str, context: dict, recipients: list[str]) -> int:
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"replication/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"replication/email/{template}.txt", context)
    try:
        return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except OSError:
        # A mail server that is down must not turn a committed change into an error page.
        logger.exception("replication e-mail %s to %s could not be sent", template, recipients)
        return 0


def notify_interest(project_id: int) -> None:
    project = ReplicationProject.objects.select_related("origin__agency", "adopter").get(pk=project_id)
    _send(
        "interest",
        {"project": project, "url": project_url(project)},
        agency_recipients(project.origin.agency),
    )


def notify_response(project_id: int, *, kind: str) -> None:
    """Tell the adopter that the origin acknowledged its interest or offered mentoring."""
    project = ReplicationProject.objects.select_related("origin__agency", "adopter").get(pk=project_id)
    _send(kind, {"project": project, "url": project_url(project)}, agency_recipients(project.adopter))


def send_reminder(project: ReplicationProject, *, recipients: list[str], days_inactive: int) -> int:
    return _send(
        "reminder",
        {"project": project, "url": project_url(project), "days_inactive": days_inactive},
        recipients,
    )
