#!/usr/bin/env bash
# The web desk's speed with a full store: N cases (default 100,000), one signed-in agent.
# Times the queue's first page, a filtered page, a search, and a case page (p50 / p99 over
# ROUNDS requests each, default 200), and how long a mention posted through the API takes to
# reach an open queue page (the server-sent event, then the page's refresh of its rows).
#
#   bash bench/desk.sh                 # N=100000 ROUNDS=200
#   N=20000 ROUNDS=100 bash bench/desk.sh
#
# Environment: N, ROUNDS, DATA_DIR (../shared/data), BENCH_DIR (target/bench-desk), DEFUSE_BIN.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000}
ROUNDS=${ROUNDS:-200}
DATA_DIR=${DATA_DIR:-../shared/data}
OUT=${BENCH_DIR:-target/bench-desk}
mkdir -p "$OUT"
if [ -z "${DEFUSE_BIN:-}" ]; then
  cargo build --release -p defuse -q
  DEFUSE_BIN=${CARGO_TARGET_DIR:-target}/release/defuse
fi
INPUT="$OUT/cases-$N.jsonl"
if [ ! -s "$INPUT" ]; then
  python3 - "$DATA_DIR" "$N" "$INPUT" <<'PY'
import json, random, sys
data_dir, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
texts = []
for f in ["sentirueval2016_train", "airline_tweets", "rusentitweet", "laroseda"]:
    for line in open(f"{data_dir}/{f}.jsonl", encoding="utf-8"):
        t = json.loads(line)["text"]
        if 10 <= len(t) <= 280:
            texts.append(t)
rnd = random.Random(11)
brands = ["Облачко", "AeroSky", "BancaVerde"]
sources = ["vk", "telegram", "x", "facebook", "ok"]
with open(out, "w", encoding="utf-8") as f:
    for i in range(n):
        # One author per mention and no replies: every mention opens its own case.
        m = {"source": sources[i % len(sources)], "id": f"b{i}",
             "created_at": f"2026-11-{10 + (i * 10) // n:02d}T{(i // 3600) % 24:02d}:{(i // 60) % 60:02d}:{i % 60:02d}Z",
             "author": {"id": f"a{i}", "name": f"Author {i}", "followers": rnd.choice([12, 150, 800, 3000, 45000])},
             "text": f"{brands[i % 3]} {texts[rnd.randrange(len(texts))]}"}
        f.write(json.dumps(m, ensure_ascii=False) + "\n")
PY
fi
DIR="$OUT/data"
rm -rf "$DIR"
"$DEFUSE_BIN" init --data "$DIR" >/dev/null
cat >> "$DIR/defuse.toml" <<'TOML'
[[brands]]
name = "Облачко"
[[brands]]
name = "AeroSky"
[[brands]]
name = "BancaVerde"
TOML
"$DEFUSE_BIN" import --data "$DIR" "$INPUT" >/dev/null
printf 'bench-password-1\n' | "$DEFUSE_BIN" user add bench --role agent --data "$DIR" >/dev/null
TOKEN=$("$DEFUSE_BIN" token create --name bench --data "$DIR")
"$DEFUSE_BIN" serve --data "$DIR" --bind 127.0.0.1:0 > "$OUT/serve.out" 2> "$OUT/serve.err" &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q http:// "$OUT/serve.out" 2>/dev/null && break; sleep 0.1; done
ADDR=$(grep -o 'http://[^ ]*' "$OUT/serve.out" | head -1)
python3 bench/desk_client.py "$ADDR" bench bench-password-1 "$TOKEN" "$ROUNDS" "$N"
