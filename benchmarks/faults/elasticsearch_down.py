"""Fault: Elasticsearch configured but unreachable, end to end through gunicorn.

    .venv/bin/python benchmarks/faults/elasticsearch_down.py --database registry_load

gunicorn runs with SEARCH_BACKEND=elasticsearch and ELASTICSEARCH_URL pointing at
a closed port (127.0.0.1:1). Expected: the catalog answers 200 from the database
index with the "results may be incomplete" notice, the API answers 200 with
"degraded": true, detail pages answer 200 (similar innovations from the
database), and /healthz answers 200 with status "degraded" and a warning. The
same behaviour is covered in-process by tests/search/test_outage.py and
tests/cms/ops/test_healthz.py.
"""

import argparse
import datetime
import json
import os

from server import RESULTS, get, gunicorn, healthz, production_env

NOTICE = "mungkin belum lengkap"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", default="registry_load")
    parser.add_argument("--port", type=int, default=8603)
    args = parser.parse_args()
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    env = production_env(args.database, args.port, SEARCH_BACKEND="elasticsearch",
                         ELASTICSEARCH_URL="http://127.0.0.1:1", ELASTICSEARCH_INDEX_ALIAS="registry-fault-test")  # fmt: skip
    fixture = json.loads((RESULTS / "load_fixture.json").read_text())
    slug = fixture["innovations"][0]["slug"]
    base = f"http://127.0.0.1:{args.port}"
    checks = []
    with gunicorn(env, RESULTS / f"faults-es-down-{stamp}-gunicorn.log"):
        status, seconds, body = get(f"{base}/inovasi/?q=pelayanan&province=33")
        checks.append(("catalog search", status == 200 and NOTICE in body.decode(), f"{status}, notice shown: {NOTICE in body.decode()}, {seconds:.2f} s"))
        status, seconds, body = get(f"{base}/api/v1/innovations/?q=kesehatan")
        degraded = json.loads(body).get("degraded") if status == 200 else None
        checks.append(("API search", status == 200 and degraded is True, f"{status}, degraded: {degraded}, {seconds:.2f} s"))
        status, seconds, _body = get(f"{base}/inovasi/{slug}/")
        checks.append(("detail page", status == 200, f"{status}, {seconds:.2f} s"))
        health = healthz(args.port)
        search_check = health.get("checks", {}).get("search", {})
        ok = health["http"] == 200 and health.get("status") == "degraded" and search_check.get("status") == "degraded"
        checks.append(("/healthz", ok, f"{health['http']}, status {health.get('status')}, warnings {health.get('warnings')}"))
    lines = [f"# Fault: Elasticsearch unreachable ({stamp})", "",
             f"gunicorn on `{args.database}`, ELASTICSEARCH_URL=http://127.0.0.1:1; load average {os.getloadavg()[0]:.2f}.", "",
             "| check | as expected | observed |", "|---|---|---|"]  # fmt: skip
    lines += [f"| {name} | {'yes' if ok else 'NO'} | {observed} |" for name, ok, observed in checks]
    report = "\n".join(lines) + "\n"
    (RESULTS / f"faults-es-down-{stamp}.md").write_text(report)
    print(report)
    raise SystemExit(0 if all(ok for _name, ok, _observed in checks) else 1)


if __name__ == "__main__":
    main()
