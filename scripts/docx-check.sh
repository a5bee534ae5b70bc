#!/usr/bin/env bash
# Opens the sample's report.docx, both kinds in fi, sv and en, as its readers will:
# python-docx reads its headings and tables (scripts/docx_check.py) and, unless
# --no-libreoffice, LibreOffice converts it to PDF, whose text must hold the findings'
# figures and "N (M)" on every page; with --pages DIR the pages are also drawn as PNGs
# there (pdftoppm, 60 dpi) to be looked at. Uses the debug build (swift build first).
# A missing tool skips its check with a message, except under CI=true, where it fails.
set -euo pipefail
cd "$(dirname "$0")/.."
office=1
pages=""
while [ $# -gt 0 ]; do
  case "$1" in
    --no-libreoffice) office=0 ;;
    --pages) pages="$2"; shift ;;
    *) echo "usage: scripts/docx-check.sh [--no-libreoffice] [--pages DIR]" >&2; exit 2 ;;
  esac
  shift
done
bin=.build/debug/valvonta
[ -x "$bin" ] || { echo "docx-check: $bin is missing; run swift build first" >&2; exit 1; }
missing() {
  if [ "${CI:-}" = "true" ]; then echo "docx-check: $1 is missing (CI=true: failing)" >&2; exit 1; fi
  echo "docx-check: $1 is missing; skipping that check" >&2
}
if ! python3 -c "import docx" 2>/dev/null; then missing "python-docx (apt python3-docx, or pip install python-docx)"; exit 0; fi
soffice=""
if [ "$office" = 1 ]; then
  soffice=$(command -v soffice || command -v libreoffice || true)
  [ -n "$soffice" ] || missing "LibreOffice (apt libreoffice-writer-nogui)"
  command -v pdftotext >/dev/null || { missing "pdftotext (apt poppler-utils)"; soffice=""; }
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for kind in avi-response omavalvonta; do
  meta=sample-data/response.yaml
  [ "$kind" = omavalvonta ] && meta=sample-data/omavalvonta.yaml
  # The services the reply concerns (a flow list such as "services: [a, b]"), else all.
  services=$(sed -n 's/^services: *\[\(.*\)\].*/\1/p' "$meta" | tr -d ' ')
  [ -n "$services" ] || services=all
  for lang in fi sv en; do
    out="$work/$kind-$lang"
    "$bin" report sample-data/export.xml --metadata "$meta" --kind "$kind" --lang "$lang" \
      --format docx,json --out "$out" >/dev/null
    if [ -n "$soffice" ]; then
      # Its own profile, so a LibreOffice the user has open does not take the job.
      "$soffice" -env:UserInstallation=file://"$work/profile" --headless --convert-to pdf \
        --outdir "$out" "$out/report.docx" >"$out/convert.log" 2>&1 \
        || { cat "$out/convert.log" >&2; echo "docx-check: LibreOffice could not convert $kind-$lang" >&2; exit 1; }
      [ -s "$out/report.pdf" ] || { cat "$out/convert.log" >&2; echo "docx-check: no PDF for $kind-$lang" >&2; exit 1; }
      pdftotext -layout "$out/report.pdf" "$out/report.txt"
      python3 scripts/docx_check.py "$out/report.docx" "$out/findings.json" "$services" "$out/report.txt"
      if [ -n "$pages" ]; then
        mkdir -p "$pages"
        cp "$out/report.pdf" "$pages/$kind-$lang.pdf"
        pdftoppm -png -r 60 "$out/report.pdf" "$pages/$kind-$lang"
      fi
    else
      python3 scripts/docx_check.py "$out/report.docx" "$out/findings.json" "$services"
    fi
  done
done
