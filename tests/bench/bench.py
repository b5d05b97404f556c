#!/usr/bin/env python3
"""Benchmark (not a test): throughput and peak memory of the stages.

Builds a corpus of at least --size megabytes of article text from
corpus/*.txt (varied ids, paragraphs shuffled per copy, documents shuffled),
then runs each stage of the default chain alone on its own input (the
previous stage's output, made once), the whole chain, and `whosaid -j N`
(N = the number of cores) and whosaid-tag under `parallel --pipe -j N` (when
GNU parallel is installed), --runs times each, and prints the median of:
wall seconds, MB of article text per wall second and per CPU second (user +
system of every process), documents per second, and peak RSS (the largest
single process). The stages are those `whosaid --help` names. Then the
floor of each middle stage: its input read (and passed on) by the stages'
record loop with no stage work (build/bench/bench_floor): no stage can be
faster than its floor.

    python3 tests/bench/bench.py --bin build/bin [--size 200] [--runs 3]
    python3 tests/bench/bench.py --bin build/bin --rss-sizes 50,500

--rss-sizes runs each stage once per corpus size and prints its peak RSS,
to show that memory does not grow with the input.

Peak RSS is taken with GNU time (/usr/bin/time, Debian package `time`) when
it is there: a process started by Python inherits the interpreter's ~10 MB
as its peak, one started by GNU time only ~1 MB. Without it the figures
include the interpreter (and say so).
"""
import argparse
import glob
import json
import os
import random
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

GNU_TIME = "/usr/bin/time"
KNOWN_ORDER = ["normalize", "tag", "resolve", "claims"]


def discover_stages(bindir):
    """The default chain as `whosaid --help` prints it, else the known
    order filtered by the programs present."""
    try:
        out = subprocess.run([os.path.join(bindir, "whosaid"), "--help"], capture_output=True,
                             text=True, check=True).stdout
        m = re.search(r"stages \(([^)]*)\)", out.replace("\n", " "))
        if m:
            return [s.strip() for s in m.group(1).split("|") if s.strip()]
    except (OSError, subprocess.CalledProcessError):
        pass
    return [s for s in KNOWN_ORDER if os.access(os.path.join(bindir, "whosaid-" + s), os.X_OK)]


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
    lines = []
    while total < target:
        paras = rng.choice(articles).split("\n\n")
        head, body = paras[:4], paras[4:]
        rng.shuffle(body)
        text = "\n\n".join(head + body)
        lines.append(json.dumps({"id": "bench-%07d-%04x" % (docs, rng.getrandbits(16)),
                                 "text": text}, ensure_ascii=False) + "\n")
        total += len(text.encode("utf-8"))
        docs += 1
    # Shuffled so no two neighbours come from the same order.
    rng.shuffle(lines)
    with open(path, "w", encoding="utf-8") as out:
        out.writelines(lines)
    return total, docs


def make_corpus(args, mb, path):
    # Built in a child process so this one stays small (see run_once).
    out = subprocess.run([sys.executable, __file__, "--build-only", path, "--corpus", args.corpus,
                          "--size", str(mb)], check=True, capture_output=True, text=True)
    text_bytes, docs = map(int, out.stdout.split())
    return text_bytes / 1e6, docs


def run_once(cmd, stdin_path, work):
    """Runs the shell command cmd with stdin from a file and stdout to
    /dev/null; returns (wall s, cpu s of all its processes, peak RSS MiB of
    the largest process)."""
    rss_file = os.path.join(work, "rss")
    # A pipeline through bash with pipefail (it fails when any stage does);
    # a single program directly, so no shell's memory counts in its peak.
    argv = ["bash", "-o", "pipefail", "-c", cmd] if "|" in cmd else shlex.split(cmd)
    if os.access(GNU_TIME, os.X_OK):
        argv = [GNU_TIME, "-q", "-f", "%M", "-o", rss_file] + argv
    with open(stdin_path, "rb") as fin, open(os.devnull, "wb") as fout:
        before = os.times()
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdin=fin, stdout=fout)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        after = os.times()
    if status != 0:
        sys.exit(f"{cmd}: exit status {status}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    rss_kib = ru.ru_maxrss
    if os.path.exists(rss_file):
        with open(rss_file) as fh:
            rss_kib = int(fh.read().split()[-1])
        os.remove(rss_file)
    return wall, cpu, rss_kib / 1024


def stage_inputs(args, stages, corpus, work):
    """Runs the chain once, keeping each stage's input: {stage: path}."""
    inputs, src = {}, corpus
    for stage in stages:
        inputs[stage] = src
        if stage == stages[-1]:
            break
        out_path = os.path.join(work, stage + ".jsonl")
        with open(src, "rb") as fin, open(out_path, "wb") as fout:
            rc = subprocess.run([os.path.join(args.bin, "whosaid-" + stage)], stdin=fin,
                                stdout=fout).returncode
        if rc != 0:
            sys.exit(f"whosaid-{stage}: exit status {rc} while making the next stage's input")
        src = out_path
    return inputs


def exe(args, stage):
    return os.path.join(os.path.abspath(args.bin), "whosaid-" + stage)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default="build/bin")
    ap.add_argument("--corpus", default=os.path.join(os.path.dirname(__file__), "..", "..", "corpus"))
    ap.add_argument("--size", "--mb", dest="size", type=int, default=200,
                    help="megabytes of article text (default 200)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2,
                    help="N for the `whosaid -j N` row (default: the number of cores; 1: no row)")
    ap.add_argument("--stages", help="comma-separated subset of the chain to run (default: all)")
    ap.add_argument("--rss-sizes", metavar="MB,MB", help="only measure peak RSS per stage at these sizes")
    ap.add_argument("--keep", help="directory to keep the generated inputs in")
    ap.add_argument("--build-only", metavar="PATH", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.build_only:
        total, docs = build_corpus(args.corpus, args.size, args.build_only)
        print(total, docs)
        return
    stages = discover_stages(args.bin)
    if args.stages:
        want = args.stages.split(",")
        unknown = [s for s in want if s not in stages]
        if unknown:
            sys.exit(f"not in the chain ({'|'.join(stages)}): {','.join(unknown)}")
        # A stage's input is still made by the stages before it.
        stages = stages[:max(stages.index(s) for s in want) + 1]
        args.only = want
    else:
        args.only = None
    if not stages:
        sys.exit("no stages found in " + args.bin)
    work = args.keep or tempfile.mkdtemp(prefix="whosaid-bench-")
    os.makedirs(work, exist_ok=True)
    try:
        if args.rss_sizes:
            rss_only(args, stages, work)
        else:
            throughput(args, stages, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def machine_line(runs):
    model = "?"
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    rss = "GNU time" if os.access(GNU_TIME, os.X_OK) else "no GNU time: RSS includes Python's ~10 MB"
    return (f"machine: {os.cpu_count()} cores ({model}), load average {os.getloadavg()[0]:.1f}; "
            f"{runs} runs each, median shown; peak RSS by {rss}")


def throughput(args, stages, work):
    corpus = os.path.join(work, "corpus.jsonl")
    mb, docs = make_corpus(args, args.size, corpus)
    print(f"corpus: {docs} documents, {mb:.1f} MB of article text "
          f"({os.path.getsize(corpus) / 1e6:.1f} MB JSON Lines)")
    print(machine_line(args.runs))
    inputs = stage_inputs(args, stages, corpus, work)
    rows = [(s, exe(args, s), inputs[s]) for s in stages if not args.only or s in args.only]
    chain = " | ".join(exe(args, s) for s in stages)
    if not args.only and len(stages) > 1:
        rows.append(("chain (" + "|".join(stages) + ")", chain, corpus))
    driver = os.path.join(os.path.abspath(args.bin), "whosaid")
    if not args.only and args.jobs > 1 and len(stages) > 1 and os.access(driver, os.X_OK):
        # Blocks small enough that every job gets several (the default 8M
        # suits archives, not a small benchmark corpus).
        first_out = inputs[stages[1]]
        block = max(1 << 18, min(8 << 20, os.path.getsize(first_out) // (4 * args.jobs)))
        rows.append((f"whosaid -j {args.jobs} --block {block >> 10}K",
                     f"{driver} -j {args.jobs} --block {block} -", corpus))
    parallel = shutil.which("parallel")
    if not args.only and args.jobs > 1 and parallel and "tag" in stages:
        # The slowest stage alone over N cores: its speed-up is the scale-out
        # figure on this machine (the plain chain already runs its stages
        # on different cores at once).
        tag_in = inputs["tag"]
        block = max(1 << 18, min(8 << 20, os.path.getsize(tag_in) // (4 * args.jobs)))
        rows.append((f"tag, parallel --pipe -j {args.jobs}",
                     f"{parallel} --pipe --keep-order --block {block} -j {args.jobs} "
                     f"{shlex.quote(exe(args, 'tag'))}", tag_in))
    print(f"{'stage':<42}{'wall s':>8}{'MB/s':>8}{'MB/cpu-s':>10}{'docs/s':>10}{'peak RSS MiB':>14}")
    for name, cmd, inp in rows:
        runs = [run_once(cmd, inp, work) for _ in range(args.runs)]
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        rss = statistics.median(r[2] for r in runs)
        print(f"{name:<42}{wall:>8.2f}{mb / wall:>8.1f}{mb / cpu if cpu else 0:>10.1f}"
              f"{docs / wall:>10.0f}{rss:>14.1f}", flush=True)
    floor_rows(args, stages, inputs, work, mb)


def floor_rows(args, stages, inputs, work, mb):
    """What the middle stages pay before any work of their own: reading
    their input as the stage does (and our writer passing it on), by
    bench_floor. A stage cannot be faster than its floor."""
    floor = os.path.join(os.path.abspath(args.bin), "..", "bench", "bench_floor")
    if not os.access(floor, os.X_OK):
        print(f"(no floor rows: {floor} not built)")
        return
    print("floor: the stage's records read (and written) with no stage work")
    for i, s in enumerate(stages[1:], 1):
        if args.only and s not in args.only:
            continue
        # as the stage reads: resolve and claims keep their big arrays in
        # the parse (bench_floor --as)
        how = f"--as {s}" if s in ("tag", "resolve", "claims") else ""
        modes = [("read", f"{shlex.quote(floor)} {how} -")]
        if i < len(stages) - 1:
            modes.append(("read + write", f"{shlex.quote(floor)} --write {how} -"))
        for what, cmd in modes:
            runs = [run_once(cmd, inputs[s], work) for _ in range(args.runs)]
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            name = f"  {what} {s}'s input ({os.path.getsize(inputs[s]) / 1e6:.0f} MB)"
            print(f"{name:<42}{wall:>8.2f}{mb / wall:>8.1f}{mb / cpu if cpu else 0:>10.1f}", flush=True)


def rss_only(args, stages, work):
    sizes = [int(s) for s in args.rss_sizes.split(",") if s]
    print(machine_line(1))
    table = {}
    for size in sizes:
        corpus = os.path.join(work, "corpus.jsonl")
        mb, docs = make_corpus(args, size, corpus)
        inputs = stage_inputs(args, stages, corpus, work)
        for s in stages:
            if args.only and s not in args.only:
                continue
            table.setdefault(s, {})[size] = run_once(exe(args, s), inputs[s], work)[2]
        print(f"built and ran {size} MB ({docs} documents)", file=sys.stderr, flush=True)
    print(f"{'stage':<14}" + "".join(f"{str(s) + ' MB':>14}" for s in sizes) + "   (peak RSS MiB)")
    for s in table:
        print(f"{s:<14}" + "".join(f"{table[s][z]:>14.1f}" for z in sizes))


if __name__ == "__main__":
    main()
