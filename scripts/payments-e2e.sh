#!/usr/bin/env bash
# Payments through the `candor` binary as an operator runs them (SQLite): serve, take two
# bank debits over HTTP with an Idempotency-Key (one sent twice) and a third for a later day,
# export the day's NACHA file, check it with scripts/nacha/check.py (skipped, saying so,
# without the PyPI `ach`), export again (nothing left), apply returns (R01; then R10, which
# revokes the authorization: the later debit is cancelled, a new debit from the account is
# refused until a supervisor records a new authorization), verify the audit trail, tamper
# with it, see the break.
# Usage: scripts/payments-e2e.sh path/to/candor
set -euo pipefail
CANDOR=${1:?path to the candor binary}
HERE=$(cd "$(dirname "$0")/.." && pwd)
. "$HERE/scripts/lib/e2e.sh" pay
printf '%s\n' \
  'account_number,first_name,last_name,state,postal_code,itemization_date_type,itemization_date,itemization_amount,fees_since,current_balance' \
  'AC-1,Maria,Lopez,MA,02139,charge_off,2025-12-31,100.00,5.25,105.25' > "$WORK/p.csv"
"$CANDOR" import placements "$WORK/p.csv" --client ACME --database "$DB" >/dev/null 2>&1
printf '%s\n' 'payments e2e password 1' | "$CANDOR" users add root --role admin --database "$DB" >/dev/null
"$CANDOR" serve --database "$DB" --port "$PORT" > "$WORK/serve.log" 2>&1 &
SERVER=$!
DAY=$(date -u -d tomorrow +%F)
LATER=$(date -u -d '+3 days' +%F)

if PYTHONPATH="$HERE/scripts/lib" python3 - "$PORT" "$DAY" "$LATER" <<'PY'
import json, sys
from e2e_api import signed_in
port, day, later = sys.argv[1], sys.argv[2], sys.argv[3]
call, auth = signed_in(port, "root", "payments e2e password 1")
_, page = call("GET", "/api/accounts", headers=auth)
account = page["accounts"][0]["id"]
def debit(key, sec, when=day):
    return call("POST", f"/api/accounts/{account}/payments", {"amount_cents": 1500, "method": "bank", "bank": {
        "holder_name": "Maria Lopez", "routing_number": "011000015", "account_number": "000123456789",
        "sec_code": sec, "recording_reference": "REC-77", "debit_date": when}}, {**auth, "Idempotency-Key": key})
a, b, c = debit("k-ppd", "PPD"), debit("k-ppd", "PPD"), debit("k-tel", "TEL")
assert (a[0], b[0], c[0]) == (201, 200, 201), (a, b, c)
assert a[1]["id"] == b[1]["id"] and a[1]["bank_account"] == "****6789", (a, b)
d = debit("k-later", "TEL", later)
assert d[0] == 201 and d[1]["status"] == "scheduled", d
PY
then ok "three debits taken over HTTP (one for a later day), the repeated key returned the first"; else bad "taking debits over HTTP"; fi
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""

export CANDOR_NACHA_ODFI_ROUTING=091000019 CANDOR_NACHA_ODFI_NAME="First Example Bank" \
       CANDOR_NACHA_COMPANY_NAME="CANDOR COLLECT" CANDOR_NACHA_COMPANY_ID=1234567890
if "$CANDOR" payments nacha --date "$DAY" --output "$WORK/d.ach" --database "$DB" | grep -q '"entries": 2'; then
  ok "nacha: 2 entries exported"; else bad "nacha export"; fi
if python3 -c 'import ach.parser' 2>/dev/null; then
  if python3 "$HERE/scripts/nacha/check.py" "$WORK/d.ach"; then ok "check.py accepts the file"; else bad "check.py"; fi
else
  echo "SKIPPED - check.py: python3 cannot import the PyPI package ach (pip install ach)"
fi
"$CANDOR" payments nacha --date "$DAY" --output "$WORK/again.ach" --database "$DB" 2>/dev/null
if [ ! -e "$WORK/again.ach" ]; then ok "a second export finds nothing left"; else bad "debits exported twice"; fi

# The bank returns the TEL debit (R01): build its return file from the exported entry.
python3 - "$WORK/d.ach" "$WORK/returns.ach" <<'PY'
import sys
lines = [l.rstrip("\r\n") for l in open(sys.argv[1])]
tel = [l for l in lines if l.startswith("6")][-1]          # batches are PPD then TEL
pad = lambda s, n: (s + " " * n)[:n]
out = [lines[0], tel[:79] + "000000000000001", pad("799R01" + tel[79:94] + "      " + tel[3:11], 79) + "000000000000001", "9" * 94]
open(sys.argv[2], "w").write("\n".join(out) + "\n")
PY
if "$CANDOR" payments returns "$WORK/returns.ach" --database "$DB" | grep -q '"result": "reversed"'; then
  ok "payments returns: the returned debit is reversed"; else bad "payments returns"; fi
if "$CANDOR" payments returns "$WORK/returns.ach" --database "$DB" | grep -q '"result": "already_reversed"'; then
  ok "payments returns again: nothing reversed twice"; else bad "payments returns re-run"; fi

# The consumer denies the PPD debit (R10): the authorization for the bank account is revoked,
# the debit still scheduled for a later day from the same account is cancelled.
python3 - "$WORK/d.ach" "$WORK/revoked.ach" <<'PY'
import sys
lines = [l.rstrip("\r\n") for l in open(sys.argv[1])]
ppd = [l for l in lines if l.startswith("6")][0]
pad = lambda s, n: (s + " " * n)[:n]
out = [lines[0], ppd[:79] + "000000000000001", pad("799R10" + ppd[79:94] + "      " + ppd[3:11], 79) + "000000000000001", "9" * 94]
open(sys.argv[2], "w").write("\n".join(out) + "\n")
PY
out=$("$CANDOR" payments returns "$WORK/revoked.ach" --database "$DB")
if echo "$out" | grep -q '"result": "reversed"' && echo "$out" | grep -q '"result": "authorization_revoked", "bank_account": "\*\*\*\*6789"' \
   && [ "$(echo "$out" | grep -c '"result": "cancelled"')" = 1 ]; then
  ok "payments returns R10: reversed, authorization revoked, the later debit cancelled"; else bad "payments returns R10: $out"; fi
out=$("$CANDOR" payments returns "$WORK/revoked.ach" --database "$DB")
if echo "$out" | grep -q '"result": "already_reversed"' && ! echo "$out" | grep -q 'cancelled\|authorization_revoked'; then
  ok "payments returns R10 again: nothing revoked or cancelled twice"; else bad "payments returns R10 re-run: $out"; fi
"$CANDOR" serve --database "$DB" --port "$PORT" > "$WORK/serve2.log" 2>&1 &
SERVER=$!
if PYTHONPATH="$HERE/scripts/lib" python3 - "$PORT" "$LATER" <<'PY'
import json, sys
from e2e_api import signed_in
port, later = sys.argv[1], sys.argv[2]
call, auth = signed_in(port, "root", "payments e2e password 1")
account = call("GET", "/api/accounts", headers=auth)[1]["accounts"][0]["id"]
bank = {"routing_number": "011000015", "account_number": "000123456789"}
def debit(key):
    return call("POST", f"/api/accounts/{account}/payments", {"amount_cents": 1000, "method": "bank", "bank": {
        **bank, "holder_name": "Maria Lopez", "sec_code": "TEL", "recording_reference": "REC-78", "debit_date": later}},
        {**auth, "Idempotency-Key": key})
refused = debit("k-after")
assert refused[0] == 422 and refused[1]["error"]["field"] == "bank.account_number", refused
lifted = call("POST", f"/api/accounts/{account}/bank-authorizations", {**bank, "sec_code": "TEL", "reference": "REC-2026-0107"}, auth)
assert lifted[0] == 200 and [l["reason_code"] for l in lifted[1]["lifted"]] == ["R10"], lifted
taken = debit("k-after")
assert taken[0] == 201, taken
# Later the consumer says on a call: stop debiting that account. The scheduled debit is cancelled.
told = call("POST", f"/api/accounts/{account}/bank-authorizations/revocations",
            {"routing_number": "011000015", "account_last4": "6789", "channel": "phone", "reference": "REC-2026-0601"}, auth)
assert told[0] == 201 and [c["payment_id"] for c in told[1]["cancelled"]] == [taken[1]["id"]], told
again = call("POST", f"/api/accounts/{account}/bank-authorizations/revocations",
             {"routing_number": "011000015", "account_last4": "6789", "channel": "letter", "reference": "LTR-9"}, auth)
assert again[0] == 200 and again[1]["already_revoked"] and again[1]["cancelled"] == [], again
refused = debit("k-after-notice")
assert refused[0] == 422 and "consumer's notice by phone" in refused[1]["error"]["message"], refused
PY
then ok "after R10 a debit is refused (422, bank.account_number); a new authorization lets it through; the consumer's own notice cancels it and blocks again"
else bad "revoked authorization over HTTP"; fi
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""

# The bank's notification of change for the TEL debit: the account number is now 55554444 (C01).
python3 - "$WORK/d.ach" "$WORK/noc.ach" <<'PY'
import sys
lines = [l.rstrip("\r\n") for l in open(sys.argv[1])]
tel = [l for l in lines if l.startswith("6")][-1]
pad = lambda s, n: (s + " " * n)[:n]
cor = "626" + tel[3:29] + "0000000000" + tel[39:79] + "000000000000001"
out = [lines[0], cor, pad("798C01" + tel[79:94] + "      " + tel[3:11] + pad("55554444", 29), 79) + "000000000000001", "9" * 94]
open(sys.argv[2], "w").write("\n".join(out) + "\n")
PY
out=$("$CANDOR" payments returns "$WORK/noc.ach" --database "$DB")
again=$("$CANDOR" payments returns "$WORK/noc.ach" --database "$DB")
if echo "$out" | grep -q '"change_code": "C01".*"result": "corrected".*"bank_account": "\*\*\*\*4444"' \
   && echo "$again" | grep -q '"result": "already_corrected"'; then
  ok "payments returns with a notification of change (C01): recorded once, the corrected account shown masked"
else bad "notification of change: $out / $again"; fi

printf 'short line\n' > "$WORK/bad.ach"
set +e
out=$("$CANDOR" payments returns "$WORK/bad.ach" --database "$DB" 2>&1); rc=$?
set -e
if [ "$rc" != 0 ] && echo "$out" | grep -q "line 1"; then ok "a malformed return file names the line"; else bad "bad return file: rc=$rc $out"; fi

if "$CANDOR" audit verify --database "$DB" | grep -q "OK"; then ok "audit verify: OK"; else bad "audit verify on an intact trail"; fi
python3 - "$WORK/c.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("DROP TRIGGER audit_entries_no_update")
db.execute("UPDATE audit_entries SET actor = 'mallory' WHERE sequence = 2")
db.commit()
PY
set +e
out=$("$CANDOR" audit verify --database "$DB"); rc=$?
set -e
if [ "$rc" = 1 ] && echo "$out" | grep -q "entry 2"; then ok "audit verify finds the tampered entry 2 (exit 1)"; else bad "audit verify after tampering: rc=$rc $out"; fi

echo "payments e2e: $pass passed, $fail failed"
[ "$fail" = 0 ]
