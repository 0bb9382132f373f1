#!/usr/bin/env bash
# Placement import benchmark: `candor import placements` against the same CSV loaded by
# `sqlite3 .import` into an equivalent table and by PostgreSQL `COPY`, side by side in one run.
# Usage: Benchmarks/import.sh [ROWS] (default 1000000). Needs a release build
# (`swift build -c release`), sqlite3, GNU time, and for PostgreSQL CANDOR_BENCH_POSTGRES_URL
# (an admin URL; a database candor_bench is created and dropped).
set -euo pipefail
ROWS=${1:-1000000}
cd "$(dirname "$0")/.."
CANDOR=${CANDOR_BIN:-$(swift build -c release --show-bin-path)/candor}
[ -x "$CANDOR" ] || { echo "build first: swift build -c release" >&2; exit 1; }
WORK=$(mktemp -d /tmp/candor-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
CSV="$WORK/placements.csv"
"$CANDOR" demo placements --rows "$ROWS" --seed 1 --output "$CSV"
echo "file: $ROWS rows, $(du -h "$CSV" | cut -f1)"
HEADER=$(head -n 1 "$CSV")
COLS=$(echo "$HEADER" | tr ',' '\n' | sed 's/$/ TEXT/' | paste -sd, -)

measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" > /dev/null 2> "$WORK/stderr" || { cat "$WORK/stderr"; return 1; }
  read -r secs kb < "$WORK/time"
  printf '%-34s %8.2f s %8d MB peak RSS\n' "$label" "$secs" $((kb / 1024))
}

echo "--- SQLite"
"$CANDOR" clients add BENCH --name Bench --database "sqlite://$WORK/candor.sqlite" > /dev/null 2>&1
measure "candor import (SQLite)" "$CANDOR" import placements "$CSV" --client BENCH --database "sqlite://$WORK/candor.sqlite"
sqlite3 "$WORK/baseline.sqlite" "CREATE TABLE placements_raw ($COLS);"
measure "sqlite3 .import (baseline)" sqlite3 "$WORK/baseline.sqlite" ".import --csv --skip 1 $CSV placements_raw"

if [ -n "${CANDOR_BENCH_POSTGRES_URL:-}" ]; then
  echo "--- PostgreSQL"
  psql "$CANDOR_BENCH_POSTGRES_URL" -qc "DROP DATABASE IF EXISTS candor_bench WITH (FORCE)" -c "CREATE DATABASE candor_bench" > /dev/null
  PG="${CANDOR_BENCH_POSTGRES_URL%/*}/candor_bench"
  export CANDOR_ENCRYPTION_KEY=$(python3 -c "import os,base64;print(base64.b64encode(os.urandom(32)).decode())")
  "$CANDOR" clients add BENCH --name Bench --database "$PG" > /dev/null 2>&1
  measure "candor import (PostgreSQL)" "$CANDOR" import placements "$CSV" --client BENCH --database "$PG"
  psql "$PG" -qc "CREATE TABLE placements_raw ($COLS)" > /dev/null
  measure "psql \\copy (baseline)" psql "$PG" -qc "\\copy placements_raw FROM '$CSV' WITH (FORMAT csv, HEADER true)"
  psql "$CANDOR_BENCH_POSTGRES_URL" -qc "DROP DATABASE IF EXISTS candor_bench WITH (FORCE)" > /dev/null
fi
