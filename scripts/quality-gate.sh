#!/usr/bin/env bash
# Quality gate. The shipped model learns from every labelled row, so it cannot be measured on
# held-out rows; its recipe can. This retrains the recipe (scripts/train-default-model.sh into
# target/quality-gate, ≈ 3 min on 2 cores), measures the model trained without the held-out
# rows (measured.dfm) through the binary's own 8-bit path with `defuse eval --heldout`, and
# holds every set to a floor about 0.01–0.02 under the figures in the model card. It also says
# whether the retrained shipped model is byte-identical to the one in the crate (a note, not a
# failure: a different libm may round an exp() differently).
set -euo pipefail
cd "$(dirname "$0")/.."
D=${DATA_DIR:-../shared/data}
if [ ! -d "$D" ]; then
  echo "quality gate: $D not found (set DATA_DIR); the shared data is required" >&2
  exit 1
fi
OUT=target/quality-gate
mkdir -p target
OUT=$OUT COPY=0 bash scripts/train-default-model.sh 2>"$OUT.log" || { cat "$OUT.log" >&2; exit 1; }
BIN="${CARGO_TARGET_DIR:-target}/release/defuse"
if cmp -s "$OUT/model.dfm" crates/defuse-text/models/default.dfm; then
  echo "shipped model: byte-identical to a fresh rebuild"
else
  echo "note: a fresh rebuild differs from the shipped model (rebuild it with scripts/train-default-model.sh if the recipe changed)"
fi
fail=0
check() { # file task metric floor [extra eval flag]
  local file=$1 task=$2 metric=$3 floor=$4 extra=${5:-} value
  value=$($BIN eval --heldout --json --task "$task" --model "$OUT/measured.dfm" --data "$D/$file" $extra | python3 -c "
import json,sys
r=json.load(sys.stdin)
m='$metric'
if m=='macro_f1': print(r['macro_f1'])
else: print(next(c['f1'] for c in r['classes'] if c['class']==m))")
  if python3 -c "import sys; sys.exit(0 if $value >= $floor else 1)"; then
    printf 'ok    %-30s %-9s %-9s %.3f (floor %.3f) %s\n' "$file" "$task" "$metric" "$value" "$floor" "$extra"
  else
    printf 'FAIL  %-30s %-9s %-9s %.3f (floor %.3f) %s\n' "$file" "$task" "$metric" "$value" "$floor" "$extra"
    fail=1
  fi
}
check sentirueval2016_train.jsonl sentiment macro_f1 0.77
check rusentiment.jsonl           sentiment macro_f1 0.70
check rusentitweet.jsonl          sentiment macro_f1 0.68
check airline_tweets.jsonl        sentiment macro_f1 0.73
check laroseda.jsonl              sentiment macro_f1 0.95
check laroseda.jsonl              sentiment macro_f1 0.91 --ignore-title
check ru_toxic.jsonl              toxic     toxic    0.845
check en_offensive.jsonl          toxic     macro_f1 0.905
# The shipped model itself loads and answers on every set (it was trained on these rows, so
# its figures here say nothing about unseen text; only that it is whole).
$BIN eval --task sentiment --data "$D/airline_tweets.jsonl" --heldout >/dev/null
exit $fail
