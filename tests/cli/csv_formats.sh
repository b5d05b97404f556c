#!/bin/sh
# --tsv (escapes instead of quotes, one line per row), --excel (UTF-8 BOM,
# CR LF), --crlf, --no-header: the bytes and the cells read back.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/tools/sheets-lib.sh"
CSV="$BIN/whosaid-csv"
IN="$DATA/claims_nasty.jsonl"

"$CSV" --tsv "$IN" > "$TMP/a.tsv" || fail "--tsv: status $?"
sheets csv claims "$IN" "$TMP/a.tsv" --tsv
[ "$(wc -l < "$TMP/a.tsv")" -eq 8 ] || fail "--tsv: not one line per row"
[ "$(awk -F'\t' '{print NF}' "$TMP/a.tsv" | sort -u)" = 15 ] || fail "--tsv: not 15 fields per line"
grep -q 'Line one\\r\\nLine two, "three"\\n\\n👍 done\\\\ back\\\\slash\\ttab' "$TMP/a.tsv" \
    || fail "--tsv escapes"

"$CSV" --excel "$IN" > "$TMP/x.csv" || fail "--excel: status $?"
sheets csv claims "$IN" "$TMP/x.csv" --excel
[ "$(head -c 3 "$TMP/x.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "--excel: no BOM"
head -n 1 "$TMP/x.csv" | od -c | grep -q '\\r  \\n' || fail "--excel: header not CR LF"
sheets_rejects csv claims "$IN" "$TMP/x.csv"

"$CSV" --excel --tsv "$IN" > "$TMP/x.tsv" || fail "--excel --tsv"
sheets csv claims "$IN" "$TMP/x.tsv" --excel --tsv

"$CSV" --crlf "$IN" > "$TMP/crlf.csv" || fail "--crlf"
[ "$(head -c 3 "$TMP/crlf.csv")" = doc ] || fail "--crlf wrote a BOM"
[ "$(grep -c "$(printf '\r')\$" "$TMP/crlf.csv")" -ge 7 ] || fail "--crlf: rows not CR LF"

"$CSV" --no-header -c doc "$IN" > "$TMP/nh.csv" || fail "--no-header"
[ "$(head -n 1 "$TMP/nh.csv")" = 002_cyber ] || fail "--no-header: $(head -n 1 "$TMP/nh.csv")"
# A row of one empty cell stays a row ("" rather than a blank line).
"$CSV" -c nothing "$IN" 2>/dev/null > "$TMP/empty.csv"
[ "$(grep -c '^""$' "$TMP/empty.csv")" -eq 7 ] || fail "one-empty-cell rows"
exit 0
