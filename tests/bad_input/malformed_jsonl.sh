#!/bin/sh
# Bad lines among good records: each named by file and line, the good ones
# come out, status 1.
. "$(dirname "$0")/../lib.sh"
cat >"$TMP/in.jsonl" <<'J'
{"id":"a","text":"Good one.","mine":{"k":1}}
{"id":"b","text":
[1,2,3]
{"id":"c","text":"Good two.","meta":{"published":"2020-01-02"}}
{"text":"no id"}
J
"$BIN/whosaid-normalize" "$TMP/in.jsonl" >"$TMP/out" 2>"$TMP/err"
st=$?
[ "$st" -eq 1 ] || fail "exit status $st, want 1"
json_check "$TMP/out" '[r["id"] for r in recs] == ["a", "c"] and recs[0]["mine"] == {"k": 1} and recs[1]["meta"]["published"] == "2020-01-02"'
grep -q "^whosaid-normalize: $TMP/in.jsonl:2: not valid JSON" "$TMP/err" || fail "line 2: $(cat "$TMP/err")"
grep -q "^whosaid-normalize: $TMP/in.jsonl:3: expected a JSON object$" "$TMP/err" || fail "line 3: $(cat "$TMP/err")"
grep -q "^whosaid-normalize: $TMP/in.jsonl:5: record has no \"id\" string$" "$TMP/err" || fail "line 5: $(cat "$TMP/err")"
[ "$(wc -l <"$TMP/err")" -eq 3 ] || fail "stderr: $(cat "$TMP/err")"
