#!/bin/sh
# whosaid --max-doc reaches whosaid-normalize: the chain splits an article
# exactly as normalize alone does, with -j too; a bad size is refused by
# normalize with status 2 before anything is written.
. "$(dirname "$0")/../lib.sh"
python3 - "$TMP/big.txt" <<'PY'
import sys
para = "The minister said on Monday that 40 ports were closed. " * 20
with open(sys.argv[1], "w") as f:
    f.write("\n\n".join(para for _ in range(12)) + "\n")
PY
"$BIN/whosaid-normalize" --max-doc 4K "$TMP/big.txt" >"$TMP/want" 2>/dev/null
"$BIN/whosaid" --until normalize --max-doc 4K "$TMP/big.txt" >"$TMP/got" 2>"$TMP/err" \
    || fail "whosaid --max-doc: status $?: $(cat "$TMP/err")"
cmp -s "$TMP/want" "$TMP/got" || fail "driver output differs from normalize --max-doc"
json_check "$TMP/got" 'len(recs) >= 3 and [r["part"]["n"] for r in recs] == list(range(1, len(recs) + 1))'
grep -q "split into" "$TMP/err" || fail "no split warning: $(cat "$TMP/err")"
"$BIN/whosaid" --until tag --max-doc 4K "$TMP/big.txt" >"$TMP/one" 2>/dev/null
"$BIN/whosaid" --until tag -j 2 --block 8K --max-doc 4K "$TMP/big.txt" >"$TMP/two" 2>/dev/null
cmp -s "$TMP/one" "$TMP/two" || fail "-j 2 output differs"
"$BIN/whosaid" --max-doc 4Q "$TMP/big.txt" >"$TMP/bad" 2>"$TMP/err"
st=$?
[ "$st" -eq 2 ] || fail "bad --max-doc: status $st, want 2"
[ ! -s "$TMP/bad" ] || fail "bad --max-doc wrote output"
grep -q "^whosaid-normalize: invalid --max-doc '4Q'" "$TMP/err" || fail "message: $(cat "$TMP/err")"
exit 0
