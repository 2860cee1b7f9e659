"""gunicorn settings for production (`gunicorn -c gunicorn.conf.py cms.wsgi`).

Web processes hold no state, so more machines behind a load balancer scale the
site out. On one machine, one process per core of 4 threads: the work is Python,
bound by the CPU, so processes beyond the cores only add copies of the search
bitsets (and their reloads), while threads cover the waits on the database. On
the 2-core load test at 50 users (zipf, shared Redis cache, 2026-11-28; runs of
one configuration differ a lot on this shared machine): 2×4 served 23.7, 25.0
and 19.1 req/s (catalog p95 2.7, 2.3, 3.4 s), 3×8 19.3, 36.1, 16.4 and 18.4 req/s
(p95 3.4, 1.4, 4.3, 3.8 s), 3×2 20.1 req/s (p95 5.1 s). Earlier: 5×4 (the usual
2×CPUs+1) 19.7 req/s with p95 3.9 s.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", max(2, multiprocessing.cpu_count())))
threads = int(os.environ.get("GUNICORN_THREADS", 4))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
