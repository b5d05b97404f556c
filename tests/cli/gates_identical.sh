#!/bin/sh
# Gates (rules/README.md, "Gates") only make whosaid-tag faster: its output
# with them is byte for byte its output with --no-gates, on the sample
# articles, on every line of tests/data/values.cases as a document, and on
# the development texts when ../shared/dev is there (read in place, through
# whosaid-normalize --verbatim). A gate too narrow for its rules must show
# up as a difference, so the comparison is known to see one.
. "$(dirname "$0")/../lib.sh"

same() { # same NAME INPUT [TAG ARGS...]: tag INPUT with and without gates
    name=$1 in=$2
    shift 2
    "$BIN/whosaid-tag" "$@" "$in" >"$TMP/$name.gated" || fail "$name: whosaid-tag failed"
    "$BIN/whosaid-tag" --no-gates "$@" "$in" >"$TMP/$name.all" ||
        fail "$name: whosaid-tag --no-gates failed"
    [ -s "$TMP/$name.all" ] || fail "$name: no output"
    cmp -s "$TMP/$name.gated" "$TMP/$name.all" ||
        fail "$name: output differs with --no-gates (diff $TMP/$name.gated $TMP/$name.all)"
}

"$BIN/whosaid-normalize" "$TOP/corpus" >"$TMP/corpus.jsonl" || fail "normalize corpus/"
same corpus "$TMP/corpus.jsonl"

# Every line of the rule cases (texts, expectations, comments) as a record.
python3 - "$TOP/tests/data/values.cases" >"$TMP/cases.jsonl" <<'PY'
import json, sys
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    if line.strip():
        print(json.dumps({"id": "line%d" % n, "text": line.rstrip("\n")}, ensure_ascii=False))
PY
"$BIN/whosaid-normalize" --verbatim "$TMP/cases.jsonl" >"$TMP/cases.norm" || fail "normalize cases"
same cases "$TMP/cases.norm" --anchor=2013-06-27

DEV="$TOP/../shared/dev"
if [ -d "$DEV" ]; then
    python3 - "$DEV" >"$TMP/dev.jsonl" <<'PY'
import glob, json, os, sys
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.jsonl"))):
    for n, line in enumerate(open(path, encoding="utf-8")):
        rec = json.loads(line)
        if isinstance(rec.get("text"), str):
            print(json.dumps({"id": "%s:%d" % (os.path.basename(path), n), "text": rec["text"]}))
PY
    "$BIN/whosaid-normalize" --verbatim "$TMP/dev.jsonl" >"$TMP/dev.norm" || fail "normalize dev"
    same dev "$TMP/dev.norm" --anchor=2013-06-27
else
    echo "note: $DEV not found, development texts not compared" >&2
fi

# A gate that lets its rule start only at the digit loses "about 40": the
# comparison above would have seen that.
printf 'gate\t\\d\t0\nSTAT\t5\t(?i:about)\\s\\d+\n' >"$TMP/narrow.rules"
printf '{"id":"n","text":"They sold about 40 cars."}\n' >"$TMP/narrow.jsonl"
"$BIN/whosaid-tag" --no-default-rules -r "$TMP/narrow.rules" "$TMP/narrow.jsonl" >"$TMP/n1" ||
    fail "narrow gate: whosaid-tag failed"
"$BIN/whosaid-tag" --no-gates --no-default-rules -r "$TMP/narrow.rules" "$TMP/narrow.jsonl" \
    >"$TMP/n2" || fail "narrow gate: whosaid-tag --no-gates failed"
grep -q '"about 40"' "$TMP/n2" || fail "narrow gate: --no-gates misses 'about 40'"
! grep -q '"about 40"' "$TMP/n1" || fail "narrow gate: the gate did not narrow anything"
# Lookback 1 reaches "about" again.
printf 'gate\t\\d\t1\nSTAT\t5\t(?i:about)\\s\\d+\n' >"$TMP/wide.rules"
"$BIN/whosaid-tag" --no-default-rules -r "$TMP/wide.rules" "$TMP/narrow.jsonl" >"$TMP/n3" ||
    fail "wide gate: whosaid-tag failed"
grep -q '"about 40"' "$TMP/n3" || fail "lookback 1 misses 'about 40'"
echo "gates: corpus, $(wc -l <"$TMP/cases.norm") case lines$([ -d "$DEV" ] && echo ", $(wc -l <"$TMP/dev.norm") dev texts") identical"
exit 0
