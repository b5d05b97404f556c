#!/bin/sh
# Hostile documents through the whole chain: overlong UTF-8 encodings and
# surrogates, unbalanced quotes, text that is only punctuation, JSON nested
# beyond jansson's depth limit. Each good-or-repairable document comes out
# (with a warning where something was repaired); the unparseable line is
# reported at its file:line; status 1 for it.
. "$(dirname "$0")/../lib.sh"
cd "$TMP" || exit 1
printf 'Overlong slash \300\257 and zero \340\200\200 and \360\200\200\257, surrogate \355\240\200 said Ana Silva on Monday.\n' >overlong.txt
printf '"He said \342\200\234nothing. \342\200\234\342\200\234 And "then" " " she said "\n\n"Unbalanced\n' >quotes.txt
python3 -c 'print("!?.,;:-- ... ?!" * 5000)' >punct.txt
python3 -c 'print("{\"id\":\"deep\",\"text\":\"x\",\"meta\":" + "{\"a\":" * 3000 + "1" + "}" * 3001)' >nested.jsonl
python3 -c 'import json; print(json.dumps({"id": "ok", "text": "Plain text, said Ana Silva."}))' >>nested.jsonl
"$BIN/whosaid" --until resolve overlong.txt quotes.txt punct.txt nested.jsonl >out 2>err
st=$?
[ "$st" -eq 1 ] || fail "exit status $st, want 1; stderr: $(cat err)"
[ "$(cat err)" = "whosaid-normalize: nested.jsonl:1: not valid JSON: maximum parsing depth reached near '{' (column 10267)" ] || fail "stderr: $(cat err)"
json_check out '[r["id"] for r in recs] == ["overlong", "quotes", "punct", "ok"]'
json_check out 'recs[0]["warnings"][0]["code"] == "invalid_utf8" and "12 ill-formed" in recs[0]["warnings"][0]["message"] and "\ufffd\ufffd and zero" in recs[0]["text"]'
json_check out '{("PERSON", "Ana Silva"), ("DATE", "Monday")} <= {(s["type"], s["text"]) for s in recs[0]["spans"]}'
json_check out 'recs[1]["text"].count("\"") == 7 and len(recs[1]["sentences"]) >= 2'
json_check out 'len(recs[2]["text"]) > 70000 and recs[2]["spans"] == []'
