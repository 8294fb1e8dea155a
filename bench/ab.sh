#!/usr/bin/env bash
# A/B speed of two `defuse` binaries on the same JSON Lines file, one thread each, run
# alternately (A B A B …) so that load from other processes on a shared machine hits both alike.
#
#   bash bench/ab.sh BASELINE_BIN NEW_BIN [INPUT] [ROUNDS]
#
# INPUT defaults to target/bench/tweets.jsonl (written by bench/compare.sh); ROUNDS to 5.
# Prints each run's wall and CPU (user + system) seconds, then per binary the mean and best
# seconds and lines/s, and the ratio of the means (A / B: above 1 means B is faster). Outputs go to /dev/null; compare
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

command -v /usr/bin/time >/dev/null || die "needs GNU time at /usr/bin/time"
# run BIN -> "wall cpu" seconds (cpu = user + system: what the process itself used, less
# sensitive than wall time to other load on a shared machine).
run() {
    local tf
    tf="$(mktemp)"
    env -u RAYON_NUM_THREADS /usr/bin/time -f "%e %U %S" -o "$tf" \
        "$1" analyze --threads 1 --input "$INPUT" --output /dev/null
    awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$tf"
    rm -f "$tf"
}

# One untimed run each first: page cache and binary loaded for both.
run "$A" >/dev/null; run "$B" >/dev/null
WA=(); WB=(); CA=(); CB=()
for ((i = 1; i <= ROUNDS; i++)); do
    read -r wa ca < <(run "$A"); read -r wb cb < <(run "$B")
    WA+=("$wa"); WB+=("$wb"); CA+=("$ca"); CB+=("$cb")
    echo "round $i: A wall ${wa}s cpu ${ca}s   B wall ${wb}s cpu ${cb}s"
done
summary() { # NAME "A times" "B times"
    awk -v lines="$LINES" -v what="$1" -v a="$2" -v b="$3" -v na="$A" -v nb="$B" 'BEGIN {
        n = split(a, x, " "); split(b, y, " ")
        for (i = 1; i <= n; i++) { sa += x[i]; sb += y[i]
            if (i == 1 || x[i] < ba) ba = x[i]; if (i == 1 || y[i] < bb) bb = y[i] }
        ma = sa / n; mb = sb / n
        printf "%s  A %s: mean %.3fs (%.0f lines/s), best %.3fs (%.0f lines/s)\n", what, na, ma, lines / ma, ba, lines / ba
        printf "%s  B %s: mean %.3fs (%.0f lines/s), best %.3fs (%.0f lines/s)\n", what, nb, mb, lines / mb, bb, lines / bb
        printf "%s  ratio A/B of means: %.3f\n", what, ma / mb
    }'
}
summary "wall" "${WA[*]}" "${WB[*]}"
summary "cpu " "${CA[*]}" "${CB[*]}"
echo "($ROUNDS rounds, $LINES lines, 1 thread; ratio above 1: B is faster)"
