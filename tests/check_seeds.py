#!/usr/bin/env python3
"""Checks the facts of corpus/seeds.expected.json (copied from the sample
articles' expected extraction) against what the chain emits up to a stage.

normalize: metadata (title, outlet, byline, dateline, published) and the
'absent' strings (page boilerplate) that must appear nowhere in the output.
tag: the dates and statistics with their values, units and flags.
Later stages add their facts here as they are built.
"""
import argparse
import json
import os
import subprocess
import sys


def run_chain(bindir, stage, path):
    out = subprocess.run([os.path.join(bindir, "whosaid"), "--until", stage, path],
                         check=True, capture_output=True, env=dict(os.environ, LC_ALL="C"))
    recs = [json.loads(line) for line in out.stdout.decode("utf-8").splitlines()]
    if len(recs) != 1:
        raise SystemExit(f"{path}: {len(recs)} records, want 1")
    return recs[0]


def check_normalize(doc_id, want, rec, problems):
    meta = rec.get("meta", {})
    for key, value in want.get("meta", {}).items():
        if meta.get(key) != value:
            problems.append(f"{doc_id}: meta.{key} = {meta.get(key)!r}, want {value!r}")
    dump = json.dumps(rec, ensure_ascii=False)
    for s in want.get("absent", []):
        if s in dump:
            problems.append(f"{doc_id}: boilerplate {s!r} is still in the output")


def check_tag_values(doc_id, want, rec, problems):
    """Every date and statistic of the expected extraction is a span with its
    value, unit and flags. A date's span covers its text at least; a
    statistic's span text contains text_has, and its unit contains unit_has;
    value, unit and the flags (approx, vague, percent, bound, currency) given
    must be equal."""
    spans = rec.get("spans", [])
    for d in want.get("dates", []):
        hits = [s for s in spans if s.get("type") == "DATE" and d["text"] in s.get("text", "")]
        if not hits:
            problems.append(f"{doc_id}: no DATE span covers {d['text']!r}")
        elif not any(str(s.get("value")) == d["value"] for s in hits):
            got = sorted({str(s.get("value")) for s in hits})
            problems.append(f"{doc_id}: DATE {d['text']!r} has value {got}, want {d['value']!r}")
    for st in want.get("stats", []):
        hits = [s for s in spans
                if s.get("type") == "STAT" and st["text_has"] in s.get("text", "")]
        if not hits:
            problems.append(f"{doc_id}: no STAT span contains {st['text_has']!r}")
            continue
        wrong = []
        for s in hits:
            bad = []
            if "value" in st and s.get("value") != st["value"]:
                bad.append(f"value {s.get('value')!r}, want {st['value']!r}")
            if "unit" in st and s.get("unit") != st["unit"]:
                bad.append(f"unit {s.get('unit')!r}, want {st['unit']!r}")
            if "unit_has" in st and st["unit_has"] not in (s.get("unit") or ""):
                bad.append(f"unit {s.get('unit')!r} lacks {st['unit_has']!r}")
            for flag in ("approx", "vague", "percent", "bound", "currency"):
                if flag in st and s.get(flag) != st[flag]:
                    bad.append(f"{flag} {s.get(flag)!r}, want {st[flag]!r}")
            if not bad:
                break
            wrong.append("; ".join(bad))
        else:
            problems.append(f"{doc_id}: STAT {st['text_has']!r}: " + " | ".join(wrong))


def check_tag_entities(doc_id, want, rec, problems):
    """Every expected entity is tagged with its type, by its canonical name
    or (until whosaid-resolve groups mentions) as written; every listed
    mention surface is tagged with that type. Boilerplate is never tagged."""
    spans = rec.get("spans", [])
    for ent in want.get("entities", []):
        typ, canon = ent["type"], ent["canonical"]
        same = [s for s in spans if s["type"] == typ]
        if not any(s.get("canonical") == canon or s["text"] == canon for s in same):
            problems.append(f"{doc_id}: no {typ} span for {canon!r}")
        code = ent.get("code") or ent.get("country")
        if code and not any(s.get("country") == code for s in same
                            if s.get("canonical") == canon or s["text"] == canon):
            problems.append(f"{doc_id}: {typ} {canon!r} lacks country {code}")
        for m in ent.get("mentions", []):
            if not any(s["text"] == m for s in same):
                problems.append(f"{doc_id}: mention {m!r} of {canon!r} is not tagged {typ}")


CHECKS = {"normalize": [check_normalize],
          "tag": [check_normalize, check_tag_entities, check_tag_values]}


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--stage", default="normalize", choices=sorted(CHECKS))
    args = ap.parse_args()
    with open(os.path.join(args.corpus, "seeds.expected.json"), encoding="utf-8") as f:
        expected = json.load(f)
    problems = []
    checked = 0
    for doc_id, want in expected["docs"].items():
        rec = run_chain(args.bin, args.stage, os.path.join(args.corpus, doc_id + ".txt"))
        for check in CHECKS[args.stage]:
            check(doc_id, want, rec, problems)
        checked += 1
    for p in problems:
        print("FAIL:", p)
    print(f"{checked} documents checked, {len(problems)} problems")
    return 1 if problems or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
