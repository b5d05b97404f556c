#!/bin/sh
# A user rule with catastrophic backtracking does not hang whosaid-tag: the
# rule hits PCRE2's match limit, is skipped for that document with a
# "match_limit" warning naming its file and line, the other rules still
# apply and the next documents are tagged as usual. Each hit is also said on
# stderr as "whosaid-tag: FILE:LINE: match limit hit in document ID; ...",
# the first 10 per rule only (then one line that later hits are counted, and
# a total at the end); --stats gives the total as match_limits N. The
# status stays 0: every document was tagged and written.
. "$(dirname "$0")/../lib.sh"
printf '# nested quantifiers: exponential on a long run of a letter\nSTAT\t0\t(a+)+$\nSTAT\t0\t(?:(\\w+)\\s?)+!$\n' >"$TMP/redos.rules"
python3 - "$TMP/in.jsonl" "$TMP/many.jsonl" <<'PY'
import json, sys
bad = "On Monday, Mr. John Smith said " + "a" * 5000 + "?"
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({"id": "hostile", "text": bad}) + "\n")
    f.write(json.dumps({"id": "words", "text": "word " * 3000 + "end!?"}) + "\n")
    f.write(json.dumps({"id": "normal", "text": "On Monday, Mr. John Smith said prices rose 5%."}) + "\n")
with open(sys.argv[2], "w") as f:
    for i in range(25):
        f.write(json.dumps({"id": "h%d" % i, "text": bad[:2000] + "?"}) + "\n")
    f.write(json.dumps({"id": "words", "text": "word " * 3000 + "end!?"}) + "\n")
PY
export TMP
timeout 60 "$BIN/whosaid-tag" -r "$TMP/redos.rules" "$TMP/in.jsonl" >"$TMP/out" 2>"$TMP/err"
st=$?
[ "$st" -eq 124 ] && fail "whosaid-tag hung on a catastrophic rule"
[ "$st" -eq 0 ] || fail "exit status $st; stderr: $(cat "$TMP/err")"
json_check "$TMP/out" '[r["id"] for r in recs] == ["hostile", "words", "normal"]'
hit='os.environ["TMP"] + "/redos.rules:%d: match limit hit; the rule was skipped for this document"'
json_check "$TMP/out" "($hit % 2) in [w['message'] for w in recs[0]['warnings']]"
json_check "$TMP/out" "[w['message'] for w in recs[1]['warnings']] == [$hit % 3]"
json_check "$TMP/out" '"warnings" not in recs[2]'
# The default rules still tagged the hostile document and the next one.
for i in 0 2; do
    json_check "$TMP/out" "{'DATE', 'PERSON'} <= {s['type'] for s in recs[$i]['spans']}"
done
# stderr: one line per hit, in order, saying the same as the warnings.
python3 - "$TMP/out" "$TMP/err" <<'PY' || fail "stderr does not match the warnings: $(cat "$TMP/err")"
import json, sys
want = []
for r in map(json.loads, open(sys.argv[1])):
    for w in r.get("warnings", []):
        if w["code"] == "match_limit":
            loc = w["message"].split(": match limit hit")[0]
            want.append("whosaid-tag: %s: match limit hit in document %s; "
                        "the rule was skipped for this document" % (loc, r["id"]))
sys.exit(0 if want and open(sys.argv[2]).read().splitlines() == want else 1)
PY

# Rate limit: 25 documents hit rule 2; 10 are shown, then one line, then the
# total at the end; the --stats figure counts every hit.
timeout 60 "$BIN/whosaid-tag" -s -r "$TMP/redos.rules" "$TMP/many.jsonl" >"$TMP/out" 2>"$TMP/err"
st=$?
[ "$st" -eq 0 ] || fail "exit status $st with many hits; stderr: $(cat "$TMP/err")"
json_check "$TMP/out" 'len(recs) == 26 and all(any(w["code"] == "match_limit" for w in r["warnings"]) for r in recs)'
python3 - "$TMP/out" "$TMP/err" "$TMP/redos.rules" <<'PY' || fail "rate limit or stats wrong: $(cat "$TMP/err")"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
err = open(sys.argv[2]).read().splitlines()
rule2 = sys.argv[3] + ":2"
total = sum(w["code"] == "match_limit" for r in recs for w in r["warnings"])
shown2 = [l for l in err if l.startswith("whosaid-tag: %s: match limit hit in document " % rule2)]
assert [l.split(" in document ")[1].split(";")[0] for l in shown2] == ["h%d" % i for i in range(10)], shown2
assert ("whosaid-tag: %s: match limit hit in 10 documents; further hits of this rule are only counted" % rule2) in err
n2 = sum(w["message"].startswith(rule2 + ":") for r in recs for w in r["warnings"])
assert n2 == 25, n2
assert err[-2] == "whosaid-tag: %s: match limit hit in 25 documents in all" % rule2, err[-2:]
assert err[-1] == "whosaid-tag: stats: in 26 out 26 errors 0 bad_lines 0 duplicate_ids 0 match_limits %d" % total, err[-1]
assert len(err) <= 10 + 1 + 10 + 2, len(err)  # bounded: at most 10 per rule shown
PY
exit 0
