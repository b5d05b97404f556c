#!/bin/sh
# whosaid-claims --stats: the stages' accounting line (in/out/errors/
# bad_lines/duplicate_ids) with the claim count, per-document claim counts,
# located messages for bad lines and documents that arrived with errors.
. "$(dirname "$0")/../lib.sh"
CLAIMS="$BIN/whosaid-claims"
IN="$TMP/in.jsonl"
{
    echo '{"id":"a","text":"Prices will rise, analysts said. Analysts said costs fell."}'
    echo 'not json'
    echo '{"no_id":1}'
    echo '{"id":"b","text":"Nothing here."}'
    echo '{"id":"c","text":"Analysts said costs fell.","errors":[{"stage":"whosaid-tag","message":"boom"}]}'
    echo '{"id":"a","text":"Analysts said costs fell.","warnings":[{"code":"duplicate_id","message":"x"}]}'
} > "$IN"
"$CLAIMS" --stats "$IN" > "$TMP/out" 2> "$TMP/err"
[ $? -eq 1 ] || fail "status not 1 with bad lines"
grep -qx "whosaid-claims: stats: in 4 out 4 errors 1 bad_lines 2 duplicate_ids 1 claims 4" "$TMP/err" ||
    fail "stats line: $(cat "$TMP/err")"
grep -qx "whosaid-claims: a: 2 claims" "$TMP/err" || fail "per-document count"
grep -qx "whosaid-claims: b: 0 claims" "$TMP/err" || fail "per-document count for no claim"
grep -q "^whosaid-claims: $IN:2: not valid JSON" "$TMP/err" || fail "bad line message"
grep -q "^whosaid-claims: $IN:3: record has no \"id\" string" "$TMP/err" || fail "no id message"
grep -q "^whosaid-claims: $IN:5: document c arrived with errors" "$TMP/err" || fail "errors message"
json_check "$TMP/out" 'len(recs) == 4 and [r["doc"] for r in recs] == ["a", "a", "c", "a"]'
# Without --stats: no accounting on stderr, status 0 on clean input.
head -1 "$IN" | "$CLAIMS" > "$TMP/out" 2> "$TMP/err" || fail "clean input: status"
[ ! -s "$TMP/err" ] || fail "unexpected stderr: $(cat "$TMP/err")"
exit 0
