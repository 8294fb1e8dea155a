#!/usr/bin/env bash
# Speed comparison: `defuse analyze` (1 thread, then all cores) against the
# scikit-learn peer (bench/peer.py, one core) on the same JSON Lines file.
#
#   bash bench/compare.sh                 # from the repo root
#
# Environment (all optional):
#   N=200000             lines in the generated input
#   DATA_DIR=../shared/data
#   DEFUSE_BIN=path      use this binary instead of `cargo build --release -p defuse`
#   VENV=target/bench-venv   Python venv for the peer (created if missing)
#   BENCH_DIR=target/bench   where the input, outputs and results go
#   CORES=$(nproc)       core count reported for the all-cores run
#   PYTHON=python3       interpreter used to create the venv
#   TIME_BIN=/usr/bin/time   GNU time, for max RSS (skipped if it lacks -v)
set -euo pipefail

die() { echo "compare.sh: $*" >&2; exit 1; }
note() { echo "== $*" >&2; }

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

N="${N:-200000}"
DATA_DIR="${DATA_DIR:-../shared/data}"
VENV="${VENV:-target/bench-venv}"
BENCH_DIR="${BENCH_DIR:-target/bench}"
PYTHON="${PYTHON:-python3}"
CORES="${CORES:-$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)}"
SOURCES=(sentirueval2016_train airline_tweets rusentitweet)

[[ "$N" =~ ^[1-9][0-9]*$ ]] || die "N must be a positive integer, got '$N'"
[[ "$CORES" =~ ^[1-9][0-9]*$ ]] || die "CORES must be a positive integer, got '$CORES'"

# ---- data -----------------------------------------------------------------
[[ -d "$DATA_DIR" ]] || die "data directory '$DATA_DIR' not found (from $ROOT); set DATA_DIR to the folder holding ${SOURCES[*]/%/.jsonl}"
DATA_DIR="$(cd "$DATA_DIR" && pwd)"
for s in "${SOURCES[@]}"; do
    [[ -s "$DATA_DIR/$s.jsonl" ]] || die "missing or empty data file: $DATA_DIR/$s.jsonl"
done
TRAIN="$DATA_DIR/sentirueval2016_train.jsonl"

# ---- python venv with scikit-learn ------------------------------------------
if [[ ! -x "$VENV/bin/python" ]]; then
    command -v "$PYTHON" >/dev/null || die "'$PYTHON' not found; install Python 3 or set PYTHON"
    note "creating venv $VENV"
    "$PYTHON" -m venv "$VENV" || die "could not create venv at $VENV (is python3-venv installed?)"
fi
PY="$VENV/bin/python"
if ! "$PY" -c 'import sklearn' 2>/dev/null; then
    note "installing scikit-learn into $VENV"
    "$PY" -m pip install --quiet --disable-pip-version-check scikit-learn \
        || die "pip install scikit-learn failed"
fi

# ---- defuse binary ----------------------------------------------------------
if [[ -z "${DEFUSE_BIN:-}" ]]; then
    command -v cargo >/dev/null || die "cargo not found; install Rust or set DEFUSE_BIN"
    note "cargo build --release -p defuse"
    cargo build --release -p defuse
    DEFUSE_BIN="target/release/defuse"
fi
[[ -x "$DEFUSE_BIN" ]] || die "defuse binary '$DEFUSE_BIN' not found or not executable"

# ---- input ------------------------------------------------------------------
mkdir -p "$BENCH_DIR"
INPUT="$BENCH_DIR/tweets.jsonl"
have=0
[[ -f "$INPUT" ]] && have="$(wc -l <"$INPUT" | tr -d ' ')"
if [[ "$have" != "$N" ]]; then
    note "writing $INPUT ($N lines)"
    "$PY" - "$INPUT.tmp" "$N" "${SOURCES[@]/#/$DATA_DIR/}" <<'PYEOF'
import json, random, sys
out, n, srcs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
texts = []
for path in srcs:
    with open(path + ".jsonl", encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                t = json.loads(line).get("text")
                if isinstance(t, str) and t:
                    texts.append(t)
if not texts:
    sys.exit("compare.sh: no texts found in the data files")
random.Random(0).shuffle(texts)  # mix the languages; fixed seed, same file every time
with open(out, "w", encoding="utf-8") as f:
    for i in range(n):
        f.write(json.dumps({"id": f"bench-{i:07d}", "text": texts[i % len(texts)]},
                           ensure_ascii=False))
        f.write("\n")
PYEOF
    mv "$INPUT.tmp" "$INPUT"
fi

# ---- timing -----------------------------------------------------------------
GNU_TIME=""
TIME_BIN="${TIME_BIN:-/usr/bin/time}"
if [[ -x "$TIME_BIN" ]] && "$TIME_BIN" -v true >/dev/null 2>&1; then
    GNU_TIME="$TIME_BIN"
else
    note "$TIME_BIN -v not available: timing with the shell clock, no max RSS figures"
fi

now() { if [[ -n "${EPOCHREALTIME:-}" ]]; then echo "${EPOCHREALTIME/,/.}"; else date +%s.%N; fi; }

# run_timed NAME CMD...  -> sets SECS (wall) and RSS_MB; stderr of CMD goes to $BENCH_DIR/NAME.err
run_timed() {
    local name="$1"; shift
    local err="$BENCH_DIR/$name.err" tv="$BENCH_DIR/$name.time" t0 t1 rc=0
    t0="$(now)"
    if [[ -n "$GNU_TIME" ]]; then
        "$GNU_TIME" -v -o "$tv" "$@" 2>"$err" || rc=$?
    else
        "$@" 2>"$err" || rc=$?
    fi
    t1="$(now)"
    if (( rc != 0 )); then
        echo "compare.sh: '$name' failed (exit $rc): $*" >&2
        tail -n 20 "$err" >&2
        exit 1
    fi
    SECS="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')"
    RSS_MB="-"
    if [[ -n "$GNU_TIME" && -f "$tv" ]]; then
        RSS_MB="$(awk -F': *' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$tv")"
    fi
}

count_lines() { if [[ -f "$1" ]]; then wc -l <"$1" | tr -d ' '; else echo 0; fi; }

RESULTS="$BENCH_DIR/results.tsv"
rm -f "$BENCH_DIR"/{defuse-t1,defuse-all,peer}.{jsonl,err,time}  # no stale outputs from an earlier run
printf 'tool\tthreads\tlines\tseconds\tmax_rss_mb\n' >"$RESULTS"

note "defuse analyze --threads 1"
run_timed defuse-t1 env -u RAYON_NUM_THREADS "$DEFUSE_BIN" analyze --threads 1 \
    --input "$INPUT" --output "$BENCH_DIR/defuse-t1.jsonl"
L="$(count_lines "$BENCH_DIR/defuse-t1.jsonl")"
[[ "$L" == "$N" ]] || die "defuse --threads 1 wrote $L lines for $N input lines"
printf 'defuse\t1\t%s\t%s\t%s\n' "$L" "$SECS" "$RSS_MB" >>"$RESULTS"

note "defuse analyze (all cores: $CORES)"
run_timed defuse-all env -u RAYON_NUM_THREADS "$DEFUSE_BIN" analyze \
    --input "$INPUT" --output "$BENCH_DIR/defuse-all.jsonl"
L="$(count_lines "$BENCH_DIR/defuse-all.jsonl")"
[[ "$L" == "$N" ]] || die "defuse (all cores) wrote $L lines for $N input lines"
printf 'defuse\t%s\t%s\t%s\t%s\n' "$CORES" "$L" "$SECS" "$RSS_MB" >>"$RESULTS"

note "sklearn peer (trains on $(basename "$TRAIN") first; only prediction is timed)"
run_timed peer "$PY" bench/peer.py --train "$TRAIN" --predict "$INPUT" --output "$BENCH_DIR/peer.jsonl"
PEER_JSON="$(grep '^{"tool": *"sklearn-peer", *"lines"' "$BENCH_DIR/peer.err" | tail -n 1 || true)"
[[ -n "$PEER_JSON" ]] || die "peer printed no timing line; see $BENCH_DIR/peer.err"
read -r L PSECS < <("$PY" -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["lines"], d["seconds"])' "$PEER_JSON")
[[ "$L" == "$N" ]] || die "peer predicted $L lines for $N input lines"
note "peer wall time including training: ${SECS}s; prediction only: ${PSECS}s"
printf 'sklearn-peer\t1\t%s\t%s\t%s\n' "$L" "$PSECS" "$RSS_MB" >>"$RESULTS"

# ---- table ------------------------------------------------------------------
echo
awk -F'\t' '
NR == 1 { next }
{ tool[NR] = $1; thr[NR] = $2; lines[NR] = $3; secs[NR] = $4; rss[NR] = $5
  rate[NR] = ($4 > 0) ? $3 / $4 : 0; core[NR] = rate[NR] / $2
  if ($1 == "sklearn-peer") peer = core[NR] }
END {
  fmt = "%-13s %7s %9s %9s %12s %14s %9s %12s\n"
  printf fmt, "tool", "threads", "lines", "seconds", "lines/s", "lines/s/core", "rss_MB", "x peer/core"
  for (i = 2; i <= NR; i++)
    printf "%-13s %7d %9d %9.2f %12.0f %14.0f %9s %12s\n", tool[i], thr[i], lines[i], secs[i],
           rate[i], core[i], rss[i], (peer > 0) ? sprintf("%.2f", core[i] / peer) : "-"
}' "$RESULTS"
echo
echo "defuse seconds: wall time of the whole process (start, model load, read, analyze, write)."
echo "peer seconds: prediction only (read, vectorize, predict, write), training excluded."
echo "max RSS of the peer includes its training. Raw figures: $RESULTS"
