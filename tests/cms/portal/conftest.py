import pytest

from tests import factories_portal as portal


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Uploaded documents, images and renditions go to a throw-away folder.
    settings.MEDIA_ROOT = tmp_path / "media"



@pytest.fixture
def make_innovation(submitter_a, verifier_a, agency_a):
    """An innovation of agency A in the given moderation state, made through the services."""
    return lambda state, **data: portal.in_state(state, submitter=submitter_a, verifier=verifier_a, agency=agency_a, **data)
