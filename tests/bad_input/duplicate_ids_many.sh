#!/bin/sh
# The duplicate-id check's table starts small and doubles as ids come
# (stage.c): ids remembered before each doubling are still found after it,
# and no distinct id is taken for a duplicate. 40,000 distinct ids (the
# table doubles three times), then three repeats from before, between and
# after the doublings.
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
