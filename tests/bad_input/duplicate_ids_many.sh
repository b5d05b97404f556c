#!/bin/sh
# The duplicate-id check's table (stage.c) over many ids: repeats of the
# first, a middle and the last of 40,000 distinct ids are found, and no
# distinct id is taken for a duplicate (a collision of the 64-bit
# fingerprints or a probe that stops early would show here).
. "$(dirname "$0")/../lib.sh"
python3 - "$TMP/in.jsonl" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    for i in list(range(40000)) + [0, 12345, 39999]:
        f.write('{"id":"d%d","text":"x"}\n' % i)
PY
"$BIN/whosaid-resolve" --stats "$TMP/in.jsonl" >"$TMP/out" 2>"$TMP/err"
st=$?
[ "$st" -eq 0 ] || fail "exit status $st, want 0; stderr: $(tail -n 3 "$TMP/err")"
grep -qx "whosaid-resolve: stats: in 40003 out 40003 errors 0 bad_lines 0 duplicate_ids 3" "$TMP/err" ||
    fail "stats line: $(tail -n 1 "$TMP/err")"
[ "$(grep -c 'duplicate id' "$TMP/err")" -eq 3 ] || fail "want 3 duplicate messages: $(head -n 5 "$TMP/err")"
for id in d0 d12345 d39999; do
    grep -q "duplicate id \"$id\"" "$TMP/err" || fail "duplicate $id not reported"
done
