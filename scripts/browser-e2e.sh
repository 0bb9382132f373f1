#!/usr/bin/env bash
# The agent desktop in a real browser: Debian's chromium + chromium-driver driven by PyPI
# selenium, headless. Sign in as a collector, open an account, record a promise, post a
# payment, see the ledger and the promise change. The server is the `candor` binary on a
# fresh SQLite file. Skipped (exit 0, saying so) when chromium, chromedriver or selenium
# is missing, unless CANDOR_REQUIRE_BROWSER=1 (CI sets it).
# Usage: scripts/browser-e2e.sh path/to/candor
set -euo pipefail
CANDOR=${1:?path to the candor binary}
HERE=$(cd "$(dirname "$0")" && pwd)
CHROME=${CANDOR_CHROMIUM:-/usr/bin/chromium}
DRIVER=${CANDOR_CHROMEDRIVER:-/usr/bin/chromedriver}
if [ ! -x "$CHROME" ] || [ ! -x "$DRIVER" ] || ! python3 -c 'import selenium' 2>/dev/null; then
  if [ "${CANDOR_REQUIRE_BROWSER:-0}" = 1 ]; then echo "browser e2e: chromium, chromedriver or selenium missing" >&2; exit 1; fi
  echo "SKIPPED browser e2e: needs $CHROME, $DRIVER and PyPI selenium (apt-get install chromium chromium-driver; pip install selenium)"
  exit 0
fi
WORK=$(mktemp -d /tmp/candor-browser-e2e.XXXXXX)
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

DB="sqlite://$WORK/c.sqlite"
PORT=$((20000 + RANDOM % 20000))
"$CANDOR" clients add ACME --name "Acme Bank" --database "$DB" >/dev/null
printf '%s\n' \
  'account_number,first_name,last_name,phone1,phone1_type,state,postal_code,itemization_date_type,itemization_date,itemization_amount,fees_since,current_balance' \
  'AC-1,Maria,Lopez,(617) 555-0142,mobile,MA,02139,charge_off,2025-12-31,100.00,5.25,105.25' \
  'AC-2,John,Smith,(214) 555-0100,landline,TX,75201,charge_off,2025-12-31,50.00,0,50.00' > "$WORK/p.csv"
"$CANDOR" import placements "$WORK/p.csv" --client ACME --database "$DB" >/dev/null 2>&1
printf '%s\n' 'browser e2e password 1' | "$CANDOR" users add cora --role collector --clients ACME --name "Cora Collector" --database "$DB" >/dev/null
"$CANDOR" serve --database "$DB" --port "$PORT" > "$WORK/serve.log" 2>&1 &
SERVER=$!
if ! python3 "$HERE/browser/desktop_e2e.py" "http://127.0.0.1:$PORT" cora 'browser e2e password 1' "$CHROME" "$DRIVER"; then
  echo "--- server log ---"; tail -20 "$WORK/serve.log"; exit 1
fi
