#!/usr/bin/env bash
# Rebuild the default model shipped in crates/defuse-text/models/default.dfm from the labelled
# public data in ../shared/data (or DATA_DIR), deterministically (L-BFGS to convergence, fixed
# split): first a measured model (trained without the held-out rows, calibrated on the
# calibration rows, measured on the held-out rows: measured.dfm and report.json), then the
# shipped model, refitted on every row with the same options and calibration (model.dfm).
# Copies model.dfm into the crate and refreshes the figures in MODEL_CARD.md unless COPY=0.
set -euo pipefail
cd "$(dirname "$0")/.."
D=${DATA_DIR:-../shared/data}
OUT=${OUT:-target/default-model}
COPY=${COPY:-1}
for f in sentirueval2016_train rusentiment rusentitweet airline_tweets laroseda ru_toxic en_offensive; do
  [ -f "$D/$f.jsonl" ] || { echo "missing $D/$f.jsonl (set DATA_DIR)" >&2; exit 1; }
done
cargo build --release -p defuse -q
BIN="${CARGO_TARGET_DIR:-target}/release/defuse"
"$BIN" train --out "$OUT" --refit all --data \
  "$D/sentirueval2016_train.jsonl" "$D/rusentiment.jsonl:0.5" "$D/rusentitweet.jsonl:0.5" \
  "$D/airline_tweets.jsonl" "$D/laroseda.jsonl" "$D/ru_toxic.jsonl" "$D/en_offensive.jsonl"
if [ "$COPY" = 1 ]; then
  cp "$OUT/model.dfm" crates/defuse-text/models/default.dfm
  python3 scripts/model_card_figures.py "$OUT/report.json" crates/defuse-text/models/MODEL_CARD.md
  echo "default model rebuilt: rebuild the binary (cargo build --release) to embed it"
fi
