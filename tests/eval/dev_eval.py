#!/usr/bin/env python3
"""Measures whosaid-tag on the annotated development data (not a test).

Runs the dev documents through `whosaid-normalize --verbatim | whosaid-tag`
(the document date `dct` becomes meta.published, as a page's date line
would), keeps the spans, and scores them with the shared score.py.
Demonyms ("Chinese": COUNTRY with demonym true) are left out: CoNLL-style
data counts them as MISC, which is not scored.

    python3 tests/eval/dev_eval.py --bin build/bin --task wikigold
    python3 tests/eval/dev_eval.py --bin build/bin --task all

Tasks: wikigold and meantime (PER/ORG/LOC), timex (DATE values), values
(STAT against QUANTITY/MONEY/PERCENT). --keep DIR keeps the system output.

MEANTIME's annotators covered only the first lines of each article (title,
date and the first sentences: no gold span anywhere lies past line 6), so
for those tasks system spans after the last line that has gold anywhere in
the file are left out; everything else would count as a false alarm.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared"))

ENTITY_MAP = "PERSON=PER,ORG=ORG,COUNTRY=LOC,LOCATION=LOC"
TASKS = {
    "wikigold": ("wikigold.jsonl",
                 ["--type-map", ENTITY_MAP, "--eval-types", "PER,ORG,LOC", "--snap-tokens"]),
    "meantime": ("meantime_entities.jsonl",
                 ["--gold-filter", "named=true", "--type-map", ENTITY_MAP,
                  "--eval-types", "PER,ORG,LOC", "--snap-tokens"]),
    "timex": ("meantime_timex.jsonl", ["--eval-types", "DATE"]),
    "values": ("meantime_values.jsonl",
               ["--type-map", "STAT=QUANTITY", "--gold-type-map", "MONEY=QUANTITY,PERCENT=QUANTITY",
                "--eval-types", "QUANTITY"]),
}


def annotated_lines(gold_path):
    """How many leading lines of each document the annotators covered."""
    last = 0
    with open(gold_path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            for g in d["gold"]:
                last = max(last, d["text"].count("\n", 0, g["end"]))
    return last + 1


def line_limit(text, lines):
    """Offset where line number `lines` starts (len(text) if fewer lines)."""
    pos = 0
    for _ in range(lines):
        nl = text.find("\n", pos)
        if nl < 0:
            return len(text)
        pos = nl + 1
    return pos


def system_spans(bin_dir, gold_path, out_path, limit_lines=None):
    docs = []
    with open(gold_path, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            rec = {"id": d["id"], "text": d["text"]}
            if d.get("dct"):
                rec["meta"] = {"published": d["dct"][:10]}
            docs.append(json.dumps(rec, ensure_ascii=False))
    chain = f"{bin_dir}/whosaid-normalize --verbatim | {bin_dir}/whosaid-tag"
    res = subprocess.run(chain, shell=True, input="\n".join(docs) + "\n", capture_output=True,
                         text=True, encoding="utf-8")
    if res.returncode != 0:
        sys.exit(f"{chain}: exit status {res.returncode}\n{res.stderr}")
    with open(out_path, "w", encoding="utf-8") as out:
        for line in res.stdout.splitlines():
            r = json.loads(line)
            end = line_limit(r["text"], limit_lines) if limit_lines else len(r["text"])
            spans = [{k: s[k] for k in ("start", "end", "type", "value", "rule") if k in s}
                     for s in r["spans"] if s["start"] < end and not s.get("demonym")]
            out.write(json.dumps({"id": r["id"], "spans": spans}) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default="build/bin")
    ap.add_argument("--task", default="all", choices=sorted(TASKS) + ["all"])
    ap.add_argument("--shared", default=SHARED)
    ap.add_argument("--keep", help="directory for the system output")
    ap.add_argument("--json", action="store_true", help="print score.py's JSON summary only")
    args = ap.parse_args()
    work = args.keep or tempfile.mkdtemp(prefix="whosaid-eval-")
    os.makedirs(work, exist_ok=True)
    for task in sorted(TASKS) if args.task == "all" else [args.task]:
        data, opts = TASKS[task]
        gold = os.path.join(args.shared, "dev", data)
        sys_path = os.path.join(work, task + ".system.jsonl")
        system_spans(args.bin, gold, sys_path,
                     annotated_lines(gold) if task != "wikigold" else None)
        cmd = [sys.executable, os.path.join(args.shared, "eval", "score.py"), gold, sys_path] + opts
        print(f"== {task}: {' '.join(os.path.basename(c) for c in cmd[1:4])} {' '.join(opts)}")
        sys.stdout.flush()
        subprocess.run(cmd, check=True)


if __name__ == "__main__":
    main()
