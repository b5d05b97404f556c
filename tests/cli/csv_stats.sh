#!/bin/sh
# --stats of the last stages: whosaid-csv and whosaid-xlsx print the counts
# line of every stage ("in N out N errors N bad_lines N duplicate_ids N")
# plus their own pairs, and the figures reconcile: in == out + errors, csv's
# rows are the data rows written, claims' "claims N" is csv's in and rows
# for the claims table, xlsx's claims + documents == in.
. "$(dirname "$0")/../lib.sh"
. "$TOP/tests/tools/sheets-lib.sh"
CSV="$BIN/whosaid-csv"
XLSX="$BIN/whosaid-xlsx"
export TMP
# stat FILE KEY: the figure after KEY on the stats line of FILE.
stat() { sed -n 's/^whosaid-[a-z]*: stats: //p' "$1" | tr ' ' '\n' | sed -n "/^$2\$/{n;p;}"; }
# data_rows FILE: CSV records in FILE, header excluded (cells may hold newlines).
data_rows() { "$PY" -c 'import csv, sys; print(len(list(csv.reader(open(sys.argv[1], newline="")))) - 1)' "$1"; }

# Bad lines and a refused document among claims: each counted where it belongs.
"$CSV" -s "$DATA/claims_bad.jsonl" >"$TMP/out.csv" 2>"$TMP/err"
[ $? -eq 1 ] || fail "claims_bad: status not 1"
[ "$(tail -n 1 "$TMP/err")" = "whosaid-csv: stats: in 4 out 3 errors 1 bad_lines 3 duplicate_ids 0 rows 3" ] ||
    fail "claims_bad stats: $(tail -n 1 "$TMP/err")"
[ "$(data_rows "$TMP/out.csv")" = 3 ] || fail "claims_bad: rows written"
# Without -s no stats line.
"$CSV" "$DATA/claims_bad.jsonl" >/dev/null 2>"$TMP/err"
grep -q "stats:" "$TMP/err" && fail "stats line without -s"

# A chain: claims' claim count is csv's input and, for the claims table,
# its rows; document records give the entities and stats tables.
cat "$TOP"/corpus/*.resolve.jsonl >"$TMP/docs.jsonl"
ndocs=$(wc -l <"$TMP/docs.jsonl")
"$BIN/whosaid-claims" -s "$TMP/docs.jsonl" >"$TMP/claims.jsonl" 2>"$TMP/cerr" || fail "claims failed"
nclaims=$(stat "$TMP/cerr" claims)
[ "$nclaims" -gt 0 ] && [ "$nclaims" = "$(wc -l <"$TMP/claims.jsonl")" ] || fail "claims count $nclaims"
"$CSV" -s "$TMP/claims.jsonl" >"$TMP/c.csv" 2>"$TMP/err" || fail "csv claims: status"
for k in in out rows; do
    [ "$(stat "$TMP/err" $k)" = "$nclaims" ] || fail "claims table: $k is not $nclaims: $(cat "$TMP/err")"
done
[ "$(data_rows "$TMP/c.csv")" = "$nclaims" ] || fail "claims table: rows in the file"
for t in entities stats; do
    "$CSV" -s -t $t "$TMP/docs.jsonl" >"$TMP/$t.csv" 2>"$TMP/err" || fail "csv $t: status"
    [ "$(stat "$TMP/err" in)" = "$ndocs" ] && [ "$(stat "$TMP/err" out)" = "$ndocs" ] ||
        fail "$t table: in/out: $(cat "$TMP/err")"
    rows=$(stat "$TMP/err" rows)
    [ "$rows" -gt 0 ] && [ "$rows" = "$(data_rows "$TMP/$t.csv")" ] || fail "$t table: rows $rows"
done
# Documents in the claims table are refused: in == out + errors.
"$CSV" -s "$TMP/docs.jsonl" "$TMP/claims.jsonl" >/dev/null 2>"$TMP/err"
[ $? -eq 1 ] || fail "mixed: status not 1"
[ "$(tail -n 1 "$TMP/err")" = \
  "whosaid-csv: stats: in $((ndocs + nclaims)) out $nclaims errors $ndocs bad_lines 0 duplicate_ids 0 rows $nclaims" ] ||
    fail "mixed stats: $(tail -n 1 "$TMP/err")"
# A closed output: out counts only what was written (less than in).
yes "$(head -n 1 "$TMP/claims.jsonl")" | head -n 20000 >"$TMP/many.jsonl"
"$CSV" -s "$TMP/many.jsonl" 2>"$TMP/err" | head -c 10 >/dev/null
out=$(stat "$TMP/err" out)
[ "$(stat "$TMP/err" in)" -gt 0 ] && [ "$out" -lt 20000 ] || fail "closed pipe stats: $(cat "$TMP/err")"

# whosaid-xlsx: claims and documents in one stream, and bad lines.
"$XLSX" -s -o "$TMP/w.xlsx" "$DATA/claims_bad.jsonl" "$TMP/docs.jsonl" "$TMP/claims.jsonl" 2>"$TMP/err"
[ $? -eq 1 ] || fail "xlsx: status not 1"
want="whosaid-xlsx: stats: in $((ndocs + nclaims + 4)) out $((ndocs + nclaims + 4)) errors 0 bad_lines 3 duplicate_ids 0 claims $((nclaims + 3)) documents $((ndocs + 1))"
[ "$(tail -n 1 "$TMP/err")" = "$want" ] || fail "xlsx stats: $(tail -n 1 "$TMP/err"), want $want"
"$PY" - "$TMP/w.xlsx" "$((nclaims + 3))" <<'PY' || fail "xlsx: Claims rows do not match the claims figure"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1], read_only=True)["Claims"]
sys.exit(0 if sum(1 for _ in ws.iter_rows()) - 1 == int(sys.argv[2]) else 1)
PY
# A workbook that cannot be written: nothing went out.
"$XLSX" -s -o /dev/full "$TMP/claims.jsonl" 2>"$TMP/err"
[ $? -eq 1 ] || fail "xlsx /dev/full: status"
[ "$(stat "$TMP/err" in)" = "$nclaims" ] && [ "$(stat "$TMP/err" out)" = 0 ] || fail "xlsx /dev/full stats: $(cat "$TMP/err")"
exit 0
