#!/bin/sh
# The per-record jansson arena (jsonmem.h) changes no byte of any stage's
# output: the chain over the sample articles, a large document whose
# values outgrow the arena's high-water mark, and bad lines mixed in, with
# the arena off (WHOSAID_JSON_ARENA=0), on, and on with freed chunks
# poisoned (so a value kept past its record would show). Under ASan or
# valgrind the arena is off in all three runs, and they still must agree.
. "$(dirname "$0")/../lib.sh"
IN="$TMP/in.jsonl"
python3 - "$TOP/corpus" > "$IN" <<'PY' || fail "making the input"
import glob, json, os, sys
for f in sorted(glob.glob(os.path.join(sys.argv[1], "*.txt"))):
    print(json.dumps({"id": os.path.basename(f), "text": open(f, encoding="utf-8").read()},
                     ensure_ascii=False))
    print("not json")
    print('{"id": "no text"}')
big = " ".join("Minister Ana Silva of Portugal said on Monday that prices in Lisbon rose %d%%."
               % (i % 90) for i in range(6000))
print(json.dumps({"id": "big", "text": big}))
print(json.dumps({"id": "after-big", "text": "Police said nobody was hurt."}))
PY
run() { # mode: the chain's outputs into $TMP/$1.*
    WHOSAID_JSON_ARENA=$1 "$BIN/whosaid-normalize" "$IN" > "$TMP/$1.norm" 2>/dev/null
    WHOSAID_JSON_ARENA=$1 "$BIN/whosaid-tag" "$TMP/$1.norm" > "$TMP/$1.tag" 2>/dev/null
    WHOSAID_JSON_ARENA=$1 "$BIN/whosaid-resolve" "$TMP/$1.tag" > "$TMP/$1.resolve" 2>/dev/null
    WHOSAID_JSON_ARENA=$1 "$BIN/whosaid-claims" "$TMP/$1.resolve" > "$TMP/$1.claims" 2>/dev/null
    WHOSAID_JSON_ARENA=$1 "$BIN/whosaid-csv" "$TMP/$1.claims" > "$TMP/$1.csv" 2>/dev/null
    for t in entities stats; do
        WHOSAID_JSON_ARENA=$1 "$BIN/whosaid-csv" --table $t "$TMP/$1.resolve" > "$TMP/$1.$t" 2>/dev/null
    done
}
for mode in 0 1 poison; do run $mode; done
for out in norm tag resolve claims csv entities stats; do
    [ -s "$TMP/0.$out" ] || fail "no $out output"
    for mode in 1 poison; do
        cmp -s "$TMP/0.$out" "$TMP/$mode.$out" || fail "$out differs with WHOSAID_JSON_ARENA=$mode"
    done
done
json_check "$TMP/1.resolve" 'any(r["id"] == "big" and len(r["entities"]) > 0 for r in recs)'
exit 0
