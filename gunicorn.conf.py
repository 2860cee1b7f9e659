"""gunicorn settings for production (`gunicorn -c gunicorn.conf.py cms.wsgi`).

Web processes hold no state, so more machines behind a load balancer scale the
site out. On one machine, CPUs + 1 processes of 8 threads: the work is Python,
bound by the CPU, so processes beyond the cores only add copies of the search
bitsets (and their reloads), while threads cover the waits on the database. On
the 2-core load test at 50 users: 3×8 served 22.5 req/s with catalog p95 2.1 s,
5×4 (the usual 2×CPUs+1) 19.7 req/s with p95 3.9 s, 2×8 21.4 req/s, p95 2.5 s.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 8))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
