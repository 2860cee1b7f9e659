"""Start gunicorn (the production configuration, adapted for loopback) for a fault script.

Same environment as benchmarks/load/run_load.py: REGISTRY_ENV=production,
DJANGO_SECURE_SSL=0, a random secret key, DJANGO_ALLOWED_HOSTS=127.0.0.1, on a
database prepared by benchmarks/load/prepare.py (or any migrated one).
"""

import contextlib
import json
import os
import secrets
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "benchmarks" / "results"
BIN = ROOT / ".venv" / "bin"


def production_env(database: str, port: int, **overrides) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "TASKS_BACKEND"}
    env.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{database}",
        DJANGO_SETTINGS_MODULE="cms.settings",
        REGISTRY_ENV="production",
        DJANGO_SECURE_SSL="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_STATIC_ROOT=str(ROOT / "var" / "load-static"),
        DJANGO_LOG_LEVEL="WARNING",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        API_ANON_RATE="1000000/minute",
        **overrides,
    )
    return env


def get(url: str, timeout: float = 15) -> tuple[int | str, float, bytes]:
    """(status or error name, seconds, body) of one GET."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, time.monotonic() - started, response.read()
    except urllib.error.HTTPError as error:
        return error.code, time.monotonic() - started, error.read()
    except OSError as error:  # refused, reset, timed out
        reason = getattr(error, "reason", error)
        return type(reason).__name__, time.monotonic() - started, b""


@contextlib.contextmanager
def gunicorn(env: dict, log_path: Path):
    """gunicorn until the block ends; yields the master process (its pid proves nobody restarted it)."""
    if not Path(env["DJANGO_STATIC_ROOT"], "staticfiles.json").exists():
        subprocess.run([str(BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    port = env["GUNICORN_BIND"].rsplit(":", 1)[1]
    with open(log_path, "w") as log:
        master = subprocess.Popen([str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "cms.wsgi"], cwd=ROOT, env=env,
                                  stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
        try:
            deadline = time.monotonic() + 120
            while get(f"http://127.0.0.1:{port}/healthz", timeout=5)[0] not in (200, 503):
                if time.monotonic() > deadline or master.poll() is not None:
                    raise SystemExit(f"gunicorn did not start; see {log_path}")
                time.sleep(1)
            yield master
        finally:
            master.send_signal(signal.SIGTERM)
            try:
                master.wait(timeout=30)
            except subprocess.TimeoutExpired:
                master.kill()


def worker_pids(master_pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(master_pid)], capture_output=True, text=True).stdout
    return sorted(int(pid) for pid in out.split())


def healthz(port: int) -> dict:
    status, _seconds, body = get(f"http://127.0.0.1:{port}/healthz")
    try:
        return {"http": status, **json.loads(body)}
    except ValueError:
        return {"http": status}
