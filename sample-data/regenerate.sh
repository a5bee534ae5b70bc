#!/usr/bin/env bash
# Regenerates the committed sample export with `valvonta sample`: export.xml,
# csv/ and workbook/ (a client system's and HR's workbooks with the
# mapping.yaml that reads them) hold the same 3000 fictional cases (8 areas of Keski-Suomi, export
# generated 1.1.2026, reporting period 1.7.–31.12.2025). Deterministic: the
# same seed gives the same bytes, so `git diff` after running it shows only
# real changes of the generator.
# SCRATCH_PATH=DIR builds in DIR instead of .build (swift build --scratch-path).
set -euo pipefail
cd "$(dirname "$0")/.."
build=(swift build ${SCRATCH_PATH:+--scratch-path "$SCRATCH_PATH"})
"${build[@]}" --product valvonta
bin="$("${build[@]}" --show-bin-path)/valvonta"
rm -rf sample-data/csv sample-data/workbook
"$bin" sample --cases 3000 --regions 8 --seed 2025 --as-of 2026-01-01 \
    --out sample-data/export.xml --csv sample-data/csv --workbook sample-data/workbook
