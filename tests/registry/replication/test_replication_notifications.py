"""E-mails: interest to the origin, answers to the adopter; nothing for refused actions."""

import pytest
from django.core import mail

from registry.core.exceptions import PermissionDenied
from registry.replication import services

pytestmark = pytest.mark.django_db


def test_starting_notifies_the_origin_agency(origin, adopter, submitter_b, verifier_a, submitter_a, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        project = services.replication_start(
            user=submitter_b, origin=origin, adopter=adopter, data={"interest_statement": "Banyak bayi belum berakta."}
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {verifier_a.email, submitter_a.email}
    assert "Pemerintah Kota Surabaya" in message.subject
    assert "Banyak bayi belum berakta." in message.body
    assert f"/portal/replikasi/{project.pk}/" in message.body


def test_acknowledging_and_mentoring_notify_the_adopter(project, verifier_a, verifier_b, submitter_b, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.replication_acknowledge(user=verifier_a, project=project)
        services.replication_offer_mentoring(user=verifier_a, project=project, note="Tim kami siap berkunjung.")
    assert [sorted(m.to) for m in mail.outbox] == [sorted([verifier_b.email, submitter_b.email])] * 2
    assert "Tim kami siap berkunjung." in mail.outbox[1].body


def test_a_refused_action_sends_nothing(project, submitter_b, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        services.replication_acknowledge(user=submitter_b, project=project)
    assert mail.outbox == []
