#!/usr/bin/env bash
# The API contract check: schemathesis generates requests from /api/openapi.json and holds the
# server to it — requests valid by the description must be taken, invalid ones refused with a
# documented error, every route behind its token (issue 12, bug 15). Runs against the demo's
# data with open reads off.
#
#   bash scripts/api-contract.sh        # needs `st` (pip install schemathesis) on PATH or ST=…
set -euo pipefail
cd "$(dirname "$0")/.."
ST=${ST:-st}
BIN=${DEFUSE_BIN:-target/debug/defuse}
[ -x "$BIN" ] || cargo build -p defuse -q
DIR=$(mktemp -d)
trap 'kill "${PID:-}" 2>/dev/null || true; rm -rf "$DIR"' EXIT
"$BIN" demo --data "$DIR/desk" --no-serve >/dev/null
sed -i 's/^open_reads = true/open_reads = false/' "$DIR/desk/defuse.toml"
TOKEN=$("$BIN" token create --role admin --name contract --data "$DIR/desk" 2>/dev/null)
"$BIN" serve --data "$DIR/desk" --bind 127.0.0.1:0 >"$DIR/serve.out" 2>"$DIR/serve.err" &
PID=$!
for _ in $(seq 1 100); do
  ADDR=$(sed -n 's/.*on http:\/\///p' "$DIR/serve.out" | head -1)
  [ -n "$ADDR" ] && break
  sleep 0.1
done
[ -n "$ADDR" ] || { cat "$DIR/serve.err" >&2; echo "the server did not start" >&2; exit 1; }
"$ST" --config-file scripts/schemathesis.toml run "http://$ADDR/api/openapi.json" \
  -H "Authorization: Bearer $TOKEN" --max-examples "${EXAMPLES:-25}" \
  --seed "${SEED:-20261207}" --no-color
