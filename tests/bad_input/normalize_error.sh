#!/bin/sh
# whosaid-normalize never drops a document: when it cannot make one (here a
# user's boilerplate rule that backtracks catastrophically hits PCRE2's match
# limit on one article) the document is still written, with empty text and
# an "errors" entry naming the stage and the rule, reported on stderr and
# counted; the other documents are made as usual; status 1. Later stages
# pass the record on.
. "$(dirname "$0")/../lib.sh"
cp -r "$TOP/rules" "$TMP/rules"
printf '# nested quantifiers\ndrop\t(a+)+\n' >>"$TMP/rules/boilerplate.rules"
n=$(wc -l <"$TMP/rules/boilerplate.rules")
printf 'A good article. It says things.\n' >"$TMP/a.txt"
printf 'A bad article.\n\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac\n' >"$TMP/b.txt"
printf 'Another good one.\n' >"$TMP/c.txt"
export WHOSAID_RULES_DIR="$TMP/rules"
"$BIN/whosaid-normalize" --stats "$TMP/a.txt" "$TMP/b.txt" "$TMP/c.txt" >"$TMP/out" 2>"$TMP/err"
st=$?
[ "$st" -eq 1 ] || fail "exit status $st, want 1; stderr: $(cat "$TMP/err")"
why="$TMP/rules/boilerplate.rules:$n: match limit hit on a line of 41 bytes"
printf '%s\n' "whosaid-normalize: $TMP/b.txt: document b: $why" \
    "whosaid-normalize: stats: in 3 out 3 errors 1 bad_lines 0 duplicate_ids 0 split 0" >"$TMP/want"
cmp -s "$TMP/want" "$TMP/err" || fail "stderr: $(cat "$TMP/err")"
export WHY="$why"
json_check "$TMP/out" '[r["id"] for r in recs] == ["a", "b", "c"]'
json_check "$TMP/out" 'recs[0]["text"] == "A good article. It says things." and "errors" not in recs[0] and "errors" not in recs[2]'
json_check "$TMP/out" 'recs[1]["text"] == "" and recs[1]["sentences"] == [] and recs[1]["source"].endswith("/b.txt")'
json_check "$TMP/out" 'recs[1]["errors"] == [{"stage": "whosaid-normalize", "message": os.environ["WHY"]}]'
# The same from JSON Lines: the input's own fields are kept.
printf '{"id":"j1","text":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac","mine":7}\n{"id":"j2","text":"Fine."}\n' >"$TMP/in.jsonl"
"$BIN/whosaid-normalize" "$TMP/in.jsonl" >"$TMP/jout" 2>"$TMP/jerr"
st=$?
[ "$st" -eq 1 ] || fail "jsonl: exit status $st, want 1"
grep -qxF "whosaid-normalize: $TMP/in.jsonl:1: document j1: $TMP/rules/boilerplate.rules:$n: match limit hit on a line of 41 bytes" "$TMP/jerr" \
    || fail "jsonl stderr: $(cat "$TMP/jerr")"
json_check "$TMP/jout" '[r["id"] for r in recs] == ["j1", "j2"] and recs[0]["mine"] == 7 and recs[0]["errors"][0]["stage"] == "whosaid-normalize"'
# tag passes the record on, errors and all.
"$BIN/whosaid-tag" <"$TMP/out" >"$TMP/tagged" 2>"$TMP/terr"
json_check "$TMP/tagged" '[r["id"] for r in recs] == ["a", "b", "c"] and recs[1]["errors"][0]["stage"] == "whosaid-normalize"'
exit 0
