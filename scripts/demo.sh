#!/usr/bin/env bash
# Sets up (when needed), builds, and writes the sample report from sample-data/ into out/sample/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release
bin=.build/release/valvonta
"$bin" validate sample-data/export.xml
"$bin" report sample-data/export.xml --metadata sample-data/response.yaml --out out/sample --exceptions
echo "The report is in out/sample/ (report.html, report.md, report.docx, findings.json, exceptions.csv)."
