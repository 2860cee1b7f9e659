"""Concurrent starts and moves on one origin leave its counters equal to a recount (PostgreSQL)."""

import threading

import pytest
from django.db import connection

from registry.innovations.models import Innovation
from registry.replication import services
from registry.replication.models import ReplicationProject
from tests import factories
from tests.factories_replication import provide_evidence

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]

THREADS = 6


def _in_threads(work):
    barrier, errors = threading.Barrier(len(work)), []

    def run(job):
        try:
            barrier.wait()
            job()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_concurrent_starts_and_stops_keep_the_counters_exact(agency_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    origin = factories.InnovationFactory(agency=agency_a)
    adopters = []
    for n in range(THREADS):
        agency = factories.AgencyFactory(code=f"konkuren-{n}", regency=factories._regency("35.78"))
        adopters.append((agency, factories.MembershipFactory(agency=agency, role="verifier").user))

    _in_threads([
        (lambda agency=agency, user=user: services.replication_start(user=user, origin=origin, adopter=agency, data={}))
        for agency, user in adopters
    ])
    stored = Innovation.objects.get(pk=origin.pk)
    assert (stored.replications_active, stored.replications_completed) == (THREADS, 0)

    projects = {project.adopter_id: project for project in ReplicationProject.objects.filter(origin=origin)}
    for agency, user in adopters[: THREADS // 2]:
        provide_evidence(projects[agency.pk], user)
    work = []
    for index, (agency, user) in enumerate(adopters):
        project = projects[agency.pk]
        if index < THREADS // 2:
            work.append(lambda user=user, project=project: services.replication_advance(user=user, project=project))
        else:
            work.append(lambda user=user, project=project: services.replication_stop(user=user, project=project, reason="Uji."))
    _in_threads(work)
    stored = Innovation.objects.get(pk=origin.pk)
    assert (stored.replications_active, stored.replications_completed) == (THREADS // 2, 0)
    assert services.replication_counter_drift() == []
