#!/bin/sh
# A 6 MB one-line article with --max-doc 1M is written as parts, not held
# whole: ids ID, ID#2 ..., "part" in order with increasing byte_start, a
# "split" warning on each and one message on stderr, part 1's metadata on
# every part, the whole text kept (exactly so with --verbatim), and tag
# takes every part. The same for a JSON Lines record with a long text.
. "$(dirname "$0")/../lib.sh"
python3 - "$TMP" <<'PY'
import json, sys
d = sys.argv[1]
w = "Prime Minister Jane Doe said on Monday that 5% of voters agreed. "
body = w * (6_000_000 // len(w))
# A page header (title, byline, date line) then one huge line.
open(d + "/big.txt", "w").write("Voters agree\n\nBy John Roe\n\nMarch 3, 2021\n\n" + body)
with open(d + "/big.jsonl", "w") as f:
    f.write(json.dumps({"id": "small", "text": "A short one."}) + "\n")
    f.write(json.dumps({"id": "big", "text": "Caf\u00e9 " * 700_000, "meta": {"outlet": "Le Monde"},
                        "spans": [{"start": 0, "end": 4}], "mine": 1}) + "\n")
PY
SIZE=$(wc -c <"$TMP/big.txt")
export SIZE TMP
"$BIN/whosaid-normalize" --max-doc 1M "$TMP/big.txt" >"$TMP/out" 2>"$TMP/err" || fail "exit status $?"
[ "$(cat "$TMP/err")" = "whosaid-normalize: $TMP/big.txt: document big is $SIZE bytes, split into 6 parts of at most 1 MiB (--max-doc)" ] \
    || fail "stderr: $(cat "$TMP/err")"
json_check "$TMP/out" 'len(recs) == 6 and [r["id"] for r in recs] == ["big"] + ["big#%d" % k for k in range(2, 7)]'
json_check "$TMP/out" '[r["part"]["n"] for r in recs] == list(range(1, 7)) and recs[0]["part"]["byte_start"] == 0'
json_check "$TMP/out" 'all(a["part"]["byte_start"] + 524288 <= b["part"]["byte_start"] <= a["part"]["byte_start"] + 1048576 for a, b in zip(recs, recs[1:]))'
json_check "$TMP/out" 'all(list(r)[:3] == ["id", "source", "part"] and list(r)[-1] == "warnings" for r in recs)'
json_check "$TMP/out" 'all([w["code"] for w in r["warnings"]] == ["split"] for r in recs)'
json_check "$TMP/out" '"part 3, from byte" in recs[2]["warnings"][0]["message"] and "1 MiB" in recs[2]["warnings"][0]["message"]'
# Part 1's header metadata is on every part; later parts lose no line to it.
json_check "$TMP/out" 'all(r["meta"] == {"title": "Voters agree", "byline": "John Roe", "published": "2021-03-03"} for r in recs)'
json_check "$TMP/out" 'all(r["text"].startswith("Prime Minister") and r["text"].endswith("agreed.") for r in recs)'
# Parts are cut at sentence ends: nothing but the blanks between them goes.
json_check "$TMP/out" 'abs(sum(len(r["text"]) + 1 for r in recs) - (int(os.environ["SIZE"]) - 44)) < 10'
# --verbatim: every byte, in order.
"$BIN/whosaid-normalize" --verbatim --max-doc 1M "$TMP/big.txt" >"$TMP/vout" 2>/dev/null || fail "verbatim: exit status $?"
json_check "$TMP/vout" '"".join(r["text"] for r in recs) == open(os.environ["TMP"] + "/big.txt").read()'
json_check "$TMP/vout" 'all(len("".join(r["text"] for r in recs[:k]).encode()) == recs[k]["part"]["byte_start"] for k in range(len(recs)))'
# tag takes every part (its default rules on the last part only, to keep
# the test fast: "on Monday" there is anchored on part 1's date).
"$BIN/whosaid-tag" --no-default-rules --stats <"$TMP/out" >/dev/null 2>"$TMP/terr" || fail "tag: exit status $?"
grep -qF "whosaid-tag: stats: in 6 out 6 errors 0 bad_lines 0" "$TMP/terr" || fail "tag: $(cat "$TMP/terr")"
tail -n 1 "$TMP/out" | "$BIN/whosaid-tag" >"$TMP/tagged" || fail "tag: exit status $?"
json_check "$TMP/tagged" 'recs[0]["id"] == "big#6" and any(s["type"] == "DATE" and s.get("value", "").startswith("2021-03") for s in recs[0]["spans"])'

# A JSON Lines record: same ids and parts (byte_start counts bytes of its
# text), its meta and own fields kept on each part, its spans dropped.
"$BIN/whosaid-normalize" --stats --max-doc 1M "$TMP/big.jsonl" >"$TMP/jout" 2>"$TMP/jerr" || fail "jsonl: exit status $?"
grep -qF "whosaid-normalize: $TMP/big.jsonl:2: document big is 4200000 bytes, split into 5 parts of at most 1 MiB (--max-doc)" "$TMP/jerr" \
    || fail "jsonl stderr: $(cat "$TMP/jerr")"
grep -qF "whosaid-normalize: stats: in 2 out 6 errors 0 bad_lines 0 duplicate_ids 0 split 1" "$TMP/jerr" || fail "jsonl stats: $(cat "$TMP/jerr")"
json_check "$TMP/jout" '[r["id"] for r in recs] == ["small", "big", "big#2", "big#3", "big#4", "big#5"] and "part" not in recs[0]'
json_check "$TMP/jout" 'all(r["meta"] == {"outlet": "Le Monde"} and r["mine"] == 1 and r["spans"] == [] for r in recs[1:])'
json_check "$TMP/jout" 'all("spans_dropped" in [w["code"] for w in r["warnings"]] for r in recs[1:])'
json_check "$TMP/jout" 'sum(len(r["text"]) + 1 for r in recs[1:]) == 3_500_000'
# A --max-doc that is not a size is a usage error.
for bad in 0 1.5M 4MB x; do
    "$BIN/whosaid-normalize" --max-doc "$bad" "$TMP/big.jsonl" >"$TMP/uout" 2>"$TMP/uerr"
    st=$?
    [ "$st" -eq 2 ] && [ ! -s "$TMP/uout" ] || fail "--max-doc $bad: exit status $st"
    [ "$(cat "$TMP/uerr")" = "whosaid-normalize: invalid --max-doc '$bad' (bytes, or with a K, M or G suffix)" ] \
        || fail "--max-doc $bad: $(cat "$TMP/uerr")"
done
exit 0
