#!/bin/sh
# A user rule with catastrophic backtracking does not hang whosaid-tag: the
# rule hits PCRE2's match limit, is skipped for that document with a
# "match_limit" warning naming its file and line, the other rules still
# apply and the next documents are tagged as usual.
. "$(dirname "$0")/../lib.sh"
printf '# nested quantifiers: exponential on a long run of a letter\nSTAT\t0\t(a+)+$\nSTAT\t0\t(?:(\\w+)\\s?)+!$\n' >"$TMP/redos.rules"
python3 - "$TMP/in.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    bad = "On Monday, Mr. John Smith said " + "a" * 5000 + "?"
    f.write(json.dumps({"id": "hostile", "text": bad}) + "\n")
    f.write(json.dumps({"id": "words", "text": "word " * 3000 + "end!?"}) + "\n")
    f.write(json.dumps({"id": "normal", "text": "On Monday, Mr. John Smith said prices rose 5%."}) + "\n")
PY
export TMP
timeout 60 "$BIN/whosaid-tag" -r "$TMP/redos.rules" "$TMP/in.jsonl" >"$TMP/out" 2>"$TMP/err"
st=$?
[ "$st" -eq 124 ] && fail "whosaid-tag hung on a catastrophic rule"
[ "$st" -eq 0 ] || fail "exit status $st; stderr: $(cat "$TMP/err")"
[ -s "$TMP/err" ] && fail "stderr: $(cat "$TMP/err")"
json_check "$TMP/out" '[r["id"] for r in recs] == ["hostile", "words", "normal"]'
hit='os.environ["TMP"] + "/redos.rules:%d: match limit hit; the rule was skipped for this document"'
json_check "$TMP/out" "($hit % 2) in [w['message'] for w in recs[0]['warnings']]"
json_check "$TMP/out" "[w['message'] for w in recs[1]['warnings']] == [$hit % 3]"
json_check "$TMP/out" '"warnings" not in recs[2]'
# The default rules still tagged the hostile document and the next one.
for i in 0 2; do
    json_check "$TMP/out" "{'DATE', 'PERSON'} <= {s['type'] for s in recs[$i]['spans']}"
done
exit 0
