#!/bin/sh
# Regenerate docs/digest-screenshot.png: ingest the seed articles into a scratch database, write the digest of
# their week and photograph it in headless Chromium at desktop width.
#   usage: docs/make_screenshot.sh [SEEDS_DIR] [it|en]      (default: ../shared/seeds, it)
set -eu
docs=$(cd "$(dirname "$0")" && pwd)
seeds=${1:-$docs/../../shared/seeds}
lang=${2:-it}
browser=$(command -v chromium || echo /usr/bin/chromium)
[ -x "$browser" ] || { echo "make_screenshot: chromium not found (run .ci/install-chromium)" >&2; exit 1; }
[ -d "$seeds" ] || { echo "make_screenshot: no seed articles at $seeds" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
quotetrack ingest --db "$work/q.db" --engine builtin --no-progress --date 2025-03-20 "$seeds"/*.txt
quotetrack digest --db "$work/q.db" --lang "$lang" --out "$work/digest.html"
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$work/profile" \
  --screenshot="$docs/digest-screenshot.png" --window-size=1200,2000 "file://$work/digest.html" 2>/dev/null
echo "wrote $docs/digest-screenshot.png"
