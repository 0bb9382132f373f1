#!/usr/bin/env bash
# Builds the labeled set, voices it at 8 kHz, and reports per-code precision/recall and the
# real-time factor on the held-out split. usage: scripts/speech/run-eval.sh [OUT] [CANDOR_BIN] [SPLIT]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-/tmp/candor-speech-eval}"
candor="${2:-candor}"
split="${3:-heldout}"
shared="${CANDOR_SHARED:-$here/../../../shared}"
python3 "$here/make_calls.py" "$out/sets" 30 40
python3 "$shared/tools/synth_calls.py" "$out/sets/$split.json" "$out/wav-$split" 8000
"$candor" bench speech "$out/wav-$split"/*.wav --analyses "$out/$split.jsonl" | tee "$out/$split-rtf.txt"
python3 "$here/evaluate.py" "$out/sets/$split.json" "$out/$split.jsonl" | tee "$out/$split-quality.txt"
