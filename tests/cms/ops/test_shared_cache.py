"""REDIS_URL: one cache for every web process (pages, rate limits), and a cache that is
down costs speed, never a page. Against a real Redis server started for these tests."""

import json
import socket
import subprocess
import time

import pytest
import redis

from cms.settings import redis_cache
from tests.factories import InnovationFactory
from tests.security.test_deploy_settings import production_env, run

pytestmark = pytest.mark.django_db

CACHES_REPORT = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps(settings.CACHES))
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    """A private Redis server on a free port that keeps nothing on disk (scripts/ensure-redis.sh)."""
    port = _free_port()
    directory = tmp_path_factory.mktemp("redis")
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(directory)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 15
    while True:
        try:
            redis.Redis.from_url(url).ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                server.kill()
                raise
            time.sleep(0.05)
    yield url
    server.terminate()
    server.wait(timeout=10)


def _use_redis(settings, url: str) -> None:
    """The caches as settings.py makes them with REDIS_URL=url."""
    caches = {"default": redis_cache("registry"), "pages": redis_cache("registry-pages")}
    for cache in caches.values():
        cache["LOCATION"] = url
    settings.CACHES = caches
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def innovation(agency_a):
    return InnovationFactory(agency=agency_a, title="Akta Kelahiran Jemput Bola")


def test_redis_url_gives_every_web_process_one_cache(tmp_path):
    shared = run(["-c", CACHES_REPORT], production_env(tmp_path, REDIS_URL="redis://cache.internal:6379/0"))
    assert shared.returncode == 0, shared.stderr
    caches = json.loads(shared.stdout.strip().splitlines()[-1])
    assert {alias: cache["BACKEND"] for alias, cache in caches.items()} == {
        "default": "django_redis.cache.RedisCache",
        "pages": "django_redis.cache.RedisCache",
    }
    assert {cache["LOCATION"] for cache in caches.values()} == {"redis://cache.internal:6379/0"}
    assert caches["default"]["KEY_PREFIX"] != caches["pages"]["KEY_PREFIX"]
    assert all(cache["OPTIONS"]["IGNORE_EXCEPTIONS"] for cache in caches.values())

    alone = run(["-c", CACHES_REPORT], production_env(tmp_path))
    assert alone.returncode == 0, alone.stderr
    caches = json.loads(alone.stdout.strip().splitlines()[-1])
    assert {cache["BACKEND"] for cache in caches.values()} == {"django.core.cache.backends.locmem.LocMemCache"}


def test_a_page_is_kept_in_the_shared_server(client, settings, redis_url, innovation):
    _use_redis(settings, redis_url)
    server = redis.Redis.from_url(redis_url)
    server.flushdb()
    url = f"/inovasi/{innovation.slug}/"
    first = client.get(url)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    assert server.keys("registry-pages:*"), "the page is stored in Redis, where every process reads it"
    second = client.get(url)
    assert second["X-Page-Cache"] == "hit" and second.content == first.content
    # Emptied on the server, the page is rendered again: it came from Redis, not from this process.
    server.flushdb()
    assert client.get(url)["X-Page-Cache"] == "miss"


def test_healthz_reports_the_shared_cache(client, settings, redis_url):
    _use_redis(settings, redis_url)
    body = client.get("/healthz").json()
    assert body["checks"]["cache"] == {"status": "ok", "backend": "django_redis.cache.RedisCache", "detail": "shared cache"}
    assert body["status"] == "ok"


def test_a_cache_that_is_down_costs_speed_never_a_page(client, settings, innovation):
    down = f"redis://127.0.0.1:{_free_port()}/0"  # nothing listens there
    _use_redis(settings, down)
    url = f"/inovasi/{innovation.slug}/"
    first, second = client.get(url), client.get(url)
    assert first.status_code == second.status_code == 200
    assert second["X-Page-Cache"] == "miss" and innovation.title in second.content.decode()
    # The API's rate limits count in the default cache: unreachable, the API still answers.
    assert client.get("/api/v1/innovations/", {"q": "akta"}).status_code == 200
    health = client.get("/healthz")
    assert health.status_code == 200
    body = health.json()
    assert body["status"] == "degraded" and body["checks"]["cache"]["status"] == "degraded"
    assert "shared cache unreachable (ConnectionError); pages are rendered for every request" in body["warnings"]
