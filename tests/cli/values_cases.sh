#!/bin/sh
# DATE, TIME, DURATION and STAT spans of tests/data/values.cases (format in
# that file's header) through the real chain:
# whosaid-normalize --verbatim | whosaid-tag [--anchor DATE].
. "$(dirname "$0")/../lib.sh"
CASES="$TOP/tests/data/values.cases"
export BIN CASES TMP
python3 - <<'PY' || fail "values.cases: see the differences above"
import json, os, shlex, subprocess, sys

BIN, TMP = os.environ["BIN"], os.environ["TMP"]
TYPES = ("DATE", "TIME", "DURATION", "STAT")
CHECKED = ("value_max", "unit", "currency", "bound", "mod", "approx", "vague", "percent")


def read_cases(path):
    cases, group, start = [], [], 0
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n") + [""]
    for n, line in enumerate(lines, 1):
        if line.startswith("#"):
            continue
        if line.strip():
            if not group:
                start = n
            group.append(line)
            continue
        if group:
            if len(group) < 3 or not group[1].startswith("@"):
                sys.exit(f"{path}:{start}: expected text, '@ anchor' and expected spans")
            cases.append((start, group[0], group[1], group[2:]))
            group = []
    return cases


def expected(line, where):
    if line.strip() == "(none)":
        return None
    text, sep, rest = line.partition(" => ")
    if not sep:
        sys.exit(f"{where}: expected 'TEXT => TYPE VALUE ...', got {line!r}")
    words = shlex.split(rest)
    want = {"text": text, "type": words[0], "value": words[1], "attrs": {}}
    for w in words[2:]:
        k, eq, v = w.partition("=")
        want["attrs"][k] = v if eq else True
    return want


def same(span, want):
    if span["text"] != want["text"] or span["type"] != want["type"]:
        return False
    if str(span.get("value")) != want["value"]:
        return False
    for k in CHECKED + ("anchor",):
        if k not in want["attrs"]:
            if k in span and k != "anchor":
                return False
            continue
        got, exp = span.get(k), want["attrs"][k]
        if exp is True:
            if got is not True:
                return False
        elif str(got) != exp:
            return False
    return True


def show(span):
    extra = " ".join(f"{k}={span[k]}" for k in CHECKED + ("anchor",) if k in span)
    return f"{span['text']} => {span['type']} {span.get('value')} {extra}".rstrip()


def run(records, anchor=None):
    inp = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    tag = [f"{BIN}/whosaid-tag"] + ([f"--anchor={anchor}"] if anchor else [])
    norm = subprocess.run([f"{BIN}/whosaid-normalize", "--verbatim"], input=inp.encode(),
                          capture_output=True, check=True)
    out = subprocess.run(tag, input=norm.stdout, capture_output=True)
    if out.returncode != 0:
        sys.exit(f"whosaid-tag exit status {out.returncode}: {out.stderr.decode()}")
    return {r["id"]: r for r in map(json.loads, out.stdout.decode().splitlines())}


path = os.environ["CASES"]
cases = read_cases(path)
plain, by_option = [], {}
for i, (line, text, at, _) in enumerate(cases):
    rec = {"id": f"case{i}", "text": text}
    kind, _, date = at.partition(" ")
    date = date.strip()
    if kind == "@" and date != "-":
        rec["meta"] = {"published": date}
    if kind == "@option":
        by_option.setdefault(date, []).append(rec)
    elif kind == "@":
        plain.append(rec)
    else:
        sys.exit(f"{path}:{line + 1}: expected '@ DATE', '@ -' or '@option DATE'")
out = run(plain)
for date, recs in by_option.items():
    out.update(run(recs, date))

failed = 0
for i, (line, text, at, lines) in enumerate(cases):
    wants = [w for w in (expected(l, f"{path}:{line}") for l in lines) if w]
    spans = [s for s in out[f"case{i}"]["spans"] if s["type"] in TYPES]
    ok = len(spans) == len(wants) and all(same(s, w) for s, w in zip(spans, wants))
    if not ok:
        failed += 1
        print(f"{path}:{line}: {text}", file=sys.stderr)
        for l in lines:
            print(f"    want: {l}", file=sys.stderr)
        for s in spans:
            print(f"    got:  {show(s)}", file=sys.stderr)
print(f"{len(cases)} cases, {failed} failed")
sys.exit(1 if failed else 0)
PY
