#!/bin/sh
# Update the browser libraries: install the versions pinned in package-lock.json (npm ci
# checks each tarball's integrity) and copy the files the pages and the browser tests load
# into static/vendor/, with their licences and a manifest of where each came from. The
# copies are committed: running Samenspel needs Python alone, npm only this update. Nothing
# is ever fetched from a CDN at run time: a community hall without internet is served
# entirely from the laptop.
#
# Usage: sh scripts/vendor.sh           (from anywhere; needs node + npm; then commit static/vendor/)
#        sh scripts/vendor.sh --check   (check the committed files against the npm tarballs)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

if [ "${1:-}" = "--check" ]; then
  exec python3 scripts/vendor.py --check
fi
npm ci --ignore-scripts --no-audit --no-fund
python3 scripts/vendor.py
