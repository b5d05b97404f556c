#!/bin/sh
# Good and bad records through whosaid-tag and through the chain: every
# record with an id comes out (bad ones with an "errors" entry), every
# unusable line is reported at its file:line, --stats reconciles, status 1.
. "$(dirname "$0")/../lib.sh"
python3 - "$TMP/in.jsonl" <<'PY'
import json, sys
good = lambda i: json.dumps({"id": i, "text": "Prime Minister Jane Doe said on Monday that 5% of Paris voted."})
lines = [
    good("g1"),
    '{"id":"broken","text":',                                    # 2: not JSON
    '[1, 2, 3]',                                                 # 3: not an object
    '{"text": "no id here"}',                                    # 4: no id
    '{"id": 42, "text": "id is a number"}',                      # 5: id not a string
    json.dumps({"id": "t-num", "text": 17}),                     # 6: text not a string
    json.dumps({"id": "t-none"}),                                # 7: no text
    json.dumps({"id": "sp-range", "text": "short", "spans": [{"start": 2, "end": 99}]}),
    json.dumps({"id": "sp-float", "text": "short", "spans": [{"start": 0.5, "end": 3}]}),
    json.dumps({"id": "se-range", "text": "short", "sentences": [[0, 3], [2, 5]]}),
    json.dumps({"id": "se-neg", "text": "short", "sentences": [[-1, 3]]}),
    good("g2"),
    good("g1"),                                                  # 13: duplicate id
    '',                                                          # blank: ignored
    '{"id":"dupkey","id":"x","text":"t"}',                       # 15: duplicate key
    '[' * 5000 + ']' * 5000,                                     # 16: too deep
    good("g3"),
]
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
PY
F="$TMP/in.jsonl"
"$BIN/whosaid-tag" --stats "$F" >"$TMP/out" 2>"$TMP/err"
st=$?
[ "$st" -eq 1 ] || fail "exit status $st, want 1; stderr: $(cat "$TMP/err")"
json_check "$TMP/out" '[r["id"] for r in recs] == ["g1", "t-num", "t-none", "sp-range", "sp-float", "se-range", "se-neg", "g2", "g1", "g3"]'
json_check "$TMP/out" 'all(("errors" in r) == (r["id"] not in ("g1", "g2", "g3")) for r in recs)'
json_check "$TMP/out" 'all(e["stage"] == "whosaid-tag" for r in recs for e in r.get("errors", []))'
json_check "$TMP/out" 'all(len(r["spans"]) >= 3 for r in recs if r["id"] in ("g1", "g2", "g3"))'
json_check "$TMP/out" '[w["code"] for w in recs[8].get("warnings", [])] == ["duplicate_id"]'
# Bad records keep their fields exactly.
json_check "$TMP/out" 'recs[1]["text"] == 17 and recs[3]["spans"] == [{"start": 2, "end": 99}]'
expect() { grep -qF -- "$1" "$TMP/err" || fail "no '$1' in stderr: $(cat "$TMP/err")"; }
expect "whosaid-tag: $F:2: not valid JSON: "
expect "whosaid-tag: $F:3: expected a JSON object"
expect "whosaid-tag: $F:4: record has no \"id\" string"
expect "whosaid-tag: $F:5: record has no \"id\" string"
expect "whosaid-tag: $F:6: document t-num: \"text\" is not a string"
expect "whosaid-tag: $F:7: document t-none: record has no \"text\""
expect "whosaid-tag: $F:8: document sp-range: \"spans\"[0] offsets [2, 99] are out of range (the text has 5 code points)"
expect "whosaid-tag: $F:9: document sp-float: \"spans\"[0] has a \"start\" or \"end\" that is not an integer"
expect "whosaid-tag: $F:10: document se-range: \"sentences\"[1] overlaps or precedes the one before"
expect "whosaid-tag: $F:11: document se-neg: \"sentences\"[0] offsets [-1, 3] are out of range"
expect "whosaid-tag: $F:13: duplicate id \"g1\""
expect "whosaid-tag: $F:15: not valid JSON: duplicate object key"
expect "whosaid-tag: $F:16: not valid JSON: maximum parsing depth reached"
expect "whosaid-tag: stats: in 10 out 10 errors 6 bad_lines 6 duplicate_ids 1"
[ "$(wc -l <"$TMP/err")" -eq 14 ] || fail "stderr has other lines: $(cat "$TMP/err")"

# The same records through the chain: normalize reads them as JSON Lines and
# checks less (no offsets), tag reports the rest; every id is accounted for.
"$BIN/whosaid-normalize" --stats "$F" 2>"$TMP/nerr" | "$BIN/whosaid-tag" --stats >"$TMP/out2" 2>"$TMP/terr"
json_check "$TMP/out2" 'sorted(r["id"] for r in recs) == ["g1", "g1", "g2", "g3", "se-neg", "se-range", "sp-float", "sp-range"]'
grep -qF "whosaid-normalize: $F:6: record t-num has no \"text\" string" "$TMP/nerr" || fail "normalize: $(cat "$TMP/nerr")"
grep -qF "whosaid-normalize: stats: in 8 out 8 errors 0 bad_lines 8 duplicate_ids 0" "$TMP/nerr" || fail "normalize stats: $(cat "$TMP/nerr")"
grep -qF "whosaid-tag: stats: in 8 out 8 errors 0 bad_lines 0 duplicate_ids 1" "$TMP/terr" || fail "tag stats: $(cat "$TMP/terr")"
grep -qF "whosaid-tag: -:" "$TMP/terr" || fail "tag: no duplicate reported: $(cat "$TMP/terr")"
exit 0
