"""compose.yaml, the Dockerfile and gunicorn.conf.py agree with the code.

No Docker engine runs here, so the compose file is checked as data: it parses,
names the services the README describes, runs only `manage.py` commands that
exist, sets only environment variables that the settings read, and its health
check asks a URL the site answers.
"""

import re
import shlex
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import get_commands
from django.urls import resolve

ROOT = Path(settings.BASE_DIR)
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
REGISTRY_SERVICES = ["migrate", "web", "worker"]
# Read by the images' own entry points, not by Django settings.
NOT_DJANGO = {"POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD", "ES_JAVA_OPTS", "discovery.type", "xpack.security.enabled"}


def _settings_variables() -> set[str]:
    source = (ROOT / "cms" / "settings.py").read_text() + (ROOT / "gunicorn.conf.py").read_text()
    return set(re.findall(r"""(?:environ\.get|env_bool|env_list|environ\[)\(?\s*["']([A-Z0-9_]+)["']""", source))


def _commands(text: str) -> list[str]:
    """Every `manage.py <command>` in a shell command line or Dockerfile."""
    return re.findall(r"manage\.py\s+([a-z_]+)", text)


def test_compose_has_the_whole_stack():
    assert set(COMPOSE["services"]) == {"migrate", "web", "worker", "db", "elasticsearch", "redis"}
    assert COMPOSE["services"]["db"]["image"].startswith("postgres:15")
    assert COMPOSE["services"]["elasticsearch"]["image"].split(":")[-1].startswith("8.")
    assert COMPOSE["services"]["elasticsearch"]["environment"]["discovery.type"] == "single-node"
    assert set(COMPOSE["volumes"]) == {"media", "pgdata", "esdata"}


@pytest.mark.parametrize("service", REGISTRY_SERVICES)
def test_every_registry_service_runs_the_one_image_with_production_settings(service):
    definition = COMPOSE["services"][service]
    assert definition["image"] == "registri-inovasi:latest"
    assert definition["environment"]["REGISTRY_ENV"] == "production"
    assert definition["environment"]["SEARCH_BACKEND"] == "elasticsearch"
    assert definition["environment"]["REDIS_URL"] == "redis://redis:6379/0"


def test_compose_commands_exist():
    known = set(get_commands())
    named = []
    for service in COMPOSE["services"].values():
        command = service.get("command", "")
        named += _commands(command if isinstance(command, str) else " ".join(command))
    named += _commands((ROOT / "Dockerfile").read_text())
    assert {"migrate", "search_index", "db_worker", "sweep_abandoned_tasks", "collectstatic"} <= set(named)
    assert set(named) <= known, set(named) - known


def test_the_worker_processes_every_queue_and_does_not_reload():
    command = COMPOSE["services"]["worker"]["command"]
    inner = shlex.split(command)[-1]
    assert "db_worker" in inner and "--no-reload" in inner and "--queue-name '*'" in inner


def test_compose_sets_only_variables_the_settings_read():
    read = _settings_variables()
    for name in REGISTRY_SERVICES:
        assert set(COMPOSE["services"][name]["environment"]) <= read, set(COMPOSE["services"][name]["environment"]) - read
    dockerfile_env = re.findall(r"\b([A-Z_]+)=", (ROOT / "Dockerfile").read_text().split("WORKDIR")[0])
    assert set(dockerfile_env) - {"PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED", "PIP_NO_CACHE_DIR"} <= read


def test_secrets_must_come_from_the_environment():
    environment = COMPOSE["x-registry"]["environment"]
    assert environment["DJANGO_SECRET_KEY"].startswith("${DJANGO_SECRET_KEY:?")
    assert "${POSTGRES_PASSWORD:?" in environment["DATABASE_URL"]
    assert ".env" in (ROOT / ".dockerignore").read_text().split()


def test_the_web_health_check_asks_healthz_on_an_allowed_host():
    check = " ".join(COMPOSE["services"]["web"]["healthcheck"]["test"])
    url = re.search(r"http://([0-9.]+):8000(/\S*?)'", check)
    assert url, check
    assert resolve(url.group(2)).url_name == "healthz"
    assert COMPOSE["services"]["web"]["environment"]["DJANGO_ALLOWED_HOSTS"].endswith(f",{url.group(1)}")


def test_the_web_service_starts_after_migrations_and_serves_gunicorn():
    web = COMPOSE["services"]["web"]
    assert web["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert "command" not in web  # the image's CMD
    assert 'CMD ["gunicorn", "-c", "gunicorn.conf.py", "cms.wsgi"]' in (ROOT / "Dockerfile").read_text()
