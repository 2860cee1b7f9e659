import pytest

from tests.factories_security import build_world


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Uploaded documents, images and import files go to a throw-away folder.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(agency_a, agency_b, submitter_a, verifier_a, submitter_b, verifier_b, ministry_admin, django_capture_on_commit_callbacks):
    """One of everything, each free-text field holding a stored-XSS attack (tests/factories_security.py)."""
    with django_capture_on_commit_callbacks(execute=True):
        return build_world(
            agency_a=agency_a,
            agency_b=agency_b,
            submitter_a=submitter_a,
            verifier_a=verifier_a,
            submitter_b=submitter_b,
            verifier_b=verifier_b,
            ministry_admin=ministry_admin,
        )
