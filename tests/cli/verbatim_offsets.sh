#!/bin/sh
# --verbatim keeps the text exactly (only invalid UTF-8 replaced), so a
# caller's code point offsets still slice the same strings, and fields the
# caller added pass through.
. "$(dirname "$0")/../lib.sh"
python3 -c '
import json
text = "Menu | Home | World\n\n  Caf\u00e9 owner Jos\u00e9 Garc\u00eda said \u201cno\u201d.\r\nZweite Zeile \U0001F600 here.  "
print(json.dumps({"id": "v1", "text": text, "gold": [{"start": 34, "end": 45, "type": "PER"}],
                  "spans": [{"id": "s1", "start": 34, "end": 45, "type": "PERSON"}]}))' >"$TMP/in.jsonl"
"$BIN/whosaid-normalize" --verbatim "$TMP/in.jsonl" >"$TMP/out" || fail "exit status $?"

IN="$TMP/in.jsonl"
export IN
json_check "$TMP/out" '(lambda r, i: r["text"] == i["text"] and r["text"][34:45] == "José García" and r["gold"] == i["gold"] and r["spans"] == i["spans"] and len(r["sentences"]) >= 2 and all(r["text"][a:b].strip() == r["text"][a:b] and b > a for a, b in r["sentences"]))(recs[0], json.loads(open(os.environ["IN"]).read()))'
# Without --verbatim the same record is cleaned, and its spans are dropped with a warning.
"$BIN/whosaid-normalize" "$TMP/in.jsonl" >"$TMP/out2" || fail "exit status $?"
json_check "$TMP/out2" 'recs[0]["spans"] == [] and any(w["code"] == "spans_dropped" for w in recs[0]["warnings"]) and "\r" not in recs[0]["text"] and "Menu" not in recs[0]["text"]'
