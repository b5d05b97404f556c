#!/usr/bin/env python3
"""Checks the facts of corpus/seeds.expected.json (copied from the sample
articles' expected extraction) against what the chain emits up to a stage.

normalize: metadata (title, outlet, byline, dateline, published) and the
'absent' strings (page boilerplate) that must appear nowhere in the output.
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


CHECKS = {"normalize": [check_normalize]}


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
