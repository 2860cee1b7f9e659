"""Fault: PostgreSQL restarts while gunicorn serves requests.

    .venv/bin/python benchmarks/faults/pg_restart.py --database registry_load

Starts gunicorn (production configuration, loopback), runs a loop of requests from
--threads threads (catalog search, detail page, API search, /healthz) for
--before seconds, restarts the cluster with
`pg_ctlcluster --skip-systemctl-redirect 15 main restart`, and goes on until
--after seconds after PostgreSQL accepts connections again. Nothing restarts
gunicorn. Then it prints, per phase (before / during / after), the count of each
outcome (HTTP status, or the client error: a timeout would mean a hung request),
the slowest request, whether 5xx answers carried the error page, and whether the
gunicorn master and workers are the same processes as at the start.

Expected: before and after, only 200s; during, 500s (with the error page) or
refused connections for the seconds the server is down, every request answered
within the client timeout; after, the same gunicorn processes answer 200 again
(CONN_HEALTH_CHECKS replaces the broken connections). PostgreSQL is running again
when the script ends, whatever happens (it is shared).
"""

import argparse
import datetime
import json
import os
import subprocess
import threading
import time
from collections import Counter

from server import RESULTS, get, gunicorn, production_env, worker_pids

RESTART = ["pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", "restart"]
ERROR_PAGE_TEXT = "Maaf, terjadi gangguan sementara"


def pg_ready() -> bool:
    return subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q"]).returncode == 0


def load_urls(port: int) -> list[str]:
    fixture = json.loads((RESULTS / "load_fixture.json").read_text())
    base = f"http://127.0.0.1:{port}"
    slugs = [item["slug"] for item in fixture["innovations"][:50]]
    return (
        [f"{base}/inovasi/?q=pelayanan&province={code}" for code in fixture["provinces"][:10]]
        + [f"{base}/inovasi/{slug}/" for slug in slugs[:20]]
        + [f"{base}/api/v1/innovations/?q=kesehatan", f"{base}/api/v1/innovations/{slugs[0]}/", f"{base}/healthz"]
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="registry_load")
    parser.add_argument("--port", type=int, default=8602)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--before", type=int, default=15)
    parser.add_argument("--after", type=int, default=20)
    parser.add_argument("--timeout", type=float, default=30, help="client timeout: a longer request counts as hung")
    args = parser.parse_args()
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    RESULTS.mkdir(parents=True, exist_ok=True)
    env = production_env(args.database, args.port)
    urls = load_urls(args.port)
    phase = {"name": "before"}
    outcomes: dict[str, Counter] = {name: Counter() for name in ("before", "during", "after")}
    slowest = {name: 0.0 for name in outcomes}
    error_pages = Counter()
    stop = threading.Event()
    lock = threading.Lock()

    def loop(offset: int):
        i = offset
        while not stop.is_set():
            status, seconds, body = get(urls[i % len(urls)], timeout=args.timeout)
            i += args.threads
            with lock:
                name = phase["name"]
                outcomes[name][str(status)] += 1
                slowest[name] = max(slowest[name], seconds)
                if status == 500:
                    error_pages["with page" if ERROR_PAGE_TEXT.encode() in body else "without page"] += 1

    with gunicorn(env, RESULTS / f"faults-pg-restart-{stamp}-gunicorn.log") as master:
        pids_at_start = worker_pids(master.pid)
        threads = [threading.Thread(target=loop, args=(n,), daemon=True) for n in range(args.threads)]
        for thread in threads:
            thread.start()
        time.sleep(args.before)
        phase["name"] = "during"
        restart_started = time.monotonic()
        try:
            subprocess.run(RESTART, check=True, timeout=120)
        finally:
            while not pg_ready():  # never leave the shared server down
                subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", "start"], timeout=120)
                time.sleep(1)
        down_seconds = time.monotonic() - restart_started
        # Connections broken by the restart are replaced at their next use.
        phase["name"] = "after"
        time.sleep(args.after)
        stop.set()
        for thread in threads:
            thread.join(timeout=args.timeout + 5)
        same_master = master.poll() is None
        pids_at_end = worker_pids(master.pid)

    lines = [
        f"# Fault: PostgreSQL restarted under load ({stamp})", "",
        f"{args.threads} request threads against gunicorn on `{args.database}`; restart took {down_seconds:.1f} s "
        f"(`{' '.join(RESTART)}`); client timeout {args.timeout:.0f} s; load average {os.getloadavg()[0]:.2f}.", "",
        "| phase | outcomes | slowest |", "|---|---|---|",
    ]  # fmt: skip
    for name, counts in outcomes.items():
        shown = ", ".join(f"{status}: {count}" for status, count in sorted(counts.items()))
        lines.append(f"| {name} | {shown or '-'} | {slowest[name]:.2f} s |")
    hung = sum(count for counts in outcomes.values() for status, count in counts.items() if status == "TimeoutError")
    after_ok = set(outcomes["after"]) == {"200"}
    lines += [
        "",
        f"500 answers: {dict(error_pages) or 'none'}.",
        f"Hung requests (client timeout): {hung}.",
        f"gunicorn master alive throughout: {same_master}; workers at start {pids_at_start}, at end {pids_at_end} "
        f"({'the same processes' if pids_at_start == pids_at_end else 'changed'}).",
        f"Recovered without restarting gunicorn: {'yes' if after_ok and same_master else 'NO'}.",
        "",
    ]
    report = "\n".join(lines)
    (RESULTS / f"faults-pg-restart-{stamp}.md").write_text(report)
    print(report)


if __name__ == "__main__":
    main()
