#!/usr/bin/env bash
# Builds the labeled sets, voices one split at 8 kHz, and reports per-code precision/recall and
# the real-time factor on it. SPLIT: tune, heldout or fresh (default heldout; fresh is the one
# to quote, and to run once). Also writes $OUT/$SPLIT-heard.jsonl for `candor speech rescore`.
# usage: scripts/speech/run-eval.sh [OUT] [CANDOR_BIN] [SPLIT]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-/tmp/candor-speech-eval}"
candor="${2:-candor}"
split="${3:-heldout}"
shared="${CANDOR_SHARED:-$here/../../../shared}"
python3 "$here/make_calls.py" "$out/sets" 30 40 120
python3 "$shared/tools/synth_calls.py" "$out/sets/$split.json" "$out/wav-$split" 8000
"$candor" bench speech "$out/wav-$split"/*.wav --analyses "$out/$split.jsonl" --heard "$out/$split-heard.jsonl" | tee "$out/$split-rtf.txt"
python3 "$here/evaluate.py" "$out/sets/$split.json" "$out/$split.jsonl" | tee "$out/$split-quality.txt"
