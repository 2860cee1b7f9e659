#!/usr/bin/env bash
# Re-vendor Leaflet into static/vendor/leaflet/ from the npm registry.
# Usage: scripts/vendor-leaflet.sh [version] [sha256-of-tarball]
set -euo pipefail
VERSION="${1:-1.9.4}"
EXPECTED_SHA256="${2:-84c65a256e50657896f54c33bd857b6849ebe94c817803be818bf32a3dde0b77}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/static/vendor/leaflet"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cd "$WORK"
npm pack "leaflet@$VERSION" --silent >/dev/null
TARBALL="leaflet-$VERSION.tgz"
ACTUAL="$(sha256sum "$TARBALL" | cut -d' ' -f1)"
if [ "$ACTUAL" != "$EXPECTED_SHA256" ]; then
  echo "checksum mismatch for $TARBALL: $ACTUAL" >&2
  exit 1
fi
tar xzf "$TARBALL"
mkdir -p "$DEST/images"
cp package/dist/leaflet.js package/dist/leaflet.css package/LICENSE "$DEST/"
cp package/dist/images/*.png "$DEST/images/"
echo "Leaflet $VERSION copied to $DEST (update README.md there if the version changed)"
