#!/usr/bin/env python3
"""Per-code precision and recall of `candor speech analyze` output against call-script labels.
A code counts once per call and speaker (shared/spec/speech-findings.md, "Quality"); `missing`
is checked too.

usage: evaluate.py LABELS.json ANALYSES.jsonl      (analyses: bench --analyses or analyze output)
"""
import json, sys
from collections import defaultdict


def main(labels_path, analyses_path):
    calls = {c["id"]: c for c in json.load(open(labels_path))}
    got = {}
    for line in open(analyses_path):
        line = line.strip()
        if not line:
            continue
        a = json.loads(line)
        cid = a["call"].rsplit(".", 1)[0]
        if "error" in a:
            print(f"{cid}: error {a['error']}", file=sys.stderr)
        got[cid] = a
    tp, fp, fn = defaultdict(int), defaultdict(int), defaultdict(int)
    miss_ok = 0
    errors = []
    for cid, c in calls.items():
        truth = {(s, code) for s, code in c["labels"]}
        a = got.get(cid, {})
        found = {(f["speaker"], f["code"]) for f in a.get("findings", [])}
        for key in truth | found:
            code = key[1]
            if key in truth and key in found: tp[code] += 1
            elif key in found: fp[code] += 1; errors.append((cid, "FP", key))
            else: fn[code] += 1; errors.append((cid, "FN", key))
        miss_ok += sorted(a.get("missing", [])) == sorted(c.get("missing", []))
    print(f"{'code':30} {'n':>3} {'tp':>3} {'fp':>3} {'fn':>3} {'precision':>9} {'recall':>6}")
    for code in sorted(set(tp) | set(fp) | set(fn)):
        p = tp[code] / (tp[code] + fp[code]) if tp[code] + fp[code] else float("nan")
        r = tp[code] / (tp[code] + fn[code]) if tp[code] + fn[code] else float("nan")
        print(f"{code:30} {tp[code]+fn[code]:>3} {tp[code]:>3} {fp[code]:>3} {fn[code]:>3} {p:>9.2f} {r:>6.2f}")
    T, F, N = sum(tp.values()), sum(fp.values()), sum(fn.values())
    print(f"{'ALL (micro)':30} {T+N:>3} {T:>3} {F:>3} {N:>3} {T/max(T+F,1):>9.2f} {T/max(T+N,1):>6.2f}")
    print(f"missing exactly right: {miss_ok}/{len(calls)} calls")
    if "-v" in sys.argv:
        for e in errors:
            cid = e[0]
            print(e, "|", " || ".join(f"{t['speaker'][0]}: {t['text']}" for t in got.get(cid, {}).get("transcript", [])))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
