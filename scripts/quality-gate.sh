#!/usr/bin/env bash
# Quality gate: the shipped model, measured by `defuse eval --heldout` on the held-out part of
# every labelled set in ../shared/data (DATA_DIR), must stay at or above these floors: a
# regression guard set about 0.01–0.02 under the figures in the model card.
set -euo pipefail
cd "$(dirname "$0")/.."
D=${DATA_DIR:-../shared/data}
if [ ! -d "$D" ]; then
  echo "quality gate: $D not found (set DATA_DIR); the shared data is required" >&2
  exit 1
fi
cargo build --release -p defuse -q
BIN="${CARGO_TARGET_DIR:-target}/release/defuse"
fail=0
check() { # file task metric floor
  local file=$1 task=$2 metric=$3 floor=$4 value
  value=$($BIN eval --heldout --json --task "$task" --data "$D/$file" | python3 -c "
import json,sys
r=json.load(sys.stdin)
m='$metric'
if m=='macro_f1': print(r['macro_f1'])
else: print(next(c['f1'] for c in r['classes'] if c['class']==m))")
  if python3 -c "import sys; sys.exit(0 if $value >= $floor else 1)"; then
    printf 'ok    %-30s %-9s %-9s %.3f (floor %.3f)\n' "$file" "$task" "$metric" "$value" "$floor"
  else
    printf 'FAIL  %-30s %-9s %-9s %.3f (floor %.3f)\n' "$file" "$task" "$metric" "$value" "$floor"
    fail=1
  fi
}
check sentirueval2016_train.jsonl sentiment macro_f1 0.76
check rusentiment.jsonl           sentiment macro_f1 0.69
check rusentitweet.jsonl          sentiment macro_f1 0.66
check airline_tweets.jsonl        sentiment macro_f1 0.735
check laroseda.jsonl              sentiment macro_f1 0.91
check ru_toxic.jsonl              toxic     toxic    0.845
check en_offensive.jsonl          toxic     macro_f1 0.89
exit $fail
