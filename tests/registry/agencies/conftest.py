import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The tests create many accounts; the production hasher would take most of their time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
