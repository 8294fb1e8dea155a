#!/usr/bin/env bash
# Import throughput, end to end (parse, analyse, match brands, thread, triage, store in SQLite),
# for a generated file of tweet-length mentions (default 1,000,000 lines), with the peak memory.
# Mentions are built from the labelled texts in ../shared/data with a brand name woven in, ~30%
# are replies in threads, ~5% repeat an earlier id (duplicates) and ~10% name no brand.
#
#   bash bench/import.sh              # N=1000000
#   N=200000 bash bench/import.sh
#
# Environment: N, DATA_DIR (../shared/data), BENCH_DIR (target/bench-import), DEFUSE_BIN.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
DATA_DIR=${DATA_DIR:-../shared/data}
OUT=${BENCH_DIR:-target/bench-import}
mkdir -p "$OUT"
if [ -z "${DEFUSE_BIN:-}" ]; then
  cargo build --release -p defuse -q
  DEFUSE_BIN=${CARGO_TARGET_DIR:-target}/release/defuse
fi
INPUT="$OUT/mentions-$N.jsonl"
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
rnd = random.Random(7)
brands = ["Облачко", "Oblachko", "#облачко", "АэроСкай", "AeroSky", "@aerosky", "BancaVerde"]
sources = ["vk", "telegram", "x", "facebook", "ok"]
with open(out, "w", encoding="utf-8") as f:
    for i in range(n):
        src = sources[i % len(sources)]
        mid = i if rnd.random() > 0.05 or i < 10 else rnd.randrange(i)
        t = texts[rnd.randrange(len(texts))]
        m = {"source": src, "id": str(mid),
             "created_at": f"2026-11-{18 + (i * 7) // n:02d}T{(i // 3600) % 24:02d}:{(i // 60) % 60:02d}:{i % 60:02d}+03:00",
             "author": {"id": f"u{rnd.randrange(n // 3 + 1)}", "followers": rnd.choice([12, 150, 800, 3000, 45000])},
             "metrics": {"likes": rnd.randrange(20), "reposts": rnd.randrange(5)}}
        if i > 100 and rnd.random() < 0.3:
            m["parent_id"] = str(i - len(sources) * (1 + rnd.randrange(20)))
            m["text"] = t
        elif rnd.random() < 0.1:
            m["text"] = t
        else:
            m["text"] = f"{brands[rnd.randrange(len(brands))]} {t}"
        f.write(json.dumps(m, ensure_ascii=False) + "\n")
PY
fi
LINES=$(wc -l < "$INPUT")
DIR="$OUT/data"
rm -rf "$DIR"
"$DEFUSE_BIN" init --data "$DIR" >/dev/null
cat >> "$DIR/defuse.toml" <<'TOML'
[[brands]]
name = "Облачко"
aliases = ["Oblachko"]
hashtags = ["#облачко"]
[[brands]]
name = "AeroSky"
aliases = ["АэроСкай"]
handles = ["aerosky"]
[[brands]]
name = "BancaVerde"
TOML
TIMEF="$OUT/time.txt"
start=$(date +%s.%N)
/usr/bin/time -v -o "$TIMEF" "$DEFUSE_BIN" import --data "$DIR" --json "$INPUT" > "$OUT/summary.json"
end=$(date +%s.%N)
secs=$(python3 -c "print(round($end - $start, 2))")
rss=$(awk -F: '/Maximum resident/ {gsub(/ /, "", $2); print int($2 / 1024)}' "$TIMEF")
rate=$(python3 -c "print(int($LINES / ($end - $start)))")
echo "lines $LINES · seconds $secs · $rate lines/s · max RSS ${rss} MB · cores $(nproc)"
echo "summary: $(cat "$OUT/summary.json")"
echo "database: $(du -h "$DIR/defuse.db" | cut -f1)"
