#!/usr/bin/env python3
"""Score `peoplegraph notes --format json` against labels (the format of
examples/vault/labels.json) and fail below given levels.

Usage: score.py LABELS EXTRACT [--min-p P] [--min-r R] [--min-owner O] [--verbose]

Names compare after NFKD with marks dropped, ø/đ/ł-style letters folded,
curly apostrophes straightened and case folded.  Prints one line per field
and exits 1 when people precision/recall or task-owner F1 fall short.
"""
import json
import sys
import unicodedata

FOLD = str.maketrans({"ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L",
                      "\u2019": "'", "\u2018": "'"})


def key(name):
    s = unicodedata.normalize("NFKD", (name or "").translate(FOLD))
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).casefold().split())


def ratio(a, b):
    return a / b if b else 1.0


def main(argv):
    args = argv[1:]
    opt = {}
    for name in ("--min-p", "--min-r", "--min-owner"):
        if name in args:
            i = args.index(name)
            opt[name] = float(args[i + 1])
            del args[i:i + 2]
    verbose = "--verbose" in args
    if verbose:
        args.remove("--verbose")
    labels = json.load(open(args[0], encoding="utf-8"))
    got = {unicodedata.normalize("NFC", n["path"]): n for n in json.load(open(args[1], encoding="utf-8"))}
    tp = fp = fn = otp = ofp = ofn = dates = 0
    for path, lab in labels.items():
        out = got.get(unicodedata.normalize("NFC", path), {})
        want = {key(x) for x in lab["participants"]} | {key(x) for x in lab["referenced"]}
        have = {key(x) for x in out.get("participants", [])} | {key(x) for x in out.get("referenced", [])}
        # a person in the wrong role counts as one miss
        wrole = {key(x): "p" for x in lab["participants"]}
        wrole.update({key(x): "r" for x in lab["referenced"]})
        hrole = {key(x): "p" for x in out.get("participants", [])}
        hrole.update({key(x): "r" for x in out.get("referenced", [])})
        tp += len(want & have)
        fp += len(have - want)
        fn += len(want - have)
        wrong = {x for x in want & have if wrole[x] != hrole[x]}
        fn += len(wrong)
        if verbose and (have - want or want - have or wrong):
            print(f"{path}: extra={sorted(have - want)} missed={sorted(want - have)} wrong-role={sorted(wrong)}")
        wo = sorted(key(str(t.get("owner"))) for t in lab.get("tasks", []))
        ho = sorted(key(str(t.get("owner"))) for t in out.get("tasks", []))
        m = sum(min(wo.count(x), ho.count(x)) for x in set(wo))
        otp += m
        ofp += len(ho) - m
        ofn += len(wo) - m
        wd = [t.get("due") for t in lab.get("tasks", [])]
        hd = [t.get("due") for t in out.get("tasks", [])]
        if verbose and wd != hd:
            print(f"{path}: due dates {hd} != {wd}")
        if (lab.get("date") or None) == (out.get("date") or None) and wd == hd:
            dates += 1
    p, r = ratio(tp, tp + fp), ratio(tp, tp + fn)
    op, orr = ratio(otp, otp + ofp), ratio(otp, otp + ofn)
    of1 = 2 * op * orr / (op + orr) if op + orr else 0
    print(f"people P={p:.3f} R={r:.3f} (tp={tp} fp={fp} fn={fn}); task owners F1={of1:.3f}; "
          f"dates and dues right in {dates}/{len(labels)} notes")
    ok = (p >= opt.get("--min-p", 0) and r >= opt.get("--min-r", 0) and of1 >= opt.get("--min-owner", 0)
          and dates == len(labels))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
