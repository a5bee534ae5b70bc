#!/usr/bin/env bash
# Fuzzes the XML and CSV importers and the YAML reader with libFuzzer (docs/security.md, "Fuzzing").
#
#   fuzz/run.sh [SECONDS] [xml] [csv] [yaml]     default: 600 seconds each, all three
#
# Builds Sources/ImportFuzz with -sanitize=fuzzer,address into .build-fuzz/,
# seeds a working corpus (.build-fuzz/corpus/<importer>/) from the test
# fixtures and sample-data/, runs each fuzzer for SECONDS with one job on one
# core, then prints executions, speed and findings. Findings (crash-*, timeout-*,
# oom-*, leak-*) are saved in fuzz/findings/<importer>/; replay one with
#   swift build --product ImportFuzz && .build/debug/ImportFuzz xml fuzz/findings/xml/crash-…
# VALVONTA_FUZZER=/path/to/ImportFuzz skips the build and runs that binary.
# Exit status: 0 when nothing was found, 1 when something was, 2 on a setup error.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

seconds=600
if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then seconds=$1; shift; fi
importers=("$@")
[[ ${#importers[@]} -eq 0 ]] && importers=(xml csv yaml)

if [[ -n ${VALVONTA_FUZZER:-} ]]; then
    fuzzer=$VALVONTA_FUZZER  # an instrumented ImportFuzz built before (e.g. from another checkout)
else
    echo "== building the fuzzer (debug, -sanitize=fuzzer,address)"
    swift build -c debug --product ImportFuzz --build-path .build-fuzz \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld 2>&1 \
        | grep -v -e 'Cannot export local symbol' -e 'warning:' | tail -3
    fuzzer=$root/.build-fuzz/debug/ImportFuzz
fi
[[ -x $fuzzer ]] || { echo "the fuzzer did not build" >&2; exit 2; }

# The CSV fuzzer's input is one file: the tables in the harness's order, each
# after a line `%%` (see Harness.csvTables in Sources/ImportFuzz/ImportFuzz.swift).
csv_tables=(export regions cases workers posts occupancies referrals assessments clientships assignments plans meetings)
csv_seed() {  # folder -> one seed on stdout
    local first=1
    for t in "${csv_tables[@]}"; do
        [[ $first -eq 1 ]] || printf '\n%%%%\n'
        first=0
        [[ -f $1/$t.csv ]] && cat "$1/$t.csv"
    done
}

seed() {  # importer corpus-dir
    local n=0
    if [[ $1 == yaml ]]; then
        # Every YAML file of the repository (metadata, labels) and the settings examples.
        while IFS= read -r -d '' f; do
            cp "$f" "$2/seed-$n.yaml"; n=$((n + 1))
        done < <(find Tests sample-data docs templates fuzz/seeds -name '*.yaml' -print0 2>/dev/null)
    elif [[ $1 == xml ]]; then
        while IFS= read -r -d '' f; do
            # A large export (sample-data/) gives its first 32 KB: a cut file is a seed too.
            head -c 32768 "$f" > "$2/seed-$n.xml"; n=$((n + 1))
        done < <(find Tests sample-data -name '*.xml' -print0 2>/dev/null)
    else
        while IFS= read -r -d '' f; do
            local dir; dir=$(dirname "$f")
            csv_seed "$dir" > "$2/seed-$n.csv"
            if [[ $(stat -c %s "$2/seed-$n.csv") -gt 32768 ]]; then  # keep a few rows of each table
                local t; for t in "$dir"/*.csv; do head -n 20 "$t" > "$work/$(basename "$t")"; done
                csv_seed "$work" > "$2/seed-$n.csv"; rm -f "$work"/*.csv
            fi
            n=$((n + 1))
        done < <(find Tests sample-data -name 'export.csv' -print0 2>/dev/null)
    fi
    echo "$n seeds"
}

status=0
summary=()
for importer in "${importers[@]}"; do
    case $importer in xml|csv|yaml) ;; *) echo "unknown importer $importer (xml, csv or yaml)" >&2; exit 2 ;; esac
    work=$root/.build-fuzz/run-$importer
    corpus=$root/.build-fuzz/corpus/$importer
    findings=$root/fuzz/findings/$importer
    mkdir -p "$work" "$corpus" "$findings"
    echo "== seeding $importer: $(seed "$importer" "$corpus"), corpus now $(ls "$corpus" | wc -l) inputs"
    echo "== fuzzing the $importer importer for $seconds s (log: $work/fuzz-0.log)"
    before=$(ls "$findings" | wc -l)
    started=$(date +%s)
    (cd "$work" && VALVONTA_FUZZ_IMPORTER=$importer LSAN_OPTIONS=suppressions=$root/fuzz/lsan.supp "$fuzzer" \
        -jobs=1 -workers=1 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=32768 \
        -dict="$root/fuzz/$importer.dict" -artifact_prefix="$findings/" -print_final_stats=1 \
        "$corpus" > "$work/driver.log" 2>&1) || true
    elapsed=$(($(date +%s) - started))
    log=$work/fuzz-0.log
    if ! grep -q 'stat::number_of_executed_units' "$log"; then
        echo "the $importer fuzzer did not run to the end:" >&2
        tail -5 "$log" >&2
        status=2
    fi
    runs=$(grep -o 'stat::number_of_executed_units:[[:space:]]*[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo 0)
    speed=$(grep -o 'stat::average_exec_per_sec:[[:space:]]*[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo 0)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo 0)
    after=$(ls "$findings" | wc -l)
    found=$((after - before))
    [[ $found -eq 0 ]] || status=1
    line="$importer: $runs executions in $elapsed s ($speed/s), coverage $cov edges, corpus $(ls "$corpus" | wc -l) inputs, $found new findings"
    summary+=("$line")
    echo "$line"
    if [[ $found -ne 0 ]]; then
        ls -t "$findings" | head -"$found" | sed 's/^/   /'
        grep -m3 -e 'ERROR:' -e 'property violated' -e 'Fatal error' "$log" | sed 's/^/   /' || true
    fi
done
echo "== summary"
printf '%s\n' "${summary[@]}"
exit $status
