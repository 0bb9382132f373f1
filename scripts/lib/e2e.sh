# Shared by the end-to-end scripts (source it after setting CANDOR): a work directory removed
# on exit, a server PID killed on exit, pass/fail counters, a fresh SQLite database with
# client ACME, and a free-ish port.
# usage: . "$(dirname "$0")/lib/e2e.sh" NAME
WORK=$(mktemp -d "/tmp/candor-$1-e2e.XXXXXX")
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); echo "ok - $*"; }
bad() { fail=$((fail + 1)); echo "FAILED - $*"; }
DB="sqlite://$WORK/c.sqlite"
PORT=$((20000 + RANDOM % 20000))
"$CANDOR" clients add ACME --name "Acme Bank" --database "$DB" >/dev/null 2>&1
