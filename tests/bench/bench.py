#!/usr/bin/env python3
"""Benchmark (not a test): throughput and peak memory of the stages.

Builds a corpus of at least --mb megabytes of article text from corpus/*.txt
(varied ids, paragraphs shuffled per copy, documents shuffled), then runs
each stage alone on its own input and the whole default chain, --runs times
each, and prints the median wall time, MB of article text per wall second
and per CPU second, documents per second, and peak RSS.

    python3 tests/bench/bench.py --bin build/bin [--mb 50] [--runs 3]
"""
import argparse
import glob
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

STAGES = ["normalize", "tag"]  # grows with the default chain


def build_corpus(corpus_dir, mb, path, seed=1):
    rng = random.Random(seed)
    articles = []
    for f in sorted(glob.glob(os.path.join(corpus_dir, "*.txt"))):
        with open(f, encoding="utf-8", errors="replace") as fh:
            articles.append(fh.read())
    if not articles:
        sys.exit("no articles in " + corpus_dir)
    target = mb * 1_000_000
    total = docs = 0
    with open(path, "w", encoding="utf-8") as out:
        while total < target:
            paras = rng.choice(articles).split("\n\n")
            head, body = paras[:4], paras[4:]
            rng.shuffle(body)
            text = "\n\n".join(head + body)
            out.write(json.dumps({"id": "bench-%07d-%04x" % (docs, rng.getrandbits(16)),
                                  "text": text}, ensure_ascii=False) + "\n")
            total += len(text.encode("utf-8"))
            docs += 1
    # Shuffle documents so no two neighbours come from the same order.
    with open(path, encoding="utf-8") as fh:
        lines = fh.readlines()
    rng.shuffle(lines)
    with open(path, "w", encoding="utf-8") as out:
        out.writelines(lines)
    return total, docs


def run_once(cmd, stdin_path, shell=False):
    """Runs cmd with stdin from a file and stdout to /dev/null; returns
    (wall seconds, cpu seconds, peak RSS in KiB) summed/maxed over the
    processes when cmd is a shell pipeline."""
    with open(stdin_path, "rb") as fin, open(os.devnull, "wb") as fout:
        before = os.times()
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdin=fin, stdout=fout, shell=shell)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        after = os.times()
    if status != 0:
        sys.exit(f"{cmd}: exit status {status}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu, ru.ru_maxrss


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default="build/bin")
    ap.add_argument("--corpus", default=os.path.join(os.path.dirname(__file__), "..", "..", "corpus"))
    ap.add_argument("--mb", type=int, default=50)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep", help="directory to keep the generated inputs in")
    ap.add_argument("--build-only", metavar="PATH", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.build_only:
        total, docs = build_corpus(args.corpus, args.mb, args.build_only)
        print(total, docs)
        return
    work = args.keep or tempfile.mkdtemp(prefix="whosaid-bench-")
    os.makedirs(work, exist_ok=True)
    corpus = os.path.join(work, "corpus.jsonl")
    # Built in a child process: a forked child's peak RSS counts the parent's
    # heap from before exec, so this process must stay small.
    out = subprocess.run([sys.executable, __file__, "--build-only", corpus, "--corpus", args.corpus,
                          "--mb", str(args.mb)], check=True, capture_output=True, text=True)
    text_bytes, docs = map(int, out.stdout.split())
    mb = text_bytes / 1e6
    print(f"corpus: {docs} documents, {mb:.1f} MB of article text ({os.path.getsize(corpus) / 1e6:.1f} MB JSON Lines)")
    print(f"machine: {os.cpu_count()} cores; {args.runs} runs each, median shown")
    print(f"{'stage':<22}{'wall s':>8}{'MB/s':>9}{'MB/cpu-s':>10}{'docs/s':>10}{'peak RSS MB':>13}")
    # Each stage alone reads the previous stage's output, made once.
    stage_input = corpus
    rows = []
    for stage in STAGES:
        exe = os.path.join(args.bin, "whosaid-" + stage)
        out_path = os.path.join(work, stage + ".jsonl")
        with open(stage_input, "rb") as fin, open(out_path, "wb") as fout:
            subprocess.run([exe], stdin=fin, stdout=fout, check=True)
        rows.append((stage, [exe], stage_input, False))
        stage_input = out_path
    chain = " | ".join(os.path.join(args.bin, "whosaid-" + s) for s in STAGES)
    if len(STAGES) > 1:
        rows.append(("chain (" + "|".join(STAGES) + ")", chain, corpus, True))
    for name, cmd, inp, shell in rows:
        runs = [run_once(cmd, inp, shell) for _ in range(args.runs)]
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        rss = max(r[2] for r in runs) / 1024
        print(f"{name:<22}{wall:>8.2f}{mb / wall:>9.1f}{mb / cpu if cpu else 0:>10.1f}{docs / wall:>10.0f}{rss:>13.1f}")
    if not args.keep:
        for f in os.listdir(work):
            os.remove(os.path.join(work, f))
        os.rmdir(work)


if __name__ == "__main__":
    main()
