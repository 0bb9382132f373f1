#!/usr/bin/env bash
# The `candor` binary end to end, as an operator would use it: the shared placement example,
# an unusable file, and an import killed with SIGKILL mid-file then re-run.
# Usage: scripts/cli-e2e.sh path/to/candor
set -euo pipefail
CANDOR=${1:?path to the candor binary}
HERE=$(cd "$(dirname "$0")/.." && pwd)
SHARED="$HERE/../shared/examples"
WORK=$(mktemp -d /tmp/candor-e2e.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); echo "ok - $*"; }
bad() { fail=$((fail + 1)); echo "FAILED - $*"; }

run_suite() {
  local label=$1 url=$2
  echo "--- $label"
  "$CANDOR" clients add ACME --name "Acme Bank" --database "$url" >/dev/null
  if [ -f "$SHARED/placements-small.csv" ]; then
    "$CANDOR" import placements "$SHARED/placements-small.csv" --client ACME --database "$url" > "$WORK/summary.json"
    if python3 - "$WORK/summary.json" "$SHARED/placements-small.expected.json" <<'PY'
import json, sys
got = json.load(open(sys.argv[1])); want = json.load(open(sys.argv[2]))
for k in ("rows", "accepted", "rejected", "duplicates"):
    assert got[k] == want[k], (k, got[k], want[k])
assert [(e["line"], e["column"]) for e in got["errors"]] == [(e["line"], e["column"]) for e in want["errors"]], got["errors"]
PY
    then ok "$label: shared example summary matches"; else bad "$label: shared example summary"; fi
  fi

  printf 'account_number,first_name\nX1,Ann\n' > "$WORK/bad.csv"
  if "$CANDOR" import placements "$WORK/bad.csv" --client ACME --database "$url" 2> "$WORK/err.txt"; then
    bad "$label: a file without required columns must exit non-zero"
  else
    grep -q "current_balance" "$WORK/err.txt" && ok "$label: unusable file refused, naming the missing column" || bad "$label: message names the column: $(cat "$WORK/err.txt")"
  fi
  if "$CANDOR" import placements "$WORK/bad.csv" --client NOPE --database "$url" 2> "$WORK/err.txt"; then
    bad "$label: unknown client must exit non-zero"
  else ok "$label: unknown client refused"; fi

  # Kill -9 mid-import, then re-run: whole batches only, and the re-run completes the file.
  "$CANDOR" clients add BIG --name "Big Bank" --database "$url" >/dev/null
  "$CANDOR" demo placements --rows 60000 --seed 5 --output "$WORK/big.csv"
  "$CANDOR" import placements "$WORK/big.csv" --client BIG --batch-size 500 --database "$url" > /dev/null 2>&1 &
  local pid=$!
  local n=0
  for _ in $(seq 1 600); do
    n=$(count_accounts "$url" BIG)
    [ "$n" -gt 2000 ] && break
    sleep 0.05
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  n=$(count_accounts "$url" BIG)
  if [ $((n % 500)) -eq 0 ]; then ok "$label: killed at $n accounts: whole batches only"; else bad "$label: $n accounts after kill is not whole batches"; fi
  "$CANDOR" import placements "$WORK/big.csv" --client BIG --database "$url" > "$WORK/resume.json" 2>/dev/null
  n2=$(count_accounts "$url" BIG)
  if python3 -c "import json,sys; s=json.load(open('$WORK/resume.json')); assert s['accepted']+s['duplicates']==60000 and s['duplicates']>=$n, s" && [ "$n2" -eq 60000 ]; then
    ok "$label: re-run completed the import (60000 accounts, none twice)"
  else bad "$label: re-run left $n2 accounts"; fi
}

count_accounts() {
  local url=$1 code=$2
  case "$url" in
    sqlite://*) sqlite3 "${url#sqlite://}" "SELECT COUNT(*) FROM accounts a JOIN clients c ON c.id=a.client_id WHERE c.code='$code'" 2>/dev/null || echo 0 ;;
    postgres*) psql "$url" -Atc "SELECT COUNT(*) FROM accounts a JOIN clients c ON c.id=a.client_id WHERE c.code='$code'" 2>/dev/null || echo 0 ;;
  esac
}

run_suite sqlite "sqlite://$WORK/e2e.sqlite"
if [ -n "${CANDOR_TEST_POSTGRES_URL:-}" ]; then
  psql "$CANDOR_TEST_POSTGRES_URL" -qc "DROP DATABASE IF EXISTS candor_e2e" -c "CREATE DATABASE candor_e2e" >/dev/null
  PGURL="${CANDOR_TEST_POSTGRES_URL%/*}/candor_e2e"
  export CANDOR_ENCRYPTION_KEY=$(python3 -c "import os,base64;print(base64.b64encode(os.urandom(32)).decode())")
  run_suite postgres "$PGURL"
  unset CANDOR_ENCRYPTION_KEY
  if "$CANDOR" import placements "$WORK/bad.csv" --client ACME --database "$PGURL" 2> "$WORK/err.txt"; then
    bad "postgres without a key must refuse"
  else grep -q "CANDOR_ENCRYPTION_KEY" "$WORK/err.txt" && ok "postgres without an encryption key is refused, naming the setting" || bad "key message: $(cat "$WORK/err.txt")"; fi
  psql "$CANDOR_TEST_POSTGRES_URL" -qc "DROP DATABASE IF EXISTS candor_e2e WITH (FORCE)" >/dev/null || true
else
  echo "skipped: PostgreSQL e2e (CANDOR_TEST_POSTGRES_URL not set)"
fi

if "$CANDOR" import placements /nonexistent.csv --client ACME --database "sqlite://$WORK/e2e.sqlite" 2>/dev/null; then
  bad "missing file must exit non-zero"; else ok "missing file refused"; fi
if "$CANDOR" migrate --database "postgres://nobody@127.0.0.1:1/none" 2> "$WORK/err.txt"; then
  bad "unreachable database must exit non-zero"
else grep -qi "cannot connect" "$WORK/err.txt" && ok "unreachable database: clear message" || bad "db message: $(cat "$WORK/err.txt")"; fi

# Compliance engine: the shared scenarios, byte for byte; a malformed scenario file exits 1.
if [ -f "$SHARED/contact-scenarios.json" ]; then
  "$CANDOR" compliance decide "$SHARED/contact-scenarios.json" > "$WORK/decisions.json"
  if cmp -s "$WORK/decisions.json" "$SHARED/contact-expected.json"; then ok "compliance decide reproduces contact-expected.json exactly"
  else bad "compliance decide differs from contact-expected.json"; fi
fi
echo '[{"id":"bad","now":"yesterday"}]' > "$WORK/bad-scenarios.json"
if "$CANDOR" compliance decide "$WORK/bad-scenarios.json" > "$WORK/bad-decisions.json"; then bad "a malformed scenario must exit 1"
else grep -q '"error"' "$WORK/bad-decisions.json" && ok "malformed scenario answered with an error object, exit 1" || bad "no error object"; fi

# Dialer simulation: bad input names the key; a small run prints the spec's fields.
echo '{"n_agents": 0}' > "$WORK/sim-bad.json"
if "$CANDOR" dialer simulate "$WORK/sim-bad.json" > /dev/null 2> "$WORK/err.txt"; then bad "zero agents must be refused"
else grep -q "n_agents" "$WORK/err.txt" && ok "dialer simulate refuses zero agents, naming the key" || bad "message: $(cat "$WORK/err.txt")"; fi
echo '{"runs": 2, "n_agents": 5, "shift_s": 3600}' > "$WORK/sim.json"
if "$CANDOR" dialer simulate "$WORK/sim.json" | python3 -c "import json,sys; d=json.load(sys.stdin); p=d['pacers']; assert {x['pacer'] for x in p} >= {'progressive','candor'}; assert all(x['runs_over_cap']>=0 and 0<=x['talk_occupancy']<=1 for x in p)"; then
  ok "dialer simulate prints every pacer's figures"; else bad "dialer simulate output"; fi

# Speech: an unreadable file gets an error object, not a crash.
echo "not audio" > "$WORK/bad.wav"
if "$CANDOR" speech analyze "$WORK/bad.wav" | grep -q '"error"'; then ok "speech analyze answers a bad WAV with an error object"; else bad "speech analyze on a bad WAV"; fi

echo "cli-e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
