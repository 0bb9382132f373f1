#!/usr/bin/env python3
"""The phrase table on written sentences, no audio: how many of the ways people say each thing
it finds, and how often it fires on sentences that share the words but must not get the code
("we are not going to sue you", "are you a lawyer?"). It checks the table's wording, not
recognition; the blind sets in docs/PERFORMANCE.md check both.

Corpus files (scripts/speech/phrasings/*.json): {"CODE": {"positive": [...], "negative": [...]}},
written by engineers who did not look at the table (docs/SPEECH.md). Each sentence becomes one
call: a greeting, then the sentence on the speaker's channel (for THIRD_PARTY_DISCLOSURE after
"this is his wife, he is not home"), re-scored with `candor speech rescore`.

usage: text_eval.py [--candor BIN] [--phrases TABLE] [--show CODE|ALL] [--min-recall R] [--max-false N] CORPUS.json ...
Exit 1 when recall is under --min-recall or more than --max-false negatives fire.
"""
import argparse, collections, json, os, subprocess, sys, tempfile

AGENT = {"THREAT_HARM", "ABUSIVE_LANGUAGE", "THREAT_LEGAL_ACTION", "THREAT_ARREST", "FALSE_AFFILIATION",
         "THIRD_PARTY_DISCLOSURE", "DISCLOSURE_MINI_MIRANDA", "DISCLOSURE_RECORDING"}


def calls_for(files):
    calls, meta = [], {}
    for f in files:
        name = os.path.splitext(os.path.basename(f))[0]
        for code, d in json.load(open(f)).items():
            for kind in ("positive", "negative"):
                for i, s in enumerate(d.get(kind, [])):
                    cid = f"{code}.{kind[:3]}.{name}{i}"
                    sp = "agent" if code in AGENT else "consumer"
                    turns = [{"speaker": "agent", "start": 0, "end": 2, "hearings": ["Hello, this is Karen calling about an account."]}]
                    t = 2
                    if code == "THIRD_PARTY_DISCLOSURE":
                        turns.append({"speaker": "consumer", "start": 2, "end": 4, "hearings": ["Sorry, this is his wife, he is not home right now."]}); t = 4
                    elif sp == "agent":
                        turns.append({"speaker": "consumer", "start": 2, "end": 4, "hearings": ["Okay, go ahead."]}); t = 4
                    turns.append({"speaker": sp, "start": t, "end": t + 3, "hearings": [s]})
                    calls.append({"call": cid + ".wav", "channels": 2, "duration_s": t + 3, "turns": turns})
                    meta[cid] = (code, kind, s, sp)
    return calls, meta


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="+")
    ap.add_argument("--candor", default=os.environ.get("CANDOR_BIN", "candor"))
    ap.add_argument("--phrases")
    ap.add_argument("--show")
    ap.add_argument("--min-recall", type=float, default=0)
    ap.add_argument("--max-false", type=int, default=-1)
    a = ap.parse_args()
    calls, meta = calls_for(a.corpus)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as tmp:
        tmp.write("\n".join(json.dumps(c) for c in calls) + "\n")
    cmd = [a.candor, "speech", "rescore", tmp.name] + (["--phrases", a.phrases] if a.phrases else [])
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    os.unlink(tmp.name)
    st = collections.defaultdict(lambda: [0, 0, 0, 0])
    for line in out.splitlines():
        r = json.loads(line)
        code, kind, s, sp = meta[r["call"][:-4]]
        hit = code in {f["code"] for f in r["findings"] if f["speaker"] == sp}
        row = st[code]
        if kind == "positive":
            row[0] += 1; row[1] += hit
            if a.show in (code, "ALL") and not hit: print(f"  missed   {code} | {s}")
        else:
            row[2] += 1; row[3] += hit
            if a.show in (code, "ALL") and hit: print(f"  wrongly  {code} | {s}")
    n = found = negs = wrong = 0
    print(f"{'code':28} {'found':>9} {'recall':>6}   {'fired on negatives':>18}")
    for code, (p, h, nn, f) in sorted(st.items()):
        print(f"{code:28} {h:>4}/{p:<4} {h / max(p, 1):6.2f}   {f:>8}/{nn}")
        n += p; found += h; negs += nn; wrong += f
    recall = found / max(n, 1)
    print(f"{'ALL':28} {found:>4}/{n:<4} {recall:6.2f}   {wrong:>8}/{negs}")
    ok = recall >= a.min_recall and (a.max_false < 0 or wrong <= a.max_false)
    if not ok:
        print(f"FAIL: recall {recall:.2f} (minimum {a.min_recall}), {wrong} negatives fired (maximum {a.max_false})", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
