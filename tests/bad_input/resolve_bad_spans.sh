#!/bin/sh
# whosaid-resolve: a record whose spans are unusable is passed on with an
# "errors" entry and exit status 1; the good records around it are resolved;
# a broken role lexicon stops the stage before any output (status 2).
. "$(dirname "$0")/../lib.sh"
cat >"$TMP/in.jsonl" <<'J'
{"id":"a","text":"Hong Lei spoke. Hong left.","spans":[{"id":"s1","start":0,"end":8,"type":"PERSON","text":"Hong Lei"},{"id":"s2","start":16,"end":20,"type":"PERSON","text":"Hong"}]}
{"id":"b","text":"short","spans":[{"id":"s1","start":3,"end":99,"type":"ORG","text":"x"}]}
{"id":"c","text":"No spans here."}
J
"$BIN/whosaid-resolve" "$TMP/in.jsonl" >"$TMP/out.jsonl" 2>"$TMP/err"
rc=$?
[ "$rc" = 1 ] || fail "status $rc, want 1"
grep -q "in.jsonl:2: .*document b" "$TMP/err" ||
    fail "message: $(cat "$TMP/err")"
json_check "$TMP/out.jsonl" '(len(recs) == 3
    and recs[0]["spans"][1]["entity"] == recs[0]["spans"][0]["entity"] == "e1"
    and recs[1]["errors"][0]["stage"] == "whosaid-resolve" and "entities" not in recs[1]
    and recs[2]["entities"] == [])'
printf 'role\tspokesman\tmale\tx\textra\n' >"$TMP/bad.rules"
"$BIN/whosaid-resolve" -r "$TMP/bad.rules" "$TMP/in.jsonl" >"$TMP/out2" 2>"$TMP/err2"
rc=$?
[ "$rc" = 2 ] || fail "bad rules: status $rc, want 2"
[ ! -s "$TMP/out2" ] || fail "bad rules: output written"
grep -q "bad.rules:1: role: expected phrase, gender and an optional group" "$TMP/err2" ||
    fail "bad rules message: $(cat "$TMP/err2")"
exit 0
