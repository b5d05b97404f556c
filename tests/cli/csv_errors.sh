#!/bin/sh
# whosaid-csv on bad input and bad usage: located messages, documented exit
# statuses, the good records still written, no crash.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/tools/sheets-lib.sh"
CSV="$BIN/whosaid-csv"
BAD="$DATA/claims_bad.jsonl"

"$CSV" "$BAD" > "$TMP/out.csv" 2> "$TMP/err"
[ $? -eq 1 ] || fail "bad lines: status not 1"
# (The reader's own wording may change; the place may not.)
for want in "^whosaid-csv: $BAD:3: .*JSON" "^whosaid-csv: $BAD:4: .*JSON object" \
            "^whosaid-csv: $BAD:5: .*JSON" \
            "^whosaid-csv: $BAD:6: document d is not a claim record"; do
    grep -q "$want" "$TMP/err" || fail "missing message: $want"
done
[ "$(wc -l < "$TMP/err")" -eq 4 ] || fail "unexpected messages: $(cat "$TMP/err")"
sheets csv claims "$BAD" "$TMP/out.csv"
[ "$(cut -d, -f1 "$TMP/out.csv" | tr '\n' ' ')" = "doc good1 good2 good3 " ] || fail "good rows"

# A missing input among good ones: reported, the others still read.
"$CSV" "$DATA/claims_nasty.jsonl" "$TMP/nope.jsonl" > "$TMP/two.csv" 2> "$TMP/err"
[ $? -eq 1 ] || fail "missing file: status"
grep -q "^whosaid-csv: $TMP/nope.jsonl: No such file" "$TMP/err" || fail "missing file message"
[ "$(wc -l < "$TMP/two.csv")" -ge 8 ] || fail "missing file: rows of the good input lost"

# Usage errors: status 2, nothing written.
for args in "--table people" "-c a,,b" "-c ," "--bogus"; do
    # shellcheck disable=SC2086
    "$CSV" $args "$DATA/claims_nasty.jsonl" > "$TMP/u.csv" 2> "$TMP/err"
    [ $? -eq 2 ] || fail "'$args': status not 2"
    [ -s "$TMP/u.csv" ] && fail "'$args': wrote output"
    [ -s "$TMP/err" ] || fail "'$args': no message"
done
"$CSV" -t people < /dev/null 2>&1 | grep -q "whosaid-csv: --table: 'people' is not" || fail "--table message"
"$CSV" --help | grep -q "Exit status" || fail "--help"

# A -c name no record has: a warning, the run is still fine.
"$CSV" -c doc,speakr "$DATA/claims_nasty.jsonl" > /dev/null 2> "$TMP/err" || fail "-c unknown: status"
grep -q "column 'speakr' is empty in every row" "$TMP/err" || fail "no warning for speakr"

# Output trouble: a full disk is status 1, a reader that goes away status 0.
"$CSV" "$DATA/claims_nasty.jsonl" > /dev/full 2> "$TMP/err"
[ $? -eq 1 ] || fail "/dev/full: status not 1"
grep -q "whosaid-csv: writing output" "$TMP/err" || fail "/dev/full: message"
yes "$(head -n 1 "$DATA/claims_nasty.jsonl")" | head -n 20000 > "$TMP/many.jsonl"
status=$( { "$CSV" "$TMP/many.jsonl"; echo $? > "$TMP/st"; } | head -c 10 > /dev/null; cat "$TMP/st")
[ "$status" = 0 ] || fail "closed pipe: status $status"
# Empty input: just the header.
[ "$("$CSV" -c a,b < /dev/null 2>/dev/null)" = "a,b" ] || fail "empty input"
exit 0
