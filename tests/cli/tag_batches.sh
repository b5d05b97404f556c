#!/bin/sh
# whosaid-tag tags records in batches (its regex rules tried across the
# texts of a batch at once) yet behaves as one record at a time: a record
# sent alone through a pipe gets its output before more input comes, and
# messages about bad lines and bad records come in input order, among the
# others, with every good record written in order.
. "$(dirname "$0")/../lib.sh"

rec() { # rec ID TEXT: a record as whosaid-normalize writes one
    printf '{"id":"%s","text":"%s","sentences":[[0,%d]]}\n' "$1" "$2" "${#2}"
}

# A pipe that stays open: each record's output must come while the writer
# waits for it (-u: written as soon as made).
mkfifo "$TMP/fifo"
"$BIN/whosaid-tag" -u "$TMP/fifo" >"$TMP/stream.out" 2>"$TMP/stream.err" &
tagger=$!
wait_lines() { # wait_lines N: up to 10 s for N lines of output
    i=0
    while [ "$(wc -l <"$TMP/stream.out")" -lt "$1" ] && [ $i -lt 100 ]; do
        sleep 0.1
        i=$((i + 1))
    done
}
{
    rec a1 "Mr. John Smith said 40% of France voted on 3 May 2021."
    wait_lines 1
    rec a2 "Germany said so."
    wait_lines 2
    [ "$(wc -l <"$TMP/stream.out")" -ge 2 ] && echo ok >"$TMP/stream.ok"
} >"$TMP/fifo"
wait $tagger || fail "stream: exit status $?: $(cat "$TMP/stream.err")"
[ -f "$TMP/stream.ok" ] || fail "stream: a record's output waited for more input"
{
    rec a1 "Mr. John Smith said 40% of France voted on 3 May 2021."
    rec a2 "Germany said so."
} >"$TMP/two.jsonl"
"$BIN/whosaid-tag" "$TMP/two.jsonl" >"$TMP/two.out" || fail "two: whosaid-tag failed"
cmp -s "$TMP/stream.out" "$TMP/two.out" || fail "stream: output differs from a file's"

# Bad lines and records among good ones, more than a batch of them.
python3 - >"$TMP/mixed.jsonl" <<'PY'
import json
for i in range(150):
    text = "Ms. Ann Lee said %d%% of Spain agreed on %d June 2020." % (i, 1 + i % 28)
    rec = {"id": "r%d" % i, "text": text, "sentences": [[0, len(text)]]}
    if i % 17 == 3:
        print('{"id": "bad%d", "text": ' % i)  # not JSON
        continue
    if i % 23 == 5:
        rec["sentences"] = [[0, len(text) + 5]]  # out of range
    if i % 31 == 7:
        rec["id"] = "r0"  # a duplicate
    print(json.dumps(rec))
PY
"$BIN/whosaid-tag" "$TMP/mixed.jsonl" >"$TMP/mixed.out" 2>"$TMP/mixed.err"
[ $? -eq 1 ] || fail "mixed: want exit status 1"
python3 - "$TMP/mixed.jsonl" "$TMP/mixed.out" "$TMP/mixed.err" <<'PY' || fail "mixed: see above"
import json, re, sys
lines = open(sys.argv[1]).read().splitlines()
out = [json.loads(l) for l in open(sys.argv[2])]
err = open(sys.argv[3]).read().splitlines()
want = []
for l in lines:
    try:
        want.append(json.loads(l)["text"])
    except ValueError:
        pass
assert [r["text"] for r in out] == want, "records missing or out of order"
assert all(r.get("spans") for r in out if not r.get("errors")), "a good record without spans"
nums = [int(re.search(r"mixed\.jsonl:(\d+):", e).group(1)) for e in err]
bad = sum(1 for i in range(150) if i % 17 == 3)
wrong = sum((i % 23 == 5) + (i % 31 == 7) for i in range(150) if i % 17 != 3)
assert len(nums) == bad + wrong, "want %d messages: %s" % (bad + wrong, err)
assert nums == sorted(nums), "messages out of input order: %s" % nums
PY
exit 0
