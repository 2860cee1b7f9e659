#!/usr/bin/env bash
# The shared-cache tests start their own Redis server (/usr/bin/redis-server) on a free port.
# Install Debian's redis-server when it is missing and we are allowed to; otherwise say how.
set -euo pipefail
if command -v redis-server >/dev/null; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's redis-server for the shared-cache tests..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null || true
  apt-get install -y -qq redis-server >/dev/null
elif command -v sudo >/dev/null && command -v apt-get >/dev/null; then
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
else
  echo "The shared-cache tests need redis-server (Debian/Ubuntu: apt-get install redis-server)." >&2
  exit 1
fi
command -v redis-server >/dev/null
