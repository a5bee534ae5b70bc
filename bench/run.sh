#!/usr/bin/env bash
# Benchmark: how fast and how lean `valvonta check` reads large exports,
# measured in the same run against xmllint on the same files.
#
#   bench/run.sh            # 100 000 and 500 000 cases, median of 3 runs each
#   RUNS=5 SIZES="100000 1000000" bench/run.sh
#
# Builds release, generates the exports into bench/out/ (gitignored) with
# `valvonta sample` (XML, a CSV folder and workbooks with their mapping, all of the
# same content), then times
#   valvonta check --format json  on the XML file, on the CSV folder and on the
#                                 workbooks (--mapping, mapping.md),
#   xmllint --stream --noout      on the XML file,
#   xmllint --stream --noout --schema schemas/case-export-1.xsd,
#   valvonta report --exceptions  on the XML file (every output, the appendix
#                                 listing every late or overdue item), beside check,
# with peak memory from /usr/bin/time -v, in rounds (every tool on every size
# once per round, after the generated files are synced to disk), so that a
# shared machine's drift hits every tool alike. It prints time, MB/s, peak memory,
# the ratio to xmllint and to valvonta's XML reading (×XML: the same cases, so the
# time per case) and the growth from the smallest to the largest size.
# It only prints; it never fails on a slow result.
set -uo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
SIZES=${SIZES:-"100000 500000"}
SEED=${SEED:-1}
OUT=bench/out
SCHEMA=schemas/case-export-1.xsd

install_if_missing() {  # command package
    command -v "$1" > /dev/null 2>&1 && return 0
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "installing $2 (for $1)"
    $sudo apt-get update -qq > /dev/null && $sudo apt-get install -y -qq "$2" > /dev/null
}
install_if_missing xmllint libxml2-utils
[ -x /usr/bin/time ] || install_if_missing /usr/bin/time time

echo "building release…"
swift build -c release --product valvonta 2>&1 | tail -1 || { echo "release build failed"; exit 1; }
bin="$(swift build -c release --show-bin-path)/valvonta"
mkdir -p "$OUT"

now() { date +%s.%N; }
megabytes() { du -sb "$1" | awk '{ printf "%.1f", $1 / 1000000 }'; }

# run_once label command… → prints "seconds peakKB exitcode"
run_once() {
    local timefile; timefile=$(mktemp)
    local start end code
    start=$(now)
    /usr/bin/time -v -o "$timefile" "$@" > "$OUT/last-stdout.txt" 2> "$OUT/last-stderr.txt"
    code=$?
    end=$(now)
    local kb; kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$timefile")
    rm -f "$timefile"
    echo "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }') ${kb:-0} $code"
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else print v[int((NR + 1) / 2)] }'; }

# One run of a command, added to the lists of `key`.
declare -A TIMES MEMS CODE
measure_once() {
    local key=$1; shift
    local result; result=$(run_once "$@")
    TIMES[$key]+="$(echo "$result" | cut -d' ' -f1)"$'\n'
    MEMS[$key]+="$(echo "$result" | cut -d' ' -f2)"$'\n'
    local c; c=$(echo "$result" | cut -d' ' -f3)
    [ "$c" -ne 0 ] && CODE[$key]=$c
    # A check that printed no findings JSON did not do the work being timed.
    case $key in *check*) [ "$(head -c 1 "$OUT/last-stdout.txt")" = "{" ] || CODE[$key]=no-json ;; esac
    return 0
}

declare -A SIZE_MB GEN_TIME GEN_MEM
for n in $SIZES; do
    xml="$OUT/export-$n.xml"; csv="$OUT/csv-$n"; wb="$OUT/workbook-$n"
    echo "generating $n cases…"
    rm -rf "$csv" "$wb"
    result=$(run_once "$bin" sample --cases "$n" --seed "$SEED" --out "$xml" --csv "$csv" --workbook "$wb")
    GEN_TIME[$n]=$(echo "$result" | cut -d' ' -f1); GEN_MEM[$n]=$(echo "$result" | cut -d' ' -f2)
    SIZE_MB[$n,xml]=$(megabytes "$xml"); SIZE_MB[$n,csv]=$(megabytes "$csv"); SIZE_MB[$n,wb]=$(megabytes "$wb")
    echo "  $(tail -1 "$OUT/last-stderr.txt")"
done
# The files just written must reach the disk before anything is timed:
# write-back during a run steals CPU from it.
sync

# Rounds, each running every tool on every size once: a machine that speeds
# up or slows down during the benchmark (a shared host does) then affects
# every tool alike, and the ratios stay fair.
for round in $(seq "$RUNS"); do
    echo "round $round of $RUNS…"
    for n in $SIZES; do
        xml="$OUT/export-$n.xml"; csv="$OUT/csv-$n"; wb="$OUT/workbook-$n"
        measure_once "$n,check-xml" "$bin" check --format json "$xml"
        measure_once "$n,xmllint" xmllint --stream --noout "$xml"
        measure_once "$n,check-csv" "$bin" check --format json "$csv"
        measure_once "$n,check-wb" "$bin" check --format json --mapping "$wb/mapping.yaml" "$wb"
        measure_once "$n,report-xml" "$bin" report "$xml" --metadata sample-data/response.yaml \
            --out "$OUT/report-$n" --exceptions
        if [ -f "$SCHEMA" ]; then
            measure_once "$n,xmllint-xsd" xmllint --stream --noout --schema "$SCHEMA" "$xml"
        fi
    done
done
declare -A TIME MEM
for key in "${!TIMES[@]}"; do
    TIME[$key]=$(printf "%s" "${TIMES[$key]}" | median)
    MEM[$key]=$(printf "%s" "${MEMS[$key]}" | median)
    CODE[$key]=${CODE[$key]:-0}
done

tools="check-xml check-csv check-wb report-xml xmllint xmllint-xsd"
label() {
    case $1 in
        check-xml) echo "valvonta check --format json (XML)" ;;
        check-csv) echo "valvonta check --format json (CSV)" ;;
        check-wb) echo "valvonta check --format json (xlsx)" ;;
        report-xml) echo "valvonta report --exceptions (XML)" ;;
        xmllint) echo "xmllint --stream --noout" ;;
        xmllint-xsd) echo "xmllint --stream --noout --schema" ;;
    esac
}

echo
echo "== generation (valvonta sample, XML, CSV and workbooks in one pass)"
printf "%-9s %9s %9s %9s %9s %10s\n" cases seconds "XML MB" "CSV MB" "xlsx MB" "peak MB"
for n in $SIZES; do
    printf "%-9s %9s %9s %9s %9s %10.1f\n" "$n" "${GEN_TIME[$n]}" "${SIZE_MB[$n,xml]}" "${SIZE_MB[$n,csv]}" "${SIZE_MB[$n,wb]}" \
        "$(awk -v k="${GEN_MEM[$n]}" 'BEGIN { print k / 1024 }')"
done

echo
echo "== reading (median of $RUNS runs; × = time relative to that line; the MB are the input's own)"
printf "%-9s %-38s %9s %8s %9s %11s %11s %8s %s\n" cases tool seconds MB/s "peak MB" "×xmllint" "×xmllint-xsd" "×XML" note
for n in $SIZES; do
    for t in $tools; do
        [ -n "${TIME[$n,$t]:-}" ] || continue
        mb=${SIZE_MB[$n,xml]}
        [ "$t" = check-csv ] && mb=${SIZE_MB[$n,csv]}
        [ "$t" = check-wb ] && mb=${SIZE_MB[$n,wb]}
        note=""
        case ${CODE[$n,$t]} in
            0) ;;
            no-json) note="printed no findings JSON: not a real run (is valvonta check built?)" ;;
            *) note="exit ${CODE[$n,$t]}" ;;
        esac
        awk -v n="$n" -v l="$(label "$t")" -v s="${TIME[$n,$t]}" -v mb="$mb" -v kb="${MEM[$n,$t]}" \
            -v x="${TIME[$n,xmllint]:-0}" -v xs="${TIME[$n,xmllint-xsd]:-0}" -v cx="${TIME[$n,check-xml]:-0}" \
            -v note="$note" 'BEGIN {
            ok = (note == "")
            rx = (ok && x > 0) ? sprintf("%.2f", s / x) : "-"
            rxs = (ok && xs > 0) ? sprintf("%.2f", s / xs) : "-"
            rcx = (ok && cx > 0) ? sprintf("%.2f", s / cx) : "-"
            rate = (ok && s > 0) ? sprintf("%.1f", mb / s) : "-"
            printf "%-9s %-38s %9.3f %8s %9.1f %11s %11s %8s %s\n", n, l, s, rate, kb / 1024, rx, rxs, rcx, note
        }'
    done
done

echo
echo "== report beside check (XML; issue 18: report --exceptions within 1.5× check)"
printf "%-9s %12s %12s %9s\n" cases "check s" "report s" "×check"
for n in $SIZES; do
    [ -n "${TIME[$n,report-xml]:-}" ] && [ -n "${TIME[$n,check-xml]:-}" ] || continue
    awk -v n="$n" -v c="${TIME[$n,check-xml]}" -v r="${TIME[$n,report-xml]}" 'BEGIN {
        printf "%-9s %12.3f %12.3f %9s\n", n, c, r, (c > 0 ? sprintf("%.2f", r / c) : "-")
    }'
done

echo
echo "== every run, in order (seconds): the spread shows how steady the machine was"
for n in $SIZES; do
    for t in $tools; do
        [ -n "${TIMES[$n,$t]:-}" ] || continue
        printf "%-9s %-38s %s\n" "$n" "$(label "$t")" "$(printf "%s" "${TIMES[$n,$t]}" | tr '\n' ' ')"
    done
done

set -- $SIZES
first=$1; last=${!#}
if [ "$first" != "$last" ]; then
    echo
    echo "== growth from $first to $last cases (linear would be $(awk -v a="$first" -v b="$last" 'BEGIN { printf "%.1f", b / a }')×)"
    printf "%-38s %8s %8s\n" tool time memory
    for t in $tools; do
        [ -n "${TIME[$first,$t]:-}" ] && [ -n "${TIME[$last,$t]:-}" ] || continue
        [ "${CODE[$first,$t]}" = 0 ] && [ "${CODE[$last,$t]}" = 0 ] || continue
        awk -v l="$(label "$t")" -v a="${TIME[$first,$t]}" -v b="${TIME[$last,$t]}" \
            -v ma="${MEM[$first,$t]}" -v mb="${MEM[$last,$t]}" 'BEGIN {
            printf "%-38s %7.2f× %7.2f×\n", l, (a > 0 ? b / a : 0), (ma > 0 ? mb / ma : 0)
        }'
    done
    awk -v a="${GEN_TIME[$first]}" -v b="${GEN_TIME[$last]}" -v ma="${GEN_MEM[$first]}" -v mb="${GEN_MEM[$last]}" 'BEGIN {
        printf "%-38s %7.2f× %7.2f×\n", "valvonta sample (generation)", (a > 0 ? b / a : 0), (ma > 0 ? mb / ma : 0)
    }'
fi
