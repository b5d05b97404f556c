#!/bin/sh
# Invalid UTF-8 is replaced by U+FFFD with a warning, not rejected.
. "$(dirname "$0")/../lib.sh"
printf 'Ill \377formed \300\257 text \355\240\200 here.\n' >"$TMP/bad.txt"
"$BIN/whosaid-normalize" "$TMP/bad.txt" >"$TMP/out" 2>"$TMP/err" || fail "exit status $?"
[ -s "$TMP/err" ] && fail "unexpected stderr: $(cat "$TMP/err")"
json_check "$TMP/out" 'len(recs) == 1 and recs[0]["text"].count("\ufffd") == 6 and any(w["code"] == "invalid_utf8" and "6 ill-formed" in w["message"] for w in recs[0]["warnings"])'
# The same inside a JSON Lines record.
printf '{"id":"j1","text":"caf\351 ok"}\n' >"$TMP/bad.jsonl"
"$BIN/whosaid-normalize" "$TMP/bad.jsonl" >"$TMP/out2" || fail "jsonl exit status $?"
json_check "$TMP/out2" 'recs[0]["id"] == "j1" and recs[0]["text"] == "caf\ufffd ok" and any(w["code"] == "invalid_utf8" for w in recs[0]["warnings"])'
