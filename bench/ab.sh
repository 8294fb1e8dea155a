#!/usr/bin/env bash
# A/B speed of two `defuse` binaries on the same JSON Lines file, one thread each, run
# alternately (A B A B …) so that load from other processes on a shared machine hits both alike.
#
#   bash bench/ab.sh BASELINE_BIN NEW_BIN [INPUT] [ROUNDS]
#
# INPUT defaults to target/bench/tweets.jsonl (written by bench/compare.sh); ROUNDS to 5.
# Prints each run's wall seconds, then per binary the mean and best seconds and lines/s, and
# the ratio of the means (A / B: above 1 means B is faster). Outputs go to /dev/null; compare
# them separately (`cmp`) when checking that a change keeps output identical.
set -euo pipefail

die() { echo "ab.sh: $*" >&2; exit 1; }
(( $# >= 2 )) || die "usage: bash bench/ab.sh BASELINE_BIN NEW_BIN [INPUT] [ROUNDS]"
A="$1"; B="$2"
INPUT="${3:-target/bench/tweets.jsonl}"
ROUNDS="${4:-5}"
[[ -x "$A" ]] || die "'$A' is not an executable"
[[ -x "$B" ]] || die "'$B' is not an executable"
[[ -s "$INPUT" ]] || die "input '$INPUT' missing or empty (run bash bench/compare.sh once to write it)"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer"
LINES="$(wc -l <"$INPUT" | tr -d ' ')"

now() { echo "${EPOCHREALTIME/,/.}"; }
run() {
    local t0 t1
    t0="$(now)"
    env -u RAYON_NUM_THREADS "$1" analyze --threads 1 --input "$INPUT" --output /dev/null
    t1="$(now)"
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}

# One untimed run each first: page cache and binary loaded for both.
run "$A" >/dev/null; run "$B" >/dev/null
TA=(); TB=()
for ((i = 1; i <= ROUNDS; i++)); do
    ta="$(run "$A")"; tb="$(run "$B")"
    TA+=("$ta"); TB+=("$tb")
    echo "round $i: A ${ta}s  B ${tb}s"
done
awk -v lines="$LINES" -v a="${TA[*]}" -v b="${TB[*]}" -v na="$A" -v nb="$B" 'BEGIN {
    n = split(a, x, " "); split(b, y, " ")
    for (i = 1; i <= n; i++) { sa += x[i]; sb += y[i]
        if (i == 1 || x[i] < ba) ba = x[i]; if (i == 1 || y[i] < bb) bb = y[i] }
    ma = sa / n; mb = sb / n
    printf "A %s: mean %.3fs (%.0f lines/s), best %.3fs (%.0f lines/s)\n", na, ma, lines / ma, ba, lines / ba
    printf "B %s: mean %.3fs (%.0f lines/s), best %.3fs (%.0f lines/s)\n", nb, mb, lines / mb, bb, lines / bb
    printf "ratio A/B of means: %.3f (%d rounds, %d lines, 1 thread)\n", ma / mb, n, lines
}'
