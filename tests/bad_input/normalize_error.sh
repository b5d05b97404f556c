#!/bin/sh
# A user's boilerplate or meta rule that backtracks catastrophically does not
# cost whosaid-normalize the document: the rule hits PCRE2's match limit,
# does not match that line, and the other rules and the document go on. The
# record carries one "match_limit" warning per rule ("FILE:LINE: match limit
# hit; the rule was skipped for a line of N bytes"), stderr names the rule
# (the first 10 documents per rule, then one line that later hits are only
# counted, and a total at the end), --stats adds match_limits N, and the
# status stays 0. Later stages pass the warnings on.
. "$(dirname "$0")/../lib.sh"
cp -r "$TOP/rules" "$TMP/rules"
printf '# nested quantifiers\ndrop\t(a+)+\n' >>"$TMP/rules/boilerplate.rules"
printf '# exponential with no literal to scan for\nline\t(?:a|aa)+(?:a|aa)+(?<!a)\n' >>"$TMP/rules/meta.rules"
nb=$(wc -l <"$TMP/rules/boilerplate.rules")
nm=$(wc -l <"$TMP/rules/meta.rules")
printf 'A good article. It says things.\n' >"$TMP/a.txt"
printf 'A bad article.\n\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac\n' >"$TMP/b.txt"
printf 'Another good one.\n' >"$TMP/c.txt"
export WHOSAID_RULES_DIR="$TMP/rules" TMP
"$BIN/whosaid-normalize" --stats "$TMP/a.txt" "$TMP/b.txt" "$TMP/c.txt" >"$TMP/out" 2>"$TMP/err"
st=$?
[ "$st" -eq 0 ] || fail "exit status $st, want 0; stderr: $(cat "$TMP/err")"
skip="match limit hit in document b; the rule was skipped for the lines it hit"
printf '%s\n' "whosaid-normalize: $TMP/rules/boilerplate.rules:$nb: $skip" \
    "whosaid-normalize: $TMP/rules/meta.rules:$nm: $skip" \
    "whosaid-normalize: stats: in 3 out 3 errors 0 bad_lines 0 duplicate_ids 0 split 0 match_limits 2" \
    >"$TMP/want"
cmp -s "$TMP/want" "$TMP/err" || fail "stderr: $(cat "$TMP/err")"
export NB="$nb" NM="$nm"
json_check "$TMP/out" '[r["id"] for r in recs] == ["a", "b", "c"] and not any("errors" in r for r in recs)'
json_check "$TMP/out" 'recs[0]["text"] == "A good article. It says things."'
# The document is made without the rule: its text and sentences are there.
json_check "$TMP/out" 'recs[1]["text"] == "A bad article.\n\n" + "a" * 40 + "c" and len(recs[1]["sentences"]) == 2'
hit='os.environ["TMP"] + "/rules/%s.rules:%s: match limit hit; the rule was skipped for a line of 41 bytes"'
json_check "$TMP/out" "[(w['code'], w['message']) for w in recs[1]['warnings']] == [('match_limit', $hit % ('boilerplate', os.environ['NB'])), ('match_limit', $hit % ('meta', os.environ['NM']))]"
json_check "$TMP/out" 'not any(w["code"] == "match_limit" for r in (recs[0], recs[2]) for w in r["warnings"])'

# From JSON Lines: the input's own fields and warnings are kept, the rule's
# warning follows them. More than 10 documents hit the boilerplate rule:
# 10 are shown, then one line, then the total at the end.
python3 - "$TMP/in.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    f.write(json.dumps({"id": "j1", "text": "Fine words here.\n\n" + "a" * 30 + "c", "mine": 7,
                        "warnings": [{"code": "given", "message": "kept"}]}) + "\n")
    for i in range(2, 15):
        f.write(json.dumps({"id": "j%d" % i, "text": "Some text here.\n\n" + "a" * 30 + "c"}) + "\n")
    f.write(json.dumps({"id": "fine", "text": "Fine."}) + "\n")
PY
timeout 60 "$BIN/whosaid-normalize" -s "$TMP/in.jsonl" >"$TMP/jout" 2>"$TMP/jerr"
st=$?
[ "$st" -eq 0 ] || fail "jsonl: exit status $st, want 0; stderr: $(cat "$TMP/jerr")"
json_check "$TMP/jout" '[r["id"] for r in recs] == ["j%d" % i for i in range(1, 15)] + ["fine"]'
json_check "$TMP/jout" 'recs[0]["mine"] == 7 and [w["code"] for w in recs[0]["warnings"]][:2] == ["given", "match_limit"]'
json_check "$TMP/jout" 'all(r["text"].endswith("a" * 30 + "c") for r in recs[:14]) and not any("errors" in r for r in recs)'
python3 - "$TMP/jout" "$TMP/jerr" "$TMP/rules/boilerplate.rules:$nb" <<'PY' || fail "rate limit or stats wrong: $(cat "$TMP/jerr")"
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
err = open(sys.argv[2]).read().splitlines()
rule = sys.argv[3]
total = sum(w["code"] == "match_limit" for r in recs for w in r["warnings"])
shown = [l for l in err if l.startswith("whosaid-normalize: %s: match limit hit in document " % rule)]
assert [l.split(" in document ")[1].split(";")[0] for l in shown] == ["j%d" % i for i in range(1, 11)], shown
assert ("whosaid-normalize: %s: match limit hit in 10 documents; further hits of this rule are only counted" % rule) in err
n = sum(w["message"].startswith(rule + ":") for r in recs for w in r["warnings"])
assert n == 14, n
assert "whosaid-normalize: %s: match limit hit in 14 documents in all" % rule in err[-3:], err[-3:]
assert err[-1] == "whosaid-normalize: stats: in 15 out 15 errors 0 bad_lines 0 duplicate_ids 0 split 0 match_limits %d" % total, err[-1]
assert len(err) <= 2 * (10 + 2) + 1, len(err)  # bounded: at most 10 per rule shown
PY
# tag passes the record on, warnings and all, and has nothing to add.
"$BIN/whosaid-tag" <"$TMP/out" >"$TMP/tagged" 2>"$TMP/terr"
st=$?
[ "$st" -eq 0 ] || fail "tag: exit status $st; stderr: $(cat "$TMP/terr")"
[ -s "$TMP/terr" ] && fail "tag re-reported normalize's hits: $(cat "$TMP/terr")"
json_check "$TMP/tagged" '[r["id"] for r in recs] == ["a", "b", "c"] and [w["code"] for w in recs[1]["warnings"]][:2] == ["match_limit"] * 2'
exit 0
