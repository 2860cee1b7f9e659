#!/usr/bin/env bash
# Serves the development site with a background task worker beside it,
# so index updates and imports queued by the site are processed.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
"$PY" manage.py db_worker --interval 1 --no-reload --queue-name "*" &
worker=$!
trap 'kill "$worker" 2>/dev/null || true' EXIT INT TERM
echo "Registri Inovasi: http://${HOST:-127.0.0.1}:${PORT:-8000}/  (portal: /portal/, admin: /admin/)"
"$PY" manage.py runserver --noreload "${HOST:-127.0.0.1}:${PORT:-8000}"
