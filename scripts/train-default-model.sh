#!/usr/bin/env bash
# Rebuild the default model shipped in crates/defuse-text/models/default.dfm from the labelled
# public data in ../shared/data (or DATA_DIR), deterministically (fixed seeds, fixed split).
# Writes the model, report.json and refreshes the figures in crates/defuse-text/models/MODEL_CARD.md.
set -euo pipefail
cd "$(dirname "$0")/.."
D=${DATA_DIR:-../shared/data}
OUT=${OUT:-target/default-model}
for f in sentirueval2016_train rusentiment rusentitweet airline_tweets laroseda ru_toxic en_offensive; do
  [ -f "$D/$f.jsonl" ] || { echo "missing $D/$f.jsonl (set DATA_DIR)" >&2; exit 1; }
done
cargo build --release -p defuse
./target/release/defuse train --out "$OUT" --data \
  "$D/sentirueval2016_train.jsonl" "$D/rusentiment.jsonl:0.5" "$D/rusentitweet.jsonl:0.5" \
  "$D/airline_tweets.jsonl" "$D/laroseda.jsonl" "$D/ru_toxic.jsonl" "$D/en_offensive.jsonl"
cp "$OUT/model.dfm" crates/defuse-text/models/default.dfm
python3 scripts/model_card_figures.py "$OUT/report.json" crates/defuse-text/models/MODEL_CARD.md
echo "default model rebuilt: rebuild the binary (cargo build --release) to embed it"
