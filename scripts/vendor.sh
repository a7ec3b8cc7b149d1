#!/bin/sh
# Install the pinned browser dependencies (package-lock.json) and copy the files the pages
# and the browser tests load into static/vendor/. Nothing is ever fetched from a CDN at run
# time: a community hall without internet is served entirely from the laptop.
#
# Usage: sh scripts/vendor.sh          (from anywhere; needs node + npm)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

npm ci --ignore-scripts --no-audit --no-fund

mkdir -p static/vendor
cp node_modules/socket.io-client/dist/socket.io.esm.min.js static/vendor/
cp node_modules/socket.io-client/dist/socket.io.esm.min.js.map static/vendor/
cp node_modules/axe-core/axe.min.js static/vendor/
cp node_modules/socket.io-client/LICENSE static/vendor/socket.io-client.LICENSE 2>/dev/null || true
cp node_modules/axe-core/LICENSE static/vendor/axe-core.LICENSE

echo "vendored into static/vendor/:"
ls -l static/vendor
