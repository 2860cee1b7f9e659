"""Load test: gunicorn on PostgreSQL with 100,000 innovations, locust at 1, 10, 50 and 100 users.

    .venv/bin/python benchmarks/load/run_load.py                       # everything, ~8 minutes after preparing
    .venv/bin/python benchmarks/load/run_load.py --users 50 --run-time 30 --skip-prepare

Steps, all on loopback (127.0.0.1), each stopping by itself:

1. locust in its own virtualenv (var/load-venv, from benchmarks/load/requirements.txt):
   `make test` never needs it.
2. The database `--database` (default registry_load, a dedicated one) is prepared by
   prepare.py: migrations, 100,000 generated innovations, the search index, reviewer
   accounts; reviews of a previous run are deleted.
3. collectstatic, then gunicorn (`gunicorn -c gunicorn.conf.py cms.wsgi`, the
   production configuration: REGISTRY_ENV=production) and one task worker
   (`manage.py db_worker`), adapted for loopback: DJANGO_SECURE_SSL=0, a random
   secret key, DJANGO_ALLOWED_HOSTS=127.0.0.1. Every request of the test comes from
   one address, so the per-client limits that would refuse it (the API's anonymous
   rate, reviews per day) are raised for the run.
4. A warm-up (10 users, --warmup seconds, not counted), then for each --users level a
   headless locust run of --run-time seconds (statistics reset once every user has
   started). 1 user is the baseline: the same requests without contention.
5. Per level and request type: requests, failures, throughput, p50/p95/p99, and the
   load average of the machine (it may be shared: read the figures with it). The
   summary goes to benchmarks/results/load-<time>.md and .csv (git-ignored).

Goal (issue 8): at 50 users, no errors and p95 < 500 ms for catalog search.
"""

import argparse
import csv
import datetime
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "benchmarks" / "load"
RESULTS = ROOT / "benchmarks" / "results"
LOAD_VENV = ROOT / "var" / "load-venv"
VENV_BIN = ROOT / ".venv" / "bin"
GOAL_USERS, GOAL_TYPE, GOAL_P95_MS = 50, "catalog search", 500


def log(message: str) -> None:
    print(f"[{datetime.datetime.now():%H:%M:%S}] {message}", flush=True)


def ensure_locust() -> Path:
    locust = LOAD_VENV / "bin" / "locust"
    if not locust.exists():
        log(f"installing locust into {LOAD_VENV}")
        subprocess.run([sys.executable, "-m", "venv", str(LOAD_VENV)], check=True)
        pip = [str(LOAD_VENV / "bin" / "pip"), "install", "--quiet", "-r", str(HERE / "requirements.txt")]
        subprocess.run(pip, check=True)
    return locust


def server_env(args, static_root: Path) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "TASKS_BACKEND"}
    env.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{args.database}",
        REGISTRY_ENV="production",
        DJANGO_SECURE_SSL="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_MEDIA_ROOT=str(ROOT / "var" / "load-media"),
        DJANGO_LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="cms.settings",
        GUNICORN_BIND=f"127.0.0.1:{args.port}",
        # One client address sends everything: lift the per-client limits for the run.
        API_ANON_RATE="1000000/minute",
        RATINGS_MAX_REVIEWS_PER_DAY="1000000",
    )
    return env


def wait_healthy(url: str, seconds: float = 120) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return json.loads(response.read())
        except OSError:
            time.sleep(1)
    raise SystemExit(f"{url} did not answer 200 within {seconds} s")


def stop(process: subprocess.Popen | None) -> None:
    if process is not None and process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def run_locust(locust: Path, args, users: int, seconds: int, prefix: Path | None, fixture: Path) -> None:
    command = [
        str(locust), "-f", str(HERE / "locustfile.py"), "--headless", "--only-summary",
        "--host", f"http://127.0.0.1:{args.port}", "-u", str(users), "-r", str(max(1, users // 5)),
        "--run-time", f"{seconds}s", "--stop-timeout", "10", "--reset-stats", "--loglevel", "WARNING",
    ]  # fmt: skip
    if prefix is not None:
        command += ["--csv", str(prefix)]
    if args.no_writes:
        command.append("Visitor")  # only the anonymous readers
    env = {**os.environ, "LOAD_FIXTURE": str(fixture), "LOAD_POPULARITY": args.popularity}
    subprocess.run(command, env=env, cwd=HERE, stdout=subprocess.DEVNULL, timeout=seconds + 120)


def read_stats(prefix: Path) -> list[dict]:
    with open(f"{prefix}_stats.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def read_failures(prefix: Path) -> list[dict]:
    path = Path(f"{prefix}_failures.csv")
    if not path.exists():
        return []
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle))


def reviews_written(env: dict) -> int:
    code = (
        "import django; django.setup(); from registry.ratings.models import Review; "
        "print(Review.objects.filter(reviewer__username__startswith='load-reviewer-').count())"
    )
    out = subprocess.run([str(VENV_BIN / "python"), "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    return int(out.stdout.strip() or 0)


def summarise(levels: list[dict]) -> tuple[str, list[list]]:
    header = ["users", "request", "requests", "failures", "req/s", "p50 ms", "p95 ms", "p99 ms", "load avg (1 min)"]
    rows = []
    for level in levels:
        for stat in level["stats"]:
            rows.append([
                level["users"], stat["Name"], stat["Request Count"], stat["Failure Count"],
                f"{float(stat['Requests/s']):.1f}", stat["50%"], stat["95%"], stat["99%"],
                f"{level['load_before']:.2f} → {level['load_after']:.2f}",
            ])  # fmt: skip
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines), [header, *rows]


def verdict(levels: list[dict]) -> str:
    for level in levels:
        if level["users"] != GOAL_USERS:
            continue
        aggregated = next(s for s in level["stats"] if s["Name"] == "Aggregated")
        search = next((s for s in level["stats"] if s["Name"] == GOAL_TYPE), None)
        if search is None:
            return "goal not measured (no catalog search requests)"
        p95, failures = int(search["95%"]), int(aggregated["Failure Count"])
        met = failures == 0 and p95 < GOAL_P95_MS
        return (
            f"goal at {GOAL_USERS} users: {failures} failures (0 wanted), catalog search p95 {p95} ms "
            f"(< {GOAL_P95_MS} wanted): {'MET' if met else 'NOT MET'}"
        )
    return f"goal not measured (no {GOAL_USERS}-user level)"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="registry_load", help="a dedicated PostgreSQL database (created if missing)")
    parser.add_argument("--port", type=int, default=8601)
    parser.add_argument("--users", default="1,10,50,100", help="comma-separated levels (1 = the baseline)")
    parser.add_argument("--run-time", type=int, default=60, help="seconds per level")
    parser.add_argument("--warmup", type=int, default=20, help="seconds of warm-up at 10 users, not counted")
    parser.add_argument("--count", type=int, default=100_000, help="generated innovations")
    parser.add_argument("--no-writes", action="store_true", help="anonymous readers only (no reviewers), to compare")
    parser.add_argument("--popularity", choices=["uniform", "zipf"], default="uniform",
                        help="how searches and innovations are drawn (locustfile.py): uniform, or Zipf-like as real traffic")
    parser.add_argument("--skip-prepare", action="store_true", help="the database is ready (prepare.py ran)")
    args = parser.parse_args()
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    run_dir = RESULTS / f"load-{stamp}"
    run_dir.mkdir(parents=True, exist_ok=True)
    fixture = RESULTS / "load_fixture.json"
    static_root = ROOT / "var" / "load-static"
    env = server_env(args, static_root)
    locust = ensure_locust()

    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", args.database], capture_output=True)
    prepare = [str(VENV_BIN / "python"), str(HERE / "prepare.py"), "--count", str(args.count), "--out", str(fixture)]
    if args.skip_prepare and fixture.exists():
        prepare.append("--reset-only")
    else:
        log(f"preparing {args.database} ({args.count} innovations; the first time takes a while)")
    subprocess.run(prepare, cwd=ROOT, env={**env, "REGISTRY_ENV": "development"}, check=True)
    log("collectstatic")
    subprocess.run([str(VENV_BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)

    web = worker = None
    access_log = open(run_dir / "gunicorn.log", "w")
    try:
        log(f"starting gunicorn on 127.0.0.1:{args.port} and a task worker")
        web = subprocess.Popen([str(VENV_BIN / "gunicorn"), "-c", "gunicorn.conf.py", "cms.wsgi"], cwd=ROOT, env=env,
                               stdout=access_log, stderr=subprocess.STDOUT)  # fmt: skip
        worker = subprocess.Popen([str(VENV_BIN / "python"), "manage.py", "db_worker", "--no-reload", "--queue-name", "*"],
                                  cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=open(run_dir / "worker.log", "w"))  # fmt: skip
        health = wait_healthy(f"http://127.0.0.1:{args.port}/healthz")
        log(f"/healthz: {health['status']}")
        log(f"warm-up: 10 users for {args.warmup} s")
        run_locust(locust, args, 10, args.warmup, None, fixture)
        levels = []
        for users in [int(value) for value in args.users.split(",")]:
            reviews_before = reviews_written(env)
            load_before = os.getloadavg()[0]
            log(f"{users} users for {args.run_time} s (load average {load_before:.2f})")
            prefix = run_dir / f"u{users}"
            run_locust(locust, args, users, args.run_time, prefix, fixture)
            level = {
                "users": users, "stats": read_stats(prefix), "failures": read_failures(prefix),
                "load_before": load_before, "load_after": os.getloadavg()[0],
                "reviews_saved": reviews_written(env) - reviews_before,
            }  # fmt: skip
            levels.append(level)
            aggregated = next(s for s in level["stats"] if s["Name"] == "Aggregated")
            log(f"  {aggregated['Request Count']} requests, {aggregated['Failure Count']} failures, "
                f"{float(aggregated['Requests/s']):.1f} req/s, p95 {aggregated['95%']} ms; "
                f"{level['reviews_saved']} reviews saved")  # fmt: skip
    finally:
        stop(worker)
        stop(web)
        access_log.close()

    table, rows = summarise(levels)
    failures = [f"- {level['users']} users: {f['Method']} {f['Name']}: {f['Error']} ×{f['Occurrences']}"
                for level in levels for f in level["failures"]]  # fmt: skip
    reviews = ", ".join(f"{level['users']} users: {level['reviews_saved']}" for level in levels)
    report = "\n".join([
        f"# Load test {stamp}", "",
        f"gunicorn ({env.get('GUNICORN_WORKERS', 'one per CPU')} workers × {env.get('GUNICORN_THREADS', 4)} threads) on "
        f"PostgreSQL `{args.database}`, {args.count} innovations; {os.cpu_count()} CPUs; {args.run_time} s per level "
        f"after a warm-up; think time 0.5–1.5 s per user; popularity {args.popularity}; page cache "
        f"{'shared (REDIS_URL)' if env.get('REDIS_URL') else 'per process'}. 1 user is the baseline.", "",
        table, "", f"Reviews saved in the database per level: {reviews}.", "",
        "Failures:" if failures else "Failures: none.", *failures, "", verdict(levels), "",
    ])  # fmt: skip
    (RESULTS / f"load-{stamp}.md").write_text(report)
    with open(RESULTS / f"load-{stamp}.csv", "w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    print()
    print(report)
    print(f"written: {RESULTS / f'load-{stamp}.md'} (raw locust CSVs and the gunicorn log in {run_dir})")


if __name__ == "__main__":
    main()
