#!/usr/bin/env bash
# Renders a report with headless Chromium so that a person can look at it:
# a full-page PNG of the screen view, an A4 PDF, and one PNG per PDF page.
#
#   scripts/screenshot.sh [REPORT.html] [OUT_DIR]
#
# Without REPORT.html it builds the tool, writes a sample export and renders
# the Finnish AVI response from docs/example-metadata.yaml into OUT_DIR
# (default out/screenshot). Needs chromium and pdftoppm (poppler-utils):
#   apt-get install -y --no-install-recommends chromium poppler-utils
set -euo pipefail
cd "$(dirname "$0")/.."
out="${2:-out/screenshot}"
mkdir -p "$out"
html="${1:-}"
if [[ -z "$html" ]]; then
    swift build --product valvonta
    bin="$(swift build --show-bin-path)/valvonta"
    "$bin" sample --cases 3000 --out "$out/sample.xml"
    "$bin" report "$out/sample.xml" --metadata docs/example-metadata.yaml --out "$out" --exceptions
    html="$out/report.html"
fi
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [[ -z "$browser" ]]; then
    echo "chromium is missing: apt-get install -y --no-install-recommends chromium poppler-utils" >&2
    exit 1
fi
flags=(--headless --disable-gpu --no-pdf-header-footer --hide-scrollbars)
# Chromium refuses to run as root with its sandbox.
if [[ "$(id -u)" == 0 ]]; then flags+=(--no-sandbox); fi
url="file://$(realpath "$html")"
"$browser" "${flags[@]}" --window-size=1000,6000 --screenshot="$out/screen.png" "$url" 2>/dev/null
"$browser" "${flags[@]}" --print-to-pdf="$out/report.pdf" "$url" 2>/dev/null
if command -v pdftoppm >/dev/null; then
    rm -f "$out"/page-*.png
    pdftoppm -r 70 -png "$out/report.pdf" "$out/page"
fi
ls -1 "$out"
