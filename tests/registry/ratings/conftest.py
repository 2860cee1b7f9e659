import pytest

from registry.ratings import services
from tests.factories import InnovationFactory
from tests.factories_ratings import SCORES, reviewer_of_new_agency


@pytest.fixture
def innovation(agency_a):
    return InnovationFactory(agency=agency_a, title="Akta Kelahiran Jemput Bola")


@pytest.fixture
def reviewer(verifier_b):
    """A verifier of another agency: the typical reviewer."""
    return verifier_b


@pytest.fixture
def review(innovation, reviewer):
    return services.review_create(user=reviewer, innovation=innovation, scores=SCORES, text="Mudah ditiru.")


@pytest.fixture
def make_reviewer(db):
    return reviewer_of_new_agency

