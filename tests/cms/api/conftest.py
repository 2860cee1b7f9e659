import pytest
from django.core.cache import cache
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def _fresh_api_state(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Throttling counts live in the cache: every test starts with a clean slate.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    return APIClient()

